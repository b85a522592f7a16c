"""The demo seed: one user per role, authenticators for staff, persons with valid MRZs."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import current_totp_code
from umis.accounts.models import User
from umis.accounts.roles import STAFF_ROLES, Role
from umis.core.management.commands.seed_demo import DEMO_PASSWORD
from umis.people.models import IdentityDocument, Person
from umis.people.mrz import parse_td3

pytestmark = pytest.mark.django_db


def _seed(persons: int = 12) -> str:
    out = io.StringIO()
    call_command("seed_demo", persons=persons, stdout=out)
    return out.getvalue()


def test_every_role_has_a_demo_user_and_staff_have_an_authenticator():
    output = _seed()
    people = User.objects.exclude(role=Role.SYSTEM)  # the Service itself signs in as nobody
    roles = set(people.values_list("role", flat=True))
    assert roles == set(Role.values) - {Role.SYSTEM}
    for user in people:
        assert user.check_password(DEMO_PASSWORD)
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        assert has_device == (user.role in STAFF_ROLES), user.username
        assert user.username in output
    assert "demo_totp" in output  # tells how to get the current code


def test_the_seeded_audit_log_is_signed_so_truncation_is_caught(settings):
    from tests.audit.helpers import tamper_delete
    from umis.audit.models import AuditEntry
    from umis.audit.verify import audit_chain_verify

    _seed(persons=3)
    assert list(settings.UMIS_AUDIT_CHECKPOINT_DIR.glob("*.json"))
    assert audit_chain_verify().ok
    newest = AuditEntry.objects.order_by("-seq").first()
    tamper_delete(newest.seq)  # as the database's owner could, triggers off
    result = audit_chain_verify()
    assert not result.ok
    assert f"#{newest.seq}" in str(result)


def test_running_again_keeps_what_was_seeded():
    _seed()
    users = list(User.objects.order_by("pk").values_list("pk", "password"))
    devices = list(TOTPDevice.objects.order_by("pk").values_list("pk", "key"))
    persons = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    _seed()
    assert list(User.objects.order_by("pk").values_list("pk", "password")) == users
    assert list(TOTPDevice.objects.order_by("pk").values_list("pk", "key")) == devices
    assert list(Person.objects.order_by("pk").values_list("pk", flat=True)) == persons


def test_demo_persons_carry_passports_with_valid_mrzs():
    _seed(persons=12)
    # Beside the 12, a few second files of some of them (no passport) feed the duplicates.
    assert Person.objects.filter(documents__isnull=False).distinct().count() == 12
    documents = [d for d in IdentityDocument.objects.all() if d.mrz]
    assert len(documents) >= 12
    for document in documents:
        parsed = parse_td3(document.mrz)  # raises on any wrong check digit
        assert parsed.document_number == document.number.replace(" ", "")


def test_demo_totp_prints_the_code_the_authenticator_shows():
    _seed(persons=1)
    out = io.StringIO()
    call_command("demo_totp", "officer", stdout=out, stderr=io.StringIO())
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    assert code == current_totp_code(TOTPDevice.objects.get(user__username="officer"))
