"""The OpenAPI schema documents the answers the API gives: the JSON errors of every operation,
links that may be empty, plain lists where no page is given; paging values are checked."""

from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema() -> Any:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_it_documents_the_error_answers_of_every_operation(schema: Any) -> None:
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {"400", "401", "403", "404", "429"}
            if method != "get":
                expected |= {"409"}
            assert expected <= set(operation["responses"]), (method, path)
    assert "Error" in schema["components"]["schemas"]


def test_it_documents_links_that_may_be_empty(schema: Any) -> None:
    components = schema["components"]["schemas"]
    assert components["OrgUnit"]["properties"]["parent"]["nullable"] is True
    assert components["CaseFile"]["properties"]["prosecution_office"]["nullable"] is True


@pytest.mark.parametrize("action", ["clocks", "timeline"])
def test_it_documents_case_clocks_and_timeline_as_plain_lists(schema: Any, action: str) -> None:
    operation = schema["paths"][f"/api/v1/cases/{{id}}/{action}/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["type"] == "array"
    assert not {p["name"] for p in operation.get("parameters", [])} & {"page", "page_size"}


@pytest.mark.parametrize(
    "params", [{"page_size": "null"}, {"page_size": "0"}, {"page_size": "501"}, {"page": "0"}]
)
def test_it_refuses_paging_values_that_are_not_whole_numbers_in_range(
    api: Any, pp_officer: Any, params: dict[str, str]
) -> None:
    api.force_authenticate(pp_officer)
    response = api.get("/api/v1/venues/", params)
    assert response.status_code == 400
    assert list(response.json()) == list(params)


def test_it_answers_a_page_past_the_last_with_json_404(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    response = api.get("/api/v1/venues/", {"page": "9"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_it_refuses_a_null_character_in_a_code(api: Any, pp_officer: Any) -> None:
    """PostgreSQL cannot even look such a value up: a 400, not a database error."""
    api.force_authenticate(pp_officer)
    body = {"name": "Club", "kind": "karaoke", "org_unit": "1\x002"}
    response = api.post("/api/v1/venues/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["org_unit"]
