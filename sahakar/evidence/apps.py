from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "sahakar.evidence"
    label = "evidence"
    verbose_name = _("Evidence")
    # Lab turnaround rules and weight tolerances, from the country's reference folder.
    reference_loader = "sahakar.evidence.reference_data.load"

    def ready(self) -> None:
        from sahakar.evidence.reports import checks  # noqa: F401 (checks register on import)
