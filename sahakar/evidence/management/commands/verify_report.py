"""Check a custody report offline, with the published public key alone (no database).

    sahakar verify_report report.pdf --public-key report-key.pem
    sahakar verify_report --token "https://.../evidence/verify/1.x..." --public-key report-key.pem
    sahakar verify_report old.pdf --public-key report-key.pem --events-json newer-payload.json

A file verifies when its signature line holds over every byte before it, the report data it
embeds hash to the signed hash, and the token's signature holds. A token (scanned from a
printed report's QR code) verifies when its signature holds. The command prints the subject,
the number of events, the issue time and the hash, and exits 1 when anything fails; with
--events-json it exits 2 when the export holds events the report does not (added since).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sahakar.evidence.reports import canonical, filesig, keys, token


class Command(BaseCommand):
    help = "Check a custody report (PDF file or QR token) with the published public key."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", nargs="?", help="the report PDF")
        parser.add_argument("--token", help="the QR code's text (URL or token) instead of a file")
        parser.add_argument(
            "--public-key",
            help="the published key (report-key.pem); without it, this deployment's own key",
        )
        parser.add_argument(
            "--events-json",
            help="compare with a JSON list of events, or the payload of another report",
        )
        parser.add_argument(
            "--payload-out", help="write the report's signed event list (JSON) here ('-': stdout)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        key = self._key(options["public_key"])
        if options["token"]:
            signed = self._token(options["token"], key)
            self._summary(signed, None)
            return
        if not options["report"]:
            raise CommandError("Give the report file, or --token.")
        data = self._read(options["report"])
        try:
            filesig.check(data, key)
            envelope = filesig.envelope(data)
        except filesig.FileError as exc:
            raise CommandError(f"DOES NOT VERIFY: {exc}.") from exc
        signed = self._token(envelope.token, key)
        payload = self._payload(envelope.payload, signed)
        self._summary(signed, payload)
        if options["payload_out"]:
            self._write(options["payload_out"], envelope.payload)
        if options["events_json"]:
            self._compare(payload, options["events_json"])

    def _key(self, path: str | None) -> Any:
        if path is None:
            try:
                return keys.public_key()
            except ImproperlyConfigured as exc:
                raise CommandError(str(exc)) from exc
        try:
            return keys.load_public_pem(self._read(path))
        except (ValueError, ImproperlyConfigured) as exc:
            raise CommandError(f"{path} is not an Ed25519 public key in PEM.") from exc

    @staticmethod
    def _read(path: str) -> bytes:
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc

    @staticmethod
    def _token(text: str, key: Any) -> token.Signed:
        try:
            signed = token.parse(text)
        except token.TokenError as exc:
            raise CommandError("DOES NOT VERIFY: this is not a report token.") from exc
        if not signed.signature_holds(key):
            raise CommandError("DOES NOT VERIFY: the token's signature does not hold.")
        return signed

    @staticmethod
    def _payload(raw: bytes, signed: token.Signed) -> dict[str, Any]:
        if canonical.digest(raw) != signed.digest:
            raise CommandError("DOES NOT VERIFY: the embedded event list is not the one signed.")
        payload: dict[str, Any] = json.loads(raw)
        coverage = signed.coverage
        expected = {
            "subject": {"kind": coverage.kind, "reference": coverage.reference},
            "issued_at": canonical.utc_text(coverage.issued_at),
            "event_count": coverage.event_count,
        }
        if any(payload.get(k) != v for k, v in expected.items()):
            raise CommandError("DOES NOT VERIFY: the event list does not fit its token.")
        return payload

    def _summary(self, signed: token.Signed, payload: dict[str, Any] | None) -> None:
        coverage = signed.coverage
        what = "file and its event list" if payload is not None else "token"
        self.stdout.write(f"VERIFIED: the {what} signed by this key, unchanged.")
        self.stdout.write(f"Subject:    {coverage.kind} {coverage.reference}")
        self.stdout.write(f"Events:     {coverage.event_count}")
        self.stdout.write(f"Issued at:  {canonical.utc_text(coverage.issued_at)}")
        self.stdout.write(f"Hash:       {signed.hash_hex}")

    def _write(self, target: str, raw: bytes) -> None:
        if target == "-":
            sys.stdout.buffer.write(raw + b"\n")
            return
        Path(target).write_bytes(raw)

    def _compare(self, payload: dict[str, Any], path: str) -> None:
        """Every event of the report must be in the export, unchanged; others came later."""
        try:
            other: Any = json.loads(self._read(path))
        except ValueError as exc:
            raise CommandError(f"{path} is not JSON.") from exc
        events = other.get("events") if isinstance(other, dict) else other
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            raise CommandError(f"{path} holds no list of events.")
        theirs = {(e.get("exhibit"), e.get("seq")): e for e in events}
        differing = [
            f"{e['exhibit']} #{e['seq']}"
            for e in payload["events"]
            if theirs.get((e["exhibit"], e["seq"])) != e
        ]
        if differing:
            raise CommandError(
                "DOES NOT MATCH the events in "
                f"{path}: {', '.join(differing[:10])} missing or different."
            )
        self.stdout.write(f"MATCHES {path}: every event of the report is there, unchanged.")
        later = len(theirs) - len(payload["events"])
        if later > 0:
            raise CommandError(
                f"NOT THE WHOLE RECORD: {later} later event(s) in {path} are not in the report.",
                returncode=2,
            )
