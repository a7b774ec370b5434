"""A campaign with its audience counts, read and written as one document."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from sahakar.agencies.models import Agency
from sahakar.core.api.serializers import BaseModelSerializer, CodeField
from sahakar.geo.models import OrgUnit
from sahakar.prevention import services
from sahakar.prevention.models import AudienceCount, Campaign
from sahakar.seizures.api.serializers import RowErrorsInInputOrder


class AudienceCountSerializer(serializers.ModelSerializer):
    """People of one sex and age group reached; at most one row per group."""

    class Meta:
        model = AudienceCount
        fields = ["sex", "age_group", "count"]
        list_serializer_class = RowErrorsInInputOrder

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:  # the model's own rules, as the page's formset applies them
            AudienceCount(**attrs).full_clean(exclude=["campaign"], validate_unique=False)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(get_error_detail(exc)) from exc
        return attrs


class CampaignSerializer(BaseModelSerializer):
    """A campaign and its audience counts, written together in one transaction.

    `audience` lists the groups reached, one row per sex and age group; on update it replaces
    the recorded counts (rows are matched by group), and a PATCH without it leaves them as
    they are. `total_reached` is their sum. Agencies and org units are given by code.
    """

    url = serializers.HyperlinkedIdentityField(view_name="api:campaign-detail")
    organiser = CodeField(queryset=Agency.objects.all(), help_text=_("Agency code."))
    partners = CodeField(
        queryset=Agency.objects.all(), many=True, required=False, help_text=_("Agency codes.")
    )
    org_unit = CodeField(queryset=OrgUnit.objects.all(), help_text=_("Gazetteer code."))
    audience = AudienceCountSerializer(many=True, required=False)
    total_reached = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "url",
            "reference",
            "title",
            "kind",
            "organiser",
            "partners",
            "starts_on",
            "ends_on",
            "org_unit",
            "place",
            "materials",
            "materials_quantity",
            "key_message",
            "audience",
            "total_reached",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["reference"]

    def get_total_reached(self, campaign: Campaign) -> int:
        return campaign.total_reached()

    def validate_audience(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        repeated = services.repeated_groups(rows)
        if any(repeated):
            raise serializers.ValidationError(
                [
                    {"age_group": [_("This sex and age group is counted twice.")]} if twice else {}
                    for twice in repeated
                ]
            )
        return rows

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        campaign = self.instance
        organiser = attrs.get("organiser", getattr(campaign, "organiser", None))
        if "partners" in attrs:
            partners = attrs["partners"]
        elif campaign is not None:
            partners = list(campaign.partners.all())
        else:
            partners = []
        try:
            services.validate_partners(organiser, partners)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(get_error_detail(exc)) from exc
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Campaign:
        rows = validated_data.pop("audience", [])
        user = self.acting_user()
        with transaction.atomic():
            campaign = super().create(validated_data)
            services.sync_audience(campaign, rows, acting_user=user)
        return campaign

    def update(self, instance: Campaign, validated_data: dict[str, Any]) -> Campaign:
        rows = validated_data.pop("audience", None)
        user = self.acting_user()
        with transaction.atomic():
            # Saved even when only the counts change: the version guards the whole campaign.
            campaign = super().update(instance, validated_data)
            if rows is not None:
                services.sync_audience(campaign, rows, acting_user=user)
        return campaign
