"""API tokens in the admin: administrators issue tokens for users and revoke any token."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.security.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at", "expires_at"]
    search_fields = ["name", "prefix", "user__username"]
    raw_id_fields = ["user"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["user", "name", "expires_at"]
        return ["user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if obj is None else ["user", *self.readonly_fields]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the audit trail names tokens by prefix

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if not change:
            request.sahakar_new_key = obj.set_new_key()  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)
        if not change:
            record(AuditAction.TOKEN, obj, detail={"token": obj.prefix, "event": "created"})

    def response_add(
        self, request: HttpRequest, obj: ApiToken, post_url_continue: Any = None
    ) -> HttpResponse:
        """Show the key on this response only: it is stored nowhere, not even in a message."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("New API token"),
            "token": obj,
            "key": request.sahakar_new_key,  # type: ignore[attr-defined]
            "opts": self.opts,
        }
        return TemplateResponse(request, "security/admin_token_created.html", context)

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = 0
        for token in queryset:
            if token.revoke():
                revoked += 1
                record(AuditAction.TOKEN, token, detail={"token": token.prefix, "event": "revoked"})
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", revoked) % {"n": revoked},
            messages.SUCCESS,
        )
