from typing import Any

import django_filters
from django.db.models import Q

from sahakar.core.filtersets import BaseFilterSet
from sahakar.persons.models import Person


class PersonFilterSet(BaseFilterSet):
    search_fields = ("name_km", "name_latin", "alias", "document_number")

    sex = django_filters.ChoiceFilter(choices=Person._meta.get_field("sex").choices)
    birth_year = django_filters.NumberFilter(label="Year of birth", method="born_in")

    class Meta:
        model = Person
        fields = ["q", "sex", "nationality", "birth_year", "org_unit"]

    def born_in(self, queryset: Any, name: str, value: int) -> Any:

        return queryset.filter(Q(birth_year=value) | Q(date_of_birth__year=value))
