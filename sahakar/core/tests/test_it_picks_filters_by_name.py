"""List filters that take a code (org unit, agency, substance) offer names to pick from;
the code stays what links and the API send."""

from typing import Any

from sahakar.testing import factories as f


def test_it_offers_names_where_codes_were_asked(web: Any) -> None:
    page = web.get("/seizures/").content.decode()
    assert '<select name="substance"' in page
    assert "Methamphetamine" in page and "yaba" in page
    assert '<select name="seizing_agency"' in page
    assert '<select name="org_unit"' in page
    assert "Org unit code" not in page and "Substance code" not in page


def test_it_lists_only_the_org_units_within_the_jurisdiction(web: Any) -> None:
    page = web.get("/seizures/").content.decode()
    phnom_penh, siem_reap = f.unit(f.PHNOM_PENH), f.unit(f.SIEM_REAP)
    assert f'<option value="{phnom_penh.code}"' in page
    assert f'<option value="{siem_reap.code}"' not in page


def test_it_still_filters_by_the_code(web: Any) -> None:
    pp = f.unit(f.PHNOM_PENH)
    ketamine = f.make_seizure(pp, "ADB-PP")
    f.make_item(ketamine, substance="KET", form="powder", quantity="12", unit_="g")
    meth = f.make_seizure(pp, "ADB-PP")
    f.make_item(meth)
    page = web.get("/seizures/", {"substance": "KET", "org_unit": pp.code}).content.decode()
    assert ketamine.reference in page
    assert meth.reference not in page
    assert '<option value="KET" selected>' in page
