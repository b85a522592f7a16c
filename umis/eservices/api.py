"""The catalogue of e-services at /api/v1/services: what each service asks and costs.

Public and read-only. Names come in az, ru and en; fees and decision periods are the
policy values in force today (Asia/Baku), so a client shows what applies now.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from umis.accounts.roles import Role
from umis.core.calendar import SERVICE_TZ
from umis.eservices import catalogue, registry
from umis.eservices.base import LANGUAGE_CODES, EService
from umis.eservices.catalogue import in_each_language

router = Router(tags=["e-services"])

Texts = dict[str, str]


class ServiceDocumentOut(Schema):
    kind: str
    labels: Texts
    mandatory: bool


class ServiceStepOut(Schema):
    slug: str
    titles: Texts
    fields: list[str]


class ServiceFeeOut(Schema):
    currency: str = "AZN"
    amount: float | None = Field(None, description="One amount for everyone")
    by_tier: dict[str, Any] | None = Field(
        None, description="Amount by fee tier, or by tier and then period asked"
    )
    by_period: dict[str, float] | None = None


class ServiceDeadlineOut(Schema):
    unit: str = Field(..., description="working_days or days")
    counts_from: str = "acceptance"
    days: int | None = Field(None, description="When the period does not depend on the tier")
    by_tier: dict[str, int] | None = None


class ServiceOut(Schema):
    code: str
    names: Texts
    descriptions: Texts
    applicant_roles: list[str]
    applicant_role_labels: dict[str, Texts]
    documents: list[ServiceDocumentOut]
    fee_tiers: list[str]
    fee: ServiceFeeOut
    deadline: ServiceDeadlineOut
    form_schema: dict[str, Any]
    form_labels: dict[str, Texts]
    choices_labels: dict[str, dict[str, Texts]]
    steps: list[ServiceStepOut]
    valid_on: date

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "code": "stay-registration",
                    "names": {
                        "az": "Olduğu yer üzrə qeydiyyat",
                        "ru": "Регистрация по месту пребывания",
                        "en": "Registration at the place of stay",
                    },
                    "descriptions": {"az": "…", "ru": "…", "en": "…"},
                    "applicant_roles": ["applicant", "host"],
                    "applicant_role_labels": {
                        "host": {
                            "az": "Qəbul edən tərəf",
                            "ru": "Принимающая сторона",
                            "en": "Host",
                        }
                    },
                    "documents": [
                        {
                            "kind": "passport",
                            "labels": {"az": "…", "ru": "…", "en": "Passport or travel document"},
                            "mandatory": True,
                        }
                    ],
                    "fee_tiers": [],
                    "fee": {"currency": "AZN", "amount": 0},
                    "deadline": {"unit": "working_days", "counts_from": "acceptance", "days": 1},
                    "form_schema": {"title": "StayRegistrationForm", "type": "object"},
                    "form_labels": {"surname": {"en": "Surname (as in the passport, …)"}},
                    "choices_labels": {"sex": {"F": {"en": "Female"}}},
                    "steps": [
                        {
                            "slug": "person",
                            "titles": {"en": "The person staying"},
                            "fields": ["surname", "given_names", "birth_date"],
                        }
                    ],
                    "valid_on": "2026-05-04",
                }
            ]
        }
    }


def service_out(service: EService, *, on: date) -> dict[str, Any]:
    form = service.form
    deadline = catalogue.deadline_days(service, on=on)
    return {
        "code": service.code,
        "names": service.names(),
        "descriptions": service.descriptions(),
        "applicant_roles": sorted(service.applicant_roles),
        "applicant_role_labels": {
            role: in_each_language(Role(role).label) for role in sorted(service.applicant_roles)
        },
        "documents": [
            {"kind": d.kind, "labels": in_each_language(d.label), "mandatory": d.mandatory}
            for d in service.documents
        ],
        "fee_tiers": list(service.fee_tiers),
        "fee": {"currency": "AZN", **catalogue.fee_table(service, on=on)},
        "deadline": {
            "unit": service.deadline.unit,
            "counts_from": "acceptance",
            **({"days": deadline[""]} if "" in deadline else {"by_tier": deadline}),
        },
        "form_schema": form.model_json_schema(),
        "form_labels": {name: in_each_language(label) for name, label in form.labels.items()},
        "choices_labels": {
            name: {value: in_each_language(label) for value, label in labels.items()}
            for name, labels in catalogue.all_choice_labels(form).items()
        },
        "steps": [
            {"slug": s.slug, "titles": in_each_language(s.title), "fields": list(s.fields)}
            for s in form.form_steps()
        ],
        "valid_on": on,
    }


@router.get(
    "",
    response=list[ServiceOut],
    auth=None,
    summary="The e-services one can apply for",
    description=(
        "Every service in the catalogue with its names in "
        + ", ".join(LANGUAGE_CODES)
        + ", who may apply, the documents, the fee and the decision period in force today, "
        "the form's JSON schema and its steps."
    ),
)
def list_services(request: HttpRequest) -> list[dict[str, Any]]:
    today = timezone.localtime(timezone=SERVICE_TZ).date()
    return [service_out(service, on=today) for service in registry.all_services()]
