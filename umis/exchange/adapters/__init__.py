"""One adapter per state system: an interface (Protocol), and the HTTP client behind it.

The simulators (``umis.exchange.simulators``) answer the same HTTP requests as the real
systems, so the same client code runs in production, in the demo and in tests.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from umis.exchange.client import SystemUnavailable


def parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise SystemUnavailable(f"malformed date in the answer: {value!r}") from exc


def require(answer: dict[str, Any], key: str, kind: type) -> Any:
    """A field of the answer, of the expected type; a malformed answer is the system's fault."""
    value = answer.get(key)
    if not isinstance(value, kind):
        raise SystemUnavailable(f"malformed answer: {key!r} missing or not {kind.__name__}")
    return value
