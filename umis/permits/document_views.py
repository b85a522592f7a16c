"""Downloading the printable documents: the permit and the refusal letter, as PDF.

The holder on the portal downloads their own permit (in force) and, for a refused
application, the refusal letter; another applicant's number is not found. In the office
the permit page reprints a permit marked as a copy (a POST, confirmed, logged in the
permit's history and the audit trail) and the application page offers the refusal letter.
Every lookup goes through the jurisdiction selectors: another region's number is a 404.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.audit.services import audit_record
from umis.cases import selectors as case_selectors
from umis.cases.office_views import casework
from umis.cases.states import Status
from umis.core.errors import DomainError
from umis.permits import documents, services
from umis.permits.models import Permit
from umis.permits.selectors import permit_get_for_staff
from umis.permits.states import PermitStatus
from umis.portal.access import portal_user_required


def safe_file_name(*parts: str) -> str:
    """ASCII letters, digits and dashes only, ending in .pdf: safe in any header or disk."""
    name = "-".join(re.sub(r"[^A-Za-z0-9]+", "-", p).strip("-") for p in parts if p)
    return (name or "document")[:100] + ".pdf"


def pdf_response(data: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Content-Length"] = str(len(data))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the portal ------------------------------------------------------------------------


@require_GET
@never_cache
@portal_user_required
def holder_permit(request: HttpRequest, number: str, permit_number: str) -> HttpResponse:
    application = get_object_or_404(
        case_selectors.applications_of_applicant(request.user), number=number.strip().upper()
    )
    permit = get_object_or_404(
        Permit.objects.select_related("holder", "issuing_department"),
        application=application,
        number=permit_number.strip().upper(),
        status=PermitStatus.ACTIVE,
    )
    return pdf_response(documents.permit_pdf(permit), safe_file_name(permit.number))


@require_GET
@never_cache
@portal_user_required
def holder_refusal_letter(request: HttpRequest, number: str) -> HttpResponse:
    application = get_object_or_404(
        case_selectors.applications_of_applicant(request.user),
        number=number.strip().upper(),
        status=Status.REFUSED,
    )
    data = documents.refusal_letter_pdf(application)
    return pdf_response(data, safe_file_name("refusal", application.number))


# --- the office ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@requires(perm.PERMIT_REPLACE)
def reprint(request: HttpRequest, number: str) -> HttpResponse:
    # Another region's permit is not found, whatever the officer's rights.
    permit = permit_get_for_staff(user=request.user, number=number)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            error = _("Tick the box to confirm that the permit is to be printed again.")
        else:
            try:
                services.permit_reprint(permit=permit, actor=request.user, request=request)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("office:permits:detail", number=permit.number)
            data = documents.permit_pdf(permit, copy=True)
            return pdf_response(data, safe_file_name(permit.number, "copy"))
    services.permit_view_record(permit=permit, actor=request.user, request=request)
    context = {"permit": permit, "error": error}
    return render(request, "permits/reprint.html", context, status=422 if error else 200)


@require_GET
@never_cache
@casework
def refusal_letter(request: HttpRequest, number: str) -> HttpResponse:
    application = case_selectors.application_get_for_staff(user=request.user, number=number)
    if application.status != Status.REFUSED:
        raise Http404(_("This application is not refused."))
    audit_record(
        action="application.refusal_letter",
        target_type="application",
        target_id=application.number,
        request=request,
        actor=request.user,
        details={"person_id": application.person_id},
    )
    data = documents.refusal_letter_pdf(application)
    return pdf_response(data, safe_file_name("refusal", application.number))
