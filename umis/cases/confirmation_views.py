"""The printable registration confirmation, for the applicant who holds it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from umis.cases.confirmation import registration_confirmation
from umis.cases.selectors import applications_of_applicant
from umis.portal.access import sign_in_url


def confirmation(request: HttpRequest, number: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseRedirect(sign_in_url(request.get_full_path()))
    # Someone else's application, or one not issued, does not exist for this user.
    application = applications_of_applicant(request.user).filter(number=number.upper()).first()
    found = registration_confirmation(application) if application else None
    if found is None:
        raise Http404(_("Application not found."))
    return render(request, "cases/registration_confirmation.html", {"confirmation": found})
