"""The registration confirmation: what an issued stay registration says, for its holder.

Its number is the application's number (one registration per application). The signed
PDF with a QR code belongs to the permits context (a later issue); this is the record the
portal and the printable page show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.functional import Promise

from umis.cases.models import Application
from umis.cases.states import Status
from umis.eservices.catalogue import choice_labels
from umis.eservices.services import stay_registration
from umis.people.countries import state_name


@dataclass(frozen=True)
class RegistrationConfirmation:
    number: str
    issued_at: datetime
    surname: str
    given_names: str
    birth_date: date
    nationality: str
    nationality_name: str
    document_number: str
    address: str
    district: str
    reason: str | Promise
    registered_from: date  # arrival, or the day of moving for a change of address
    registered_until: date
    host_kind: str | Promise
    host_identifier: str


def registration_confirmation(application: Application) -> RegistrationConfirmation | None:
    """The confirmation of an issued stay registration; None for anything else."""
    if application.service_code != stay_registration.CODE or application.status != Status.ISSUED:
        return None
    issued = application.events.filter(transition="issue").order_by("-at").first()
    if issued is None:
        return None
    form = application.form_data
    registered_from, registered_until = stay_registration.registered_period(form)
    reason = form.get("reason") or stay_registration.FIRST
    district = application.place_of_stay_district
    host_kinds = dict(choice_labels(stay_registration.StayRegistrationForm, "host_kind"))
    return RegistrationConfirmation(
        number=application.number,
        issued_at=issued.at,
        surname=form["surname"],
        given_names=form.get("given_names", ""),
        birth_date=date.fromisoformat(form["birth_date"]),
        nationality=form["nationality"],
        nationality_name=state_name(form["nationality"]),
        document_number=form["document_number"],
        address=form["address"],
        district=district.name if district else form.get("district", ""),
        reason=stay_registration.REASONS.get(reason, reason),
        registered_from=registered_from,
        registered_until=registered_until,
        host_kind=host_kinds.get(form["host_kind"], form["host_kind"]),
        host_identifier=form["host_identifier"],
    )
