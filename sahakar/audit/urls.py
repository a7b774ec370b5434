from django.urls import path

from sahakar.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.AuditEntryListView.as_view(), name="auditentry_list"),
    path("<int:pk>/", views.AuditEntryDetailView.as_view(), name="auditentry_detail"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
]
