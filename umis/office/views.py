"""Office pages. Sign-in lives in umis.accounts.views; the URL names stay office:*."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from umis.accounts import views as accounts_views
from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.cases.office_views import CASEWORK
from umis.cases.queues import QUEUES, queue_counts
from umis.office.templatetags.office_ui import _url_or_none

login = accounts_views.sign_in
login_verify = accounts_views.sign_in_verify
logout = accounts_views.sign_out


@requires(perm.OFFICE_ACCESS)
def home(request: HttpRequest) -> HttpResponse:
    # Queues first: an officer who works cases sees how much waits in each queue.
    queues = None
    url = _url_or_none("office:applications:queue")
    if url and any(request.user.has_perm(p) for p in CASEWORK):
        counts = queue_counts(user=request.user)
        queues = [
            {"label": label, "count": counts[key], "url": f"{url}?queue={key}"}
            for key, label in QUEUES.items()
            if key != "all"
        ]
    return render(request, "office/home.html", {"queues": queues})
