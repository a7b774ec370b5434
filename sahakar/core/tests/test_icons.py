"""Every icon the pages ask for is in the vendored sprite, and its licence travels with it."""

import re
from pathlib import Path

from sahakar.core.context_processors import _NAV

PACKAGE = Path(__file__).resolve().parents[2]
ICONS = PACKAGE / "static" / "sahakar" / "icons"


def _sprite_ids() -> set[str]:
    return set(re.findall(r'<symbol id="([^"]+)"', (ICONS / "sprite.svg").read_text()))


def test_it_has_every_icon_the_templates_and_menu_use() -> None:
    used = set(_NAV.values())
    for template in PACKAGE.rglob("templates/**/*.html"):
        used |= set(re.findall(r'\{% icon "([^"]+)" %\}', template.read_text()))
    assert used and used <= _sprite_ids(), used - _sprite_ids()


def test_it_keeps_the_icons_licence_beside_them() -> None:
    assert "ISC License" in (ICONS / "LICENSE").read_text()
