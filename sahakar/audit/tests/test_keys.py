"""The keyed chain: entries appended by someone with only database access do not verify."""

import base64
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection

from sahakar.audit import chain, keys
from sahakar.audit.log import record
from sahakar.audit.models import AuditEntry, AuditHead
from sahakar.audit.tests.test_chain import _bypassing_the_app

pytestmark = pytest.mark.django_db

K1 = "k1:" + base64.b64encode(b"1" * 32).decode()
K2 = "k2:" + base64.b64encode(b"2" * 32).decode()
# The set-up's entries (reference data) were signed with the development key: keep it last.
DEV = "dev:" + base64.b64encode(keys.development_secret()).decode()


def _append_as_a_database_user(mac: str = "", key_id: str = "") -> AuditEntry:
    """An entry with a correctly computed hash, inserted by SQL as anyone with INSERT could."""
    head = AuditHead.objects.get(pk=1)
    last = AuditEntry.objects.get(seq=head.seq)
    values: dict[str, Any] = {
        "seq": head.seq + 1,
        "time": last.time,
        "user_id": None,
        "username": "",
        "source": "web",
        "ip": None,
        "user_agent": "",
        "request_id": "f" * 32,
        "action": "delete",
        "content_type_id": None,
        "object_id": "",
        "object_repr": "a record that never existed",
        "before": None,
        "after": None,
        "detail": {},
        "prev_hash": head.hash,
    }
    values["hash"] = chain.values_hash(values)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (seq, time, username, source, user_agent, request_id,"
            " action, object_id, object_repr, detail, prev_hash, hash, key_id, mac)"
            " VALUES (%s, %s, '', 'web', '', %s, 'delete', '', %s, '{}', %s, %s, %s, %s)",
            [
                values["seq"],
                values["time"],
                values["request_id"],
                values["object_repr"],
                values["prev_hash"],
                values["hash"],
                key_id,
                mac,
            ],
        )
    AuditHead.objects.filter(pk=1).update(seq=values["seq"], hash=values["hash"])
    return AuditEntry.objects.get(seq=values["seq"])


def test_it_signs_each_entry_with_the_first_key(settings: Any) -> None:
    settings.SAHAKAR_AUDIT_KEYS = f"{K2},{K1},{DEV}"
    entry = record("view")
    assert entry.key_id == "k2"
    assert entry.mac == keys.configured().mac("k2", entry.hash)  # type: ignore[union-attr]


@pytest.mark.parametrize("mac", ["", "0" * 64], ids=["no MAC", "a wrong MAC"])
def test_it_names_an_entry_appended_without_the_key(settings: Any, mac: str) -> None:
    settings.SAHAKAR_AUDIT_KEYS = f"{K1},{DEV}"
    record("view")
    forged = _append_as_a_database_user(mac=mac, key_id="k1" if mac else "")
    result = chain.verify(keys=keys.configured())
    assert result.broken_seq == forged.seq
    assert "forged" in result.problem
    with pytest.raises(CommandError, match=f"broken at entry #{forged.seq}: .*forged"):
        call_command("audit", "verify")


def test_links_alone_still_verify_without_the_keys(settings: Any) -> None:
    settings.SAHAKAR_AUDIT_KEYS = f"{K1},{DEV}"
    record("view")
    _append_as_a_database_user()
    result = chain.verify()
    assert result.ok and not result.keyed
    out = _output("audit", "verify", "--links-only")
    assert "Audit chain intact" in out and "MACs were not checked" in out


def test_entries_signed_by_an_old_key_verify_after_rotation(settings: Any) -> None:
    settings.SAHAKAR_AUDIT_KEYS = f"{K1},{DEV}"
    old = record("view")
    settings.SAHAKAR_AUDIT_KEYS = f"{K2},{K1},{DEV}"
    new = record("view")
    assert (old.key_id, new.key_id) == ("k1", "k2")
    assert chain.verify(keys=keys.configured()).ok
    settings.SAHAKAR_AUDIT_KEYS = f"{K2},{DEV}"  # k1 retired too early: its entries fail
    result = chain.verify(keys=keys.configured())
    assert result.broken_seq == old.seq and "not among the audit keys" in result.problem


def test_entries_written_before_the_trail_was_keyed_verify_as_links(settings: Any) -> None:
    record("view")
    with _bypassing_the_app() as cursor:  # as if written by a version without keys
        cursor.execute("UPDATE audit_auditentry SET key_id = '', mac = ''")
    settings.SAHAKAR_AUDIT_KEYS = K1
    record("view")
    result = chain.verify(keys=keys.configured())
    assert result.ok and result.keyed
    assert result.unkeyed == result.checked - 1
    assert "links only" in _output("audit", "verify")


def test_it_derives_a_development_key_outside_production(settings: Any) -> None:
    settings.SAHAKAR_AUDIT_KEYS = ""
    audit_keys = keys.configured()
    assert audit_keys is not None and audit_keys.development
    assert record("view").key_id == keys.DEV_KEY_ID


@pytest.mark.parametrize(
    "raw", ["k1", "k1:not base64!", "k1:" + base64.b64encode(b"short").decode(), f"{K1},{K1}"]
)
def test_it_refuses_a_malformed_key_setting(settings: Any, raw: str) -> None:
    settings.SAHAKAR_AUDIT_KEYS = raw
    with pytest.raises(ImproperlyConfigured):
        keys.configured()


def test_new_key_makes_a_key_the_setting_reads() -> None:
    line = _output("audit", "new-key", "k3").strip()
    assert list(keys.parse(line)) == ["k3"]


def _output(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()
