"""Demo sign-ins, one per role plus a provincial sample, and the account that authors demo data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sahakar.accounts.choices import Role as RoleCode
from sahakar.accounts.models import Profile, Role, RoleAssignment
from sahakar.agencies.models import Agency
from sahakar.env import env_bool
from sahakar.geo.models import OrgUnit
from sahakar.security import mfa

# One shared password, long enough and uncommon enough for Django's validators.
DEMO_PASSWORD = "sahakar-demo-2026"  # noqa: S105 - published on purpose: demo sign-ins only

# Demo records are created by this account, which is how the demo finds them again
# (--reset, "already loaded"). It cannot sign in.
AUTHOR_USERNAME = "demo.generator"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    agency: str
    jurisdiction: str  # org-unit code; "" is the nation
    note: str
    superuser: bool = False

    @property
    def second_factor(self) -> bool:
        """TOTP is required for administrators, auditors and national roles (docs/quality.md)."""
        return self.role in (RoleCode.ADMINISTRATOR, RoleCode.AUDITOR) or not self.jurisdiction


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "admin", RoleCode.ADMINISTRATOR, "NACD", "", "administrator, superuser", superuser=True
    ),
    DemoUser(
        "add.officer",
        RoleCode.FIELD_OFFICER,
        "ADD",
        "",
        "Anti-Drug Department officer, national (leads joint operations)",
    ),
    DemoUser("pp.officer", RoleCode.FIELD_OFFICER, "ADB-PP", "12", "field officer, Phnom Penh"),
    DemoUser("sr.officer", RoleCode.FIELD_OFFICER, "ADB-SR", "17", "field officer, Siem Reap"),
    DemoUser(
        "bm.customs", RoleCode.FIELD_OFFICER, "GDCE", "01", "customs officer, Banteay Meanchey"
    ),
    DemoUser("pp.investigator", RoleCode.INVESTIGATOR, "ADB-PP", "12", "investigator, Phnom Penh"),
    DemoUser(
        "custodian", RoleCode.EVIDENCE_CUSTODIAN, "ADB-PP", "12", "evidence custodian, Phnom Penh"
    ),
    DemoUser(
        "sr.custodian", RoleCode.EVIDENCE_CUSTODIAN, "ADB-SR", "17", "evidence custodian, Siem Reap"
    ),
    DemoUser("lab.analyst", RoleCode.EVIDENCE_CUSTODIAN, "NACD", "12", "national drug laboratory"),
    DemoUser(
        "court.clerk", RoleCode.EVIDENCE_CUSTODIAN, "CFI-PP", "12", "court evidence registry, PP"
    ),
    DemoUser(
        "destruction.keeper", RoleCode.EVIDENCE_CUSTODIAN, "NACD", "12", "destruction site, PP"
    ),
    DemoUser(
        "evidence.supervisor",
        RoleCode.EVIDENCE_SUPERVISOR,
        "ADB-PP",
        "12",
        "head of the evidence unit, Phnom Penh (closes weight discrepancies)",
    ),
    DemoUser("prosecutor.pp", RoleCode.PROSECUTOR, "PPO-PP", "12", "prosecutor, Phnom Penh"),
    DemoUser(
        "prevention.moh", RoleCode.PREVENTION_OFFICER, "MOH", "", "prevention officer, national"
    ),
    DemoUser("analyst", RoleCode.ANALYST, "NACD", "", "analyst, national"),
    DemoUser("auditor", RoleCode.AUDITOR, "NACD", "", "auditor, national"),
)


def author() -> Any:
    """The inactive account demo records are created by (made on first use)."""
    user, created = get_user_model().objects.get_or_create(
        username=AUTHOR_USERNAME,
        defaults={"first_name": "Synthetic", "last_name": "demo data", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def ensure_users() -> list[tuple[DemoUser, bool]]:
    """Create the demo users that are missing. Existing accounts keep their password; one
    that lacks its demo role (made before roles became data) gets it."""
    users = get_user_model().objects
    result = []
    for demo in DEMO_USERS:
        user = users.filter(username=demo.username).first()
        created = user is None
        if user is None:
            user = users.model(username=demo.username, is_staff=demo.superuser)
            user.is_superuser = demo.superuser
            validate_password(DEMO_PASSWORD, user)
            user.set_password(DEMO_PASSWORD)
            user.save()
        jurisdiction = _unit(demo.jurisdiction)
        RoleAssignment.objects.get_or_create(
            user=user, role=Role.objects.get(code=demo.role), jurisdiction=jurisdiction
        )
        Profile.objects.get_or_create(
            user=user,
            defaults={"agency": Agency.objects.get(code=demo.agency)},
        )
        result.append((demo, created))
    return result


def _unit(code: str) -> OrgUnit:
    if not code:
        return OrgUnit.objects.get(parent__isnull=True)
    return OrgUnit.objects.get(code=code)


# How many of a demo user's unused backup codes the demo command prints.
CODES_SHOWN = 3


def demo_backup_codes(demo: DemoUser) -> list[str]:
    """Unused backup codes of a demo user who must sign in with a second factor, so that the
    demo can be tried without an authenticator app; made when none are left (with a demo
    authenticator, as the sign-in asks for a code only from users who have one). Only for
    the synthetic demo accounts, only while they still have the published demo password,
    never with SAHAKAR_PRODUCTION set: otherwise nothing is made and nothing is returned."""
    user = get_user_model().objects.filter(username=demo.username, is_active=True).first()
    if (
        not demo.second_factor
        or env_bool("SAHAKAR_PRODUCTION")
        or user is None
        or not user.check_password(DEMO_PASSWORD)
    ):
        return []
    with transaction.atomic():
        if not mfa.has_totp(user):
            TOTPDevice.objects.create(user=user, name="demo authenticator", confirmed=True)
        tokens = StaticToken.objects.filter(device__user=user, device__confirmed=True)
        codes = list(tokens.order_by("pk").values_list("token", flat=True)[:CODES_SHOWN])
        return codes or mfa.renew_backup_codes(user)[:CODES_SHOWN]
