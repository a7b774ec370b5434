from django.urls import path

from sahakar.core.views.generic import record_urls
from sahakar.operations import views

app_name = "operations"
urlpatterns = [
    path("<int:pk>/status/", views.OperationStatusView.as_view(), name="operation_status"),
    path(
        "<int:operation_pk>/inspections/add/",
        views.InspectionEditView.as_view(),
        name="inspection_add",
    ),
    path("inspections/", views.InspectionListView.as_view(), name="inspection_list"),
    path("inspections/<int:pk>/edit/", views.InspectionEditView.as_view(), name="inspection_edit"),
    *record_urls(
        list_view=views.OperationListView,
        detail_view=views.OperationDetailView,
        edit_view=views.OperationEditView,
    ),
]
