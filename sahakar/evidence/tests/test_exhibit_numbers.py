"""The exhibit page writes every weight and count one way: thousands grouped, the page's
decimal separator, the decimals of the unit; never "2957" beside "314,2 g"."""

import re
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from sahakar.evidence import services
from sahakar.evidence.tests.exhibit_fixtures import MORNING, signed_in
from sahakar.testing.evidence import take_in


@pytest.fixture(autouse=True)
def morning():
    with time_machine.travel(MORNING, tick=True):
        yield


def test_it_writes_weights_and_counts_one_way_in_both_languages(client, room):
    exhibit = take_in(room, quantity="2957", net="2957")
    services.weigh(
        exhibit,
        net_quantity=Decimal("2927.43"),
        net_unit="tablets",
        gross_weight_g=Decimal("314.2"),
        acting_user=room.custodian,
    )
    page = signed_in(client, room.custodian)
    url = reverse("evidence:exhibit_detail", args=[exhibit.pk])
    english = page.get(url).content.decode()
    for text in ("2,957 tablets", "2,927 tablets", "314.20 g", "250.00 g"):
        assert text in english, text
    assert not re.search(r"\b2957\b|2927[.,]43|314[.,]2 g", english)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    khmer = page.get(url).content.decode()
    for text in ("2.957 ", "2.927 ", "314,20 g", "250,00 g"):
        assert text in khmer, text
