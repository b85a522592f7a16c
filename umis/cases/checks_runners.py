"""Each check an e-service may declare, asked of its state system through its adapter.

A runner reads what it needs from the application's (cleaned) form and turns the system's
answer into a ``Verdict``: an outcome and a summary code with its parameters. The words of
each summary are in ``SUMMARIES``; they are put together when shown, in the reader's
language. Runners call out of the process: never run them inside a transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from umis.cases.models import Application
from umis.cases.vetting import security_vetting_requested, vetting_verdict
from umis.exchange import systems
from umis.exchange.models import CheckOutcome, SecurityVetting
from umis.people.fin import normalise_fin


@dataclass(frozen=True)
class Verdict:
    outcome: str
    summary_code: str
    params: dict[str, Any] = field(default_factory=dict)


LABELS = {
    "entry_exit": _("Entry into the country and travel bans"),
    "payment": _("State duty"),
    "criminal_record": _("Criminal record"),
    "health": _("Medical certificate"),
    "security_vetting": _("State security vetting"),
    "host_citizen": _("Host: a living citizen"),
    "host_taxpayer": _("Host: an active taxpayer"),
    "employer": _("Employer: an active taxpayer"),
    "employment_contract": _("Employment contract"),
    "visa": _("Visa"),
}

# The state system each check asks (umis.exchange.members.SYSTEMS): its source.
SOURCES = {
    "entry_exit": "border",
    "payment": "payment",
    "criminal_record": "internal-affairs",
    "health": "health",
    "host_citizen": "population",
    "host_taxpayer": "tax",
    "employer": "tax",
    "employment_contract": "labour",
    "visa": "foreign-affairs",
    "security_vetting": "state-security",
}

SUMMARIES = {
    "pending": _("Waiting for the answer."),
    # A system that answers later (umis.cases.vetting): asked, and waiting.
    "awaiting": _("Requested on %(requested_on)s; waiting for the answer (ticket %(ticket)s)."),
    "unavailable": _("The system did not answer (attempt %(attempts)s); it will be asked again."),
    "gave_up": _(
        "The system did not answer after %(attempts)s attempts; check by other means and "
        "clear the “checks pending” flag."
    ),
    "refused": _("The system refused the request; check by other means."),
    "rejected": _(
        "The system's answer was rejected: %(reason)s (attempt %(attempts)s); it will be "
        "asked again."
    ),
    "rejected_gave_up": _(
        "The system's answer was rejected after %(attempts)s attempts: %(reason)s; check by "
        "other means and clear the “checks pending” flag."
    ),
    "cannot_ask": _("The form lacks what this system needs to be asked; check by other means."),
    "entry_exit.entered": _("Entered the country on %(entered)s (%(point)s); no travel ban."),
    "entry_exit.travel_ban": _("The restrictions list holds a travel ban for this person."),
    "entry_exit.no_entry": _("No entry into the country is recorded for this travel document."),
    "entry_exit.entry_after_arrival": _(
        "The border system records the entry on %(entered)s, after the arrival date given "
        "(%(arrival)s)."
    ),
    "payment.paid": _("The state duty is paid: %(amount)s AZN on %(paid_on)s."),
    "payment.unpaid": _("The state duty has not been paid."),
    "criminal_record.clear": _("No criminal record (certificate %(certificate)s)."),
    "criminal_record.found": _("Internal affairs hold a criminal record for this person."),
    "health.valid": _("A valid medical certificate (%(certificate)s), valid until %(until)s."),
    "health.missing": _("No valid medical certificate is registered for this person."),
    "security_vetting.clear": _("State security has no objection (decided on %(decided_on)s)."),
    "security_vetting.objection": _(
        "State security has raised an objection (decided on %(decided_on)s)."
    ),
    "host_citizen.living": _("%(name)s, a living citizen with this FIN."),
    "host_citizen.deceased": _("The citizen with this FIN is recorded as deceased."),
    "host_citizen.unknown": _("No citizen with this FIN is registered."),
    "host_taxpayer.active": _("%(name)s, an active taxpayer since %(since)s."),
    "host_taxpayer.inactive": _("%(name)s is no longer an active taxpayer."),
    "host_taxpayer.unknown": _("No taxpayer with this TIN is registered."),
    "employer.active": _("%(name)s, an active taxpayer since %(since)s."),
    "employer.inactive": _("%(name)s is no longer an active taxpayer."),
    "employer.unknown": _("No taxpayer with this TIN is registered."),
    "employment_contract.active": _(
        "Contract %(contract)s registered: %(position)s since %(start)s."
    ),
    "employment_contract.not_active": _(
        "Contract %(contract)s with this employer is registered but %(status)s."
    ),
    "employment_contract.none": _(
        "No employment contract with this employer is registered for this person."
    ),
    "visa.valid": _("Visa %(visa)s (%(kind)s, %(entries)s), valid until %(until)s."),
    "visa.expired": _("The latest visa, %(visa)s, expired on %(until)s."),
    "visa.none": _("No visa or e-visa is registered for this travel document."),
}

# How the other systems' codes read in a summary.
CONTRACT_STATUSES = {"suspended": _("suspended"), "terminated": _("terminated")}
VISA_KINDS = {"visa": _("visa"), "e-visa": _("e-visa")}
VISA_ENTRIES = {
    "single": _("single entry"),
    "double": _("double entry"),
    "multiple": _("multiple entry"),
}


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def entry_exit(application: Application) -> Verdict:
    form = application.form_data
    arrival = _date(form.get("arrival_date"))
    answer = systems.border().entry_exit(
        document_number=form["document_number"],
        nationality=form["nationality"],
        birth_date=date.fromisoformat(form["birth_date"]),
        arrival_date=arrival,
        reference=application.number,
    )
    if answer.travel_ban:
        return Verdict(CheckOutcome.FAILED, "entry_exit.travel_ban")
    if answer.last_entry is None:
        return Verdict(CheckOutcome.FAILED, "entry_exit.no_entry")
    entered = answer.last_entry.isoformat()
    if arrival is not None and answer.last_entry > arrival:
        params = {"entered": entered, "arrival": arrival.isoformat()}
        return Verdict(CheckOutcome.FAILED, "entry_exit.entry_after_arrival", params)
    params = {"entered": entered, "point": answer.entry_point}
    return Verdict(CheckOutcome.PASSED, "entry_exit.entered", params)


def payment(application: Application) -> Verdict:
    answer = systems.payment().duty_status(reference=application.number)
    if not answer.paid:
        return Verdict(CheckOutcome.FAILED, "payment.unpaid")
    params = {
        "amount": str(answer.amount_azn or ""),
        "paid_on": answer.paid_on.isoformat() if answer.paid_on else "",
    }
    return Verdict(CheckOutcome.PASSED, "payment.paid", params)


def criminal_record(application: Application) -> Verdict:
    form = application.form_data
    answer = systems.internal_affairs().criminal_record(
        surname=form["surname"],
        given_names=form.get("given_names", ""),
        birth_date=date.fromisoformat(form["birth_date"]),
        nationality=form["nationality"],
        document_number=form["document_number"],
        reference=application.number,
    )
    if answer.has_record:
        return Verdict(CheckOutcome.FAILED, "criminal_record.found")
    params = {"certificate": answer.certificate_number}
    return Verdict(CheckOutcome.PASSED, "criminal_record.clear", params)


def health(application: Application) -> Verdict:
    form = application.form_data
    answer = systems.health().medical_certificate(
        document_number=form["document_number"],
        birth_date=date.fromisoformat(form["birth_date"]),
        reference=application.number,
    )
    if not answer.valid:
        return Verdict(CheckOutcome.FAILED, "health.missing")
    params = {
        "certificate": answer.certificate_number,
        "until": answer.valid_until.isoformat() if answer.valid_until else "",
    }
    return Verdict(CheckOutcome.PASSED, "health.valid", params)


def security_vetting(application: Application) -> Verdict:
    """Asks for the vetting the first time; afterwards reads where it stands (the result
    comes later, by poll or push: umis.cases.vetting)."""
    vetting = SecurityVetting.objects.filter(application=application).first()
    if vetting is None:
        form = application.form_data
        ticket = systems.state_security().vetting_request(
            surname=form["surname"],
            given_names=form.get("given_names", ""),
            birth_date=date.fromisoformat(form["birth_date"]),
            nationality=form["nationality"],
            document_number=form["document_number"],
            reference=application.number,
        )
        vetting = security_vetting_requested(application=application, ticket=ticket)
    return Verdict(*vetting_verdict(vetting))


def host_citizen(application: Application) -> Verdict:
    """A citizen host must be a living citizen with the FIN given."""
    # The form accepts a FIN as typed (any case, spaces or dashes); the registry wants it bare.
    fin = normalise_fin(application.form_data["host_identifier"])
    found = systems.population().citizen(fin=fin, reference=application.number)
    if found is None:
        return Verdict(CheckOutcome.FAILED, "host_citizen.unknown")
    if not found.alive:
        return Verdict(CheckOutcome.FAILED, "host_citizen.deceased")
    name = " ".join(part for part in (found.surname, found.given_names, found.patronymic) if part)
    return Verdict(CheckOutcome.PASSED, "host_citizen.living", {"name": name})


def _active_taxpayer(check: str, tin: str, application: Application) -> Verdict:
    found = systems.tax().taxpayer(tin=tin, reference=application.number)
    if found is None:
        return Verdict(CheckOutcome.FAILED, f"{check}.unknown")
    if not found.active:
        return Verdict(CheckOutcome.FAILED, f"{check}.inactive", {"name": found.name})
    params = {"name": found.name, "since": found.registered_on.isoformat()}
    return Verdict(CheckOutcome.PASSED, f"{check}.active", params)


def host_taxpayer(application: Application) -> Verdict:
    """An organisation or a hotel that hosts must be an active taxpayer with the TIN given."""
    return _active_taxpayer("host_taxpayer", application.form_data["host_identifier"], application)


def employer(application: Application) -> Verdict:
    return _active_taxpayer("employer", application.form_data["employer_tin"], application)


def employment_contract(application: Application) -> Verdict:
    """A contract between the person and the employer named must be registered and active."""
    form = application.form_data
    found = systems.labour().contract(
        document_number=form["document_number"],
        birth_date=date.fromisoformat(form["birth_date"]),
        employer_tin=form["employer_tin"],
        reference=application.number,
    )
    if found is None:
        return Verdict(CheckOutcome.FAILED, "employment_contract.none")
    if found.status != "active":
        # The code is stored; its words are looked up when shown, in the reader's language.
        params = {"contract": found.contract_number, "status": found.status}
        return Verdict(CheckOutcome.FAILED, "employment_contract.not_active", params)
    params = {
        "contract": found.contract_number,
        "position": found.position,
        "start": found.start_date.isoformat(),
    }
    return Verdict(CheckOutcome.PASSED, "employment_contract.active", params)


def visa(application: Application) -> Verdict:
    """A visa or e-visa valid today must be registered for the travel document."""
    form = application.form_data
    found = systems.foreign_affairs().visa(
        document_number=form["document_number"],
        nationality=form["nationality"],
        birth_date=date.fromisoformat(form["birth_date"]),
        reference=application.number,
    )
    if found is None:
        return Verdict(CheckOutcome.FAILED, "visa.none")
    params = {"visa": found.visa_number, "until": found.valid_until.isoformat()}
    if found.valid_until < timezone.localdate():
        return Verdict(CheckOutcome.FAILED, "visa.expired", params)
    params |= {"kind": found.kind, "entries": found.entries}
    return Verdict(CheckOutcome.PASSED, "visa.valid", params)


RUNNERS: dict[str, Callable[[Application], Verdict]] = {
    "entry_exit": entry_exit,
    "payment": payment,
    "criminal_record": criminal_record,
    "health": health,
    "security_vetting": security_vetting,
    "host_citizen": host_citizen,
    "host_taxpayer": host_taxpayer,
    "employer": employer,
    "employment_contract": employment_contract,
    "visa": visa,
}


# Parameters that are another system's codes, put into words when shown.
PARAM_WORDS = {"status": CONTRACT_STATUSES, "kind": VISA_KINDS, "entries": VISA_ENTRIES}
