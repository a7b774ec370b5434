"""Make the Khmer web font and the Khmer words of the English pages again (core/webfont.py)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from sahakar.core import webfont


class Command(BaseCommand):
    help = (
        "Write the Khmer WOFF2 web font (static) and the SVG Khmer words of the English pages "
        "(templates) from the packaged Noto Sans Khmer. Commit what it writes."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--static-dir", type=Path, help="default: sahakar/static")
        parser.add_argument("--templates-dir", type=Path, help="default: core's templates")

    def handle(self, *args: Any, **options: Any) -> None:
        static_dir, templates_dir = webfont.default_dirs()
        font = webfont.build_font(options["static_dir"] or static_dir)
        self.stdout.write(f"{font} ({font.stat().st_size:,} bytes)")
        for word in webfont.build_words(options["templates_dir"] or templates_dir):
            self.stdout.write(f"{word} ({word.stat().st_size:,} bytes)")
