"""Applying online: a form checked against its service becomes a submitted application.

Two ways in, one way through: the API sends the whole form at once
(``application_apply_online``, which writes the row whole); the portal's pages fill a draft
step by step (``application_draft_save``) and then submit it
(``application_draft_submit``). Either way the cleaned form is stored, the district of stay
fixes the jurisdiction, a one-time access code is made, and the ``submit`` transition runs.

Only the access code's keyed hash is kept, so a copy of the database opens no one's
application on public pages. Only accounts with a confirmed e-mail address may submit:
the address is where the Service writes about the case.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from umis.accounts.models import User
from umis.accounts.selectors import district_id_for_code
from umis.audit.services import audit_record, audited_transaction
from umis.cases.access_codes import access_code_matches, access_code_new
from umis.cases.models import Application
from umis.cases.services import (
    application_create_draft,
    application_submit_new,
    application_transition,
)
from umis.cases.states import Status
from umis.core.errors import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from umis.eservices import registry
from umis.eservices.base import EService

# A draft value longer than this is not something a person typed into one of our fields.
DRAFT_VALUE_MAX = 2000


def application_access_code_matches(*, application: Application, code: str) -> bool:
    return access_code_matches(application.access_code_hash, code)


def _district_for(form_data: dict[str, Any], district_code: str | None) -> int | None:
    """The id of the district of stay. The form's own district wins (stay registration
    asks for it); otherwise the caller names it, so that the case reaches the department
    covering the place of stay."""
    code = form_data.get("district") or district_code
    if not code:
        return None
    district_id = district_id_for_code(code)
    if district_id is None:
        raise ValidationFailed(
            fields={"district": _("“%(code)s” is not a known district.") % {"code": code}}
        )
    return district_id


def _service(service_code: str) -> EService:
    try:
        return registry.get(service_code)
    except NotFound as exc:
        raise ValidationFailed(fields={"service_code": exc.message}) from None


def check_may_apply(*, applicant: User, service: EService, submitting: bool = True) -> None:
    """The account's role must be one the service admits; submitting needs a confirmed
    e-mail address (a draft does not: people may prepare before confirming)."""
    if applicant.role not in service.applicant_roles:
        raise PermissionDeniedError(
            _("Your account cannot apply for this service."), code="role_not_allowed"
        )
    if submitting and applicant.email_confirmed_at is None:
        raise PermissionDeniedError(
            _(
                "Confirm your e-mail address before you submit an application: open the link "
                "we sent you, or ask for a new one on the website."
            ),
            code="email_not_confirmed",
        )


@audited_transaction
def application_apply_online(
    *,
    applicant: User,
    service_code: str,
    form_data: Any,
    submit: bool = True,
    district_code: str | None = None,
    request: HttpRequest | None = None,
) -> tuple[Application, str]:
    """An application from the portal, checked against its service; returns the one-time
    access code with it (only its hash is stored)."""
    service = _service(service_code)
    check_may_apply(applicant=applicant, service=service, submitting=submit)
    try:
        form = service.validate_form(form_data)
    except ValidationFailed as exc:
        raise ValidationFailed(
            fields={
                (name if name == "form_data" else f"form_data.{name}"): message
                for name, message in exc.fields.items()
            }
        ) from None
    cleaned = form.model_dump(mode="json")
    district_id = _district_for(cleaned, district_code)
    code, code_hash = access_code_new()
    if submit:
        application = application_submit_new(
            applicant=applicant,
            service_code=service.code,
            form_data=cleaned,
            place_of_stay_district_id=district_id,
            access_code_hash=code_hash,
            request=request,
        )
        return application, code
    application = application_create_draft(
        applicant=applicant, service_code=service.code, form_data=cleaned, request=request
    )
    application.place_of_stay_district_id, application.access_code_hash = district_id, code_hash
    application.save(update_fields=["place_of_stay_district", "access_code_hash"])
    return application, code


@audited_transaction
def application_draft_start(
    *, applicant: User, service_code: str, request: HttpRequest | None = None
) -> Application:
    """An empty draft of ``service_code`` for the portal's step-by-step form."""
    service = _service(service_code)
    check_may_apply(applicant=applicant, service=service, submitting=False)
    return application_create_draft(
        applicant=applicant, service_code=service.code, form_data={}, request=request
    )


def _own_draft(application: Application, actor: User) -> Application:
    # Locked: two tabs saving, or a double-clicked submit, are decided one after the other.
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.applicant_id != actor.pk:
        raise NotFound(_("Application not found."))
    if current.status != Status.DRAFT:
        raise Conflict(
            _("This application has already been sent; it can no longer be changed."),
            code="not_a_draft",
        )
    return current


@audited_transaction
def application_draft_save(
    *,
    application: Application,
    actor: User,
    form_data: dict[str, str],
    request: HttpRequest | None = None,
) -> Application:
    """Keep what the applicant typed on one page of the form, valid or not.

    Values are stored raw, as typed, so the page can show them again; only the fields the
    service's form declares are kept. Checking happens on each page and at submission.
    """
    current = _own_draft(application, actor)
    declared = registry.get(current.service_code).form.model_fields
    changed = {}
    for name, value in form_data.items():
        if name in declared:
            # NUL cannot be typed and PostgreSQL cannot store it: dropped, the rest kept.
            typed = str(value if value is not None else "").replace("\x00", "")
            changed[name] = typed[:DRAFT_VALUE_MAX]
    current.form_data = {**(current.form_data or {}), **changed}
    current.version += 1
    current.save(update_fields=["form_data", "version", "updated_at"])
    audit_record(
        action="application.draft_save",
        target_type="application",
        target_id=current.number,
        request=request,
        actor=actor,
        # Which answers changed, never the answers: they are personal data.
        details={"fields": sorted(changed)},
    )
    return current


def draft_values(form_data: dict[str, Any]) -> dict[str, Any]:
    """The draft as the form model reads it: an empty answer is a missing one."""
    return {
        name: value.strip() if isinstance(value, str) else value
        for name, value in (form_data or {}).items()
        if not (value is None or (isinstance(value, str) and not value.strip()))
    }


@audited_transaction
def application_draft_submit(
    *, application: Application, actor: User, request: HttpRequest | None = None
) -> tuple[Application, str]:
    """Check the whole draft against its service and submit it; returns the access code.

    ``ValidationFailed`` names the fields to correct (without a prefix: the pages show them
    beside their own inputs). A second submission of the same draft is a ``Conflict``.
    """
    current = _own_draft(application, actor)
    service = registry.get(current.service_code)
    check_may_apply(applicant=actor, service=service)
    form = service.validate_form(draft_values(current.form_data))
    # The cleaned form replaces what was typed; its district fixes the jurisdiction.
    current.form_data = form.model_dump(mode="json")
    current.place_of_stay_district_id = _district_for(current.form_data, None)
    code, current.access_code_hash = access_code_new()
    current.save(update_fields=["form_data", "place_of_stay_district", "access_code_hash"])
    current = application_transition(
        application=current, transition="submit", actor=actor, request=request
    )
    return current, code
