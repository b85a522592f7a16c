import importlib
import itertools
from collections.abc import Callable

import hypothesis
import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

STAFF_PASSWORD = "a-long-staff-password-2026"

# Properties are about correctness, not speed: a loaded machine (CI has two cores) must not
# fail an example for taking longer than hypothesis's default 200 ms.
hypothesis.settings.register_profile("umis", deadline=None)
hypothesis.settings.load_profile("umis")


@pytest.fixture(autouse=True)
def _english(settings):
    """Tests read messages in English unless they choose a language themselves."""
    settings.LANGUAGE_CODE = "en"
    # A deliberately slow password hash protects real accounts; in tests it only costs time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Reference data cached by one test (then rolled back) must not leak into the next."""
    from umis.core.process_cache import clear_process_caches

    clear_process_caches()
    yield
    clear_process_caches()


@pytest.fixture(autouse=True)
def _exchange_in_process(settings, monkeypatch):
    """State-system calls reach the simulators through this process, not over the network,
    and the waits between immediate retries are not really waited."""
    settings.UMIS_EXCHANGE_TRANSPORT = "inprocess"
    monkeypatch.setattr("umis.exchange.client._sleep", lambda seconds: None)


@pytest.fixture(autouse=True)
def _vetting_answers_at_once(settings):
    """The state security simulator answers a vetting as soon as it is asked (the demo
    waits minutes); tests of the waiting set a delay of their own."""
    settings.UMIS_SIMULATOR_VETTING_DELAY_SECONDS = 0


@pytest.fixture(autouse=True)
def _writes_in_the_test_thread(settings):
    """A test's database is one transaction another thread cannot see: no writer thread
    (tests/core/test_group_commit.py runs it on a committed database)."""
    settings.UMIS_GROUP_COMMIT = False
    yield
    from umis.core.group_commit import GroupCommit

    GroupCommit.stop_all()  # a test that turned them on leaves no connection open


# The data migrations' loaders (each idempotent). A transactional test's flush empties
# their tables, so a later transactional test that needs them loads them again.
DATA_MIGRATIONS = [
    ("umis.accounts.migrations.0002_reference_data", "load"),
    ("umis.core.migrations.0002_default_policies", "load_defaults"),
    ("umis.core.migrations.0003_appeal_policy", "add"),
    ("umis.eservices.migrations.0001_stay_registration_decision_days", "add"),
    ("umis.office.migrations.0001_due_soon_policy", "add"),
    ("umis.people.migrations.0004_duplicate_keys_and_policies", "add_policies"),
    ("umis.people.migrations.0005_possible_match_for_the_learnt_model", "lower_threshold"),
]


@pytest.fixture
def reference_data_reloaded(transactional_db):
    """The organisation, the policy values and the services' settings, in a committed
    database emptied by an earlier transactional test's flush."""
    from django.apps import apps

    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _own_checkpoint_directory(settings, tmp_path):
    """Checkpoints signed in a test must never land beside the demo's real ones."""
    settings.UMIS_AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"


@pytest.fixture
def staff_user_factory(db) -> Callable:
    """Make members of staff: ``staff_user_factory(role="auditor", department="hq")``.

    Each gets the password ``STAFF_PASSWORD`` and, unless ``with_device=False``, a
    confirmed TOTP authenticator. Departments come from the reference-data migration.
    """
    from umis.accounts.models import Department, User
    from umis.accounts.roles import Role

    numbers = itertools.count(1)

    def make(
        role: str = Role.CASE_OFFICER,
        *,
        department: str | None = "khachmaz",
        username: str | None = None,
        password: str = STAFF_PASSWORD,
        with_device: bool = True,
        **fields,
    ):
        fields.setdefault("first_name", "Leyla")
        fields.setdefault("last_name", "Əliyeva")
        user = User.objects.create_user(
            username=username or f"staff{next(numbers)}",
            password=password,
            role=role,
            department=Department.objects.get(code=department) if department else None,
            **fields,
        )
        if with_device:
            TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
        return user

    return make


@pytest.fixture
def staff_user(staff_user_factory):
    """A case officer of the Khachmaz regional department, with an authenticator."""
    return staff_user_factory()


def signed_in_applicant(username: str, client: Client | None = None) -> Client:
    """A client signed in as a new portal applicant whose e-mail address is confirmed."""
    from django.utils import timezone

    from umis.accounts.models import User
    from umis.accounts.roles import Role

    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        role=Role.APPLICANT,
        email_confirmed_at=timezone.now(),
    )
    client = client or Client()
    client.force_login(user)
    return client


def sign_in_with_second_factor(user, client: Client | None = None) -> Client:
    """A client signed in as ``user`` with a verified TOTP device in its session."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    client = client or Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def verified_client(db) -> Callable:
    """``verified_client(user)`` returns a new Client signed in with the second factor."""
    return sign_in_with_second_factor


def current_totp_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows right now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


@pytest.fixture
def totp_code() -> Callable[[TOTPDevice], str]:
    """``totp_code(device)``: the current 6-digit code of a TOTP device."""
    return current_totp_code
