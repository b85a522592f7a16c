"""Office pages. Sign-in lives in umis.accounts.views; the URL names stay office:*."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from umis.accounts import views as accounts_views
from umis.accounts.permissions import requires
from umis.accounts.roles import perm

login = accounts_views.sign_in
login_verify = accounts_views.sign_in_verify
logout = accounts_views.sign_out


@requires(perm.OFFICE_ACCESS)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "office/home.html")
