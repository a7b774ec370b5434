"""The evidence room in Khmer: every string its code and templates mark for translation is in
the compiled Khmer catalogue, and its pages show no English of their own once a user has
switched to Khmer (the data typed in English by users stays as typed)."""

import ast
import gettext
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from sahakar.evidence import services
from sahakar.evidence.tests.exhibit_fixtures import MORNING, in_transit_from_siem_reap
from sahakar.testing.evidence import EvidenceRoom, take_in

EVIDENCE = Path(__file__).resolve().parents[1]
KM = Path(settings.LOCALE_PATHS[0]) / "km" / "LC_MESSAGES"
KHMER_SCRIPT = re.compile("[\u1780-\u17ff]")
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}


def catalogue() -> dict[str, str]:
    """msgid -> Khmer; a plural entry under its singular msgid (Khmer has one form)."""
    with open(KM / "django.mo", "rb") as mo:
        compiled: dict[Any, str] = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    return {(key[0] if isinstance(key, tuple) else key): text for key, text in compiled.items()}


def python_msgids() -> set[str]:
    """The literal strings passed to gettext in the evidence app's code (not its tests)."""
    found: set[str] = set()
    for path in EVIDENCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT_CALLS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


TRANSLATE_TAG = re.compile(r"""\{%\s*translate\s+(?P<q>["'])(?P<text>.*?)(?P=q)""")
UNDERSCORE = re.compile(r"""_\((?P<q>["'])(?P<text>.*?)(?P=q)\)""")
BLOCK = re.compile(r"\{%\s*blocktranslate(?P<args>[^%]*)%\}(?P<body>.*?)\{%\s*endblocktranslate")


def template_msgids() -> set[str]:
    """{% translate %}, _("…") and {% blocktranslate %} (without count) in the templates."""
    found: set[str] = set()
    for path in (EVIDENCE / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found.update(m["text"] for m in TRANSLATE_TAG.finditer(text))
        found.update(m["text"] for m in UNDERSCORE.finditer(text))
        for block in BLOCK.finditer(text):
            if "count" in block["args"].split() or "{% plural" in block["body"]:
                continue
            body = block["body"].replace("%", "%%")
            body = re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", body)
            if "trimmed" in block["args"].split():
                body = " ".join(line.strip() for line in body.strip().splitlines())
            found.add(body)
    return found


def test_it_translates_every_evidence_string_into_khmer() -> None:
    compiled = catalogue()
    msgids = python_msgids() | template_msgids()
    assert len(msgids) > 500  # the scan found the strings: a broken scan checks nothing
    missing = sorted(m for m in msgids if not KHMER_SCRIPT.search(compiled.get(m, "")))
    assert missing == [], (
        "untranslated in Khmer (run `make messages`, translate, compile): " + repr(missing[:20])
    )


def test_the_catalogue_keeps_the_placeholders_of_each_evidence_string() -> None:
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd%]")
    compiled = catalogue()
    wrong = [
        msgid
        for msgid in python_msgids() | template_msgids()
        if msgid in compiled
        and sorted(placeholder.findall(msgid)) != sorted(placeholder.findall(compiled[msgid]))
    ]
    assert wrong == []


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>|<!--.*?-->", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", html))


def english_phrases() -> list[str]:
    """Evidence strings of two words or more with no placeholder: none of them may show in
    Khmer, and single words are left out so that typed data ("Store PP-VAULT") cannot match."""
    return [
        m
        for m in python_msgids() | template_msgids()
        if " " in m.strip() and "%" not in m and re.search("[a-z]{3}", m)
    ]


def pages(room: EvidenceRoom, pp_prosecutor: Any, admin_user: Any) -> list[tuple[Any, str]]:
    exhibit = take_in(room, seal="SEAL-KM-1")
    services.weigh(
        exhibit, net_quantity=Decimal("1500"), net_unit="tablets", acting_user=room.custodian
    )  # 25 % less than at intake: a weight discrepancy
    arriving = in_transit_from_siem_reap(room)
    custodian = [
        reverse("evidence:exhibit_list"),
        reverse("evidence:exhibit_detail", args=[exhibit.pk]),
        reverse("evidence:store_detail", args=[room.vault.pk]),
        reverse("evidence:labrequest_list"),
        reverse("evidence:weightdiscrepancy_list"),
        reverse("evidence:inventory_list"),
        reverse("evidence:inventory_start"),
        reverse("evidence:scan"),
        reverse("evidence:batch_transfer"),
        reverse("evidence:quick_transfer", args=[exhibit.pk]),
        reverse("evidence:exhibit_move", args=[exhibit.pk]),
        reverse("evidence:exhibit_weigh", args=[exhibit.pk]),
        reverse("evidence:exhibit_reseal", args=[exhibit.pk]),
        reverse("evidence:exhibit_correct", args=[exhibit.pk]),
        reverse("evidence:destructionbatch_list"),
        reverse("evidence:verify"),
        exhibit.seizure.get_absolute_url(),  # its "Exhibits" section
    ]
    lab = [
        reverse("evidence:exhibit_receive", args=[arriving.pk]),
        reverse("evidence:exhibit_detail", args=[arriving.pk]),
    ]
    prosecutor = [reverse("evidence:disposal_queue"), reverse("evidence:disposal_approved")]
    custodians = f"{reverse('evidence:custodian_assign')}?store={room.vault.pk}"
    return (
        [(room.custodian, url) for url in custodian]
        + [(room.lab_analyst, url) for url in lab]
        + [(pp_prosecutor, url) for url in prosecutor]
        + [(admin_user, custodians)]
    )


def shown_english(client: Any, user: Any, url: str, phrases: list[str]) -> list[str]:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    text = visible_text(response.content.decode())
    return [phrase for phrase in phrases if phrase in text]


@pytest.mark.django_db
def test_it_shows_the_evidence_pages_without_english_once_switched_to_khmer(
    client: Any, room: EvidenceRoom, pp_prosecutor: Any, admin_user: Any
) -> None:
    phrases = english_phrases()
    with time_machine.travel(MORNING, tick=True):
        visits = pages(room, pp_prosecutor, admin_user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        in_english = shown_english(client, *visits[1], phrases)  # the exhibit's page
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
        left = {url: shown_english(client, user, url, phrases) for user, url in visits}
    assert len(in_english) > 10  # the same check finds the English when it is there
    assert {url: found for url, found in left.items() if found} == {}
