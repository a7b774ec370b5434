"""`manage.py monthly_report`: the monthly national report as a PDF file, for a scheduler."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sahakar.statistics.figures import EVERYTHING
from sahakar.statistics.months import MonthError, last_whole_month, parse_month
from sahakar.statistics.report.document import LANGUAGES, monthly_report_pdf


class Command(BaseCommand):
    help = (
        "Write the monthly national report (the whole country) as a PDF. By default the last "
        "whole month, in English, under the data folder's reports/; a month not yet ended is "
        "marked provisional, a month to come is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM; the last whole month by default")
        parser.add_argument("--language", choices=LANGUAGES, default="en")
        parser.add_argument("--output", help="the PDF file to write (its folder must exist)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_month(options["month"]) if options["month"] else last_whole_month()
            made = monthly_report_pdf(EVERYTHING, month, options["language"])
        except MonthError as exc:
            raise CommandError(str(exc)) from exc
        if options["output"]:
            output = Path(options["output"])
        else:
            output = Path(settings.DATA_DIR) / "reports" / made.filename
            output.parent.mkdir(parents=True, exist_ok=True)
        try:
            output.write_bytes(made.pdf)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc}") from exc
        note = " (provisional: the month has not ended)" if made.report.provisional else ""
        self.stdout.write(f"wrote {output}{note}")
