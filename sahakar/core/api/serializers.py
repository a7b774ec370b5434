"""Serializer base: model validation (the same rules as the forms), scoped choices, versions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers
from rest_framework.fields import get_error_detail
from rest_framework.relations import RelatedField

from sahakar.core import permissions


def with_clean_text(attrs: dict[str, Any], candidate: Any) -> dict[str, Any]:
    """The text values as the model's clean_fields() cleaned them (core/text.py), so what is
    saved is what was validated."""
    for field in candidate._meta.concrete_fields:
        if field.name in attrs and isinstance(attrs[field.name], str):
            attrs[field.name] = getattr(candidate, field.attname)
    return attrs


class CodeField(serializers.SlugRelatedField):
    """A reference-data link written and read as its code (org units, agencies, substances)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)


class BaseModelSerializer(serializers.ModelSerializer):
    """Runs the model's own clean() on the would-be record, so the API refuses exactly what
    the forms refuse. Updates must send the `version` they read (409 when it is stale)."""

    version = serializers.IntegerField(required=False)
    serializer_related_field = serializers.PrimaryKeyRelatedField

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for field in fields.values():
            target = getattr(field, "child_relation", field)
            relation: Any = target
            if (
                isinstance(target, RelatedField)
                and not target.read_only
                and relation.queryset is not None
            ):
                relation.queryset = permissions.choices_for(
                    relation.queryset, user, for_model=self.Meta.model
                )
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        version = attrs.pop("version", None)
        if self.instance is not None:
            if version is None:
                raise serializers.ValidationError(
                    {"version": ["Send the version you read, to update this record."]}
                )
            self._expected_version = version
        model: Any = self.Meta.model
        many = {f.name for f in model._meta.many_to_many}
        candidate = self.instance or model()
        # A throw-away copy, so a refused update leaves the loaded instance as it was.
        if self.instance is not None:
            candidate = model._base_manager.get(pk=self.instance.pk)
        for name, value in attrs.items():
            if name not in many and not isinstance(value, list):
                setattr(candidate, name, value)
        try:
            candidate.full_clean(exclude=self.clean_exclude(), validate_unique=False)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(get_error_detail(exc)) from exc
        return with_clean_text(attrs, candidate)

    def clean_exclude(self) -> list[str]:
        """Model fields the serializer does not write (and so must not be validated here)."""
        writable = set(self.fields)
        model: Any = self.Meta.model
        return [
            f.name
            for f in model._meta.concrete_fields
            if f.name not in writable and not isinstance(f, models.AutoField)
        ]

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        instance.version = getattr(self, "_expected_version", instance.version)
        return super().update(instance, validated_data)
