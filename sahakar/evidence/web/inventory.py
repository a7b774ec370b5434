"""Pages of the evidence room: inventories of a store (list, start, count, close, report),
and the custodian pages (web/custodians.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import View

from sahakar.core import permissions
from sahakar.core.ids import given_id
from sahakar.core.models import ObjectChange
from sahakar.core.views.actions import ObjectActionView
from sahakar.core.views.generic import (
    ObjectDetailView,
    ObjectListView,
    RestrictedMixin,
    add_errors,
)
from sahakar.evidence import inventories
from sahakar.evidence.choices import InventoryFinding
from sahakar.evidence.models import EvidenceStore, Inventory, InventoryLine
from sahakar.evidence.web import custodians
from sahakar.evidence.web.custodians import page_url
from sahakar.evidence.web.inventory_forms import (
    ConfirmForm,
    InventoryFilterSet,
    InventoryStartForm,
    InventoryTable,
    ScanForm,
)

SCAN_SCRIPT = "evidence/scan.js"  # the camera scanner, when the labels part vendors it
LISTED = 200  # lines shown per list on the page; the API pages through all of them
RECENT = 10


class InventoryListView(ObjectListView):
    queryset = Inventory.objects.select_related("store")
    filterset_class = InventoryFilterSet
    table_class = InventoryTable
    template_name = "evidence/inventory_list.html"
    adds_here = False  # started from a store, on the start page

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        store_id = given_id(self.request.GET.get("store", ""))
        store = None
        if store_id is not None:
            store = EvidenceStore.objects.restrict(self.request.user).filter(pk=store_id).first()
        start = reverse("evidence:inventory_start")
        context.update(
            store=store,
            start_url=f"{start}?{urlencode({'store': store.pk})}" if store else start,
            may_start=inventories.stores_counted_by(self.request.user).exists(),
        )
        return context


class InventoryStartView(RestrictedMixin, View):
    """Choose the store (from ?store= on the store's page), full or sample, and the reason."""

    queryset = Inventory.objects.all()
    action = permissions.ADD
    template_name = "evidence/inventory_start.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not permissions.can(
            request.user, Inventory, permissions.ADD
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def stores(self) -> QuerySet[EvidenceStore]:
        return inventories.stores_counted_by(self.request.user).order_by("code")

    def get(self, request: HttpRequest) -> HttpResponse:
        store = request.GET.get("store", "")
        initial = {"store": store} if given_id(store) is not None else {}
        return self.render(InventoryStartForm(stores=self.stores(), initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = InventoryStartForm(request.POST, stores=self.stores())
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        try:
            inventory = inventories.start_inventory(
                data["store"],
                kind=data["kind"],
                sample_size=data["sample_size"],
                reason=data["reason"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
            return self.render(form, status=400)
        messages.success(
            request,
            _("Inventory started: %(count)s exhibits expected. Scan what is on the shelves.")
            % {"count": inventory.expected_count},
        )
        return HttpResponseRedirect(inventory.get_absolute_url())

    def render(self, form: Any, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "list_url": reverse("evidence:inventory_list"),
            "no_store": not self.stores().exists(),
        }
        return render(self.request, self.template_name, context, status=status)


def detail_context(request: HttpRequest, inventory: Inventory, scan_form: Any) -> dict[str, Any]:
    """What the inventory page shows: counts, the scan field while open, the report."""
    user = request.user
    store = inventory.store
    lines = InventoryLine.objects.filter(inventory=inventory).select_related(
        "exhibit", "expected_location", "scanned_location"
    )
    may_count = inventory.is_open and inventories.may_count(user, store)
    context: dict[str, Any] = {
        "object": inventory,
        "store": store,
        "store_url": page_url("evidence:store_detail", store.pk),
        "list_url": reverse("evidence:inventory_list") + f"?store={store.pk}",
        "model_meta": Inventory._meta,
        "may_count": may_count,
        # A refused scan shows its reason even once the inventory was closed meanwhile.
        "scan_form": scan_form if may_count or scan_form.is_bound else None,
        "scan_script": SCAN_SCRIPT if may_count and finders.find(SCAN_SCRIPT) else None,
        "changes": ObjectChange.objects.filter(
            content_type=ContentType.objects.get_for_model(Inventory), object_id=str(inventory.pk)
        ).select_related("user")[:20],
    }
    if inventory.is_open:
        context["counts"] = inventories.live_counts(inventory)
        context["to_find"] = _rows(
            lines.filter(expected=True, scanned_at__isnull=True).order_by(
                "expected_location__code", "exhibit__reference"
            )
        )
        context["recent"] = _rows(lines.filter(scanned_at__isnull=False).order_by("-scanned_at"))[
            :RECENT
        ]
    else:
        report = []
        for finding, title, total in (
            (
                InventoryFinding.MISSING,
                _("Missing: expected, not found"),
                inventory.missing_count,
            ),
            (
                InventoryFinding.MISPLACED,
                _("Misplaced: found at another location"),
                inventory.misplaced_count,
            ),
            (
                InventoryFinding.UNEXPECTED,
                _("Unexpected: found, not expected here"),
                inventory.unexpected_count,
            ),
        ):
            chosen = lines.filter(finding=finding).order_by("exhibit__reference")
            rows = _rows(chosen)
            report.append({"finding": finding, "title": title, "rows": rows, "total": total})
        context["report"] = report
    return context


def _rows(lines: QuerySet[InventoryLine]) -> list[dict[str, Any]]:
    shown = list(lines[:LISTED])
    return [
        {
            "line": line,
            "reference": line.exhibit.reference if line.exhibit else "—",
            "url": page_url("evidence:exhibit_detail", line.exhibit_id) if line.exhibit else None,
        }
        for line in shown
    ]


class InventoryDetailView(ObjectDetailView):
    queryset = Inventory.objects.select_related("store__org_unit", "started_by", "closed_by")

    def get_template_names(self) -> list[str]:
        return ["evidence/inventory_detail.html"]

    def may(self, obj: Any, action: str) -> bool:
        return False  # no edit or delete page: an inventory changes by scans and its closing

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        inventory = self.object
        location = self.request.GET.get("location", "")
        initial = {"location": location} if given_id(location) is not None else {}
        scan_form = ScanForm(store=inventory.store, initial=initial)
        context.update(detail_context(self.request, inventory, scan_form))
        return context


class InventoryScanView(ObjectActionView):
    """One scan (or typed number) from the inventory page; a refusal shows the page again
    with the reason at the field, and nothing is written."""

    queryset = Inventory.objects.select_related("store__org_unit", "started_by", "closed_by")
    form_class = ScanForm
    template_name = "evidence/inventory_detail.html"
    never_cache = True
    scan: inventories.Scan | None = None

    def form_kwargs(self, target: Inventory) -> dict[str, Any]:
        return {"store": target.store}

    def perform(self, target: Inventory, data: dict[str, Any]) -> Any:
        self.scan = inventories.record_scan(
            target, data["code"], location=data["location"], acting_user=self.request.user
        )
        return self.scan

    def done_message(self, target: Inventory) -> str:
        scan = self.scan
        assert scan is not None
        line = scan.line
        values = {
            "exhibit": line.exhibit.reference if line.exhibit else "",
            "where": line.expected_location.code if line.expected_location else _("no location"),
        }
        if not scan.changed:
            return _("%(exhibit)s was already scanned.") % values
        if not line.expected:
            return _("%(exhibit)s is not expected in this store: noted as unexpected.") % values
        if line.scanned_location_id and line.scanned_location_id != line.expected_location_id:
            elsewhere = _("%(exhibit)s is recorded at %(where)s: it will be reported misplaced.")
            return elsewhere % values
        return _("%(exhibit)s found (recorded at %(where)s).") % values

    def success_url(self, target: Inventory) -> str:
        url = target.get_absolute_url()
        scan = self.scan
        if scan is not None and scan.line.scanned_location_id:
            return f"{url}?{urlencode({'location': scan.line.scanned_location_id})}"
        return url

    def action_context(self, target: Inventory, form: Any) -> dict[str, Any]:
        return detail_context(self.request, target, form)


class InventoryCloseView(ObjectActionView):
    queryset = Inventory.objects.select_related("store__org_unit")
    form_class = ConfirmForm
    template_name = "evidence/inventory_close.html"

    def perform(self, target: Inventory, data: dict[str, Any]) -> Any:
        return inventories.close_inventory(target, acting_user=self.request.user)

    def done_message(self, target: Inventory) -> str:
        return _("Inventory closed. Its report is kept below.")

    def action_context(self, target: Inventory, form: Any) -> dict[str, Any]:
        counts = inventories.live_counts(target) if target.is_open else None
        return {"object": target, "form": form, "counts": counts}


urlpatterns: list[URLPattern] = [
    path("inventories/", InventoryListView.as_view(), name="inventory_list"),
    path("inventories/start/", InventoryStartView.as_view(), name="inventory_start"),
    path("inventories/<int:pk>/", InventoryDetailView.as_view(), name="inventory_detail"),
    path("inventories/<int:pk>/scan/", InventoryScanView.as_view(), name="inventory_scan"),
    path("inventories/<int:pk>/close/", InventoryCloseView.as_view(), name="inventory_close"),
    *custodians.urlpatterns,
]
