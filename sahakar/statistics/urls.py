"""The statistics pages: each part declares its own patterns in web/."""

from sahakar.statistics.web import dashboard, reports, returns

app_name = "statistics"
urlpatterns = [
    *dashboard.urlpatterns,
    *reports.urlpatterns,
    *returns.urlpatterns,
]
