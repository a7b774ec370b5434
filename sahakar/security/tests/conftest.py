"""These tests sign in through the real form many times: a fast hasher keeps them quick.
test_passwords puts Argon2 back to check what production stores."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
