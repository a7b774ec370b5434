"""The OpenAPI schema and the interactive docs, served entirely by the app itself."""

import re
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_it_publishes_an_openapi_3_schema_of_every_endpoint(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/venues/",
        "/api/v1/operations/",
        "/api/v1/seizures/",
        "/api/v1/persons/",
        "/api/v1/org-units/",
        "/api/v1/substances/",
    ):
        assert path in schema["paths"], path


def test_it_serves_the_docs_page_without_outside_hosts(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r"""(?:src|href)=["']https?://""", page) == []
    assert "swagger-ui" in page


def test_it_answers_reference_data_by_code(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    province = api.get("/api/v1/org-units/17/").json()
    assert (province["name_en"], province["iso_code"], province["parent"]) == (
        "Siem Reap",
        "KH-17",
        "KH",
    )
    districts = api.get("/api/v1/org-units/", {"parent": "17", "page_size": 100}).json()
    assert districts["count"] > 5
    meth = api.get("/api/v1/substances/METH/").json()
    assert {f["unit"] for f in meth["factors"]} == {"tablets"}
