"""Headings, table headers, labels and menu entries are in sentence case: none starts with a
small letter (the choices and verbose names they come from are written in lower case)."""

import re
from typing import Any

import pytest
import time_machine

from sahakar.core.tests.test_no_reprs_on_pages import _sparse_records
from sahakar.testing.raids import NOW

pytestmark = pytest.mark.django_db

HEADERS = re.compile(r"<(th|h1|h2|h3|summary|dt|label)\b[^>]*>(.*?)</\1>", re.S)
MENU = re.compile(r'<nav aria-label="Main">(.*?)</nav>', re.S)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_it_writes_headers_in_sentence_case(
    client: Any, pp_investigator: Any, admin_user: Any
) -> None:
    with time_machine.travel(NOW, tick=False):
        records = _sparse_records(pp_investigator)
        client.force_login(admin_user)
        urls = ["/", "/security/", "/arrests/due/", "/statistics/", "/audit/"]
        for obj in records:
            urls += [obj.get_absolute_url(), obj.get_absolute_url().rsplit("/", 2)[0] + "/"]
        lower = []
        for url in urls:
            html = client.get(url).content.decode()
            texts = [_text(inner) for _, inner in HEADERS.findall(html)]
            menu = MENU.search(html)
            assert menu is not None, url
            texts += [_text(a) for a in re.findall(r"<a\b[^>]*>(.*?)</a>", menu[1])]
            lower += [(url, t) for t in texts if re.match(r"[a-z]", t)]
        assert lower == []
