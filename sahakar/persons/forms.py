from django import forms

from sahakar.core.forms import BaseModelForm
from sahakar.persons.models import Person


class PersonForm(BaseModelForm):
    class Meta:
        model = Person
        fields = [
            "name_km",
            "name_latin",
            "alias",
            "sex",
            "date_of_birth",
            "birth_year",
            "nationality",
            "document_type",
            "document_number",
            "org_unit",
            "notes",
        ]
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"})}
