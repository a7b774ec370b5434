"""One OpenAPI schema of every endpoint, generated without warnings or errors and valid; the
actions each app adds to its records are described with their answers and request bodies."""

from typing import Any

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


@pytest.fixture(scope="module")
def generated() -> tuple[Any, list[Any]]:
    """The whole API's schema and the problems the generator reported while building it."""
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema: Any = SchemaGenerator().get_schema(request=None, public=True)
    problems = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    GENERATOR_STATS.reset()
    return schema, problems


@pytest.fixture(scope="module")
def paths(generated: tuple[Any, list[Any]]) -> Any:
    return generated[0]["paths"]


def test_it_describes_every_endpoint_without_warnings_or_errors(
    generated: tuple[Any, list[Any]],
) -> None:
    schema, problems = generated
    assert problems == []
    validate_schema(schema)


def test_it_writes_the_schema_as_yaml_too(generated: tuple[Any, list[Any]]) -> None:
    """/api/v1/schema/ answers YAML by default: every value must be a plain YAML type."""
    from drf_spectacular.renderers import OpenApiYamlRenderer

    assert OpenApiYamlRenderer().render(generated[0]).startswith(b"openapi:")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/operations/",
        "/api/v1/operations/{id}/",
        "/api/v1/inspections/",
        "/api/v1/inspections/{id}/",
    ],
)
def test_it_describes_operations_and_inspections(paths: Any, url: str) -> None:
    assert url in paths, url


def test_it_describes_the_operation_status_action(paths: Any) -> None:
    status = paths["/api/v1/operations/{id}/status/"]["post"]
    body = status["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/OperationStatusRequest")
    assert {"200", "400", "404", "409"} <= set(status["responses"])


@pytest.mark.parametrize(
    "action", ["stage", "referral", "hearings", "defendants", "seizures", "outcome", "detention"]
)
def test_it_describes_the_case_actions_with_their_answers(paths: Any, action: str) -> None:
    post = paths[f"/api/v1/cases/{{id}}/{action}/"]["post"]
    assert {"200", "400", "404", "409"} <= set(post["responses"]), action


@pytest.mark.parametrize("action", ["timeline", "clocks", "quantities"])
def test_it_describes_the_case_readings(paths: Any, action: str) -> None:
    assert "get" in paths[f"/api/v1/cases/{{id}}/{action}/"], action


def test_it_describes_the_stage_request(paths: Any) -> None:
    stage = paths["/api/v1/cases/{id}/stage/"]["post"]["requestBody"]
    assert stage["content"]["application/json"]["schema"]["$ref"].endswith("/StageRequestRequest")


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/arrests/", "arrested"),
        ("/api/v1/seizures/", "seized"),
        ("/api/v1/operations/", "planned"),
        ("/api/v1/inspections/", "inspected"),
        ("/api/v1/campaigns/", "held"),
    ],
)
def test_it_describes_date_ranges_as_after_and_before(paths: Any, url: str, name: str) -> None:
    parameters = {p["name"]: p for p in paths[url]["get"]["parameters"]}
    for suffix in ("after", "before"):
        assert parameters[f"{name}_{suffix}"]["schema"]["format"] == "date", (url, suffix)
