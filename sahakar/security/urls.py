from django.urls import path

from sahakar.security import views

app_name = "security"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("password-again/", views.ReauthView.as_view(), name="reauth"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("mfa/setup/", views.MfaSetupView.as_view(), name="mfa_setup"),
    path("mfa/verify/", views.MfaVerifyView.as_view(), name="mfa_verify"),
    path("mfa/backup-codes/", views.BackupCodesView.as_view(), name="backup_codes"),
    path("mfa/off/", views.MfaDisableView.as_view(), name="mfa_disable"),
    path("tokens/new/", views.TokenCreateView.as_view(), name="token_create"),
    path("tokens/<int:pk>/revoke/", views.TokenRevokeView.as_view(), name="token_revoke"),
]
