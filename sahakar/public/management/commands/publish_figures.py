"""`manage.py publish_figures`: publish a month's public figures (for a scheduler)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sahakar.core.context import acting
from sahakar.public.services import PublishError, publish_month
from sahakar.statistics import months
from sahakar.statistics.months import last_whole_month


def parse_month(text: str) -> date:
    try:
        return months.parse_month(text)
    except months.MonthError as exc:
        raise CommandError(f"--month: {exc}") from None


class Command(BaseCommand):
    help = (
        "Publish the public figures of a month that has ended (the last whole month by "
        "default). A month whose figures changed since its last publication gets a new "
        "revision; unchanged figures publish nothing new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM; the last whole month by default")
        parser.add_argument("--note", default="", help="a note shown with the revision")

    def handle(self, *args: Any, **options: Any) -> None:
        month = parse_month(options["month"]) if options["month"] else last_whole_month()
        if month > last_whole_month():
            raise CommandError(
                f"{month:%Y-%m} has not ended yet: only a past month can be published."
            )
        with acting(source="command:publish_figures"):
            try:
                result = publish_month(month, acting_user=None, note=options["note"])
            except PublishError as error:
                raise CommandError(str(error)) from error
        snapshot = result.snapshot
        if result.created:
            self.stdout.write(
                f"published {snapshot.month:%Y-%m} revision {snapshot.revision} "
                f"(sha256 {snapshot.sha256})"
            )
        else:
            self.stdout.write(
                f"{snapshot.month:%Y-%m} unchanged since revision {snapshot.revision} "
                f"(sha256 {snapshot.sha256}): nothing new published"
            )
