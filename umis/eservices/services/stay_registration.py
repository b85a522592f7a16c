"""Registration at the place of stay (``stay-registration``).

No fee. The officer's deadline is ``stay-registration.decision_working_days`` (1 working
day, added by this app's data migration): the registration is meant to be decided
automatically once every check passes, and one working day is the longest a person
should wait for the confirmation if an officer has to look at it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationInfo, field_validator, model_validator

from umis.accounts.models import District
from umis.accounts.roles import Role
from umis.core.calendar import national_calendar
from umis.core.policy import policy_value
from umis.eservices.base import Deadline, EService, FieldError, FormStep, RequiredDocument
from umis.eservices.registry import register
from umis.eservices.subject import SUBJECT_FIELDS, SubjectForm
from umis.eservices.validation import today_from
from umis.people.fin import is_fin, normalise_fin

CODE = "stay-registration"
# An arrival longer ago than this is a data-entry error, not a late registration.
ARRIVAL_LOOKBACK_DAYS = 366
TIN = re.compile(r"^\d{10}$")


# --- rules ---------------------------------------------------------------------------


def registration_required(nationality: str, arrival: date, stay_until: date, on: date) -> bool:
    """Whether a stay from ``arrival`` to ``stay_until`` must be registered.

    Required when the stay is longer than the threshold in force on ``on`` (15 days by
    default, 30 for the nationalities given their own threshold, e.g. KAZ). The stay is
    counted from the day after arrival, like every period.
    """
    threshold = _threshold(nationality.upper(), on)
    return (stay_until - arrival).days > threshold


def _threshold(nationality: str, on: date) -> int:
    base = f"{CODE}.required_after_days"
    try:
        return int(policy_value(f"{base}.nationality.{nationality}", on=on))
    except LookupError:
        return int(policy_value(base, on=on))


def registration_deadline(arrival: date) -> date:
    """The last day to register: arrival + N calendar days (from the day after arrival),
    moved to the next working day when it falls on a day off."""
    days = int(policy_value(f"{CODE}.register_within_days", on=arrival))
    return national_calendar().add_calendar_days(arrival, days)


def is_late(arrival: date, submitted_on: date) -> bool:
    return submitted_on > registration_deadline(arrival)


# --- form ----------------------------------------------------------------------------


class StayRegistrationForm(SubjectForm):
    labels = {
        **SubjectForm.subject_labels,
        "address": gettext_lazy("Address"),
        "district": gettext_lazy("District"),
        "arrival_date": gettext_lazy("Arrival date"),
        "stay_until": gettext_lazy("Intended end of stay"),
        "host_kind": gettext_lazy("Host"),
        "host_identifier": gettext_lazy("Host identifier"),
    }
    steps = (
        FormStep("person", gettext_lazy("The person staying"), SUBJECT_FIELDS),
        FormStep(
            "stay",
            gettext_lazy("The place and dates of stay"),
            ("address", "district", "arrival_date", "stay_until"),
        ),
        FormStep("host", gettext_lazy("The host"), ("host_kind", "host_identifier")),
    )

    address: str
    district: str
    arrival_date: date
    stay_until: date
    host_kind: Literal["citizen", "organisation", "hotel"]
    host_identifier: str

    @field_validator("address")
    @classmethod
    def _address(cls, value: str) -> str:
        if not value:
            raise ValueError(_("Address: enter the address of the place of stay."))
        if len(value) > 500:
            raise ValueError(_("Address: at most 500 characters."))
        return value

    @field_validator("district")
    @classmethod
    def _district(cls, value: str) -> str:
        if not District.objects.filter(code=value).exists():
            raise ValueError(_("District: “%(code)s” is not a known district.") % {"code": value})
        return value

    @field_validator("arrival_date")
    @classmethod
    def _arrival(cls, value: date, info: ValidationInfo) -> date:
        today = today_from(info)
        if value > today:
            raise ValueError(_("Arrival date: the date cannot be in the future."))
        if value < today - timedelta(days=ARRIVAL_LOOKBACK_DAYS):
            raise ValueError(_("Arrival date: the date cannot be more than a year ago."))
        return value

    @model_validator(mode="after")
    def _together(self) -> StayRegistrationForm:
        if self.stay_until <= self.arrival_date:
            raise FieldError(
                "stay_until", _("Intended end of stay: the date must be after the arrival date.")
            )
        ident = normalise_fin(self.host_identifier)
        if self.host_kind == "citizen" and not is_fin(ident):
            raise FieldError(
                "host_identifier", _("Host identifier: a citizen's FIN has 7 letters and digits.")
            )
        if self.host_kind != "citizen" and not TIN.match(self.host_identifier):
            raise FieldError(
                "host_identifier", _("Host identifier: a tax identification number has 10 digits.")
            )
        return self


SERVICE = register(
    EService(
        code=CODE,
        name=gettext_lazy("Registration at the place of stay"),
        description=gettext_lazy(
            "Register a foreigner's or stateless person's place of stay in the country."
        ),
        applicant_roles=frozenset({Role.APPLICANT, Role.HOST}),
        form=StayRegistrationForm,
        documents=(
            RequiredDocument("passport", gettext_lazy("Passport or travel document")),
            RequiredDocument(
                "host_consent", gettext_lazy("Host's consent or rental agreement"), False
            ),
        ),
        fee=None,
        deadline=Deadline(f"{CODE}.decision_working_days"),
        checks=("entry_exit",),
        produces_document=True,
    )
)
