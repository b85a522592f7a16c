"""Documents of an application: adding and removing them, answering a request for them.

The applicant adds documents while the application is a draft, or later while the Service
has asked for documents (the ``documents_requested`` flag) and the case is still open;
never after a decision. What a file is, is decided by its content (``uploads.py``).

The bytes are written to storage before the database transaction (storage may be a remote
service, which must not be called while the application row is locked) under a random
name; if the transaction then fails, the stored file is deleted again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umis.accounts.models import User
from umis.accounts.roles import perm
from umis.audit.services import audit_record, audited_transaction
from umis.cases import selectors, services
from umis.cases.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    document_storage_name,
)
from umis.cases.states import OPEN, Flag, Status
from umis.cases.uploads import Accepted, UploadRefused, check_content, check_size, display_name
from umis.core.errors import Conflict, NotFound, ValidationFailed
from umis.eservices.base import RequiredDocument
from umis.eservices.registry import get as get_service

NOTE_MAX_LENGTH = 4000

# The history rows this module writes, as a history list names them.
EVENT_LABELS = {
    "document_added": gettext_lazy("Document added"),
    "document_removed": gettext_lazy("Document removed"),
    "documents_provided": gettext_lazy("Requested documents sent"),
}
OTHER_DOCUMENT = RequiredDocument(
    ApplicationDocument.OTHER, gettext_lazy("Other document"), mandatory=False
)


# --- reading -------------------------------------------------------------------------------


def document_kinds(application: Application) -> tuple[RequiredDocument, ...]:
    """The kinds the e-service declares, then "other" for anything else worth sending."""
    try:
        declared = get_service(application.service_code).documents
    except NotFound:  # older or test data with an undeclared service
        declared = ()
    return (*declared, OTHER_DOCUMENT)


def kind_label(application: Application, kind: str) -> str:
    for declared in document_kinds(application):
        if declared.kind == kind:
            return str(declared.label)
    return kind


def upload_allowed(application: Application) -> bool:
    """While a draft, or while the Service is waiting for documents on an open case."""
    if application.status == Status.DRAFT:
        return True
    return application.status in OPEN and Flag.DOCUMENTS_REQUESTED in application.flags


def documents_of(application: Application) -> QuerySet[ApplicationDocument]:
    return application.documents.select_related("uploaded_by").order_by("uploaded_at", "id")


def application_get_own(*, user: User, number: str) -> Application:
    """The applicant's own application; anyone else's does not exist for them."""
    try:
        return selectors.applications_of_applicant(user).get(number=(number or "").strip().upper())
    except Application.DoesNotExist:
        raise Http404(_("Application not found.")) from None


def document_get(*, application: Application, document_id: int) -> ApplicationDocument:
    try:
        return application.documents.get(pk=document_id)
    except ApplicationDocument.DoesNotExist:
        raise Http404(_("Document not found.")) from None


# Those who work on cases read their documents: reception at acceptance, officers in review;
# analysts, auditors and administrators have office access but no case work.
CASE_READERS = (perm.CASE_ACCEPT, perm.CASE_REVIEW)


def may_read_documents(user: User) -> bool:
    return any(user.has_perm(permission) for permission in CASE_READERS)


def document_get_for_staff(*, user: User, number: str, document_id: int) -> ApplicationDocument:
    """A document of an application in the officer's reach; elsewhere it does not exist."""
    application = selectors.application_get_for_staff(user=user, number=number)
    return document_get(application=application, document_id=document_id)


@dataclass(frozen=True)
class KindStatus:
    """One line of the applicant's checklist: a kind, whether it is needed, what was sent."""

    kind: str
    label: str
    mandatory: bool
    documents: list[ApplicationDocument]


def document_checklist(application: Application) -> list[KindStatus]:
    documents = list(documents_of(application))
    return [
        KindStatus(
            kind=declared.kind,
            label=str(declared.label),
            mandatory=declared.mandatory,
            documents=[d for d in documents if d.kind == declared.kind],
        )
        for declared in document_kinds(application)
    ]


def _latest_request(application: Application) -> ApplicationEvent | None:
    """The history row of the Service's latest request for documents (the flag's setting)."""
    return (
        application.events.filter(transition="flag_set", details__flag=Flag.DOCUMENTS_REQUESTED)
        .order_by("-at", "-id")
        .first()
    )


def documents_answering_request(application: Application) -> list[ApplicationDocument]:
    """Documents sent since the Service's latest request for documents."""
    request_event = _latest_request(application)
    if request_event is None:
        return []
    return list(
        documents_of(application).filter(answers_request=True, uploaded_at__gte=request_event.at)
    )


def request_reason(application: Application) -> str:
    """What the officer wrote when asking for documents: shown to the applicant."""
    request_event = _latest_request(application)
    return request_event.reason if request_event else ""


# --- writing -------------------------------------------------------------------------------


def _check_owner(application: Application, actor: User) -> None:
    if application.applicant_id != actor.pk:
        raise NotFound(_("Application not found."))


def _check_upload_allowed(application: Application) -> None:
    if not upload_allowed(application):
        raise Conflict(
            _(
                "You can add documents only while your application is a draft, or when the "
                "Service has asked you for documents."
            )
        )


def _clean_kind(application: Application, kind: str) -> str:
    kind = (kind or "").strip()
    if kind not in {d.kind for d in document_kinds(application)}:
        raise ValidationFailed(fields={"kind": _("Choose which document this is.")})
    return kind


def _read_checked(upload: UploadedFile | None) -> tuple[bytes, Accepted]:
    if upload is None:
        raise ValidationFailed(fields={"file": _("Choose a file to upload.")})
    limit = settings.UMIS_DOCUMENT_MAX_BYTES
    try:
        # The size first: past the limit the upload handler kept only part of the bytes.
        check_size(upload.size or 0, max_bytes=limit)
        upload.seek(0)
        data = upload.read(limit + 1)
        return data, check_content(data, max_bytes=limit)
    except UploadRefused as refused:
        raise ValidationFailed(fields={"file": refused.message}) from None


def application_document_add(
    *,
    application: Application,
    actor: User,
    kind: str,
    upload: UploadedFile | None,
    request: HttpRequest | None = None,
) -> ApplicationDocument:
    """Check, store and record one document; the history shows "document_added"."""
    _check_owner(application, actor)
    _check_upload_allowed(application)  # again under the lock; this spares a useless upload
    kind = _clean_kind(application, kind)
    data, accepted = _read_checked(upload)
    name = default_storage.save(
        document_storage_name(None, f"x{accepted.extension}"), ContentFile(data)
    )
    try:
        return _document_add_row(
            application=application,
            actor=actor,
            kind=kind,
            stored_name=name,
            accepted=accepted,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            original_name=display_name(getattr(upload, "name", ""), extension=accepted.extension),
            request=request,
        )
    except BaseException:
        default_storage.delete(name)  # nothing refers to it: the row was never committed
        raise


@audited_transaction
def _document_add_row(
    *,
    application: Application,
    actor: User,
    kind: str,
    stored_name: str,
    accepted: Accepted,
    size: int,
    sha256: str,
    original_name: str,
    request: HttpRequest | None,
) -> ApplicationDocument:
    current = services.lock_for_change(application, None)
    _check_owner(current, actor)
    _check_upload_allowed(current)
    limit = settings.UMIS_DOCUMENTS_PER_APPLICATION
    if current.documents.count() >= limit:
        raise ValidationFailed(
            fields={
                "file": _(
                    "This application already has %(max)d files, the most it can have. "
                    "Put several pages into one PDF."
                )
                % {"max": limit}
            }
        )
    document = ApplicationDocument.objects.create(
        application=current,
        kind=kind,
        file=stored_name,
        content_type=accepted.content_type,
        size=size,
        sha256=sha256,
        original_name=original_name,
        uploaded_by=actor,
        answers_request=current.status != Status.DRAFT,
    )
    services.record_change(
        application=current,
        name="document_added",
        from_status=current.status,
        actor=actor,
        reason="",
        details={
            "document_id": document.pk,
            "kind": kind,
            "content_type": accepted.content_type,
            "size": size,
            "sha256": sha256,
        },
        request=request,
    )
    return document


@audited_transaction
def application_document_remove(
    *, document: ApplicationDocument, actor: User, request: HttpRequest | None = None
) -> None:
    """The applicant takes a document back, only before submitting: after that it is evidence."""
    current = services.lock_for_change(document.application, None)
    _check_owner(current, actor)
    if current.status != Status.DRAFT:
        raise Conflict(_("Documents can be removed only before the application is submitted."))
    stored_name, document_id, kind = document.file.name, document.pk, document.kind
    document.delete()
    services.record_change(
        application=current,
        name="document_removed",
        from_status=current.status,
        actor=actor,
        reason="",
        details={"document_id": document_id, "kind": kind},
        request=request,
    )
    # The bytes go only once the row is gone for good.
    transaction.on_commit(lambda: default_storage.delete(stored_name))


@audited_transaction
def application_documents_provide(
    *,
    application: Application,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> Application:
    """The applicant says they have sent what was asked: the request is answered."""
    current = services.lock_for_change(application, expected_version)
    _check_owner(current, actor)
    if current.status not in OPEN or Flag.DOCUMENTS_REQUESTED not in current.flags:
        raise Conflict(_("The Service is not waiting for documents for this application."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationFailed(
            fields={
                "note": _("The note is too long (at most %(max)d characters).")
                % {"max": NOTE_MAX_LENGTH}
            }
        )
    sent = documents_answering_request(current)
    if not sent:
        raise ValidationFailed(
            fields={"file": _("Upload at least one document before you tell us they are sent.")}
        )
    current.flags = sorted(set(current.flags) - {Flag.DOCUMENTS_REQUESTED})
    current.version += 1
    current.save()
    services.record_change(
        application=current,
        name="documents_provided",
        from_status=current.status,
        actor=actor,
        reason=note,
        details={"flag": Flag.DOCUMENTS_REQUESTED, "documents": [d.pk for d in sent]},
        request=request,
    )
    return current


def application_document_view_record(
    *, document: ApplicationDocument, actor: User, request: HttpRequest | None = None
) -> None:
    """An officer opened a document: part of who read whose file."""
    audit_record(
        action="application.document.view",
        target_type="application",
        target_id=document.application.number,
        request=request,
        actor=actor,
        details={"document_id": document.pk, "kind": document.kind, "sha256": document.sha256},
    )
