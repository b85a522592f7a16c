"""Office API of the audit log, at /api/v1/office/audit/: the same search as the page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from umis.accounts.permissions import office_auth
from umis.accounts.roles import perm
from umis.audit.selectors import MAX_PAGE_SIZE, PAGE_SIZE, audit_search
from umis.audit.services import audit_search_record

router = Router(tags=["audit"])


class AuditSearchQuery(Schema):
    actor: str = Field("", max_length=150, description="User name, or a user or client id")
    action: str = Field("", max_length=64, description='e.g. "person.view" or "person.*"')
    target_type: str = Field("", max_length=64)
    target_id: str = Field("", max_length=128)
    date_from: date | None = Field(None, description="First day, inclusive (Asia/Baku)")
    date_to: date | None = Field(None, description="Last day, inclusive (Asia/Baku)")
    outcome: Literal["", "success", "denied", "failure"] = ""
    page: int = Field(1, ge=1)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class AuditEntryOut(Schema):
    seq: int
    occurred_at: datetime
    actor_kind: str
    actor_id: int | None
    actor_username: str
    actor_role: str
    actor_department: str
    action: str
    target_type: str
    target_id: str
    reason: str
    request_id: str
    ip_address: str | None
    outcome: str
    details: dict[str, Any]
    prev_hash: str
    entry_hash: str


class AuditPageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    items: list[AuditEntryOut]


@router.get("", response=AuditPageOut, auth=office_auth(perm.AUDIT_VIEW))
def search_audit_log(request: HttpRequest, filters: Query[AuditSearchQuery]) -> dict[str, Any]:
    query = filters.dict()
    page = audit_search(**query)
    audit_search_record(
        request=request,
        filters={**query, "page": page.number},
        result_count=page.paginator.count,
        channel="api",
    )
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "page_size": page.paginator.per_page,
        "items": list(page.object_list),
    }
