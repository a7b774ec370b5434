"""The OpenAPI schema describes the case files endpoint and its actions without warnings."""

from typing import Any

from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


def test_it_describes_the_endpoints_without_warnings_or_errors() -> None:
    generator = SchemaGenerator(patterns=[path("api/v1/", include("sahakar.cases.api.urls"))])
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema: Any = generator.get_schema(request=None, public=True)
    problems = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    GENERATOR_STATS.reset()
    assert problems == []
    validate_schema(schema)
    paths = schema["paths"]
    for action in (
        "stage",
        "referral",
        "hearings",
        "defendants",
        "seizures",
        "outcome",
        "detention",
    ):
        post = paths[f"/api/v1/cases/{{id}}/{action}/"]["post"]
        assert {"200", "400", "404", "409"} <= set(post["responses"]), action
    for action in ("timeline", "clocks", "quantities"):
        assert "get" in paths[f"/api/v1/cases/{{id}}/{action}/"], action
    stage = paths["/api/v1/cases/{id}/stage/"]["post"]["requestBody"]
    assert stage["content"]["application/json"]["schema"]["$ref"].endswith("/StageRequestRequest")
