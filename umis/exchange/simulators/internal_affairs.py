"""Internal affairs: criminal record certificates."""

from __future__ import annotations

from typing import Any

from umis.exchange.simulators.base import BAN_OR_RECORD, DOWN, Reply, down, simulator, text_field


@simulator("internal-affairs", "criminal-record")
def criminal_record(data: dict[str, Any]) -> Reply:
    document = text_field(data, "document_number")
    text_field(data, "surname")
    if document.endswith(DOWN):
        return down()
    return Reply(
        {"has_record": document.endswith(BAN_OR_RECORD), "certificate_number": f"CR-{document}"}
    )
