"""Effective-dated policy values: deadlines, fees, quotas and limits.

Code never holds these as literals: it asks for the value in force on the date that
matters (usually the application's date), so a rule change does not rewrite the past.
Values come from ``umis/core/policy_data/*.json`` through ``manage.py load_policies``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.core.models import PolicyValue
from umis.core.process_cache import ProcessCache

POLICY_DATA_DIR = Path(__file__).resolve().parent / "policy_data"


class PolicyNotInForce(LookupError):
    """No value for a key is in force on a date: the policy data is incomplete."""

    def __init__(self, key: str, on: date):
        self.key = key
        self.on = on
        super().__init__(f"no policy value {key!r} is in force on {on.isoformat()}")


def _in_force(on: date) -> QuerySet[PolicyValue]:
    return PolicyValue.objects.filter(effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )


# Every period of a key, read once a minute per process (see umis.core.process_cache).
_periods = ProcessCache(seconds=60, models=("core.PolicyValue",))


def _periods_of(key: str) -> list[tuple[date, date | None, Any]]:
    return list(
        PolicyValue.objects.filter(key=key)
        .order_by("effective_from")
        .values_list("effective_from", "effective_to", "value")
    )


def policy_value(key: str, *, on: date) -> Any:
    """The value of ``key`` in force on ``on``; raises ``PolicyNotInForce`` if none is."""
    for start, end, value in _periods.get(key, lambda: _periods_of(key)):
        if start <= on and (end is None or on <= end):
            return value
    raise PolicyNotInForce(key, on)


def policy_values(prefix: str, *, on: date) -> dict[str, Any]:
    """Every value whose key starts with ``prefix``, in force on ``on``, by key."""
    rows = _in_force(on).filter(key__startswith=prefix).values_list("key", "value")
    return dict(rows)


# --- loading ---------------------------------------------------------------------------


def _parse_date(raw: Any, field: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise ValidationFailed(fields={field: _("Enter a date as YYYY-MM-DD.")}) from None


def _parse_record(raw: Any, where: str, default_source: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str) or not raw["key"]:
        raise ValidationFailed(fields={f"{where}.key": _("Each value needs a key.")})
    if "value" not in raw:
        raise ValidationFailed(fields={f"{where}.value": _("Each value needs a value.")})
    start = _parse_date(raw.get("effective_from"), f"{where}.effective_from")
    if start is None:
        raise ValidationFailed(
            fields={f"{where}.effective_from": _("Each value needs a start date.")}
        )
    end = _parse_date(raw.get("effective_to"), f"{where}.effective_to")
    if end is not None and end < start:
        raise ValidationFailed(
            fields={f"{where}.effective_to": _("The end date is before the start date.")}
        )
    return {
        "key": raw["key"],
        "value": raw["value"],
        "effective_from": start,
        "effective_to": end,
        "source": str(raw.get("source") or default_source),
        "note": str(raw.get("note") or ""),
    }


def policy_period_overlap(
    *, key: str, start: date, end: date | None, exclude_pk: int | None = None
) -> PolicyValue | None:
    """Another period of ``key`` sharing a day with [start, end], if any."""
    others = PolicyValue.objects.filter(key=key).exclude(pk=exclude_pk)
    if end is not None:
        others = others.filter(effective_from__lte=end)
    return (
        others.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
        .order_by("effective_from")
        .first()
    )


def _check_no_overlap(key: str) -> None:
    periods = list(
        PolicyValue.objects.filter(key=key)
        .order_by("effective_from")
        .values_list("effective_from", "effective_to")
    )
    for (start, end), (next_start, _next_end) in zip(periods, periods[1:], strict=False):
        if end is None or end >= next_start:
            raise ValidationFailed(
                fields={
                    key: _(
                        "The period from %(a)s overlaps the period from %(b)s; "
                        "close the earlier one first."
                    )
                    % {"a": start.isoformat(), "b": next_start.isoformat()}
                }
            )


@transaction.atomic
def policy_values_load(*, records: list[dict[str, Any]], source: str, actor: Any = None) -> int:
    """Create or update values by (key, effective_from); returns how many changed.

    Loading the same data twice changes nothing. Overlapping periods for a key are
    refused and nothing is saved.
    """
    from umis.audit.services import audit_record

    parsed = [_parse_record(r, f"values[{i}]", source) for i, r in enumerate(records)]
    changed = 0
    for rec in parsed:
        obj = PolicyValue.objects.filter(
            key=rec["key"], effective_from=rec["effective_from"]
        ).first()
        fields = ("value", "effective_to", "source", "note")
        if obj is not None and all(getattr(obj, f) == rec[f] for f in fields):
            continue
        if obj is None:
            obj = PolicyValue(key=rec["key"], effective_from=rec["effective_from"])
        for f in fields:
            setattr(obj, f, rec[f])
        obj.save()
        changed += 1
        audit_record(
            action="policy.load",
            target_type="policy_value",
            target_id=obj.pk,
            actor=actor,
            details={
                "key": obj.key,
                "effective_from": obj.effective_from.isoformat(),
                "source": source,
            },
        )
    for key in {rec["key"] for rec in parsed}:
        _check_no_overlap(key)
    return changed


def policy_file_load(*, path: Path, actor: Any = None) -> int:
    """Load one data file: {"service": ..., "source": ..., "values": [...]}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationFailed(fields={"file": _("The file cannot be read: %s") % exc}) from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise ValidationFailed(fields={"values": _("The file needs a list of values.")})
    return policy_values_load(
        records=data["values"], source=str(data.get("source") or path.name), actor=actor
    )
