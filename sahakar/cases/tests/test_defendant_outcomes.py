"""Each defendant's outcome: a conviction with its sentence and/or fine (amount and currency),
an acquittal, a dismissal, an appeal; each at the stages where it can be decided. A refused
outcome changes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.models import Defendant
from sahakar.cases.tests.conftest import bring_to, first_defendant, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def judged(pp_investigator: Any) -> Defendant:
    """A defendant of a case at judgment."""
    return first_defendant(bring_to(make_case(pp_investigator), Stage.JUDGMENT, pp_investigator))


def _record(defendant: Defendant, user: Any, **fields: Any) -> Defendant:
    fields.setdefault("outcome_on", timezone.localdate())
    return services.record_defendant_outcome(defendant, acting_user=user, **fields)


def test_it_records_a_conviction_with_sentence_and_fine(
    judged: Defendant, pp_investigator: Any
) -> None:
    _record(
        judged,
        pp_investigator,
        outcome="convicted",
        sentence_months=60,
        fine_amount=Decimal("10000000"),
        fine_currency="khr",
        note="Art. 40",
    )
    judged.refresh_from_db()
    assert (judged.outcome, judged.sentence_months, judged.fine_amount, judged.fine_currency) == (
        "convicted",
        60,
        Decimal("10000000.00"),
        "KHR",
    )
    assert judged.fine_text == "10,000,000 KHR"


def test_it_records_life_imprisonment(judged: Defendant, pp_investigator: Any) -> None:
    _record(judged, pp_investigator, outcome="convicted", life_sentence=True)
    judged.refresh_from_db()
    assert judged.life_sentence and judged.sentence_months is None


@pytest.mark.parametrize("outcome", ["acquitted", "dismissed", "appealed"])
def test_it_records_the_other_outcomes(
    outcome: str, judged: Defendant, pp_investigator: Any
) -> None:
    _record(judged, pp_investigator, outcome=outcome)
    judged.refresh_from_db()
    assert judged.outcome == outcome and judged.outcome_on == timezone.localdate()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"outcome": "acquitted", "sentence_months": 12},
            "sentence_months",
            "only for a conviction",
        ),
        (
            {"outcome": "dismissed", "fine_amount": Decimal(5), "fine_currency": "USD"},
            "fine_amount",
            "only for a conviction",
        ),
        ({"outcome": "appealed", "life_sentence": True}, "life_sentence", "only for a conviction"),
        ({"outcome": "convicted"}, "sentence_months", "a prison sentence, a fine, or both"),
        (
            {"outcome": "convicted", "fine_amount": Decimal("-1"), "fine_currency": "USD"},
            "fine_amount",
            "greater than or equal to 0",
        ),
        (
            {"outcome": "convicted", "fine_amount": Decimal(100)},
            "fine_currency",
            "Give the currency",
        ),
        (
            {"outcome": "convicted", "sentence_months": 6, "fine_currency": "USD"},
            "fine_amount",
            "Give the amount",
        ),
        (
            {"outcome": "convicted", "fine_amount": Decimal(100), "fine_currency": "DOLLARS"},
            "fine_currency",
            "three-letter code",
        ),
        (
            {"outcome": "convicted", "sentence_months": 12, "life_sentence": True},
            "sentence_months",
            "not both",
        ),
        (
            {"outcome": "convicted", "sentence_months": 0},
            "sentence_months",
            "greater than or equal to 1",
        ),
        (
            {"outcome": "convicted", "sentence_months": 361},
            "sentence_months",
            "less than or equal to 360",
        ),
        ({"outcome": "acquitted", "outcome_on": None}, "outcome_on", "Give the date"),
        (
            {"outcome": "acquitted", "outcome_on": timezone.localdate() + timedelta(days=2)},
            "outcome_on",
            "in the future",
        ),
        ({"outcome": "pending"}, "outcome_on", "no decision date"),
        ({"outcome": "guilty"}, "outcome", "is not an outcome"),
    ],
)
def test_it_refuses_an_inconsistent_outcome_and_saves_nothing(
    judged: Defendant, pp_investigator: Any, fields: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _record(judged, pp_investigator, **fields)
    assert message in " ".join(refused.value.message_dict[field])
    assert judged.outcome == "pending" and judged.sentence_months is None  # caller's copy kept
    judged.refresh_from_db()
    assert (judged.outcome, judged.outcome_on, judged.fine_amount) == ("pending", None, None)


@pytest.mark.parametrize(
    ("stage", "outcome"),
    [
        (Stage.INVESTIGATION, "dismissed"),
        (Stage.CHARGED, "convicted"),
        (Stage.REFERRED, "acquitted"),
        (Stage.AT_TRIAL, "appealed"),
    ],
)
def test_it_refuses_an_outcome_the_stage_does_not_allow(
    stage: str, outcome: str, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), stage, pp_investigator)
    with pytest.raises(ValidationError) as refused:
        _record(first_defendant(case), pp_investigator, outcome=outcome, sentence_months=12)
    assert "cannot be recorded while the case is" in " ".join(refused.value.message_dict["outcome"])


def test_it_lets_the_prosecutor_dismiss_charges_once_referred(pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    defendant = _record(first_defendant(case), pp_investigator, outcome="dismissed")
    assert defendant.outcome == "dismissed"


def test_it_sets_an_outcome_back_to_pending(judged: Defendant, pp_investigator: Any) -> None:
    _record(judged, pp_investigator, outcome="acquitted")
    _record(judged, pp_investigator, outcome="pending", outcome_on=None)
    judged.refresh_from_db()
    assert (judged.outcome, judged.outcome_on) == ("pending", None)


def test_it_refuses_outcomes_on_a_closed_case(judged: Defendant, pp_investigator: Any) -> None:
    case = bring_to(judged.case, Stage.CLOSED, pp_investigator)
    with pytest.raises(ValidationError) as refused:
        _record(first_defendant(case), pp_investigator, outcome="pending", outcome_on=None)
    assert "is closed" in " ".join(refused.value.message_dict["stage"])
