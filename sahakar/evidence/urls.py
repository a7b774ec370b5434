"""The evidence room's pages: each part of it declares its own patterns in web/."""

from sahakar.evidence.web import (
    actions,
    destruction,
    disposal,
    exhibits,
    inventory,
    lab,
    labels,
    reports,
    scanning,
    stores,
    weights,
)

app_name = "evidence"
urlpatterns = [
    *stores.urlpatterns,
    *exhibits.urlpatterns,
    *actions.urlpatterns,
    *lab.urlpatterns,
    *weights.urlpatterns,
    *disposal.urlpatterns,
    *destruction.urlpatterns,
    *labels.urlpatterns,
    *scanning.urlpatterns,
    *inventory.urlpatterns,
    *reports.urlpatterns,
]
