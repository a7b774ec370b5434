"""Checking a report against the deployment's key and the record as it stands.

A token (from the QR code, or from the data inside a PDF) verifies when its signature holds
under the deployment's public key. It then matches the record when the events it covers,
rebuilt from the database now, hash to the hash it signed; events recorded after it are
counted. A file verifies when its signature line holds over every byte before it.

The verdict holds no personal data: the subject's reference, how many events the report
covered, when it was issued, the hash, and how many events were recorded since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.db.models import Q

from sahakar.cases.models import CaseFile
from sahakar.evidence.models import Exhibit
from sahakar.evidence.reports import canonical, filesig, keys, token
from sahakar.evidence.reports.canonical import CASE, EXHIBIT, Coverage


class Status(StrEnum):
    MATCHES = "matches"  # authentic, and the record still holds exactly these events
    DIFFERS = "differs"  # authentic, but the record no longer gives these events
    ALTERED = "altered"  # not a report this deployment signed, or changed since


@dataclass(frozen=True)
class Verdict:
    status: Status
    coverage: Coverage | None = None
    hash_hex: str = ""
    later_events: int = 0
    file_checked: bool = False

    @property
    def verified(self) -> bool:
        return self.status == Status.MATCHES

    @property
    def reference(self) -> str:
        return self.coverage.reference if self.coverage else ""

    @property
    def event_count(self) -> int | None:
        return self.coverage.event_count if self.coverage else None

    @property
    def issued_at(self) -> datetime | None:
        return self.coverage.issued_at if self.coverage else None


def check_token(text: str, *, file_checked: bool = False) -> Verdict:
    try:
        signed = token.parse(text)
    except token.TokenError:
        return Verdict(Status.ALTERED, file_checked=file_checked)
    if not signed.signature_holds(keys.public_key()):
        return Verdict(Status.ALTERED, file_checked=file_checked)
    coverage = signed.coverage
    current = _current_counts(coverage)
    differs = Verdict(Status.DIFFERS, coverage, signed.hash_hex, file_checked=file_checked)
    if current is None or any(current.get(pk, -1) < n for pk, n in coverage.counts):
        return differs
    events = canonical.events_covered(coverage)
    rebuilt = canonical.digest(canonical.canonical_bytes(canonical.payload(coverage, events)))
    if len(events) != coverage.event_count or rebuilt != signed.digest:
        return differs
    later = sum(current.values()) - coverage.event_count
    return Verdict(Status.MATCHES, coverage, signed.hash_hex, later, file_checked)


def check_file(data: bytes) -> Verdict:
    """A report file: its signature line first, then the token it carries, as above."""
    try:
        filesig.check(data, keys.public_key())
        envelope = filesig.envelope(data)
        signed = token.parse(envelope.token)
    except (filesig.FileError, token.TokenError):
        return Verdict(Status.ALTERED, file_checked=True)
    if canonical.digest(envelope.payload) != signed.digest:
        return Verdict(Status.ALTERED, file_checked=True)
    return check_token(envelope.token, file_checked=True)


def _current_counts(coverage: Coverage) -> dict[int, int] | None:
    """Event counts of the subject's exhibits now, by id; None when the subject is gone or
    no longer holds an exhibit the report covered."""
    exhibits = Exhibit._base_manager.all()
    if coverage.kind == EXHIBIT:
        exhibits = exhibits.filter(reference=coverage.reference)
    elif coverage.kind == CASE:
        case = CaseFile._base_manager.filter(reference=coverage.reference).first()
        if case is None:
            return None
        exhibits = exhibits.filter(Q(seizure__case_files=case)).distinct()
    current = dict(exhibits.values_list("pk", "event_count"))
    if coverage.kind == EXHIBIT and len(current) != 1:
        return None
    if not {pk for pk, _n in coverage.counts} <= current.keys():
        return None
    return current
