"""An application's story as the applicant reads it: status changes in plain words,
without officers' names, and only the flags that ask something of the applicant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from umis.cases.models import Application
from umis.cases.selectors import application_history
from umis.cases.states import Flag, Status
from umis.core.errors import NotFound
from umis.eservices import registry
from umis.portal.schema_forms import form_errors

# What each status change means for the applicant, said once.
STATUS_SENTENCES: dict[str, Promise] = {
    Status.SUBMITTED: _("You sent the application."),
    Status.ACCEPTED: _("The Service accepted the application; the decision period started."),
    Status.UNDER_REVIEW: _("An officer started examining the application."),
    Status.AWAITING_APPROVAL: _("A decision was prepared and is being confirmed."),
    Status.APPROVED: _("The application was approved."),
    Status.REFUSED: _("The application was refused."),
    Status.ISSUED: _("The document was issued."),
    Status.WITHDRAWN: _("You withdrew the application."),
    Status.RETURNED: _("The application was returned to you without examination."),
}


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    text: str


@dataclass(frozen=True)
class FlagNotice:
    text: str
    url: str = ""
    link_text: str = ""


def applicant_history(application: Application) -> list[HistoryLine]:
    lines = []
    for event in application_history(application=application):
        if event.from_status == event.to_status or event.to_status == Status.DRAFT:
            continue  # flags and the draft's creation are not status changes
        sentence = STATUS_SENTENCES.get(event.to_status)
        if sentence:
            lines.append(HistoryLine(at=event.at, text=str(sentence)))
    return lines


def applicant_flags(application: Application) -> list[FlagNotice]:
    notices = []
    flags = set(application.flags or [])
    if Flag.DOCUMENTS_REQUESTED in flags:
        notices.append(
            FlagNotice(
                text=str(_("The Service asks you to send more documents.")),
                url=reverse("documents:page", args=[application.number]),
                link_text=str(_("Send the documents")),
            )
        )
    if Flag.PAYMENT_PENDING in flags:
        unpaid = _("Your payment of the state duty has not reached us yet.")
        notices.append(FlagNotice(text=str(unpaid)))
    if Flag.APPEALED in flags:
        notices.append(FlagNotice(text=str(_("Your appeal is being considered."))))
    return notices


def next_step_of_draft(application: Application) -> str:
    """Where to continue a draft: the first page with a missing or wrong answer."""
    try:
        service = registry.get(application.service_code)
    except NotFound:
        return reverse("portal:applications")
    errors = form_errors(service, application.form_data)
    for step in service.form.form_steps():
        if any(name in errors for name in step.fields):
            return reverse("portal:apply_step", args=[application.number, step.slug])
    return reverse("portal:apply_check", args=[application.number])
