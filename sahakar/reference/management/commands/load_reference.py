from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from sahakar.core.management.base import AttributedCommand
from sahakar.reference.loader import load_country


class Command(AttributedCommand):
    help = "Load (or bring up to date) a country's reference data; safe to run again."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--country",
            default=settings.SAHAKAR_COUNTRY,
            help="folder under reference/data (default: %(default)s)",
        )

    def run(self, *args: Any, **options: Any) -> None:
        try:
            report = load_country(options["country"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for line in report.lines():
            self.stdout.write(line)
