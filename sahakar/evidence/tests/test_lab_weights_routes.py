"""The lab-request and discrepancy pages and endpoints are routed; and, for the tests of
those pages, a stand-in exhibit page while the exhibit pages (web/exhibits.py) are not routed
in this tree: rows link to exhibit_detail."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import NoReverseMatch, URLResolver, include, path, reverse

from sahakar import urls as root
from sahakar.evidence import urls as evidence_urls


def _exhibit_stand_in(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(f"exhibit {pk}")


def _without_evidence(patterns: list[Any]) -> list[Any]:
    return [p for p in patterns if not (isinstance(p, URLResolver) and p.namespace == "evidence")]


urlpatterns = [
    path(
        "evidence/",
        include(
            (
                [
                    *evidence_urls.urlpatterns,
                    path("exhibits/<int:pk>/", _exhibit_stand_in, name="exhibit_detail"),
                ],
                "evidence",
            )
        ),
    ),
    *_without_evidence(root.urlpatterns),
]
handler400, handler403 = root.handler400, root.handler403
handler404, handler500 = root.handler404, root.handler500


@pytest.fixture
def exhibit_pages() -> Iterator[None]:
    """Exhibit links resolve: to the real page when routed, else to the stand-in."""
    try:
        reverse("evidence:exhibit_detail", args=[1])
    except NoReverseMatch:
        with override_settings(ROOT_URLCONF=__name__):
            yield
        return
    yield


def test_the_pages_and_endpoints_are_routed() -> None:
    assert reverse("evidence:labrequest_list") == "/evidence/lab-requests/"
    assert reverse("evidence:weightdiscrepancy_list") == "/evidence/weight-discrepancies/"
    assert reverse("evidence:weightdiscrepancy_close", args=[3]).endswith("/3/close/")
    assert reverse("api:labrequest-list") == "/api/v1/lab-requests/"
    assert reverse("api:weightdiscrepancy-close", args=[3]) == (
        "/api/v1/weight-discrepancies/3/close/"
    )


def test_the_schema_describes_reads_and_the_close_action_only() -> None:
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    assert set(paths["/api/v1/lab-requests/"]) == {"get"}
    assert set(paths["/api/v1/lab-requests/{id}/"]) == {"get"}
    assert set(paths["/api/v1/weight-discrepancies/"]) == {"get"}
    close = paths["/api/v1/weight-discrepancies/{id}/close/"]
    assert set(close) == {"post"}
    assert {"200", "400", "403", "404"} <= set(close["post"]["responses"])
    listed = {p["name"] for p in paths["/api/v1/lab-requests/"]["get"]["parameters"]}
    assert {"state", "side", "lab", "sending_agency"} <= listed
