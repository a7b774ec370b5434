"""The report signing key: configured as PEM or a path, a development key outside production,
refused in production when missing, and published for anyone to fetch."""

import os
import stat
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from sahakar.evidence.reports import checks, keys

ROOT = Path(__file__).resolve().parents[3]


def test_outside_production_a_development_key_follows_the_secret_key():
    first = keys.fingerprint()
    assert keys.is_development() and keys.fingerprint() == first
    with override_settings(SECRET_KEY="another secret key for another development machine"):
        assert keys.fingerprint() != first
    assert [m.id for m in checks.report_key_set()] == ["evidence.W001"]


def test_production_without_a_key_refuses_to_sign():
    with (
        override_settings(SAHAKAR_PRODUCTION=True, DEBUG=False, SAHAKAR_REPORT_SIGNING_KEY=""),
        pytest.raises(ImproperlyConfigured, match="SAHAKAR_REPORT_SIGNING_KEY must be set"),
    ):
        keys.signing_key()


def test_production_without_a_key_refuses_to_start(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SAHAKAR_REPORT_SIGNING_KEY"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            **env,
            "SAHAKAR_PRODUCTION": "1",
            "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
            "SAHAKAR_AUDIT_KEYS": "k1:" + "QUJD" * 11,
            "SAHAKAR_DATA_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SAHAKAR_REPORT_SIGNING_KEY must be set" in result.stderr


def test_a_key_is_read_from_its_pem_or_its_file(tmp_path):
    pem = keys.new_private_pem()
    path = tmp_path / "report-key.pem"
    path.write_bytes(pem)
    with override_settings(SAHAKAR_REPORT_SIGNING_KEY=pem.decode()):
        from_text = keys.fingerprint()
        assert checks.report_key_set() == [] and checks.report_key_readable() == []
    with override_settings(SAHAKAR_REPORT_SIGNING_KEY=str(path)):
        assert keys.fingerprint() == from_text


@pytest.mark.parametrize("value", ["/nowhere/report-key.pem", "-----BEGIN PRIVATE KEY-----\nno"])
def test_a_bad_key_says_why(value):
    with override_settings(SAHAKAR_REPORT_SIGNING_KEY=value):
        with pytest.raises(ImproperlyConfigured, match="SAHAKAR_REPORT_SIGNING_KEY"):
            keys.signing_key()
        assert [m.id for m in checks.report_key_readable()] == ["evidence.E001"]


def test_new_report_key_writes_a_private_file_once(tmp_path):
    target = tmp_path / "report-key.pem"
    out = StringIO()
    call_command("new_report_key", output=str(target), stdout=out)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with override_settings(SAHAKAR_REPORT_SIGNING_KEY=str(target)):
        assert f"Fingerprint: {keys.fingerprint()}" in out.getvalue()
    assert "PRIVATE" not in out.getvalue()
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("new_report_key", output=str(target), stdout=StringIO())


def test_the_public_key_is_published_without_signing_in(db):
    response = Client().get(reverse("evidence:report_key"))
    assert response.status_code == 200
    assert response.content == keys.public_pem()
    assert response["X-Key-Fingerprint"] == keys.fingerprint()
    assert response.content.startswith(b"-----BEGIN PUBLIC KEY-----")
