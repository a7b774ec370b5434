import time
from datetime import timedelta
from typing import Any

from django.core.management.base import CommandError
from django.db import transaction

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core.context import acting, current
from sahakar.core.management.base import AttributedCommand
from sahakar.demo import reset
from sahakar.demo.generate import DemoGenerator, analyze_tables
from sahakar.demo.sizes import SIZES
from sahakar.demo.users import (
    AUTHOR_USERNAME,
    DEMO_PASSWORD,
    author,
    demo_backup_codes,
    ensure_users,
)
from sahakar.geo.models import OrgUnit
from sahakar.public.services import publish_month
from sahakar.statistics.months import last_whole_month
from sahakar.statistics.refresh import rebuild as rebuild_figures

DEFAULT_HOST = "127.0.0.1:8000"
EVERY_INTERFACE = ("0.0.0.0", "[::]", "::")  # noqa: S104 - recognised in HOST, not bound here


def sign_in_address(host: str) -> str:
    """Where to open the app served by `runserver HOST` (an address:port, or a port)."""
    address, _, port = host.rpartition(":")
    if not address:
        return f"http://127.0.0.1:{port}"
    if address in EVERY_INTERFACE:
        return (
            f"http://127.0.0.1:{port} (or, from another machine, this one's name or address "
            f"at port {port}, listed in ALLOWED_HOSTS)"
        )
    return f"http://{host}"


class Command(AttributedCommand):
    help = (
        "Load synthetic demo data (venues, operations, inspections, seizures, persons, "
        "arrests, case files, prevention campaigns) and one demo sign-in per role. Safe to run "
        "again: existing demo data is kept unless --reset."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--size",
            choices=list(SIZES),
            default="small",
            help="small: 2 years, ~600 seizures (seconds); national: 10 years, ~120,000 "
            "seizures (minutes); large: ten times national, for benchmarks (hours); "
            "tiny: for tests (default: %(default)s)",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="random seed (default: %(default)s)"
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete the demo data first, then load it again"
        )
        parser.add_argument(
            "--host",
            default=DEFAULT_HOST,
            help="the address:port the app is served at (make run's HOST), for the sign-in "
            "address printed (default: %(default)s)",
        )

    def run(self, *args: Any, **options: Any) -> None:
        if options.get("as_user"):
            raise CommandError(
                f"Demo records are always created by the {AUTHOR_USERNAME!r} account, which is "
                "how --reset finds them; --as-user is not used here."
            )
        if not OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE).exists():
            raise CommandError("No reference data yet: run `manage.py load_reference` first.")
        size = SIZES[options["size"]]
        demo_author = author()
        # Anything saved the ordinary way is attributed to the demo author, from this command.
        with acting(user=demo_author, source=current().source):
            if options["reset"]:
                self._reset(demo_author)
            if reset.exists(demo_author):
                self.stdout.write(
                    "Demo data is already loaded; nothing added (use --reset to replace it):"
                )
                self._counts(reset.counts(demo_author))
            else:
                self._generate(size, options["seed"], demo_author)
            self._users(options["host"])

    def _reset(self, demo_author: Any) -> None:
        try:
            with transaction.atomic():
                deleted = reset.delete_demo_data(demo_author)
                record(AuditAction.DELETE, detail={"demo data deleted": deleted})
        except reset.InUse as exc:
            raise CommandError(f"{exc} Delete those first, or keep the demo data.") from exc
        self.stdout.write("Deleted the demo data:")
        self._counts(deleted)
        self._rebuild_figures()

    def _publish(self, demo_author: Any) -> None:
        """The public figures of the last three whole months, as a scheduler would publish."""
        months = [last_whole_month()]
        for _ in range(2):
            months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
        for month in months:  # oldest first: a month keeps withheld what earlier ones withheld
            publish_month(month, acting_user=demo_author, note="demo data")
        self._progress("public figures: the last three whole months published")

    def _rebuild_figures(self) -> None:
        """The demo loads in bulk, past the writes that keep the analytics tables current."""
        started = time.monotonic()
        made = rebuild_figures()
        self._progress(
            f"statistics: {sum(made.values()):,} day facts [{time.monotonic() - started:.1f} s]"
        )

    def _generate(self, size: Any, seed: int, demo_author: Any) -> None:
        self.stdout.write(f"Generating the {size.name} demo ({size.years} years, seed {seed}) ...")
        started = time.monotonic()
        with transaction.atomic():
            created = DemoGenerator(size, seed, demo_author, write=self._progress).run()
            # One audit entry for the whole load: per-record entries are skipped (generate.py).
            record(
                AuditAction.CREATE,
                detail={"demo data created": created, "size": size.name, "seed": seed},
            )
        analyze_tables()
        self._rebuild_figures()
        self._publish(demo_author)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data created in {time.monotonic() - started:.1f} s:")
        )
        self._counts(created)

    def _progress(self, line: str) -> None:
        self.stdout.write(f"  {line}")
        self.stdout.flush()

    def _counts(self, counts: dict[str, int]) -> None:
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count:,}")

    def _users(self, host: str) -> None:
        created = ensure_users()
        new = sum(1 for _, is_new in created if is_new)
        self.stdout.write(f"Demo users ({new} created, {len(created) - new} already there):")
        codes = {user.username: demo_backup_codes(user) for user, _ in created}
        for user, _ in created:
            mfa = ""
            if codes[user.username]:
                mfa = " (second factor: a backup code below)"
            elif user.second_factor:
                mfa = " (sets up an authenticator app at first sign-in)"
            self.stdout.write(f"  {user.username:<16} {user.agency:<7} {user.note}{mfa}")
        if any(codes.values()):
            self.stdout.write(
                "Backup codes of the synthetic demo users only (demo sign-ins, never real "
                "accounts):\nafter the password, type one where the authenticator code is asked "
                "for; each works once, and every run of this command prints the next unused ones."
            )
            for username, shown in codes.items():
                if shown:
                    self.stdout.write(f"  {username:<16} {'  '.join(shown)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Sign in at {sign_in_address(host)} as pp.officer / {DEMO_PASSWORD} "
                f"(every demo user above has the same password)."
            )
        )
