"""Registration at the place of stay (``stay-registration``).

A first registration after arrival, or a change of address during the stay (``reason``).
The Service decides by itself (``auto_decision`` below) when every check passes and ``assess``
finds no rule broken; otherwise an officer decides, with the findings in view.

No fee. The officer's deadline is ``stay-registration.decision_working_days`` (1 working
day, added by this app's data migration): the registration is meant to be decided
automatically once every check passes, and one working day is the longest a person
should wait for the confirmation if an officer has to look at it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationInfo, field_validator, model_validator

from umis.accounts.roles import Role
from umis.core.calendar import national_calendar
from umis.core.policy import policy_value
from umis.eservices.base import (
    AutoDecision,
    Deadline,
    EService,
    FieldError,
    Finding,
    FormStep,
    PermitEffect,
    RequiredDocument,
)
from umis.eservices.registry import register
from umis.eservices.subject import SUBJECT_FIELDS, PlaceInCountryForm, SubjectForm
from umis.eservices.validation import TIN, today_from
from umis.people.fin import is_fin, normalise_fin
from umis.permits.types import PermitType

CODE = "stay-registration"
# An arrival longer ago than this is a data-entry error, not a late registration.
ARRIVAL_LOOKBACK_DAYS = 366


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


def address_change_deadline(moved_on: date) -> date:
    """The last day to register a new address: N working days from the day after moving."""
    days = int(policy_value(f"{CODE}.address_change_working_days", on=moved_on))
    return national_calendar().add_working_days(moved_on, days)


FIRST = "first"
ADDRESS_CHANGE = "address_change"
REASONS = {
    FIRST: gettext_lazy("First registration after arrival"),
    ADDRESS_CHANGE: gettext_lazy("Change of address during the stay"),
}

# The words of each finding of ``assess``; dates in the parameters are shown written out.
FINDINGS = {
    "not_required": gettext_lazy(
        "Registration is not required: the stay of %(days)s days is not longer than "
        "%(threshold)s days."
    ),
    "late": gettext_lazy(
        "Registered late: the person arrived on %(arrival)s and had to register by %(deadline)s."
    ),
    "address_change_late": gettext_lazy(
        "Change of address registered late: the person moved on %(moved_on)s and had to "
        "register by %(deadline)s."
    ),
}


def assess(form: StayRegistrationForm, submitted_on: date) -> list[Finding]:
    """The rules of registration this application does not meet (empty: none).

    A change of address is judged by its own period from the day of moving; a first
    registration by whether it is needed at all and by the period from arrival.
    """
    if form.reason == ADDRESS_CHANGE and form.moved_on is not None:
        deadline = address_change_deadline(form.moved_on)
        if submitted_on > deadline:
            params = {"moved_on": form.moved_on.isoformat(), "deadline": deadline.isoformat()}
            return [Finding("address_change_late", params)]
        return []
    findings = []
    if not registration_required(
        form.nationality, form.arrival_date, form.stay_until, submitted_on
    ):
        threshold = _threshold(form.nationality.upper(), submitted_on)
        days = (form.stay_until - form.arrival_date).days
        findings.append(Finding("not_required", {"days": days, "threshold": threshold}))
    if is_late(form.arrival_date, submitted_on):
        deadline = registration_deadline(form.arrival_date)
        params = {"arrival": form.arrival_date.isoformat(), "deadline": deadline.isoformat()}
        findings.append(Finding("late", params))
    return findings


def registered_period(form: Mapping[str, Any], issued_on: date | None = None) -> tuple[date, date]:
    """The period a registration covers: from arrival (or the day of moving, for a change
    of address) to the intended end of stay, as the form gave them. The day of issue does
    not move it: the registration confirms where the person has stayed since that day."""
    moved_on = form.get("moved_on")
    return date.fromisoformat(moved_on or form["arrival_date"]), date.fromisoformat(
        form["stay_until"]
    )


# --- form ----------------------------------------------------------------------------


class StayRegistrationForm(PlaceInCountryForm, SubjectForm):
    labels = {
        **SubjectForm.subject_labels,
        "address": gettext_lazy("Address"),
        "district": gettext_lazy("District"),
        "arrival_date": gettext_lazy("Arrival date"),
        "stay_until": gettext_lazy("Intended end of stay"),
        "host_kind": gettext_lazy("Host"),
        "host_identifier": gettext_lazy("Host identifier"),
        "reason": gettext_lazy("Reason for registering"),
        "moved_on": gettext_lazy("Date of moving to the new address"),
    }
    choices_labels = {"reason": REASONS}
    steps = (
        FormStep("person", gettext_lazy("The person staying"), SUBJECT_FIELDS),
        # A change of address is a registration at a new place: its two questions belong
        # with the place and the dates.
        FormStep(
            "stay",
            gettext_lazy("The place and dates of stay"),
            ("reason", "moved_on", "address", "district", "arrival_date", "stay_until"),
        ),
        FormStep("host", gettext_lazy("The host"), ("host_kind", "host_identifier")),
    )

    arrival_date: date
    stay_until: date
    host_kind: Literal["citizen", "organisation", "hotel"]
    host_identifier: str
    # Defaults keep forms written before address changes existed valid.
    reason: Literal["first", "address_change"] = FIRST
    moved_on: date | None = None

    @field_validator("moved_on", mode="before")
    @classmethod
    def _blank_moved_on(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("moved_on")
    @classmethod
    def _moved_on(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None and value > today_from(info):
            raise ValueError(_("Date of moving: the date cannot be in the future."))
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
        self._check_moved_on()
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

    def _check_moved_on(self) -> None:
        if self.reason != ADDRESS_CHANGE:
            if self.moved_on is not None:
                raise FieldError(
                    "moved_on",
                    _("Date of moving: give it only when registering a change of address."),
                )
            return
        if self.moved_on is None:
            raise FieldError(
                "moved_on", _("Date of moving: enter the day you moved to the new address.")
            )
        if self.moved_on < self.arrival_date:
            raise FieldError(
                "moved_on", _("Date of moving: the date cannot be before the arrival date.")
            )
        if self.moved_on > self.stay_until:
            raise FieldError(
                "moved_on",
                _("Date of moving: the date cannot be after the intended end of stay."),
            )


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
        # The host is asked of the register that holds them: a citizen of the population
        # registry (by FIN), an organisation or a hotel of the tax service (by TIN).
        checks=("entry_exit", "host_citizen", "host_taxpayer"),
        check_conditions={
            "host_citizen": lambda form: form.get("host_kind") == "citizen",
            "host_taxpayer": lambda form: form.get("host_kind") in ("organisation", "hotel"),
        },
        produces_document=True,
        auto_decision=AutoDecision(assess=assess, messages=FINDINGS),
        permit=PermitEffect(PermitType.REGISTRATION, registered_period),
    )
)
