"""Security headers: a Content-Security-Policy without inline code, which every template and
the API docs live within; nothing signed-in is cached."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from sahakar.security.tests.helpers import signed_in

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
}

INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "script body": re.compile(r"<script\b[^>]*>\s*\S[^<]*</script>", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I | re.S),
    "event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I | re.S),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def _inline_code(html: str) -> list[str]:
    return [name for name, pattern in INLINE.items() if pattern.search(html)]


def _policy(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_it_sends_a_content_security_policy_without_unsafe_inline(pp_officer: Any) -> None:
    for response in (Client().get(reverse("login")), signed_in(pp_officer).get("/")):
        assert _policy(response) == POLICY
        assert "unsafe" not in response["Content-Security-Policy"]


def test_it_keeps_every_template_free_of_inline_code() -> None:
    """Every page template. Templates under a `pdf/` folder are drawn into PDF files on the
    server by WeasyPrint (core/pdf.py) and never reach a browser: their styles are inline."""
    templates = sorted(
        path
        for path in Path(settings.BASE_DIR).rglob("templates/**/*.html")
        if "pdf" not in path.relative_to(settings.BASE_DIR).parts
    )
    assert len(templates) > 20
    found = {
        str(path.relative_to(settings.BASE_DIR)): _inline_code(path.read_text(encoding="utf-8"))
        for path in templates
    }
    assert {path: kinds for path, kinds in found.items() if kinds} == {}


def test_it_finds_inline_code_when_there_is_some() -> None:
    assert _inline_code('<script>alert("x")</script>') == ["inline script", "script body"]
    assert _inline_code('<p style="color: red">') == ["style attribute"]
    assert _inline_code('<button\n onclick="go()">') == ["event handler"]
    assert _inline_code('<script src="/static/a.js" defer></script>') == []


@pytest.mark.parametrize(
    "url",
    ["/", "/venues/", "/venues/add/", "/security/", "/security/tokens/new/", "/api/v1/docs/"],
)
def test_it_renders_pages_without_inline_code(pp_officer: Any, url: str) -> None:
    response = signed_in(pp_officer).get(url)
    assert response.status_code == 200
    assert _inline_code(response.content.decode()) == []


def test_it_serves_the_api_docs_script_as_a_file_of_this_site(pp_officer: Any) -> None:
    client = signed_in(pp_officer)
    page = client.get("/api/v1/docs/").content.decode()
    sources = re.findall(r'<script src="([^"]+)"', page)
    assert len(sources) == 3 and all(src.startswith("/") for src in sources)
    init = client.get(sources[-1].replace("&amp;", "&"))
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in init.content.decode()


def test_it_tells_caches_not_to_keep_signed_in_pages(pp_officer: Any) -> None:
    client = signed_in(pp_officer)
    for url in ("/", "/venues/", "/security/", "/api/v1/venues/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_it_forbids_framing(pp_officer: Any) -> None:
    response = Client().get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert _policy(response)["frame-ancestors"] == "'none'"
