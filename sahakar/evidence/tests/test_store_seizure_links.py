"""A store's page names the seizure of each exhibit it holds, linked to the seizure's page
for a custodian who may open it."""

import pytest
import time_machine
from django.urls import reverse

from sahakar.evidence.tests.exhibit_fixtures import MORNING, signed_in
from sahakar.testing.evidence import take_in


@pytest.fixture(autouse=True)
def morning():
    with time_machine.travel(MORNING, tick=True):
        yield


def test_it_links_each_exhibits_seizure(client, room):
    kept = take_in(room)
    page = signed_in(client, room.custodian).get(
        reverse("evidence:store_detail", args=[room.vault.pk])
    )
    url = kept.seizure.get_absolute_url()
    assert f'href="{url}"' in page.content.decode()
    assert client.get(url).status_code == 200
