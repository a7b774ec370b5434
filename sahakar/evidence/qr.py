"""QR codes drawn as small SVG images (the `qrcode` library computes the modules).

Each dark run of a row is one rectangle of the path, so a label's code stays a few kilobytes
and WeasyPrint draws a sheet of a hundred quickly; the image is vector, sharp at any printer
resolution.
"""

from __future__ import annotations

import base64

import qrcode
from qrcode.constants import ERROR_CORRECT_M

# The reader of the scanning page (barcode-detector's zxing-wasm), served from our static files.
SCANNER_WASM = "evidence/vendor/barcode-detector/zxing_reader.wasm"
QUIET_ZONE = 2  # modules of white around the code; the label's margin adds more


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


def qr_svg(text: str) -> str:
    """The code for `text` as an SVG document, one unit per module."""
    matrix = qr_matrix(text)
    size = len(matrix)
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < size and row[x]:
                x += 1
            parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    path = "".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{path}" fill="#000"/></svg>'
    )


def qr_data_uri(text: str) -> str:
    """The code as a data: URI for an <img> (allowed by the pages' CSP and read by WeasyPrint)."""
    encoded = base64.b64encode(qr_svg(text).encode("ascii")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"
