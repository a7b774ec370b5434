"""Case files as a related section of another record's page (core/related.py)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from sahakar.cases.models import CaseFile, title_prefetch
from sahakar.cases.tables import CaseFileTable
from sahakar.core.related import Related


def case_files(lookup: str, list_filter: str = "", exclude: tuple[str, ...] = ()) -> Related:
    """The case files reaching the page's record by `lookup` (e.g. "defendants__arrest")."""
    rows = (
        CaseFile.objects.select_related("org_unit")
        .prefetch_related(title_prefetch())
        .annotate(defendant_count=Count("defendants"))
        .order_by("-created", "-pk")
    )
    return Related(
        title=_("Case files"),
        queryset=rows,
        lookup=lookup,
        table=CaseFileTable,
        list_filter=list_filter,
        exclude=exclude,
        empty=_("No case files you may see are linked."),
    )
