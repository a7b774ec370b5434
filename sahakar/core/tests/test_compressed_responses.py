"""Pages and JSON go out gzipped when the browser accepts it, padded against BREACH;
responses that are compressed already (PDFs, images) go out as they are."""

import gzip
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from sahakar.core.compression import CompressionMiddleware
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_gzips_pages_with_random_padding(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    sizes = set()
    for _ in range(8):
        response = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert b"</html>" in gzip.decompress(response.content)
        sizes.add(len(response.content))
    assert len(sizes) > 1  # the same page, a different length each time (BREACH)
    plain = client.get("/")
    assert not plain.has_header("Content-Encoding") and b"</html>" in plain.content


def test_it_gzips_api_answers(client: Any, pp_officer: Any) -> None:
    for _ in range(3):
        f.make_seizure(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    response = client.get("/api/v1/seizures/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/zip"])
def test_it_leaves_compressed_formats_alone(content_type: str) -> None:
    request = RequestFactory().get("/", headers={"accept-encoding": "gzip"})
    body = b"%PDF-1.7 " + b"x" * 5000
    middleware = CompressionMiddleware(lambda r: HttpResponse(body, content_type=content_type))
    response = middleware(request)
    assert isinstance(response, HttpResponse)
    assert not response.has_header("Content-Encoding") and response.content == body
