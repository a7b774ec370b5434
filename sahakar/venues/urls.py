from django.urls import path

from sahakar.core.views.generic import record_urls
from sahakar.venues import views
from sahakar.venues.lookup import VenueLookupView

app_name = "venues"
urlpatterns = [
    *record_urls(
        list_view=views.VenueListView,
        detail_view=views.VenueDetailView,
        edit_view=views.VenueEditView,
    ),
    path("lookup/", VenueLookupView.as_view(), name="lookup"),
]
