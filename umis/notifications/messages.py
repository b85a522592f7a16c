"""The words of the status e-mail, rendered in the applicant's language."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from umis.cases.models import ApplicationEvent
from umis.cases.states import Flag, Status
from umis.eservices import registry

# What the applicant can expect after each status: the one sentence they read for.
NEXT_STEPS = {
    Status.SUBMITTED: gettext_lazy(
        "The Service will check your application and tell you when it is accepted."
    ),
    Status.ACCEPTED: gettext_lazy("An officer will now examine your application."),
    Status.UNDER_REVIEW: gettext_lazy(
        "An officer is examining your application; you will hear from us when a decision is made."
    ),
    Status.AWAITING_APPROVAL: gettext_lazy(
        "A decision has been proposed and is waiting for an approving officer."
    ),
    Status.APPROVED: gettext_lazy(
        "Your application is approved; we will tell you when your document is ready."
    ),
    Status.REFUSED: gettext_lazy(
        "Your application is refused. You may appeal this decision; the reason is given above."
    ),
    Status.ISSUED: gettext_lazy("Your document has been issued. Nothing more is needed."),
    Status.WITHDRAWN: gettext_lazy("You withdrew your application. Nothing more will happen."),
    Status.RETURNED: gettext_lazy(
        "Your application was returned without examination; you may correct it and apply again."
    ),
    Status.DRAFT: gettext_lazy("You can complete your application and submit it again."),
}


def next_step_for(application, status: str) -> str:
    """The sentence the applicant reads for: the service's own words, else the engine's.

    Call it with the language already chosen.
    """
    service = registry.find(application.service_code)
    own = service.next_steps.get(status) if service else None
    if own is None:
        return str(NEXT_STEPS.get(status, ""))
    district = application.place_of_stay_district
    department = district.department.name if district else _("your regional department")
    return str(own) % {"department": department}


def language_for(user) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    language = getattr(user, "preferred_language", "") or ""
    return language if language in languages else settings.LANGUAGE_CODE


def is_documents_request(event: ApplicationEvent) -> bool:
    """The Service asked the applicant for documents (the flag was set by this event)."""
    return (
        event.transition == "flag_set"
        and (event.details or {}).get("flag") == Flag.DOCUMENTS_REQUESTED
    )


def render_subject(*, event: ApplicationEvent, language: str) -> str:
    with override(language):
        if is_documents_request(event):
            subject = _("Application %(number)s: please send documents") % {
                "number": event.application.number
            }
        else:
            subject = _("Application %(number)s: %(status)s") % {
                "number": event.application.number,
                "status": Status(event.to_status).label,
            }
    # A header line: no line breaks whatever a translation contains.
    return " ".join(subject.split())


def render_body(*, event: ApplicationEvent, language: str) -> str:
    if is_documents_request(event):
        return _render_documents_request(event=event, language=language)
    with override(language):
        body = render_to_string(
            "notifications/status_email.txt",
            {
                "number": event.application.number,
                "service_name": str(registry.name_of(event.application.service_code)),
                "status": str(Status(event.to_status).label),
                "reason": event.reason,
                "next_step": next_step_for(event.application, event.to_status),
            },
        )
    return body.strip() + "\n"


def _render_documents_request(*, event: ApplicationEvent, language: str) -> str:
    number = event.application.number
    with override(language):
        body = render_to_string(
            "notifications/documents_requested_email.txt",
            {
                "number": number,
                "reason": event.reason,
                # A path: the e-mail names the page; the site's address is the portal's own.
                "path": f"/applications/{number}/documents/",
            },
        )
    return body.strip() + "\n"
