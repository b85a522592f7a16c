"""Applying online: a form checked against its service becomes a submitted application.

The applicant gets the application number and a one-time access code; only the code's
slow hash is kept, so a copy of the database opens no one's application on public pages.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from umis.accounts.models import District, User
from umis.cases.models import Application
from umis.cases.services import NUMBER_ALPHABET, application_create_draft, application_transition
from umis.core.errors import NotFound, PermissionDeniedError, ValidationFailed
from umis.eservices import registry

ACCESS_CODE_LENGTH = 8


def application_access_code_matches(*, application: Application, code: str) -> bool:
    return bool(application.access_code_hash) and check_password(
        (code or "").strip().upper(), application.access_code_hash
    )


def _district_for(form_data: dict[str, Any], district_code: str | None) -> District | None:
    # The form's own district wins (stay registration asks for it); otherwise the caller
    # names it, so that the case reaches the department covering the place of stay.
    code = form_data.get("district") or district_code
    if not code:
        return None
    district = District.objects.filter(code=code).first()
    if district is None:
        raise ValidationFailed(
            fields={"district": _("“%(code)s” is not a known district.") % {"code": code}}
        )
    return district


@transaction.atomic
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
    try:
        service = registry.get(service_code)
    except NotFound as exc:
        raise ValidationFailed(fields={"service_code": exc.message}) from None
    if applicant.role not in service.applicant_roles:
        raise PermissionDeniedError(
            _("Your account cannot apply for this service."), code="role_not_allowed"
        )
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
    application = application_create_draft(
        applicant=applicant,
        service_code=service.code,
        form_data=cleaned,
        place_of_stay_district=_district_for(cleaned, district_code),
        request=request,
    )
    code = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))
    application.access_code_hash = make_password(code)
    application.save(update_fields=["access_code_hash"])
    if submit:
        application = application_transition(
            application=application, transition="submit", actor=applicant, request=request
        )
    return application, code
