"""Serializer base: model validation (the same rules as the forms), scoped choices, versions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import get_error_detail
from rest_framework.relations import RelatedField

from sahakar.core import permissions
from sahakar.core.writes import expect_version
from sahakar.geo.models import OrgUnit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_ID = 2**63 - 1  # the largest id any table holds


def with_clean_text(attrs: dict[str, Any], candidate: Any) -> dict[str, Any]:
    """The text values as the model's clean_fields() cleaned them (core/text.py), so what is
    saved is what was validated."""
    for field in candidate._meta.concrete_fields:
        if field.name in attrs and isinstance(attrs[field.name], str):
            attrs[field.name] = getattr(candidate, field.attname)
    return attrs


class ExplainedRelatedMixin:
    """A link whose choices are narrower than what exists says why a value is refused
    ("… is a court, not a prosecution office") instead of "does not exist", when the user may
    know the record: reference data, or records inside their view scope. A record outside the
    user's scope still reads as "does not exist". `known` overrides where the value is looked
    up (needed for users, which have no scope of their own), `refusal` gives the reason."""

    default_error_messages: ClassVar[dict[str, StrOrPromise]] = {
        "not_acceptable": _("“%(value)s” cannot be chosen here.")
    }
    lookup_field = "pk"

    def __init__(
        self,
        *,
        known: QuerySet[Any] | None = None,
        refusal: Callable[[Any], str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.known, self.refusal = known, refusal
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and "\x00" in data:  # no column holds it (PostgreSQL refuses)
            raise serializers.ValidationError(_("Null characters are not allowed."), code="null")
        try:
            return super().to_internal_value(data)  # type: ignore[misc]
        except serializers.ValidationError:
            found = self._known_record(data)
            if found is None:
                raise
            message = (
                self.refusal(found)
                if self.refusal
                else self.error_messages["not_acceptable"] % {"value": data}  # type: ignore[attr-defined]
            )
            raise serializers.ValidationError(str(message), code="not_acceptable") from None

    def _known_record(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, str | int):
            return None
        text = str(data)
        # isdigit() also takes "²" and other digits int() refuses: only 0-9 name an id.
        if self.lookup_field == "pk" and not (
            text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID
        ):
            return None
        known = self.known if self.known is not None else self._default_known()
        if known is None:
            return None
        return known.filter(**{self.lookup_field: data}).first()

    def _default_known(self) -> QuerySet[Any] | None:
        queryset = getattr(self, "queryset", None)
        if queryset is None or queryset.model is get_user_model():
            return None
        everything: QuerySet[Any] = queryset.model._default_manager.all()
        if hasattr(everything, "restrict"):
            request = self.context.get("request")  # type: ignore[attr-defined]
            restricted: QuerySet[Any] = everything.restrict(
                getattr(request, "user", None), permissions.VIEW
            )
            return restricted
        return everything  # reference data: every user may know it exists


class ExplainedPrimaryKeyRelatedField(
    ExplainedRelatedMixin, serializers.PrimaryKeyRelatedField[Any]
):
    pass


class ExplainedSlugRelatedField(ExplainedRelatedMixin, serializers.SlugRelatedField[Any]):
    def __init__(self, slug_field: str | None = None, **kwargs: Any) -> None:
        super().__init__(slug_field=slug_field, **kwargs)
        self.lookup_field = self.slug_field


class CodeField(ExplainedSlugRelatedField):
    """A reference-data link written and read as its code (org units, agencies, substances)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)


def _outside_jurisdiction(model: Any) -> Callable[[Any], str]:
    def refusal(unit: Any) -> str:
        return _("%(unit)s is outside the jurisdictions where you may add %(records)s.") % {
            "unit": unit,
            "records": model._meta.verbose_name_plural,
        }

    return refusal


class BaseModelSerializer(serializers.ModelSerializer[Any]):
    """Runs the model's own clean() on the would-be record, so the API refuses exactly what
    the forms refuse. Updates must send the `version` they read (409 when it is stale)."""

    version = serializers.IntegerField(required=False)
    serializer_related_field = ExplainedPrimaryKeyRelatedField

    def acting_user(self) -> Any:
        """Who is writing: the request's user, whom services take as `acting_user`."""
        return getattr(self.context.get("request"), "user", None)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = self.acting_user()
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
                if relation.queryset.model is OrgUnit and getattr(relation, "refusal", 1) is None:
                    relation.refusal = _outside_jurisdiction(self.Meta.model)
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
        expect_version(instance, getattr(self, "_expected_version", None))
        return super().update(instance, validated_data)
