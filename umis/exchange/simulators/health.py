"""Health: the register of medical certificates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from umis.exchange.simulators.base import DOWN, NO_CERTIFICATE, Reply, down, simulator, text_field


@simulator("health", "medical-certificate")
def medical_certificate(data: dict[str, Any]) -> Reply:
    document = text_field(data, "document_number")
    if document.endswith(DOWN):
        return down()
    if document.endswith(NO_CERTIFICATE):
        return Reply({"valid": False, "certificate_number": "", "valid_until": None})
    until = timezone.localdate() + timedelta(days=180)
    return Reply(
        {"valid": True, "certificate_number": f"MC-{document}", "valid_until": until.isoformat()}
    )
