from importlib import import_module

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView

from sahakar.core.views.home import HomeView
from sahakar.security.views import SignInView

API_URLS = [
    f"sahakar.{app}.api.urls"
    for app in (
        "venues",
        "operations",
        "seizures",
        "persons",
        "arrests",
        "cases",
        "prevention",
        "evidence",
        "statistics",
        "reference",
    )
]
# `/api/v1/` lists every endpoint of the apps' routers (DRF's browsable root view).
api_root = {
    prefix: f"{basename}-list"
    for module in API_URLS
    for prefix, _viewset, basename in import_module(module).router.registry
}


class SahakarAPIRoot(APIRootView):
    """The Sahakar API: one endpoint per kind of record, below. Every answer holds only the
    records your role and jurisdiction let you see; the schema and its documentation are at
    /api/v1/schema/ and /api/v1/docs/."""

    def get_view_name(self) -> str:
        return "Sahakar API"


api_v1: list[URLPattern | URLResolver] = [
    path("", SahakarAPIRoot.as_view(api_root_dict=api_root), name="root"),
    *(path("", include(module)) for module in API_URLS),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its init script from ?script: no inline code (CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="security/api_docs.html"
        ),
        name="docs",
    ),
]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("security/", include("sahakar.security.urls")),
    path("venues/", include("sahakar.venues.urls")),
    path("operations/", include("sahakar.operations.urls")),
    path("seizures/", include("sahakar.seizures.urls")),
    path("persons/", include("sahakar.persons.urls")),
    path("arrests/", include("sahakar.arrests.urls")),
    path("cases/", include("sahakar.cases.urls")),
    path("prevention/", include("sahakar.prevention.urls")),
    path("evidence/", include("sahakar.evidence.urls")),
    path("statistics/", include("sahakar.statistics.urls")),
    path("public/", include("sahakar.public.urls")),
    path("audit/", include("sahakar.audit.urls")),
    path("search/", include("sahakar.search.urls")),
    path("api/v1/", include((api_v1, "api"))),
    # The admin signs in through the same rate-limited, lockout-guarded page.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
]

# Under /api/ errors answer JSON; elsewhere the generic pages (core.views.errors).
handler400 = "sahakar.core.views.errors.bad_request"
handler403 = "sahakar.core.views.errors.permission_denied"
handler404 = "sahakar.core.views.errors.page_not_found"
handler500 = "sahakar.core.views.errors.server_error"
