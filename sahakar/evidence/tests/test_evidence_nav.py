"""The evidence room's own menu: each part for those who may see it."""

from django.urls import reverse

from sahakar.evidence.tests.exhibit_fixtures import signed_in


def _menu(client):
    page = client.get(reverse("evidence:exhibit_list"))
    assert page.status_code == 200
    return page.content.decode().split('class="section-nav"')[1].split("</nav>")[0]


def test_a_custodian_finds_every_part_of_the_evidence_room_from_the_exhibits(client, room):
    menu = _menu(signed_in(client, room.custodian))
    for name in (
        "evidence:scan",
        "evidence:evidencestore_list",
        "evidence:labrequest_list",
        "evidence:weightdiscrepancy_list",
        "evidence:inventory_list",
        "evidence:batch_transfer",
    ):
        assert f'href="{reverse(name)}"' in menu, name
    assert 'aria-current="page"' in menu


def test_a_field_officer_is_not_offered_moves_of_what_no_store_of_theirs_holds(
    client, room, pp_officer
):
    menu = _menu(signed_in(client, pp_officer))
    assert f'href="{reverse("evidence:exhibit_list")}"' in menu
    assert reverse("evidence:batch_transfer") not in menu
