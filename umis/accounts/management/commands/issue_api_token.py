"""Issue an API token to a machine client and print it once.

    manage.py issue_api_token --client "Border system" --scope people.search \
        --scope people.view --days 90

A client that does not exist yet is created (with --department CODE to limit its reach to
that department's districts; without it the client has national reach).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from umis.accounts.models import ApiClient, Department
from umis.accounts.token_services import api_client_create, api_token_issue
from umis.accounts.tokens import machine_scopes
from umis.core.errors import ValidationFailed


class Command(BaseCommand):
    help = "Issue a scoped API token to a machine client; the token is printed once."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--client", required=True, help="Client name (created if new).")
        parser.add_argument(
            "--scope",
            action="append",
            required=True,
            help="A permission the token carries; repeat. One of: "
            + ", ".join(sorted(machine_scopes())),
        )
        parser.add_argument("--days", type=int, default=None, help="Expire after N days.")
        parser.add_argument("--department", default=None, help="Department code of a new client.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        expires_at = timezone.now() + timedelta(days=days) if days else None
        try:
            # One transaction: a refused token leaves no new client behind.
            with transaction.atomic():
                client = self._client(options["client"], options["department"])
                token, plaintext = api_token_issue(
                    client=client, scopes=options["scope"], expires_at=expires_at, by=None
                )
        except ValidationFailed as exc:
            raise CommandError(
                "; ".join(f"{field}: {message}" for field, message in exc.fields.items())
            ) from exc
        expiry = token.expires_at.isoformat() if token.expires_at else "never"
        self.stderr.write(
            f"Token {token.prefix} for {client.name}: scopes {', '.join(token.scopes)}; "
            f"expires {expiry}. It is shown once and cannot be recovered: store it now."
        )
        self.stdout.write(plaintext)

    def _client(self, name: str, department_code: str | None) -> ApiClient:
        client = ApiClient.objects.filter(name=name.strip()).first()
        if client is not None:
            if department_code and (
                client.department is None or client.department.code != department_code
            ):
                raise CommandError(
                    f"Client {client.name} exists with another department; "
                    "change it in the admin, not here."
                )
            return client
        department = None
        if department_code:
            department = Department.objects.filter(code=department_code).first()
            if department is None:
                raise CommandError(f"No department with code {department_code}.")
        client = api_client_create(name=name, department=department, by=None)
        self.stderr.write(f"Created API client {client.name}.")
        return client
