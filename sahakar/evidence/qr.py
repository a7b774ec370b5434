"""QR codes for labels: the `qrcode` library computes the modules, Pillow draws them as a
small black-and-white PNG that the PDF shows without smoothing (image-rendering: pixelated),
so each module prints as a sharp square at any printer resolution.

The mask pattern is fixed: choosing the "best" of the eight masks (the standard's penalty
score, in pure Python) costs five times the rest, and any mask is valid and reads well from a
printed label with its quiet zone. A sheet of a hundred labels is made in well under a second.
"""

from __future__ import annotations

import base64
import io

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

# The reader of the scanning page (barcode-detector's zxing-wasm), served from our static files.
SCANNER_WASM = "evidence/vendor/barcode-detector/zxing_reader.wasm"
QUIET_ZONE = 2  # modules of white around the code; the label's margin adds more
MASK_PATTERN = 0
PIXELS_PER_MODULE = 4  # for viewers that smooth images anyway


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, mask_pattern=MASK_PATTERN
    )
    code.add_data(text)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


def qr_image(text: str, scale: int = PIXELS_PER_MODULE) -> Image.Image:
    """The code for `text`, black on white, `scale` pixels a module."""
    matrix = qr_matrix(text)
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    return image.resize((size * scale, size * scale), Image.Resampling.NEAREST)


def qr_data_uri(text: str) -> str:
    """The code as a data: URI for an <img> (allowed by the pages' CSP and read by WeasyPrint)."""
    buffer = io.BytesIO()
    qr_image(text).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
