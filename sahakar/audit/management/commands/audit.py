"""`sahakar audit verify` walks the chain; `sahakar audit checkpoint` exports its head."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sahakar.audit import chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain, or export / check a checkpoint of its head."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="walk the chain and report the first broken link")
        point = sub.add_parser("checkpoint", help="append the head (seq, hash) to a file")
        point.add_argument("file", type=Path)
        check = sub.add_parser("check", help="check the chain against saved checkpoints")
        check.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _verify(self, options: dict[str, Any]) -> None:
        result = chain.verify()
        if not result.ok:
            raise CommandError(
                f"Audit chain broken at entry #{result.broken_seq}: {result.problem} "
                f"({result.checked} entries verified before it)."
            )
        self.stdout.write(f"Audit chain intact: {result.checked} entries, head #{result.head_seq}.")

    def _checkpoint(self, options: dict[str, Any]) -> None:
        point = chain.checkpoint()
        with options["file"].open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(point) + "\n")
        self.stdout.write(
            f"Checkpoint #{point['seq']} {point['hash']} written to {options['file']}."
        )

    def _check(self, options: dict[str, Any]) -> None:
        try:
            lines = options["file"].read_text(encoding="utf-8").splitlines()
            points = [json.loads(line) for line in lines if line.strip()]
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read checkpoints: {exc}") from exc
        bad = [p for p in points if not chain.verify_checkpoint(p)]
        if bad:
            raise CommandError(f"Checkpoint #{bad[0]['seq']} no longer matches the audit trail.")
        self.stdout.write(f"All {len(points)} checkpoints match.")
        self._verify(options)
