"""Settings come from the environment, fail loudly on bad values, and pass the deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sahakar.env import env_bool, env_int, env_list
from sahakar.evidence.reports.keys import new_private_pem

ROOT = Path(__file__).resolve().parents[3]


def test_it_reads_typed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env_bool("X_BOOL") is True
    assert env_int("X_INT", 1) == 42
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    assert env_int("X_MISSING", 7) == 7


@pytest.mark.parametrize(("reader", "value"), [(env_bool, "maybe"), (env_int, "forty")])
def test_it_fails_loudly_on_a_bad_value(
    monkeypatch: pytest.MonkeyPatch, reader: object, value: str
) -> None:
    monkeypatch.setenv("X_BAD", value)
    with pytest.raises(ImproperlyConfigured, match="X_BAD"):
        reader("X_BAD", 0)  # type: ignore[operator]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    unset = {"DEBUG", "SECRET_KEY", "SAHAKAR_AUDIT_KEYS", "SAHAKAR_REPORT_SIGNING_KEY"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_passes_the_deploy_check_with_production_settings(tmp_path: Path) -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SAHAKAR_PRODUCTION="1",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="sahakar.example",
        SAHAKAR_AUDIT_KEYS="k1:" + "QUJD" * 11,
        SAHAKAR_REPORT_SIGNING_KEY=new_private_pem().decode("ascii"),
        SAHAKAR_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path: Path) -> None:
    result = _manage("check", SAHAKAR_PRODUCTION="1", SAHAKAR_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_to_start_in_production_without_audit_keys(tmp_path: Path) -> None:
    result = _manage(
        "check",
        SAHAKAR_PRODUCTION="1",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        SAHAKAR_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "SAHAKAR_AUDIT_KEYS must be set" in result.stderr


def test_the_deploy_check_warns_of_the_development_audit_key(tmp_path: Path) -> None:
    result = _manage("check", "--deploy", SAHAKAR_DATA_DIR=str(tmp_path))
    assert "audit.W001" in result.stdout + result.stderr
