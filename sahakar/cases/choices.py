from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where a case file stands, in the only order it may move forward (services.py)."""

    INVESTIGATION = "investigation", _("investigation")
    REFERRED = "referred", _("referred to prosecutor")
    CHARGED = "charged", _("charged")
    AT_TRIAL = "at_trial", _("at trial")
    JUDGMENT = "judgment", _("judgment")
    CLOSED = "closed", _("closed")


STAGE_ORDER: tuple[str, ...] = tuple(Stage.values)

# The forward moves a case may make. Every stage is passed through in order; the one way
# round is an early close when the prosecutor or the investigating judge drops the charges
# against every defendant (services.close_case checks the outcomes). Going back is only a
# corrective action, with a reason (services.change_stage).
FORWARD: dict[str, frozenset[str]] = {
    Stage.INVESTIGATION: frozenset({Stage.REFERRED}),
    Stage.REFERRED: frozenset({Stage.CHARGED, Stage.CLOSED}),
    Stage.CHARGED: frozenset({Stage.AT_TRIAL, Stage.CLOSED}),
    Stage.AT_TRIAL: frozenset({Stage.JUDGMENT}),
    Stage.JUDGMENT: frozenset({Stage.CLOSED}),
    Stage.CLOSED: frozenset(),
}


def stage_index(stage: str) -> int:
    return STAGE_ORDER.index(stage)


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("ordinary procedure")
    IMMEDIATE = "immediate", _("immediate appearance")


class Outcome(models.TextChoices):
    """What became of one defendant."""

    PENDING = "pending", _("pending")
    CONVICTED = "convicted", _("convicted")
    ACQUITTED = "acquitted", _("acquitted")
    DISMISSED = "dismissed", _("charges dismissed")
    APPEALED = "appealed", _("judgment appealed")


# The stages at which each outcome can be recorded: a court decides guilt at trial, charges
# can be dropped once the prosecutor has the file, an appeal follows a judgment.
OUTCOME_STAGES: dict[str, frozenset[str]] = {
    Outcome.PENDING: frozenset(STAGE_ORDER) - {Stage.CLOSED},
    Outcome.CONVICTED: frozenset({Stage.AT_TRIAL, Stage.JUDGMENT}),
    Outcome.ACQUITTED: frozenset({Stage.AT_TRIAL, Stage.JUDGMENT}),
    Outcome.DISMISSED: frozenset({Stage.REFERRED, Stage.CHARGED, Stage.AT_TRIAL, Stage.JUDGMENT}),
    Outcome.APPEALED: frozenset({Stage.JUDGMENT}),
}


class ClockEvent(models.TextChoices):
    """What starts or stops a legal clock."""

    REFERRED = "referred", _("referral to the prosecutor")
    CHARGED = "charged", _("charge")
    AT_TRIAL = "at_trial", _("appearance before the trial court")
    JUDGMENT = "judgment", _("judgment")
    DETENTION_ORDER = "detention_order", _("pre-trial detention order")


class DurationUnit(models.TextChoices):
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    MONTHS = "months", _("months")


class ClockState(models.TextChoices):
    RUNNING = "running", _("running")
    DUE_SOON = "due_soon", _("due soon")
    OVERDUE = "overdue", _("overdue")
    MET = "met", _("met")
    MISSED = "missed", _("ended after the deadline")
