from django.contrib import admin

from sahakar.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "jurisdiction"]
    list_filter = ["role"]
    raw_id_fields = ["jurisdiction", "agency"]
