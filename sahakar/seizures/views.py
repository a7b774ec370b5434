from sahakar.core.views.generic import ObjectDetailView, ObjectEditView, ObjectListView
from sahakar.seizures.filtersets import SeizureFilterSet
from sahakar.seizures.forms import SeizureForm
from sahakar.seizures.models import Seizure
from sahakar.seizures.tables import SeizureTable


class SeizureListView(ObjectListView):
    queryset = Seizure.objects.select_related("org_unit", "venue", "seizing_agency")
    filterset_class = SeizureFilterSet
    table_class = SeizureTable


class SeizureDetailView(ObjectDetailView):
    queryset = Seizure.objects.select_related("org_unit", "venue", "seizing_agency", "operation")


class SeizureEditView(ObjectEditView):
    queryset = Seizure.objects.all()
    form_class = SeizureForm
