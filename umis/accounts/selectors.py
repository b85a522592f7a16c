"""Reads on the organisation and on machine clients."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from umis.accounts.models import ApiClient, ApiToken, Department, District


def departments_list() -> QuerySet[Department]:
    return Department.objects.all()


def districts_list(*, department: Department | None = None) -> QuerySet[District]:
    """Districts for forms and filters, optionally of one department."""
    districts = District.objects.select_related("department")
    if department is not None:
        districts = districts.filter(department=department)
    return districts


def api_tokens_live(*, client: ApiClient) -> QuerySet[ApiToken]:
    """The client's tokens that still open the API: not revoked, not expired."""
    now = timezone.now()
    return client.tokens.filter(revoked_at__isnull=True).exclude(expires_at__lte=now)
