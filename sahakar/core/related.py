"""Connected records: what a record's page shows of the records linked to it, and when a
reference to another record is a link. The one mechanism for both, as NetBox's
GetRelatedModelsMixin and RestrictedPrefetch: everything shown is read through restrict().

- A detail view declares its related sections (`Related`, built by each app's related.py);
  `sections()` reads each one restricted to what the viewer may see, capped, with the number
  of records and a link to the list filtered to them when there are more than the cap. A
  record outside the viewer's scope is neither listed nor counted.
- A table column that names another record (`RecordLinkColumn`) links to it only when the
  viewer may open it; `with_links()` adds one EXISTS per such column to the rows' query, so
  a page runs the same number of queries however many rows it shows.
- `record_link` (template tag, core_links) does the same for one reference on a page.

Personal data of suspects (persons, arrests, case files) is linked or listed only for users
whose roles see personal data (the field-level rule: prevention officers and analysts never
do), whatever record-type grants an administrator gives their role.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import django_tables2 as tables
from django.db.models import Exists, Model, OuterRef, QuerySet, Value
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django_tables2.data import TableListData

from sahakar.audit import access
from sahakar.core import permissions

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser

# Rows a related section shows before it points to the filtered list instead.
SECTION_LIMIT = 10


def may_open(user: AnyUser | None, model: type[Model]) -> bool:
    """Whether records of `model` may be listed or linked for `user` at all (where is up to
    restrict()): a view grant, and for personal data the field-level rule as well."""
    if permissions.holds_personal_data(model) and not permissions.sees_personal_data(user):
        return False
    return permissions.can(user, model, permissions.VIEW)


def visible(user: AnyUser | None, model: type[Model]) -> QuerySet[Any]:
    """The records of `model` the user may open (none if may_open() says no)."""
    records = model._default_manager.all()
    if not may_open(user, model):
        return records.none()
    return permissions.restrict(records, user, permissions.VIEW)


def openable_pks(user: AnyUser | None, model: type[Model], pks: Iterable[Any]) -> set[Any]:
    """Which of these records the user may open, in one query (none if the set is empty)."""
    wanted = {pk for pk in pks if pk is not None}
    if not wanted or not may_open(user, model):
        return set()
    return set(visible(user, model).filter(pk__in=wanted).values_list("pk", flat=True))


def flag_name(path: str) -> str:
    """The annotation with_links() adds for a foreign key path: "arrest__person" gives
    "arrest_person_linked"."""
    return f"{path.replace('__', '_')}_linked"


def _target(model: type[Model], path: str) -> type[Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model  # type: ignore[assignment]
    return model


def with_links(queryset: QuerySet[Any], user: AnyUser | None, paths: Sequence[str]) -> Any:
    """Annotate `<path>_linked` on each row: whether the record the foreign key `path`
    ("person", "arrest__person") names is one the user may open. One EXISTS per path, in
    the rows' own query."""
    flags: dict[str, Any] = {}
    for path in paths:
        target = _target(queryset.model, path)
        if may_open(user, target):
            flags[flag_name(path)] = Exists(visible(user, target).filter(pk=OuterRef(path)))
        else:
            flags[flag_name(path)] = Value(False)
    return queryset.annotate(**flags) if flags else queryset


def link_html(obj: Any, linked: bool, text: Any = None) -> SafeString:
    """The record's name (or `text`), linked to its page when `linked`."""
    label = obj if text is None else text
    if obj is None:
        return format_html("{}", "—")
    if linked:
        try:
            return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)
        except (AttributeError, NoReverseMatch):
            pass
    return format_html("{}", label)


class RecordLinkColumn(tables.Column):  # type: ignore[misc]  # untyped base
    """A foreign key shown as the record it names, linked when the viewer may open it.

    The rows carry the flag with_links() annotates; rows without it are not linked. `text`
    names the attribute shown (e.g. "reference"), the record's str() by default.
    """

    def __init__(self, *args: Any, text: str = "", **kwargs: Any) -> None:
        self.text_attr = text
        super().__init__(*args, **kwargs)

    def label_of(self, value: Any) -> Any:
        return getattr(value, self.text_attr) if self.text_attr else value

    def render(self, value: Any, record: Any, bound_column: Any) -> SafeString:
        linked = bool(getattr(record, flag_name(_path(bound_column.accessor)), False))
        return link_html(value, linked, self.label_of(value))

    def value(self, value: Any) -> str:
        return str(self.label_of(value))


def link_fields(table_class: type[tables.Table]) -> list[str]:
    """The foreign keys a table shows as RecordLinkColumns: what with_links() annotates."""
    return [
        _path(column.accessor or name)
        for name, column in table_class.base_columns.items()
        if isinstance(column, RecordLinkColumn)
    ]


def _path(accessor: Any) -> str:
    return str(accessor).replace(".", "__")


@dataclass(frozen=True)
class Related:
    """One kind of related record a detail page lists: which records (`lookup` from them to
    the page's record, e.g. "arrests__person" for a person's seizures), shown with which
    table, and the list's query parameter (`list_filter`) selecting the same records."""

    title: Any
    queryset: QuerySet[Any]
    lookup: str
    table: type[tables.Table]
    list_filter: str = ""
    exclude: tuple[str, ...] = ()
    empty: Any = ""
    limit: int = SECTION_LIMIT
    slug: str = field(default="")

    @property
    def model(self) -> type[Model]:
        return self.queryset.model


@dataclass
class Section:
    """A related section as shown: the first rows, how many there are in all, and where
    to see them all."""

    title: Any
    slug: str
    table: tables.Table
    count: int
    more_url: str
    empty: Any
    shown: int


class Rows(TableListData):  # type: ignore[misc]  # untyped base
    """A section's rows, already read, with their model: django-tables2 names a column after
    the model field it shows (in the page's language) only when its data tells the model."""

    def __init__(self, rows: list[Any], model: type[Model]) -> None:
        super().__init__(rows)
        self._model = model

    @property
    def model(self) -> type[Model]:
        return self._model


def sections(obj: Model, user: AnyUser | None, specs: Sequence[Related]) -> list[Section]:
    """The related sections of `obj`'s page the user may see. Each takes at most two
    queries (rows, and the count when they exceed the cap) plus its rows' prefetches,
    however many records are linked."""
    result = []
    for spec in specs:
        if not may_open(user, spec.model):
            continue  # the section is not shown: nothing of it may be listed to this user
        linked = spec.model._base_manager.filter(**{spec.lookup: obj}).values("pk")
        records = with_links(
            permissions.restrict(spec.queryset.all(), user, permissions.VIEW),
            user,
            link_fields(spec.table),
        ).filter(pk__in=linked)
        rows = list(records[: spec.limit + 1])
        count = len(rows) if len(rows) <= spec.limit else records.count()
        rows = rows[: spec.limit]
        access.log_list_view(spec.model, rows, {"related_to": obj._meta.label_lower, "pk": obj.pk})
        table = spec.table(Rows(rows, spec.model), exclude=spec.exclude, orderable=False)
        result.append(
            Section(
                title=spec.title,
                slug=spec.slug or spec.model._meta.model_name or "",
                table=table,
                count=count,
                more_url=_list_url(spec, obj) if count > len(rows) else "",
                empty=spec.empty,
                shown=len(rows),
            )
        )
    return result


def _list_url(spec: Related, obj: Model) -> str:
    if not spec.list_filter:
        return ""
    meta = spec.model._meta
    base = reverse(f"{meta.app_label}:{meta.model_name}_list")
    return f"{base}?{urlencode({spec.list_filter: obj.pk})}"
