from sahakar.core.views.generic import ObjectDetailView, ObjectEditView, ObjectListView
from sahakar.persons.filtersets import PersonFilterSet
from sahakar.persons.forms import PersonForm
from sahakar.persons.models import Person
from sahakar.persons.tables import PersonTable


class PersonListView(ObjectListView):
    queryset = Person.objects.select_related("org_unit")
    filterset_class = PersonFilterSet
    table_class = PersonTable


class PersonDetailView(ObjectDetailView):
    queryset = Person.objects.select_related("org_unit")


class PersonEditView(ObjectEditView):
    queryset = Person.objects.all()
    form_class = PersonForm
