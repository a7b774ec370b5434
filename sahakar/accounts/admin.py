"""Administrators manage users' agencies, roles, grants and assignments here; all audited."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from sahakar.accounts.models import Grant, Profile, Role, RoleAssignment


class GrantInline(admin.TabularInline):
    model = Grant
    extra = 0


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_en",
        "sees_personal_data",
        "requires_mfa",
        "records_for_other_agencies",
    ]
    inlines = [GrantInline]


class ProfileInline(admin.StackedInline):
    model = Profile
    fields = ["agency"]
    raw_id_fields = ["agency"]
    can_delete = False


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    raw_id_fields = ["jurisdiction"]
    extra = 0


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "jurisdiction"]
    list_filter = ["role"]
    raw_id_fields = ["user", "jurisdiction"]
    search_fields = ["user__username", "jurisdiction__name_en"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class SahakarUserAdmin(UserAdmin):
    inlines = [ProfileInline, RoleAssignmentInline]
