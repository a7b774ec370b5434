from django.urls import path

from sahakar.arrests import views
from sahakar.arrests.documents import ArrestRecordView
from sahakar.core.views.generic import record_urls

app_name = "arrests"
urlpatterns = [
    path("due/", views.DueView.as_view(), name="due"),
    path("add/persons/", views.ArrestPersonChoicesView.as_view(), name="arrest_add_persons"),
    path("<int:pk>/record.pdf", ArrestRecordView.as_view(), name="arrest_record"),
    path("<int:pk>/extend/", views.ExtensionView.as_view(), name="arrest_extend"),
    path("<int:pk>/outcome/", views.OutcomeView.as_view(), name="arrest_outcome"),
    path("<int:pk>/correct/", views.CorrectionView.as_view(), name="arrest_correct"),
    *record_urls(
        list_view=views.ArrestListView,
        detail_view=views.ArrestDetailView,
        edit_view=views.ArrestEditView,
        add_view=views.ArrestCreateView,
    ),
]
