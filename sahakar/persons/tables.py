import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sahakar.persons.models import Person


class PersonTable(tables.Table):
    name_latin = tables.Column(linkify=True)
    name_km = tables.Column(linkify=True)
    year_of_birth = tables.Column(
        verbose_name=_("Born"), accessor="year_of_birth", order_by=("date_of_birth", "birth_year")
    )
    org_unit = tables.Column(order_by=("org_unit__path",))

    class Meta:
        model = Person
        fields = ["name_km", "name_latin", "sex", "year_of_birth", "nationality", "org_unit"]
        empty_text = _("No persons match.")
