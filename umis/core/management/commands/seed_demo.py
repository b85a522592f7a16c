"""Demo data: one user per role, each staff user with an authenticator, ~1,000 persons.

Run again, it keeps what it seeded and only adds what is missing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from umis.accounts.models import Department, District, User
from umis.accounts.roles import STAFF_ROLES, Role
from umis.people.demo import DEMO_PERSONS, DEMO_SEED

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - published demo credential, refused in production

# (username, role, department code, first name, last name)
DEMO_USERS = [
    ("applicant", Role.APPLICANT, None, "Aylin", "Yılmaz"),
    ("host", Role.HOST, None, "Rəşad", "Quliyev"),
    ("employer", Role.EMPLOYER_REP, None, "Nigar", "Həsənova"),
    ("reception", Role.RECEPTION_OFFICER, "khachmaz", "Elvin", "Məmmədov"),
    ("officer", Role.CASE_OFFICER, "khachmaz", "Leyla", "Əliyeva"),
    ("officer.ganja", Role.CASE_OFFICER, "ganja", "Tural", "İsmayılov"),
    ("head", Role.APPROVING_OFFICER, "khachmaz", "Kamran", "Babayev"),
    ("hq", Role.HQ_OFFICER, "hq", "Səbinə", "Rzayeva"),
    ("analyst", Role.ANALYST, "hq", "Orxan", "Nəsirov"),
    ("auditor", Role.AUDITOR, "hq", "Günel", "Cəfərova"),
    ("admin", Role.ADMINISTRATOR, "hq", "Fərid", "Hüseynov"),
]


class Command(BaseCommand):
    help = "Seed the demo: users for every role, authenticators, and synthetic persons."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--persons", type=int, default=DEMO_PERSONS)
        parser.add_argument("--seed", type=int, default=DEMO_SEED)

    def handle(self, *args: Any, persons: int, seed: int, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo creates published credentials: never in production.")
        if not Department.objects.exists():
            raise CommandError("Reference data is missing: run `manage.py migrate` first.")
        with transaction.atomic():
            for username, role, department_code, first, last in DEMO_USERS:
                self._ensure_user(username, role, department_code, first, last)
        self._ensure_persons(persons, seed)
        self._ensure_permits()
        # Sign the audit head now, so that deleting the newest entries is detectable in
        # the demo from the start (in production, a scheduled job runs audit_checkpoint).
        from umis.audit.services import audit_checkpoint_create

        checkpoint = audit_checkpoint_create()
        self.stdout.write(f"Audit log checkpoint signed at entry #{checkpoint.seq}.")
        self._print_users()

    def _ensure_user(
        self, username: str, role: str, department_code: str | None, first: str, last: str
    ) -> None:
        department = Department.objects.get(code=department_code) if department_code else None
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "department": department,
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.umis.example",
                "is_staff": role == Role.ADMINISTRATOR,
                "preferred_language": "az",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role not in STAFF_ROLES and user.email_confirmed_at is None:
            # Demo portal accounts can submit at once: their e-mail counts as confirmed.
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["email_confirmed_at"])
        if role in STAFF_ROLES and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="demo authenticator", confirmed=True)

    def _ensure_persons(self, count: int, seed: int) -> None:
        from umis.people.demo import generate_demo_duplicates, generate_demo_persons
        from umis.people.models import Person

        existing = Person.objects.count()
        if existing >= count:
            self.stdout.write(f"Persons: {existing} already seeded.")
            return
        districts = list(District.objects.all())
        persons = generate_demo_persons(
            count=count - existing, seed=seed + existing, districts=districts
        )
        raised = generate_demo_duplicates(persons=persons, seed=seed)
        self.stdout.write(
            f"Persons: {Person.objects.count()} in the registry, {raised} potential duplicates."
        )

    def _ensure_permits(self) -> None:
        from umis.permits.demo import demo_permit_ensure
        from umis.permits.tasks import schedule_expiry

        permit = demo_permit_ensure()
        if permit is not None:
            self.stdout.write(f"Permit {permit.number} issued to {permit.holder}.")
        # The daily expiry of permits: queued once; each run queues the next.
        if schedule_expiry(run_after=timezone.now()):
            self.stdout.write("The daily expiry of permits is scheduled.")
        # The border feed: pulled by the worker every few minutes; each run queues the next.
        from umis.border.tasks import schedule_feed_pull

        if schedule_feed_pull(run_after=timezone.now()):
            self.stdout.write("The pull of the border crossings feed is scheduled.")

    def _print_users(self) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo users (password for all: {DEMO_PASSWORD})"))
        for username, role, department_code, *_ in DEMO_USERS:
            self.stdout.write(f"  {username:<14} {role:<18} {department_code or '-'}")
        self.stdout.write("")
        self.stdout.write(
            "Applicants, hosts and employers sign in at /account/sign-in/ with their e-mail, "
            "e.g. applicant@demo.umis.example."
        )
        self.stdout.write(
            "Or with the e-government portal (ASAN Login) button there: its simulator offers "
            "the first demo persons."
        )
        self.stdout.write(
            "Staff sign in at /office/ with a one-time code from their authenticator."
        )
        self.stdout.write("In the demo, print a user's current code with:")
        self.stdout.write("  .venv/bin/python manage.py demo_totp officer")
