from django.urls import path

from sahakar.core.views.generic import record_urls
from sahakar.seizures import views
from sahakar.seizures.documents import SeizureReceiptView
from sahakar.seizures.lookup import SeizureLookupView

app_name = "seizures"
urlpatterns = [
    path("<int:pk>/receipt.pdf", SeizureReceiptView.as_view(), name="seizure_receipt"),
    *record_urls(
        list_view=views.SeizureListView,
        detail_view=views.SeizureDetailView,
        edit_view=views.SeizureEditView,
    ),
    path("lookup/", SeizureLookupView.as_view(), name="lookup"),
]
