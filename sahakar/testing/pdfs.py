"""PDFs the app draws, read back in tests: pages as images (to decode QR codes) and text."""

from __future__ import annotations

from PIL import Image


def rasterize(pdf: bytes, dpi: int = 200) -> list[Image.Image]:
    """Every page of `pdf` as an image at `dpi`, drawn by PDFium (no system tool needed)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil() for page in document]
    finally:
        document.close()
