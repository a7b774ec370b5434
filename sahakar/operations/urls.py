from sahakar.core.views.generic import record_urls
from sahakar.operations import views

app_name = "operations"
urlpatterns = record_urls(
    list_view=views.OperationListView,
    detail_view=views.OperationDetailView,
    edit_view=views.OperationEditView,
)
