"""Every status is shown as a badge from one helper: its family and value as classes, a tone
the stylesheet colours, and the label written out."""

import re
from pathlib import Path
from typing import Any

import pytest

from sahakar.core.badges import TONES, badge
from sahakar.testing import factories as f

STYLES = Path(__file__).resolve().parents[2] / "static" / "sahakar" / "marks.css"


def test_it_gives_each_status_its_tone_and_escapes_the_label() -> None:
    assert badge("custody", "overdue", "<overdue>") == (
        '<span class="badge custody-overdue tone-danger">&lt;overdue&gt;</span>'
    )
    assert 'tone-ok"' in badge("operation", "closed", "closed")
    assert 'tone-neutral"' in badge("unknown", "whatever", "x")


def test_it_styles_every_tone_it_uses() -> None:
    css = STYLES.read_text()
    used = {tone for tones in TONES.values() for tone in tones.values()}
    for tone in used | {"neutral"}:
        assert re.search(rf"\.badge\.tone-{tone} \{{[^}}]*color:", css), tone


@pytest.mark.django_db
def test_it_shows_the_operation_status_as_a_badge_on_list_and_detail(web: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    listed = web.get("/operations/").content.decode()
    assert '<span class="badge operation-active tone-info">active</span>' in listed
    shown = web.get(operation.get_absolute_url()).content.decode()
    assert '<span class="badge operation-active tone-info">active</span>' in shown
