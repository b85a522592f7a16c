"""Writes of the exchange that people make (the calls themselves are in ``client``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from umis.audit.models import AuditEntry
from umis.audit.services import audit_record


def exchange_log_search_record(
    *, request: HttpRequest, filters: dict[str, Any], result_count: int
) -> AuditEntry:
    """A search of the message log reads what was asked about whom: it is audited."""
    return audit_record(
        action="exchange.search",
        target_type="exchange_log",
        target_id="",
        request=request,
        details={
            "filters": {k: str(v) for k, v in filters.items() if v not in (None, "")},
            "result_count": result_count,
        },
    )
