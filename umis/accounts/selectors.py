"""Reads on the organisation and on machine clients."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from umis.accounts.models import ApiClient, ApiToken, Department, District
from umis.core.process_cache import ProcessCache

# The district list is reference data read by every submission (process_cache explains
# how long a change takes to reach every process).
_district_ids = ProcessCache(seconds=60, models=("accounts.District",))


def departments_list() -> QuerySet[Department]:
    return Department.objects.all()


def districts_list(*, department: Department | None = None) -> QuerySet[District]:
    """Districts for forms and filters, optionally of one department."""
    districts = District.objects.select_related("department")
    if department is not None:
        districts = districts.filter(department=department)
    return districts


def district_id_for_code(code: str) -> int | None:
    """The id of the district with this code, or None if there is none."""
    ids = _district_ids.get("by-code", lambda: dict(District.objects.values_list("code", "id")))
    return ids.get(code)


def api_tokens_live(*, client: ApiClient) -> QuerySet[ApiToken]:
    """The client's tokens that still open the API: not revoked, not expired."""
    now = timezone.now()
    return client.tokens.filter(revoked_at__isnull=True).exclude(expires_at__lte=now)
