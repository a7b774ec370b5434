from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from sahakar.core.views.home import HomeView
from sahakar.security.views import SignInView

api_v1: list[URLPattern | URLResolver] = [
    path("", include("sahakar.venues.api.urls")),
    path("", include("sahakar.operations.api.urls")),
    path("", include("sahakar.seizures.api.urls")),
    path("", include("sahakar.persons.api.urls")),
    path("", include("sahakar.arrests.api.urls")),
    path("", include("sahakar.cases.api.urls")),
    path("", include("sahakar.prevention.api.urls")),
    path("", include("sahakar.reference.api.urls")),
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
    path("audit/", include("sahakar.audit.urls")),
    path("api/v1/", include((api_v1, "api"))),
    # The admin signs in through the same rate-limited, lockout-guarded page.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
]
