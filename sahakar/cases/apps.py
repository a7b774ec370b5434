from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "sahakar.cases"
    label = "cases"
    verbose_name = _("Case files")
    # Legal clock rules and penalty bands, from the country's reference folder.
    reference_loader = "sahakar.cases.reference_data.load"
