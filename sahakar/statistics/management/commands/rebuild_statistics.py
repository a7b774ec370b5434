"""`manage.py rebuild_statistics`: recompute the analytics tables from the records."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from sahakar.statistics.families import FAMILIES
from sahakar.statistics.refresh import _years, rebuild, refresh_pending


class Command(BaseCommand):
    help = (
        "Recompute the analytics tables (statistics) from the records. Writes keep them "
        "current; run this after bulk loads, or with --pending to finish refreshes that a "
        "crash interrupted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--family",
            action="append",
            choices=sorted(FAMILIES),
            help="only this family of figures (repeatable); all by default",
        )
        parser.add_argument(
            "--pending", action="store_true", help="only the slices left to refresh"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["pending"]:
            done = refresh_pending()
            self.stdout.write(
                f"refreshed {done:,} pending slices in {time.monotonic() - started:.1f} s"
            )
            return
        names = options["family"] or list(FAMILIES)
        steps = sum(max(len(_years(FAMILIES[n], "default")), 1) for n in names)
        bar = tqdm(
            total=steps,
            unit="year",
            disable=options["no_progress"] or None,
            file=self.stderr._out,
            dynamic_ncols=True,
        )
        try:
            made = rebuild(names, progress=lambda family, year: _step(bar, family, year))
        except Exception as exc:  # a database error mid-rebuild: nothing of it was kept
            raise CommandError(f"the rebuild failed and changed nothing: {exc}") from exc
        finally:
            bar.close()
        for name, count in made.items():
            self.stdout.write(f"{name}: {count:,} day facts")
        self.stdout.write(f"rebuilt in {time.monotonic() - started:.1f} s")


def _step(bar: Any, family: str, year: int) -> None:
    bar.set_description(f"{family} {year}")
    bar.update(1)
