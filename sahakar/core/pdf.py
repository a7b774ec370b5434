"""PDF documents (labels, manifests, reports) drawn from templates by WeasyPrint.

Pango shapes the text, so Khmer (with its stacked consonants and vowel signs) comes out as a
reader expects; the Khmer font is the one the app serves, embedded in each PDF. A template
extends "pdf/base.html", which sets the page, the fonts and the document's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fontpkg_noto_sans_khmer
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

KHMER_FONT = (
    Path(fontpkg_noto_sans_khmer.__file__).parent / "files" / "NotoSansKhmer[wdth,wght].ttf"
)


def render_pdf(
    template_name: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    """The template rendered to PDF bytes, in the active language."""
    from weasyprint import HTML  # imported here: it loads Pango, which only PDFs need

    values = {
        "khmer_font_url": KHMER_FONT.as_uri(),
        "language": translation.get_language() or "en",
        **context,
    }
    html = render_to_string(template_name, values, request=request)
    pdf: bytes = HTML(string=html, base_url=str(KHMER_FONT.parent)).write_pdf()
    return pdf


def pdf_response(data: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
