"""The tax service: taxpayers by TIN."""

from __future__ import annotations

from typing import Any

from umis.exchange.simulators import registers
from umis.exchange.simulators.base import (
    BAD_SIGNATURE,
    DOWN,
    OFF_SCHEMA,
    Reply,
    down,
    simulator,
    text_field,
)


@simulator("tax", "taxpayers/by-tin")
def taxpayer_by_tin(data: dict[str, Any]) -> Reply:
    tin = text_field(data, "tin")
    if tin.endswith(DOWN):
        return down()
    if tin.endswith(OFF_SCHEMA):
        return Reply({"found": True, "taxpayer": {"tin": int(tin), "active": "Y"}})
    record = registers.taxpayer(tin)
    return Reply(
        {"found": record is not None, "taxpayer": record}, forged=tin.endswith(BAD_SIGNATURE)
    )
