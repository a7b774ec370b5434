from django.urls import path

from sahakar.cases import views
from sahakar.core.views.generic import record_urls

app_name = "cases"
urlpatterns = [
    path("<int:pk>/stage/", views.StageView.as_view(), name="casefile_stage"),
    path("<int:pk>/referral/", views.ReferralView.as_view(), name="casefile_referral"),
    path("<int:pk>/hearings/add/", views.HearingView.as_view(), name="casefile_hearing"),
    path("<int:pk>/defendants/add/", views.DefendantsView.as_view(), name="casefile_defendants"),
    path("<int:pk>/seizures/add/", views.SeizuresView.as_view(), name="casefile_seizures"),
    path(
        "<int:pk>/defendants/<int:item>/remove/",
        views.RemovalView.as_view(),
        {"kind": "defendant"},
        name="defendant_remove",
    ),
    path(
        "<int:pk>/seizures/<int:item>/remove/",
        views.RemovalView.as_view(),
        {"kind": "seizure"},
        name="seizure_unlink",
    ),
    path("defendants/<int:pk>/outcome/", views.OutcomeView.as_view(), name="defendant_outcome"),
    path(
        "defendants/<int:pk>/detention/", views.DetentionView.as_view(), name="defendant_detention"
    ),
    *record_urls(
        list_view=views.CaseFileListView,
        detail_view=views.CaseFileDetailView,
        edit_view=views.CaseFileEditView,
    ),
]
