"""Applications API: the applicant's own at /api/v1/applications/, the office queue at
/api/v1/office/applications/.

Handlers are thin: who may do what, and when, is decided by ``application_transition``.
Someone else's application, or one outside the officer's jurisdiction, answers 404.
"""

from __future__ import annotations

import json

from django.db.models import F
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router

from umis.accounts.models import User
from umis.accounts.permissions import office_auth
from umis.accounts.roles import perm
from umis.cases import intake, selectors, services
from umis.cases.api_auth import ApplicantSessionAuth
from umis.cases.assignment import application_assign
from umis.cases.idempotency import idempotency_key_from, idempotent_call
from umis.cases.models import Application, ApplicationEvent
from umis.cases.schemas import (
    ApplicationOut,
    AppliedOut,
    ApplyIn,
    AssignIn,
    EventOut,
    OfficeApplicationOut,
    PageQuery,
    QueueOut,
    TransitionIn,
    WithdrawIn,
)
from umis.cases.states import TRANSITIONS
from umis.core.errors import PermissionDeniedError, ValidationFailed

router = Router(tags=["applications"], auth=ApplicantSessionAuth())
office_router = Router(tags=["office: applications"])


def _own(request: HttpRequest, number: str) -> Application:
    return get_object_or_404(
        selectors.applications_of_applicant(request.auth), number=number.strip().upper()
    )


@router.post(
    "",
    response={201: AppliedOut},
    summary="Apply for an e-service",
    description=(
        "Requires an Idempotency-Key header: a retry with the same key and body gets the "
        "first answer again (including the access code, shown only to the same caller). "
        "Submitting needs a confirmed e-mail address: otherwise 403 with the code "
        "email_not_confirmed (a draft, submit=false, does not)."
    ),
)
def apply(request: HttpRequest, payload: ApplyIn) -> JsonResponse:
    key = idempotency_key_from(request)
    # The body as sent (ninja has parsed it already, so it is valid JSON), canonicalised.
    body = json.loads(request.body)

    def work() -> tuple[int, dict]:
        application, code = intake.application_apply_online(
            applicant=request.auth,
            service_code=payload.service_code,
            form_data=payload.form_data,
            submit=payload.submit,
            district_code=payload.district,
            request=request,
        )
        out = AppliedOut(
            number=application.number,
            status=application.status,
            version=application.version,
            submitted_at=application.submitted_at,
            access_code=code,
        )
        return 201, out.model_dump(mode="json")

    status, response = idempotent_call(user=request.auth, key=key, body=body, work=work)
    return JsonResponse(response, status=status)


@router.get("", response=list[ApplicationOut], summary="My applications")
def my_applications(request: HttpRequest) -> list[Application]:
    return list(selectors.applications_of_applicant(request.auth))


@router.get("/{number}", response=ApplicationOut, summary="One of my applications")
def my_application(request: HttpRequest, number: str) -> Application:
    return _own(request, number)


@router.get("/{number}/history", response=list[EventOut], summary="History of my application")
def my_application_history(request: HttpRequest, number: str) -> list[ApplicationEvent]:
    return list(selectors.application_history(application=_own(request, number)))


@router.post("/{number}/withdraw", response=ApplicationOut, summary="Withdraw my application")
def withdraw(request: HttpRequest, number: str, payload: WithdrawIn) -> Application:
    return services.application_transition(
        application=_own(request, number),
        transition="withdraw",
        actor=request.auth,
        expected_version=payload.expected_version,
        request=request,
    )


def _staff(request: HttpRequest) -> User:
    # A machine client has no jurisdiction and cannot be the officer of record.
    if not isinstance(request.auth, User):
        raise PermissionDeniedError(_("Applications are handled by signed-in officers only."))
    return request.auth


@office_router.get(
    "",
    response=QueueOut,
    auth=office_auth(perm.CASE_REVIEW),
    summary="Queue of applications in my jurisdiction",
)
def queue(request: HttpRequest, filters: Query[PageQuery]) -> dict:
    qs = selectors.applications_visible_to(_staff(request))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.service_code:
        qs = qs.filter(service_code=filters.service_code)
    # The most urgent first: a deadline once accepted, else the oldest submission.
    qs = qs.order_by(F("due_date").asc(nulls_last=True), "submitted_at", "id")
    return {
        "count": qs.count(),
        "items": list(qs[filters.offset : filters.offset + filters.limit]),
    }


@office_router.get(
    "/{number}",
    response=OfficeApplicationOut,
    auth=office_auth(perm.CASE_REVIEW),
    summary="One application (audited read)",
)
def office_application(request: HttpRequest, number: str) -> Application:
    officer = _staff(request)
    application = selectors.application_get_for_staff(user=officer, number=number)
    services.application_view_record(application=application, actor=officer, request=request)
    return application


@office_router.post(
    "/{number}/transitions",
    response=OfficeApplicationOut,
    # Every case role has office access; the transition itself checks the specific right.
    auth=office_auth(perm.OFFICE_ACCESS),
    summary="Move an application to its next state",
)
def office_transition(request: HttpRequest, number: str, payload: TransitionIn) -> Application:
    officer = _staff(request)
    application = selectors.application_get_for_staff(user=officer, number=number)
    if payload.transition not in TRANSITIONS:
        raise ValidationFailed(fields={"transition": _("Unknown action.")})
    reasons = [r.strip() for r in payload.reasons if r.strip()]
    return services.application_transition(
        application=application,
        transition=payload.transition,
        actor=officer,
        expected_version=payload.expected_version,
        reason=payload.reason or "; ".join(reasons),
        details={"reasons": reasons} if reasons else None,
        request=request,
    )


@office_router.post(
    "/{number}/assign",
    response=OfficeApplicationOut,
    auth=office_auth(perm.CASE_REVIEW),
    summary="Assign an application to an officer, or take it",
    description=(
        "Heads of department and headquarters (permission cases.assign) give an open "
        "application to an officer who reviews cases in its district, or move it to "
        "another. Any reviewing officer may take an unassigned application by naming "
        "themselves. A stale expected_version answers 409."
    ),
)
def office_assign(request: HttpRequest, number: str, payload: AssignIn) -> Application:
    officer = _staff(request)
    application = selectors.application_get_for_staff(user=officer, number=number)
    assignee = User.objects.filter(username=payload.assignee.strip(), is_active=True).first()
    if assignee is None:
        raise ValidationFailed(fields={"assignee": _("There is no such active officer.")})
    return application_assign(
        application=application,
        assignee=assignee,
        actor=officer,
        expected_version=payload.expected_version,
        request=request,
    )
