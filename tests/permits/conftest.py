"""Permits issued the whole way through the application engine, and keys and claims for
the signed-payload tests."""

import itertools
from datetime import UTC, date, datetime

import pytest
from django.core.cache import cache

from tests.cases.checks_helpers import confirmed_applicant
from tests.cases.office_helpers import checks_cleared_by_officer, move
from tests.eservices.form_data import stay_registration_data, trp_issue_data
from umis.accounts.roles import Role
from umis.cases.intake import application_apply_online
from umis.cases.models import Application
from umis.permits.models import Permit
from umis.permits.payload import PermitClaims
from umis.permits.signing import new_signing_key

_numbers = itertools.count(1)


@pytest.fixture
def applicant(db):
    return confirmed_applicant(f"applicant{next(_numbers)}")


@pytest.fixture
def staff(staff_user_factory):
    """The Khachmaz department's people, an HQ officer, and Ganja's officer and head."""
    return {
        "reception": staff_user_factory(Role.RECEPTION_OFFICER, first_name="Rəna"),
        "case": staff_user_factory(Role.CASE_OFFICER, first_name="Kamran"),
        "head": staff_user_factory(Role.APPROVING_OFFICER, first_name="Həsən"),
        "head2": staff_user_factory(Role.APPROVING_OFFICER, first_name="Nigar"),
        "hq": staff_user_factory(Role.HQ_OFFICER, department="hq"),
        "ganja": staff_user_factory(Role.CASE_OFFICER, department="ganja"),
        "ganja_head": staff_user_factory(Role.APPROVING_OFFICER, department="ganja"),
    }


def submit(applicant, service: str = "trp-issue", **changes) -> Application:
    data = (trp_issue_data if service == "trp-issue" else stay_registration_data)(**changes)
    application, _code = application_apply_online(
        applicant=applicant, service_code=service, form_data=data
    )
    return application


def approve_and_issue(application: Application, staff) -> Application:
    """The officers' way through; the checks' task does not run here, so the case officer
    clears "checks pending" as one who checked by other means (the approval waits for it)."""
    application = move(
        application,
        ("accept", staff["reception"]),
        ("start_review", staff["case"]),
        ("propose_approval", staff["case"]),
    )
    application = checks_cleared_by_officer(application, staff["case"])
    return move(application, ("approve", staff["head"]), ("issue", staff["reception"]))


def issue(applicant, staff, service: str = "trp-issue", **changes) -> Permit:
    """A permit the whole way: applied, accepted, reviewed, proposed, approved by the head
    and issued by reception (the officers decide the stay registration here too)."""
    application = approve_and_issue(submit(applicant, service, **changes), staff)
    return Permit.objects.get(application=application, replaces__isnull=True)


@pytest.fixture
def trp_permit(applicant, staff) -> Permit:
    return issue(applicant, staff)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def use_keys(settings, *signing: tuple[str, str], active: str | None = None, verify: str = ""):
    """Configure the permit keyring from (kid, base64 private key) pairs."""
    settings.UMIS_PERMIT_SIGNING_KEYS = ",".join(f"{kid}:{key}" for kid, key in signing)
    settings.UMIS_PERMIT_SIGNING_ACTIVE_KEY = active or signing[0][0]
    settings.UMIS_PERMIT_VERIFY_KEYS = verify


@pytest.fixture
def signing_key(settings):
    """A fresh active signing key: (kid, base64 private key, base64 public key)."""
    key = new_signing_key()
    use_keys(settings, (key[0], key[1]))
    return key


@pytest.fixture
def claims() -> PermitClaims:
    return PermitClaims(
        number="TRP-2026-000123",
        permit_type="trp",
        surname="MAMMADOV",
        given_names="ALI RZA",
        birth_date="1988-04-17",
        valid_from=date(2026, 5, 1),
        valid_to=date(2027, 4, 30),
        issued_at=datetime(2026, 5, 1, 9, 30, tzinfo=UTC),
    )


# A moment inside the claims' validity.
DURING = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
