from sahakar.core.views.generic import ObjectDetailView, ObjectEditView, ObjectListView
from sahakar.operations.filtersets import OperationFilterSet
from sahakar.operations.forms import OperationForm
from sahakar.operations.models import Operation
from sahakar.operations.tables import OperationTable


class OperationListView(ObjectListView):
    queryset = Operation.objects.select_related("lead_agency", "org_unit")
    filterset_class = OperationFilterSet
    table_class = OperationTable


class OperationDetailView(ObjectDetailView):
    queryset = Operation.objects.select_related("lead_agency", "org_unit")


class OperationEditView(ObjectEditView):
    queryset = Operation.objects.all()
    form_class = OperationForm
