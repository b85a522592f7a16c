"""Pages for documents: the applicant's upload page, and the officer's inline view.

The applicant's page lists the kinds the e-service asks for with what was sent for each,
an upload form per kind (a plain multipart form: no JavaScript needed), removal while the
application is a draft, and "I have sent the documents" while the Service is waiting for
them. Refusals come back beside the field that caused them, on the same page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from umis.accounts.permissions import requires
from umis.accounts.roles import perm
from umis.cases import documents
from umis.cases.document_responses import document_response
from umis.cases.models import Application
from umis.cases.states import OPEN, Flag, Status
from umis.cases.uploads import size_label
from umis.core.errors import Conflict, ValidationFailed
from umis.portal.access import portal_user_required


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Choose a file"),
        error_messages={
            "required": gettext_lazy("Choose a file to upload."),
            "empty": gettext_lazy("The file is empty."),
        },
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, kind_label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind_label:
            # One form per kind on the page: each label says which document it takes.
            self.fields["file"].label = _("File for “%(kind)s”") % {"kind": kind_label}


class ProvidedForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("A note for the officer"),
        required=False,
        max_length=documents.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _page_url(number: str) -> str:
    return reverse("documents:page", kwargs={"number": number})


def _render(
    request: HttpRequest,
    application: Application,
    *,
    failed_kind: str = "",
    upload_form: UploadForm | None = None,
    provided_form: ProvidedForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    checklist = documents.document_checklist(application)
    forms_by_kind = {
        line.kind: upload_form
        if (upload_form is not None and line.kind == failed_kind)
        else UploadForm(prefix=line.kind, kind_label=line.label)
        for line in checklist
    }
    requested = application.status in OPEN and Flag.DOCUMENTS_REQUESTED in application.flags
    context = {
        "application": application,
        "lines": [(line, forms_by_kind[line.kind]) for line in checklist],
        "upload_allowed": documents.upload_allowed(application),
        "removable": application.status == Status.DRAFT,
        "requested": requested,
        "request_reason": documents.request_reason(application) if requested else "",
        "provided_form": provided_form
        or ProvidedForm(initial={"expected_version": application.version}),
        "failed_form": upload_form if upload_form is not None else provided_form,
        "problem": problem,
        "max_size": size_label(settings.UMIS_DOCUMENT_MAX_BYTES),
    }
    return render(request, "cases/documents_page.html", context, status=status)


def _upload(request: HttpRequest, application: Application) -> HttpResponse:
    kind = request.POST.get("kind", "")
    if kind not in {line.kind for line in documents.document_kinds(application)}:
        return _render(
            request, application, problem=_("Choose which document this is."), status=422
        )
    label = documents.kind_label(application, kind)
    form = UploadForm(request.POST, request.FILES, prefix=kind, kind_label=label)
    if not form.is_valid():
        return _render(request, application, failed_kind=kind, upload_form=form)
    try:
        document = documents.application_document_add(
            application=application,
            actor=request.user,
            kind=kind,
            upload=form.cleaned_data["file"],
            request=request,
        )
    except ValidationFailed as exc:
        for field, message in exc.fields.items():
            form.add_error("file" if field == "file" else None, message)
        return _render(request, application, failed_kind=kind, upload_form=form)
    except Conflict as exc:
        return _render(request, application, problem=exc.message, status=409)
    messages.success(request, _("“%(name)s” was added.") % {"name": document.original_name})
    return HttpResponseRedirect(_page_url(application.number))


def _provided(request: HttpRequest, application: Application) -> HttpResponse:
    form = ProvidedForm(request.POST)
    if not form.is_valid():
        return _render(request, application, provided_form=form)
    try:
        documents.application_documents_provide(
            application=application,
            actor=request.user,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["expected_version"],
            request=request,
        )
    except ValidationFailed as exc:
        for field, message in exc.fields.items():
            form.add_error("note" if field == "note" else None, message)
        return _render(request, application, provided_form=form)
    except Conflict as exc:
        application.refresh_from_db()
        return _render(request, application, problem=exc.message, status=409)
    messages.success(
        request,
        _("Thank you. The officer now knows that you have sent the documents."),
    )
    return HttpResponseRedirect(_page_url(application.number))


@never_cache
@portal_user_required
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, number: str) -> HttpResponse:
    application = documents.application_get_own(user=request.user, number=number)
    if request.method == "POST":
        if request.POST.get("action") == "provided":
            return _provided(request, application)
        return _upload(request, application)
    return _render(request, application)


@never_cache
@portal_user_required
@require_POST
def remove(request: HttpRequest, number: str, document_id: int) -> HttpResponse:
    application = documents.application_get_own(user=request.user, number=number)
    document = documents.document_get(application=application, document_id=document_id)
    try:
        documents.application_document_remove(
            document=document, actor=request.user, request=request
        )
    except Conflict as exc:
        return _render(request, application, problem=exc.message, status=409)
    messages.success(request, _("“%(name)s” was removed.") % {"name": document.original_name})
    return HttpResponseRedirect(_page_url(application.number))


@portal_user_required
@require_GET
def download(request: HttpRequest, number: str, document_id: int) -> HttpResponse:
    application = documents.application_get_own(user=request.user, number=number)
    document = documents.document_get(application=application, document_id=document_id)
    return document_response(document, inline=False)


@requires(perm.OFFICE_ACCESS)
@require_GET
def office_document(request: HttpRequest, number: str, document_id: int) -> HttpResponse:
    """Stream a document inline to an officer in reach; every opening is audited."""
    if not documents.may_read_documents(request.user):
        raise PermissionDenied
    document = documents.document_get_for_staff(
        user=request.user, number=number, document_id=document_id
    )
    documents.application_document_view_record(
        document=document, actor=request.user, request=request
    )
    return document_response(document, inline=True)
