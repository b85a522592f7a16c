"""The border system pushing crossings to UMIS: ``POST /api/v1/exchange/border/crossings``.

The message is received like every push of the exchange (``umis.exchange.inbound``: the
border system's member and key in the trust registry, a signature that verifies, a time
near ours, a message id never seen, the body's strict schema; refusals logged with their
reason). The batch then goes through the feed's own storage path, in the transaction that
logs the message: each crossing stored once by its id however often it comes, by push or
by the feed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from umis.border.models import CrossingSource
from umis.border.services import border_crossings_store
from umis.exchange.adapters.border import FeedCrossing
from umis.exchange.envelope import RequestEnvelope
from umis.exchange.inbound import Handled

SYSTEM = "border"
PUSH_OPERATION = "crossings"
MAX_CROSSINGS = 1000

EXAMPLE: dict[str, Any] = {
    "crossings": [
        {
            "crossing_id": "BX0000047761",
            "occurred_at": "2026-11-28T16:12:03Z",
            "direction": "in",
            "point_code": "GYD",
            "point_name": "Heydar Aliyev International Airport",
            "point_kind": "air",
            "transport": "J2 8012",
            "surname": "MAMEDOV",
            "given_names": "ELVIN",
            "birth_date": "1985-03-14",
            "sex": "M",
            "nationality": "RUS",
            "issuing_state": "RUS",
            "document_number": "C01X00T47",
        }
    ]
}


class CrossingsPush(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    crossings: list[FeedCrossing] = Field(max_length=MAX_CROSSINGS)


def border_crossings_push_land(envelope: RequestEnvelope, push: CrossingsPush) -> Handled:
    result = border_crossings_store(crossings=push.crossings, source=CrossingSource.PUSH)
    counts = {"stored": result.stored, "already_stored": result.already_stored}
    return Handled(status=200, data=counts, summary={"crossings": len(push.crossings), **counts})
