"""Filter labels that django-filter generates from a model field ("Nationality") follow the
page's language, whichever language first read them."""

from typing import Any

from django.utils import translation

from sahakar.persons.filtersets import PersonFilterSet


def test_it_reads_generated_labels_in_each_page_language(db: Any) -> None:
    with translation.override("en"):
        # The API schema builds the form fields on the class; django-filter keeps them.
        assert PersonFilterSet.base_filters["nationality"].field is not None
        assert str(PersonFilterSet().form.fields["nationality"].label) == "Nationality"
    with translation.override("km"):
        label = str(PersonFilterSet().form.fields["nationality"].label)
    assert label != "Nationality" and "\u1780" <= label[0] <= "\u17ff"
