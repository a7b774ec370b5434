"""Django's own validation messages are shown in Khmer on the Khmer pages (our catalogue in
sahakar/locale_django supplies what Django's Khmer lacks)."""

import re
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format

from sahakar.testing.english_phrases import english_phrases_in

KHMER = re.compile("[\u1780-\u17ff]")


class Everyday(forms.Form):
    name = forms.CharField(max_length=5)
    count = forms.IntegerField(min_value=1)
    day = forms.DateField()
    at = forms.DateTimeField()
    kind = forms.ChoiceField(choices=[("a", "A")])


def errors_in_khmer(data: dict[str, str]) -> dict[str, list[str]]:
    with translation.override("km"):
        form = Everyday(data)
        form.is_valid()
        return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def test_it_says_a_field_is_required_in_khmer() -> None:
    errors = errors_in_khmer({})
    assert errors["name"] == ["សូមបំពេញប្រអប់នេះ។"]


def test_it_refuses_bad_values_in_khmer() -> None:
    errors = errors_in_khmer({"name": "toolong", "count": "0", "day": "x", "at": "x", "kind": "z"})
    for name, messages in errors.items():
        for message in messages:
            assert KHMER.search(message), f"{name}: {message!r}"
            assert not english_phrases_in(message), f"{name}: {message!r}"


def test_it_explains_the_password_rules_in_khmer() -> None:
    with translation.override("km"), pytest.raises(ValidationError) as refused:
        validate_password("12345")
    for message in refused.value.messages:
        assert KHMER.search(message) and not english_phrases_in(message), message


def test_it_writes_dates_with_khmer_month_names() -> None:
    import datetime

    with translation.override("km"):
        text = date_format(datetime.date(2026, 3, 10), "SHORT_DATE_FORMAT")
    assert "មីនា" in text and not english_phrases_in(text)


def test_it_keeps_the_catalogue_apart_from_makemessages() -> None:
    # makemessages writes every source file's strings to the first locale path only.
    first, *others = (str(path) for path in settings.LOCALE_PATHS)
    assert first.endswith("/sahakar/locale")
    assert any(path.endswith("/sahakar/locale_django") for path in others)


def test_it_shows_a_khmer_error_on_a_khmer_page(signed_in: Any, pp_officer: Any) -> None:
    client = signed_in("pp_officer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    page = client.post("/venues/add/", {}).content.decode()
    assert "សូមបំពេញប្រអប់នេះ។" in page
    assert "This field is required." not in page
