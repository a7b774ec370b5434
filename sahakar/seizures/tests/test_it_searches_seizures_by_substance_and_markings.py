"""The seizure list's search finds substances by any of their names, and markings."""

from typing import Any

from sahakar.testing import factories as f


def test_it_finds_seizures_by_substance_name_and_markings(web: Any) -> None:
    pp = f.unit(f.PHNOM_PENH)
    ketamine = f.make_seizure(pp, "ADB-PP")
    f.make_item(ketamine, substance="KET", form="powder", quantity="12", unit_="g")
    marked = f.make_seizure(pp, "ADB-PP")
    f.make_item(marked, substance="AMPH", markings="WY")
    plain = f.make_seizure(pp, "ADB-PP")
    f.make_item(plain, substance="CANN", form="plant_material", quantity="3", unit_="kg")

    def found(q: str) -> str:
        return web.get("/seizures/", {"q": q}).content.decode()

    for typed in ("ketamine", "Ketamine", "កេតាមីន"):
        page = found(typed)
        assert ketamine.reference in page, typed
        assert plain.reference not in page, typed
    page = found("WY")
    assert marked.reference in page
    assert ketamine.reference not in page
    assert plain.reference in found("ganja")
    assert ketamine.reference not in found("ganja")
