"""The person list's search tolerates word order and small misspellings."""

from typing import Any

from sahakar.testing import factories as f


def test_it_finds_a_name_typed_the_other_way_round(web: Any) -> None:
    pp = f.unit(f.PHNOM_PENH)
    chea = f.make_person(pp, name_latin="Chea Vibol", name_km="ជា វិបុល")
    other = f.make_person(pp, name_latin="Sok Dara")
    for typed in ("Vibol Chea", "Chea Vibol", "Vibul Chea", "វិបុល ជា", "Vibol"):
        page = web.get("/persons/", {"q": typed}).content.decode()
        assert chea.get_absolute_url() in page, typed
        assert other.get_absolute_url() not in page, typed


def test_it_keeps_persons_of_other_jurisdictions_out(web: Any) -> None:
    hidden = f.make_person(f.unit(f.SIEM_REAP), name_latin="Chea Vibol")
    page = web.get("/persons/", {"q": "Vibol Chea"}).content.decode()
    assert hidden.get_absolute_url() not in page
