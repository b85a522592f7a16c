"""The public pages: home and the list of e-services."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from umis.accounts.roles import Role
from umis.eservices import registry
from umis.portal.plain_words import deadline_text, fee_text, today


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def services(request: HttpRequest) -> HttpResponse:
    on = today()
    items = [
        {
            "service": service,
            "fee": fee_text(service, on=on),
            "deadline": deadline_text(service, on=on),
            "who": [Role(role).label for role in sorted(service.applicant_roles)],
        }
        for service in registry.all_services()
    ]
    return render(request, "portal/services.html", {"items": items})
