"""The Khmer web font, and the Khmer words of the English pages drawn as SVG.

Pages are served with a WOFF2 made from the packaged Noto Sans Khmer variable font: only the
Khmer block and what Khmer text needs (the ranges of the stylesheet's `unicode-range`), the
width axis fixed at normal and the weight axis kept from 400 to 700 (the weights the pages
use), about 30 KB instead of 360 KB. PDFs keep embedding the full font (core/pdf.py).

English pages show two Khmer words: the name in the header and the language switch. Drawn as
inline SVG paths, from the same font, they need no font download: a page in English fetches
no font at all.

Both are committed files; `sahakar build_webfont` makes them again (after a new version of
the font package, or to change the ranges or weights): see docs/page-weight.md.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import html
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings

# Khmer, Khmer Symbols, zero-width space/non-joiner/joiner, the dotted circle: the same ranges
# as the @font-face rule's unicode-range in sahakar/static/sahakar/sahakar.css.
KHMER_RANGES = ((0x1780, 0x17FF), (0x19E0, 0x19FF), (0x200B, 0x200D), (0x25CC, 0x25CC))
WEIGHTS = (400, 700)  # the weight axis kept: regular to bold
FONT_PATH = Path("sahakar/fonts/noto-sans-khmer.woff2")  # under the static folder
# The words are drawn at 200 units to the em: a tenth of a pixel at the header's size, and
# short numbers in the path (they are in every English page).
UNITS_PER_EM = 200
# The Khmer words of the English pages: template name, text, weight.
WORDS = (
    ("core/khmer/sahakar.svg", "សហការ", 700),  # the brand in the header (bold)
    ("core/khmer/language.svg", "ខ្មែរ", 400),  # the language switch
)


def source_font() -> Path:
    from sahakar.core.pdf import KHMER_FONT

    return KHMER_FONT


def khmer_codepoints() -> list[int]:
    return [code for first, last in KHMER_RANGES for code in range(first, last + 1)]


def load_instance(low: int, high: int | None = None) -> Any:
    """The packaged font subset to the Khmer ranges, its width fixed at 100 and its weight
    fixed (high None) or limited to low..high."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(str(source_font()), recalcTimestamp=False)  # the same bytes every time
    options = subset.Options()
    options.layout_features = ["*"]  # every Khmer shaping feature
    options.name_IDs = ["*"]  # the copyright and licence names go along
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=khmer_codepoints())
    subsetter.subset(font)
    weight: float | tuple[int, int] = low if high is None else (low, high)
    return instancer.instantiateVariableFont(font, {"wdth": 100, "wght": weight})


def build_font(static_dir: Path) -> Path:
    """Write the WOFF2 web font under static_dir; returns its path."""
    font = load_instance(*WEIGHTS)
    font.flavor = "woff2"
    target = static_dir / FONT_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return target


@dataclass(frozen=True)
class Glyph:
    name: str
    x: int  # pen position plus offset, in font units
    y: int


def shape(font: Any, text: str) -> tuple[list[Glyph], int]:
    """The glyphs of text as HarfBuzz sets them (Khmer needs reordering and stacking that only
    a shaper does), and the advance. HarfBuzz is the system library Pango, and so WeasyPrint,
    shapes with."""
    buffer_font = BytesIO()
    font.save(buffer_font)
    data = buffer_font.getvalue()
    hb = _harfbuzz()
    blob = hb.hb_blob_create(data, len(data), 1, None, None)  # 1: read-only, not copied
    face = hb.hb_face_create(blob, 0)
    hb_font = hb.hb_font_create(face)
    buffer = hb.hb_buffer_create()
    try:
        encoded = text.encode()
        hb.hb_buffer_add_utf8(buffer, encoded, len(encoded), 0, len(encoded))
        hb.hb_buffer_guess_segment_properties(buffer)
        hb.hb_shape(hb_font, buffer, None, 0)
        count = ctypes.c_uint()
        infos = hb.hb_buffer_get_glyph_infos(buffer, ctypes.byref(count))
        positions = hb.hb_buffer_get_glyph_positions(buffer, ctypes.byref(count))
        order = font.getGlyphOrder()
        glyphs, pen = [], 0
        for i in range(count.value):
            position = positions[i]
            glyphs.append(
                Glyph(order[infos[i].codepoint], pen + position.x_offset, position.y_offset)
            )
            pen += position.x_advance
        return glyphs, pen
    finally:
        hb.hb_buffer_destroy(buffer)
        hb.hb_font_destroy(hb_font)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def word_svg(text: str, weight: int) -> str:
    """text as one SVG path filled with the current colour, sized in em so that it stands on
    the line's baseline at the surrounding text's size; named for assistive technology."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    font = load_instance(weight)
    glyphs, advance = shape(font, text)
    glyph_set = font.getGlyphSet()
    scale = UNITS_PER_EM / font["head"].unitsPerEm
    path = SVGPathPen(glyph_set, ntos=lambda value: f"{round(value)}")
    bounds = BoundsPen(glyph_set)
    for glyph in glyphs:  # font units, y up; SVG's y goes down
        at = (glyph.x * scale, -glyph.y * scale)
        glyph_set[glyph.name].draw(TransformPen(path, (scale, 0, 0, -scale, *at)))
        glyph_set[glyph.name].draw(TransformPen(bounds, (scale, 0, 0, scale, at[0], -at[1])))
    assert bounds.bounds is not None
    top, width = round(max(bounds.bounds[3], 0)), round(advance * scale)
    # The box runs from the top of the word down to the baseline, so that an inline <svg>
    # (bottom on the baseline) lines up with the text around it; what hangs below the
    # baseline (subscript consonants, vowels) is drawn outside the box.
    return (
        f'<svg class="khmer-word" role="img" aria-label="{html.escape(text)}" lang="km" '
        f'width="{width / UNITS_PER_EM}em" height="{top / UNITS_PER_EM}em" '
        f'viewBox="0 {-top} {width} {top}" overflow="visible" fill="currentColor" '
        f'focusable="false"><path d="{path.getCommands()}"/></svg>'
    )


def build_words(templates_dir: Path) -> list[Path]:
    written = []
    for name, text, weight in WORDS:
        target = templates_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(word_svg(text, weight), encoding="utf-8")
        written.append(target)
    return written


def default_dirs() -> tuple[Path, Path]:
    """Where the committed files live: the project's static and core's templates folders."""
    base = Path(settings.BASE_DIR)
    return base / "static", base / "core" / "templates"


class _GlyphInfo(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint32) for name in ("codepoint", "mask", "cluster", "v1", "v2")]


class _GlyphPosition(ctypes.Structure):
    _fields_ = [
        ("x_advance", ctypes.c_int32),
        ("y_advance", ctypes.c_int32),
        ("x_offset", ctypes.c_int32),
        ("y_offset", ctypes.c_int32),
        ("var", ctypes.c_uint32),
    ]


def _harfbuzz() -> Any:
    name = ctypes.util.find_library("harfbuzz")
    if name is None:
        raise RuntimeError("HarfBuzz (libharfbuzz, which WeasyPrint needs too) is not installed")
    hb = ctypes.CDLL(name)
    p = ctypes.c_void_p
    signatures: dict[str, tuple[Any, list[Any]]] = {
        "hb_blob_create": (p, [ctypes.c_char_p, ctypes.c_uint, ctypes.c_int, p, p]),
        "hb_face_create": (p, [p, ctypes.c_uint]),
        "hb_font_create": (p, [p]),
        "hb_buffer_create": (p, []),
        "hb_buffer_add_utf8": (
            None,
            [p, ctypes.c_char_p, ctypes.c_int, ctypes.c_uint, ctypes.c_int],
        ),
        "hb_buffer_guess_segment_properties": (None, [p]),
        "hb_shape": (None, [p, p, p, ctypes.c_uint]),
        "hb_buffer_get_glyph_infos": (
            ctypes.POINTER(_GlyphInfo),
            [p, ctypes.POINTER(ctypes.c_uint)],
        ),
        "hb_buffer_get_glyph_positions": (
            ctypes.POINTER(_GlyphPosition),
            [p, ctypes.POINTER(ctypes.c_uint)],
        ),
        "hb_buffer_destroy": (None, [p]),
        "hb_font_destroy": (None, [p]),
        "hb_face_destroy": (None, [p]),
        "hb_blob_destroy": (None, [p]),
    }
    for function, (restype, argtypes) in signatures.items():
        getattr(hb, function).restype = restype
        getattr(hb, function).argtypes = argtypes
    return hb
