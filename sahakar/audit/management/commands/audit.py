"""`sahakar audit verify` walks the chain and checks its MACs; `sahakar audit checkpoint`
exports its head; `sahakar audit new-key` makes an audit key; `sahakar audit secure-roles`
sets up PostgreSQL roles so the application cannot rewrite the trail."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sahakar.audit import chain, keys, roles


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain, or export / check a checkpoint of its head."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify", help="walk the chain, check every MAC, report the first broken entry"
        )
        verify.add_argument(
            "--links-only",
            action="store_true",
            help="check the hash links only, without the audit keys (MACs are not checked)",
        )
        secure = sub.add_parser(
            "secure-roles",
            help="PostgreSQL: OWNER owns the tables, APP may only append to and read the trail",
        )
        secure.add_argument("--owner", required=True, help="the role that runs migrations")
        secure.add_argument("--app", required=True, help="the role the application connects as")
        secure.add_argument("--sql", action="store_true", help="print the SQL, change nothing")
        new_key = sub.add_parser("new-key", help="print a new random audit key")
        new_key.add_argument("key_id", help="the new key's id, e.g. k2")
        point = sub.add_parser("checkpoint", help="append the head (seq, hash) to a file")
        point.add_argument("file", type=Path)
        check = sub.add_parser("check", help="check the chain against saved checkpoints")
        check.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action'].replace('-', '_')}")(options)

    def _verify(self, options: dict[str, Any]) -> None:
        audit_keys = None if options.get("links_only") else keys.configured()
        result = chain.verify(keys=audit_keys)
        if not result.ok:
            raise CommandError(
                f"Audit chain broken at entry #{result.broken_seq}: {result.problem} "
                f"({result.checked} entries verified before it)."
            )
        self.stdout.write(f"Audit chain intact: {result.checked} entries, head #{result.head_seq}.")
        if audit_keys is None:
            self.stdout.write("Hash links only: no audit key, so the MACs were not checked.")
            return
        self.stdout.write(
            f"MACs checked with key(s) {', '.join(audit_keys.keys)}; "
            f"{result.unkeyed} entries written before the trail was keyed are links only."
        )
        if audit_keys.development:
            self.stderr.write("Warning: the development audit key; set SAHAKAR_AUDIT_KEYS.")

    def _secure_roles(self, options: dict[str, Any]) -> None:
        run = roles.secure_roles_sql if options["sql"] else roles.secure_roles
        try:
            statements = run(connection, options["owner"], options["app"])
        except roles.RoleSetupError as exc:
            raise CommandError(str(exc)) from exc
        if options["sql"]:
            self.stdout.write("".join(f"{statement};\n" for statement in statements))
            return
        self.stdout.write(
            f"{options['owner']} owns the tables; {options['app']} may read and append to the "
            "audit trail only. Run migrations as the owner; the application as the app role."
        )

    def _new_key(self, options: dict[str, Any]) -> None:
        self.stdout.write(keys.new_key_line(options["key_id"]))

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
