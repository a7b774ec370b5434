"""Passwords: Argon2id, 8 to 128 characters, no common ones."""

from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from sahakar.security.tests.helpers import signed_in
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_it_hashes_with_argon2_first_in_production_settings() -> None:
    from sahakar import settings as production

    assert production.PASSWORD_HASHERS == PRODUCTION_HASHERS


def test_it_stores_a_new_password_with_argon2id(pp_officer: Any, settings: Any) -> None:
    # Production's order; the persona's test-made MD5 hash must still be checkable.
    settings.PASSWORD_HASHERS = [
        *PRODUCTION_HASHERS,
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    client = signed_in(pp_officer)
    response = client.post(
        reverse("security:password_change"),
        {
            "old_password": f.PASSWORD,
            "new_password1": "monsoon ferry to kampot at dawn",
            "new_password2": "monsoon ferry to kampot at dawn",
        },
    )
    assert response.status_code == 302
    pp_officer.refresh_from_db()
    assert pp_officer.password.startswith("argon2$argon2id$")
    assert pp_officer.check_password("monsoon ferry to kampot at dawn")


def test_it_refuses_a_common_password(pp_officer: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password("password123", pp_officer)
    assert "password_too_common" in {e.code for e in refused.value.error_list}


def test_it_refuses_a_common_password_on_the_change_page(pp_officer: Any) -> None:
    client = signed_in(pp_officer)
    response = client.post(
        reverse("security:password_change"),
        {"old_password": f.PASSWORD, "new_password1": "iloveyou1", "new_password2": "iloveyou1"},
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    pp_officer.refresh_from_db()
    assert pp_officer.check_password(f.PASSWORD)


def test_it_accepts_a_128_character_passphrase_and_refuses_longer(pp_officer: Any) -> None:
    passphrase = ("rice fields under a grey sky " * 5)[:128]
    validate_password(passphrase, pp_officer)
    with pytest.raises(ValidationError, match="at most 128"):
        validate_password(passphrase + "x", pp_officer)


def test_it_refuses_fewer_than_8_characters(pp_officer: Any) -> None:
    with pytest.raises(ValidationError, match="at least 8"):
        validate_password("k7#pQ2z", pp_officer)
