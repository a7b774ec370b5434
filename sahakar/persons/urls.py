from django.urls import path

from sahakar.core.views.generic import record_urls
from sahakar.persons import views
from sahakar.persons.lookup import PersonLookupView

app_name = "persons"
urlpatterns = [
    *record_urls(
        list_view=views.PersonListView,
        detail_view=views.PersonDetailView,
        edit_view=views.PersonEditView,
    ),
    path("lookup/", PersonLookupView.as_view(), name="lookup"),
    path("duplicates/", views.PersonDuplicatesView.as_view(), name="person_duplicates"),
    path("<int:pk>/export/", views.PersonExportView.as_view(), name="person_export"),
    path("<int:pk>/merge/", views.PersonMergeView.as_view(), name="person_merge"),
]
