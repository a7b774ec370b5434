"""Sign-in, the second factor, re-authentication, password change and API tokens."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core.permissions import requires_mfa
from sahakar.core.users import signed_in
from sahakar.security import mfa, sessions
from sahakar.security.forms import AuthenticatorCodeForm, CodeForm, PasswordAgainForm, TokenForm
from sahakar.security.models import ApiToken
from sahakar.security.throttling import sign_in_wait

OVERVIEW = reverse_lazy("security:overview")


def _with_next(url: str, request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next")
    return f"{url}?{urlencode({'next': target})}" if target else url


class NextMixin(auth_views.RedirectURLMixin):
    """Where to go afterwards: a checked ?next=, else `next_page`; the form carries it."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["next"] = self.get_redirect_url()
        return context


class SignInView(auth_views.LoginView):
    """Django's sign-in, rate limited per address and per username (429 when exceeded).
    Lockout after failed passwords is django-axes' (see lockout.py)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = sign_in_wait(request, self)
        if wait is not None:
            response = render(request, "security/slow_down.html", status=429)
            response["Retry-After"] = str(int(wait) + 1)
            return response
        return super().post(request, *args, **kwargs)


class RecentPasswordRequiredMixin(LoginRequiredMixin):
    """Changing how one signs in needs the password typed in the last few minutes."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not sessions.password_is_recent(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('security:reauth')}?{query}")
        return super().dispatch(request, *args, **kwargs)


class ReauthView(LoginRequiredMixin, NextMixin, FormView[PasswordAgainForm]):
    template_name = "security/reauth.html"
    form_class = PasswordAgainForm
    next_page = "security:overview"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: Any) -> HttpResponse:
        sessions.stamp_password(self.request)
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: Any) -> HttpResponse:
        if getattr(self.request, "axes_locked_out", False):
            logout(self.request)  # the lockout page follows (axes' middleware)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OverviewView(LoginRequiredMixin, TemplateView):
    """The user's security page: password, second factor, API tokens."""

    template_name = "security/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = signed_in(self.request.user)
        return super().get_context_data(
            has_totp=mfa.has_totp(user),
            mfa_required=requires_mfa(user),
            backup_codes_left=mfa.backup_codes_left(user),
            tokens=ApiToken.objects.filter(user=user),
            **kwargs,
        )


class PasswordChangeView(RecentPasswordRequiredMixin, auth_views.PasswordChangeView):
    """Django's own (it keeps this session and ends the user's others), behind re-auth."""

    success_url = OVERVIEW

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        sessions.stamp_password(self.request)
        record(AuditAction.SECURITY, detail={"event": "password_changed"})
        messages.success(self.request, _("Your password was changed."))
        return response


class MfaSetupView(RecentPasswordRequiredMixin, auth_views.RedirectURLMixin, View):
    """Set up (or replace) the authenticator: scan, confirm with a first code, note the
    backup codes."""

    template_name = "security/mfa_setup.html"
    next_page = "security:overview"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        user = request.user
        if user.is_authenticated and not mfa.is_verified(user) and mfa.has_totp(user):
            # Whoever has only the password must not replace the authenticator.
            return HttpResponseRedirect(_with_next(reverse("security:mfa_verify"), request))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(mfa.pending_device(signed_in(request.user)), AuthenticatorCodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        device = mfa.pending_device(signed_in(request.user))
        form = AuthenticatorCodeForm(request.POST)
        if form.is_valid():
            try:
                codes = mfa.confirm(request, device, form.cleaned_data["code"])
            except mfa.MustWait:
                form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
                return self._render(device, form, status=429)
            if codes is not None:
                record(AuditAction.SECURITY, detail={"event": "mfa_enrolled"})
                return render(
                    request,
                    "security/backup_codes.html",
                    {"codes": codes, "continue_url": self.get_success_url()},
                )
            form.add_error(
                "code",
                _("That code is not right. Check the time on your phone and try again."),
            )
        return self._render(device, form, status=400)

    def _render(self, device: TOTPDevice, form: Any, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "qr": mfa.qr_svg(device),
            "secret": mfa.secret_text(device),
            "next": self.get_redirect_url(),
            "replacing": mfa.has_totp(signed_in(self.request.user)),
        }
        return render(self.request, self.template_name, context, status=status)


class MfaVerifyView(LoginRequiredMixin, NextMixin, FormView[CodeForm]):
    """The second step of signing in: a code from the authenticator, or a backup code."""

    template_name = "security/mfa_verify.html"
    form_class = CodeForm
    next_page = "home"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        user = request.user
        if user.is_authenticated:
            if mfa.is_verified(user):
                return HttpResponseRedirect(self.get_success_url())
            if not mfa.has_totp(user):
                if requires_mfa(user):
                    return HttpResponseRedirect(_with_next(reverse("security:mfa_setup"), request))
                return HttpResponseRedirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        user = signed_in(self.request.user)
        try:
            device = mfa.verify(user, form.cleaned_data["code"])
        except mfa.MustWait:
            form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if device is None:
            record(AuditAction.LOGIN_FAILED, detail={"factor": "otp"})
            form.add_error("code", _("That code is not right."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        factor = "totp" if isinstance(device, TOTPDevice) else "backup_code"
        mfa.mark_verified(self.request, device)
        record(AuditAction.LOGIN, detail={"factor": factor})
        if factor == "backup_code":
            messages.warning(
                self.request,
                _("You used a backup code; %(left)d are left. Make new ones on your security page.")
                % {"left": mfa.backup_codes_left(user)},
            )
        return HttpResponseRedirect(self.get_success_url())


class BackupCodesView(RecentPasswordRequiredMixin, View):
    """New backup codes, replacing the old ones, shown once."""

    def post(self, request: HttpRequest) -> HttpResponse:
        if not mfa.has_totp(signed_in(request.user)):
            return HttpResponseRedirect(OVERVIEW)
        codes = mfa.renew_backup_codes(signed_in(request.user))
        record(AuditAction.SECURITY, detail={"event": "backup_codes_renewed"})
        return render(
            request, "security/backup_codes.html", {"codes": codes, "continue_url": OVERVIEW}
        )


class MfaDisableView(RecentPasswordRequiredMixin, View):
    """Turn the second factor off: only for users who are not required to have it."""

    template_name = "security/mfa_disable.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and requires_mfa(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name)

    def post(self, request: HttpRequest) -> HttpResponse:
        mfa.remove(signed_in(request.user))
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        record(AuditAction.SECURITY, detail={"event": "mfa_removed"})
        messages.success(request, _("Multi-factor authentication is off."))
        return HttpResponseRedirect(OVERVIEW)


class TokenCreateView(RecentPasswordRequiredMixin, FormView[TokenForm]):
    template_name = "security/token_form.html"
    form_class = TokenForm

    def form_valid(self, form: Any) -> HttpResponse:
        token, key = ApiToken.objects.issue(
            signed_in(self.request.user), form.cleaned_data["name"], expires_at=form.expires_at()
        )
        record(AuditAction.TOKEN, token, detail={"token": token.prefix, "event": "created"})
        return render(self.request, "security/token_created.html", {"token": token, "key": key})

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        if token.revoke():
            record(AuditAction.TOKEN, token, detail={"token": token.prefix, "event": "revoked"})
            messages.success(request, _("Token %(name)s was revoked.") % {"name": token.name})
        return HttpResponseRedirect(OVERVIEW)
