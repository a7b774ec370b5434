"""Compressed responses: Django's GZipMiddleware, for text only.

Pages, JSON and CSV shrink several times over; PDFs, images and spreadsheets are compressed
already and pass as they are. Static files never get here: WhiteNoise, above this middleware,
serves them precompressed (Brotli or gzip) from collectstatic.

BREACH (guessing a secret in a compressed page from its length, with attacker-chosen text
reflected in the same page) is kept out by: Django's padding of every gzip response with 0-99
random bytes, CSRF tokens masked anew in every response, session cookies that cross-site
requests do not carry (SameSite=Lax), rate limits, and the off switch
SAHAKAR_COMPRESS_RESPONSES=0. See docs/page-weight.md.
"""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/xml")
TEXT_SUFFIXES = ("+json", "+xml")


def is_text(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type.startswith(TEXT_TYPES) or media_type.endswith(TEXT_SUFFIXES)


class CompressionMiddleware(GZipMiddleware):
    """gzip for text responses the browser accepts it for, with Django's BREACH padding."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not is_text(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
