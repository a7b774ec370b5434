"""Make a new Ed25519 key to sign custody reports (SAHAKAR_REPORT_SIGNING_KEY).

    sahakar new_report_key --output /etc/sahakar/report-key.pem

The private key is written with mode 0600 (never over an existing file), or printed when no
--output is given; the public key and its fingerprint are printed to publish and record.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sahakar.evidence.reports import keys


class Command(BaseCommand):
    help = "Make a new Ed25519 key that signs custody reports."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="write the private key to this new file (0600)")

    def handle(self, *args: Any, **options: Any) -> None:
        private_pem = keys.new_private_pem()
        private = serialization.load_pem_private_key(private_pem, password=None)
        public = private.public_key()
        target = options["output"]
        if target:
            path = Path(target)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError as exc:
                raise CommandError(f"{path} exists: a key is never overwritten.") from exc
            with os.fdopen(fd, "wb") as file:
                file.write(private_pem)
            self.stdout.write(f"Private key written to {path}. Set:")
            self.stdout.write(f"  {keys.SETTING}={path}")
        else:
            self.stdout.write(private_pem.decode("ascii"))
        assert isinstance(public, keys.Ed25519PublicKey)
        self.stdout.write(f"Fingerprint: {keys.fingerprint(public)}")
        self.stdout.write(keys.public_pem(public).decode("ascii"))
