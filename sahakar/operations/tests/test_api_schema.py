"""The OpenAPI schema describes the operations and inspections endpoints without warnings."""

from typing import Any

from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


def test_it_describes_the_endpoints_without_warnings_or_errors() -> None:
    generator = SchemaGenerator(patterns=[path("api/v1/", include("sahakar.operations.api.urls"))])
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema: Any = generator.get_schema(request=None, public=True)
    problems = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    GENERATOR_STATS.reset()
    assert problems == []
    validate_schema(schema)
    paths = schema["paths"]
    for url in (
        "/api/v1/operations/",
        "/api/v1/operations/{id}/",
        "/api/v1/inspections/",
        "/api/v1/inspections/{id}/",
    ):
        assert url in paths, url
    status = paths["/api/v1/operations/{id}/status/"]["post"]
    body = status["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/OperationStatusRequest")
    assert {"200", "400", "404", "409"} <= set(status["responses"])
