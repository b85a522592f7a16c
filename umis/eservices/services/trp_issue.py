"""Temporary residence permit (``trp-issue``).

The fee and the decision period both depend on the fee tier (fast or standard); the fee
also on the period asked. All figures are policy values in force on the relevant date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import Field, ValidationInfo, field_validator

from umis.accounts.roles import Role
from umis.core.policy import policy_value
from umis.eservices.base import (
    Deadline,
    EService,
    FeeTable,
    FormStep,
    PermitEffect,
    RequiredDocument,
    months_from_issue,
)
from umis.eservices.registry import register
from umis.eservices.subject import SUBJECT_FIELDS, PlaceInCountryForm, SubjectForm
from umis.eservices.validation import TIN, today_from
from umis.permits.types import PermitType

CODE = "trp-issue"
WORK = "work"

GROUNDS = {
    "work": gettext_lazy("Work"),
    "family": gettext_lazy("Family reunification"),
    "study": gettext_lazy("Study"),
    "investment": gettext_lazy("Investment"),
    "other": gettext_lazy("Other grounds"),
}
PERIODS = ("3m", "6m", "12m", "24m", "36m")
PERIOD_MONTHS = {"3m": 3, "6m": 6, "12m": 12, "24m": 24, "36m": 36}
FEE_TIERS = ("fast", "standard")
PERIOD_LABELS = {
    "3m": gettext_lazy("3 months"),
    "6m": gettext_lazy("6 months"),
    "12m": gettext_lazy("1 year"),
    "24m": gettext_lazy("2 years"),
    "36m": gettext_lazy("3 years"),
}
FEE_TIER_LABELS = {
    "fast": gettext_lazy("Fast: a higher fee, a shorter decision period"),
    "standard": gettext_lazy("Standard: a lower fee, a longer decision period"),
}


class TrpIssueForm(PlaceInCountryForm, SubjectForm):
    labels = {
        **SubjectForm.subject_labels,
        "grounds": gettext_lazy("Grounds"),
        "employer_tin": gettext_lazy(
            "Employer's tax identification number (TIN), on work grounds only"
        ),
        "period": gettext_lazy("Period asked"),
        "fee_tier": gettext_lazy("Fee tier"),
        "current_stay_end": gettext_lazy("End of the current stay"),
        "address": gettext_lazy("Address where you live in the country"),
        "district": gettext_lazy("District"),
    }
    steps = (
        FormStep("person", gettext_lazy("The applicant"), SUBJECT_FIELDS),
        # The place of residence decides which regional department examines the case.
        FormStep("address", gettext_lazy("Where you live"), ("address", "district")),
        FormStep(
            "grounds", gettext_lazy("Grounds and period"), ("grounds", "employer_tin", "period")
        ),
        FormStep("fee", gettext_lazy("Fee and current stay"), ("fee_tier", "current_stay_end")),
    )
    choices_labels = {"grounds": GROUNDS, "period": PERIOD_LABELS, "fee_tier": FEE_TIER_LABELS}

    grounds: Literal["work", "family", "study", "investment", "other"]
    # Asked on work grounds only. Validated even when left out, so that a missing TIN is an
    # error beside the field on its own page; the default keeps other grounds' forms valid.
    employer_tin: str = Field("", validate_default=True)
    period: Literal["3m", "6m", "12m", "24m", "36m"]
    fee_tier: Literal["fast", "standard"]
    current_stay_end: date

    @field_validator("employer_tin")
    @classmethod
    def _employer_tin(cls, value: str, info: ValidationInfo) -> str:
        value = value.replace(" ", "")
        grounds = info.data.get("grounds")
        if grounds == WORK and not value:
            raise ValueError(
                _(
                    "Employer's TIN: on work grounds, enter the employer's tax identification "
                    "number."
                )
            )
        if grounds != WORK:
            # A TIN typed before the applicant chose other grounds is not theirs to fix.
            return ""
        if not TIN.match(value):
            raise ValueError(_("Employer's TIN: a tax identification number has 10 digits."))
        return value

    @field_validator("current_stay_end")
    @classmethod
    def _stay_end(cls, value: date, info: ValidationInfo) -> date:
        today = today_from(info)
        days = int(policy_value(f"{CODE}.apply_before_stay_end_days", on=today))
        earliest = today + timedelta(days=days)
        if value < earliest:
            raise ValueError(
                _(
                    "End of the current stay: apply at least %(days)d days before your stay "
                    "ends; the stay must end on %(date)s or later."
                )
                % {"days": days, "date": formats.date_format(earliest, "DATE_FORMAT")}
            )
        return value


SERVICE = register(
    EService(
        code=CODE,
        name=gettext_lazy("Temporary residence permit"),
        description=gettext_lazy(
            "Apply for a permit to reside in the country temporarily, for 3 months to 3 years."
        ),
        applicant_roles=frozenset({Role.APPLICANT, Role.EMPLOYER_REP}),
        form=TrpIssueForm,
        documents=(
            RequiredDocument("passport", gettext_lazy("Passport or travel document")),
            RequiredDocument("photo", gettext_lazy("Photograph")),
            RequiredDocument("grounds_proof", gettext_lazy("Proof of the grounds")),
            RequiredDocument("medical_certificate", gettext_lazy("Medical certificate")),
            RequiredDocument(
                "criminal_record_certificate",
                gettext_lazy("Criminal record certificate"),
                False,
            ),
        ),
        fee=FeeTable(f"{CODE}.fee_azn.{{tier}}.{{period}}"),
        fee_tiers=FEE_TIERS,
        deadline=Deadline(f"{CODE}.decision_working_days.{{tier}}"),
        # Vetting by state security: DOMAIN names it for citizenship and permanent
        # residence; a temporary permit is a residence permit too, so it is asked here.
        checks=(
            "payment",
            "criminal_record",
            "health",
            "entry_exit",
            "security_vetting",
            "employer",
            "employment_contract",
        ),
        # On work grounds the employer must be an active taxpayer with a registered
        # contract with the applicant.
        check_conditions={
            "employer": lambda form: form.get("grounds") == WORK,
            "employment_contract": lambda form: form.get("grounds") == WORK,
        },
        produces_document=True,
        # The permit runs from the day it is issued for the period the applicant asked.
        permit=PermitEffect(
            PermitType.TEMPORARY_RESIDENCE, months_from_issue("period", PERIOD_MONTHS)
        ),
        next_steps={
            "approved": gettext_lazy(
                "Your temporary residence permit is approved. Collect it at the reception "
                "division of %(department)s: bring your passport and this application number."
            ),
        },
        extra={"grounds": GROUNDS, "periods": PERIODS},
    )
)
