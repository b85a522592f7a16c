"""What happens after an application is sent, with the legal deadline as a date."""

from __future__ import annotations

from dataclasses import dataclass

from umis.cases.models import Application
from umis.eservices.base import EService
from umis.portal.plain_words import long_date, period_text, today


@dataclass(frozen=True)
class NextSteps:
    decision_period: str
    by_date: str  # the last day if the application is accepted today
    automatic: bool


def what_happens_next(service: EService, application: Application) -> NextSteps:
    tier = (application.form_data or {}).get("fee_tier")
    tier = (
        tier if tier in service.fee_tiers else (service.fee_tiers[0] if service.fee_tiers else None)
    )
    on = today()
    days = service.deadline_days(on=on, tier=tier)
    return NextSteps(
        decision_period=period_text(days, service.deadline.unit),
        by_date=long_date(service.due_date(accepted_on=on, tier=tier)),
        # Services the Service decides by itself when every check passes say so.
        automatic=getattr(service, "auto_decision", None) is not None,
    )
