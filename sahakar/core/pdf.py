"""PDF documents (labels, manifests, reports) drawn from templates by WeasyPrint.

Pango shapes the text, so Khmer (with its stacked consonants and vowel signs) comes out as a
reader expects; the Khmer font is the one the app serves, embedded in each PDF. A template
extends "pdf/base.html", which sets the page, the fonts and the document's language.

The app's Khmer font is a variable font. Embedding one means fixing its axes for every
document (0.4 s a PDF); instead its regular and bold weights are fixed once, with fontTools,
into files under the data folder (var/fonts/), which every later PDF embeds directly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import fontpkg_noto_sans_khmer
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

KHMER_FONT = (
    Path(fontpkg_noto_sans_khmer.__file__).parent / "files" / "NotoSansKhmer[wdth,wght].ttf"
)


_WEIGHTS = {"regular": 400, "bold": 700}


def khmer_font_files() -> dict[str, Path]:
    """The Khmer font at each weight, as static font files made once from the variable one."""
    folder = Path(settings.DATA_DIR) / "fonts"
    source = KHMER_FONT.stat()
    stamp = f"{source.st_size}-{int(source.st_mtime)}"
    files = {w: folder / f"NotoSansKhmer-{w}-{stamp}.ttf" for w in _WEIGHTS}
    if all(path.is_file() for path in files.values()):
        return files
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    folder.mkdir(parents=True, exist_ok=True)
    for weight, path in files.items():
        font = instancer.instantiateVariableFont(
            TTFont(KHMER_FONT), {"wght": _WEIGHTS[weight], "wdth": 100}
        )
        partial = path.with_suffix(f".{os.getpid()}.part")
        font.save(partial)
        partial.replace(path)  # atomic: a concurrent PDF never reads half a file
    return files


def render_pdf(
    template_name: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    """The template rendered to PDF bytes, in the active language."""
    from weasyprint import HTML  # imported here: it loads Pango, which only PDFs need

    fonts = khmer_font_files()
    values = {
        "khmer_font_url": fonts["regular"].as_uri(),
        "khmer_bold_font_url": fonts["bold"].as_uri(),
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
