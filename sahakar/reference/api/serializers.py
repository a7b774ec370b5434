from typing import Any

from rest_framework import serializers

from sahakar.agencies.models import Agency
from sahakar.geo.models import OrgUnit
from sahakar.substances.models import ConversionFactor, Substance


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)  # type: ignore[var-annotated,assignment]

    class Meta:
        model = OrgUnit
        fields = ["code", "parent", "level", "kind", "name_en", "name_km", "iso_code", "short_code"]


class AgencySerializer(serializers.ModelSerializer):
    home: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Agency
        fields = ["code", "kind", "name_en", "name_km", "abbreviation", "home", "active"]


class ConversionFactorSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConversionFactor
        fields = ["unit", "kg_per_unit", "source"]


class SubstanceSerializer(serializers.ModelSerializer):
    factors = ConversionFactorSerializer(many=True, read_only=True)

    class Meta:
        model = Substance
        fields = [
            "code",
            "name_en",
            "name_km",
            "street_names",
            "schedule",
            "category",
            "forms",
            "nibrs_code",
            "unodc_name",
            "factors",
        ]
