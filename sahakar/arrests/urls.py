from django.urls import path

from sahakar.arrests import views
from sahakar.arrests.models import Arrest
from sahakar.core.views.generic import ObjectDeleteView

app_name = "arrests"
urlpatterns = [
    path("", views.ArrestListView.as_view(), name="arrest_list"),
    path("add/", views.ArrestCreateView.as_view(), name="arrest_add"),
    path("due/", views.DueView.as_view(), name="due"),
    path("<int:pk>/", views.ArrestDetailView.as_view(), name="arrest_detail"),
    path("<int:pk>/edit/", views.ArrestEditView.as_view(), name="arrest_edit"),
    path(
        "<int:pk>/delete/",
        ObjectDeleteView.as_view(queryset=Arrest.objects.all()),
        name="arrest_delete",
    ),
    path("<int:pk>/extend/", views.ExtensionView.as_view(), name="arrest_extend"),
    path("<int:pk>/outcome/", views.OutcomeView.as_view(), name="arrest_outcome"),
    path("<int:pk>/correct/", views.CorrectionView.as_view(), name="arrest_correct"),
]
