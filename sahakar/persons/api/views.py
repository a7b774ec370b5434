from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.persons.api.serializers import PersonSerializer
from sahakar.persons.filtersets import PersonFilterSet
from sahakar.persons.models import Person


class PersonViewSet(RestrictedModelViewSet):
    queryset = Person.objects.select_related("org_unit")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["name_latin", "name_km", "created"]
