"""Static files as production serves them: hashed names cached for good, text precompressed
with Brotli and gzip, the font as collected (WOFF2 is compressed already)."""

from pathlib import Path

from django.templatetags.static import static
from django.test import Client

from sahakar.testing.served import collected_static

IMMUTABLE = "max-age=315360000, public, immutable"


def test_it_serves_hashed_static_files_compressed_and_cached_for_good(tmp_path: Path) -> None:
    with collected_static(tmp_path):
        css, font = static("sahakar/sahakar.css"), static("sahakar/fonts/noto-sans-khmer.woff2")
        assert css != "/static/sahakar/sahakar.css"  # a hashed name
        client = Client()  # its middleware reads the settings above
        for encoding in ("br", "gzip"):
            response = client.get(css, headers={"accept-encoding": encoding})
            assert response.status_code == 200
            assert response["Content-Encoding"] == encoding
            assert response["Cache-Control"] == IMMUTABLE
            assert "Accept-Encoding" in response["Vary"]
        response = client.get(font, headers={"accept-encoding": "br, gzip"})
        assert response.status_code == 200 and response["Cache-Control"] == IMMUTABLE
        assert not response.has_header("Content-Encoding")
        unhashed = client.get("/static/sahakar/sahakar.css")
        assert unhashed["Cache-Control"] == "max-age=60, public"  # may change: a minute
