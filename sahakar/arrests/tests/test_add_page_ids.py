"""The arrest form's prefill ids (?operation=, ?seizure=, the chosen person) are plain digits:
others are ignored, never a server error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["operation=²", "seizure=²", "operation=99999999999999999999999"])
def test_a_prefill_id_not_in_plain_digits_is_ignored(signed_in, query):
    assert signed_in("pp_officer").get(f"/arrests/add/?{query}").status_code == 200


def test_a_chosen_person_not_in_plain_digits_is_refused_at_the_form(signed_in):
    answer = signed_in("pp_officer").post("/arrests/add/", {"person": "²"})
    assert answer.status_code == 400
    assert "Choose the person arrested" in answer.content.decode()
