"""Documents API: the applicant sends and reads their own, officers read (audited).

Applicant: ``/api/v1/applications/{number}/documents`` (multipart upload, list, download)
and ``.../documents/provided`` (answer the Service's request). Office:
``/api/v1/office/applications/{number}/documents`` (list, inline view). Someone else's
application, or one outside the officer's jurisdiction, answers 404.
"""

from __future__ import annotations

from datetime import datetime

from django.http import FileResponse, HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from umis.accounts.models import User
from umis.accounts.permissions import office_auth
from umis.accounts.roles import perm
from umis.cases import documents, selectors
from umis.cases.api_auth import ApplicantSessionAuth
from umis.cases.document_responses import document_response
from umis.cases.models import Application, ApplicationDocument
from umis.cases.schemas import ApplicationOut
from umis.core.errors import PermissionDeniedError

router = Router(tags=["applications: documents"], auth=ApplicantSessionAuth())
office_router = Router(tags=["office: application documents"])

_EXAMPLE = {
    "id": 12,
    "kind": "passport",
    "kind_label": "Passport or travel document",
    "content_type": "application/pdf",
    "size": 482113,
    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "original_name": "passport-scan.pdf",
    "uploaded_at": "2026-05-02T09:15:00+04:00",
    "answers_request": False,
}


class DocumentOut(Schema):
    id: int
    kind: str = Field(..., description="A kind the e-service declares, or `other`")
    kind_label: str = Field(..., description="The kind in the caller's language")
    content_type: str = Field(..., description="Found from the content: PDF, JPEG or PNG")
    size: int = Field(..., description="Bytes")
    sha256: str
    original_name: str = Field(..., description="The sender's file name, cleaned; display only")
    uploaded_at: datetime
    answers_request: bool = Field(..., description="Sent in answer to a request for documents")

    model_config = {"json_schema_extra": {"examples": [_EXAMPLE]}}

    @staticmethod
    def resolve_kind_label(obj: ApplicationDocument) -> str:
        return documents.kind_label(obj.application, obj.kind)


class ProvidedIn(Schema):
    note: str = Field("", max_length=4000, description="Optional words for the officer")
    expected_version: int | None = Field(None, ge=1, description="The version you last saw")

    model_config = {
        "json_schema_extra": {
            "examples": [{"note": "The lease is signed by both owners.", "expected_version": 4}]
        }
    }


_DOWNLOAD = {
    200: {
        "description": "The file, as PDF, JPEG or PNG",
        "content": {
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
            "image/png": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


# --- applicant ---------------------------------------------------------------------------


@router.post(
    "/{number}/documents",
    response={201: DocumentOut},
    summary="Send a document",
    description=(
        "Multipart form: `kind` (a kind the service declares, or `other`) and `file`. "
        "Allowed while the application is a draft, or while the Service has asked for "
        "documents and the case is open (else 409). Only PDF, JPEG and PNG are accepted, "
        "judged by the content, not the name; over the size limit, empty or another "
        "format answers 422 with the reason in `error.fields.file`."
    ),
)
def upload(
    request: HttpRequest,
    number: str,
    kind: Form[str] = "",
    file: File[UploadedFile] = None,  # type: ignore[assignment]  # refused by the service
) -> Status:
    application = documents.application_get_own(user=request.auth, number=number)
    document = documents.application_document_add(
        application=application, actor=request.auth, kind=kind, upload=file, request=request
    )
    return Status(201, document)


@router.get(
    "/{number}/documents",
    response=list[DocumentOut],
    summary="The documents of my application",
)
def my_documents(request: HttpRequest, number: str) -> list[ApplicationDocument]:
    application = documents.application_get_own(user=request.auth, number=number)
    return list(documents.documents_of(application))


@router.get(
    "/{number}/documents/{int:document_id}",
    openapi_extra={"responses": _DOWNLOAD},
    summary="Download one of my documents",
    description="Served as an attachment, with the content type found at upload.",
)
def my_document(request: HttpRequest, number: str, document_id: int) -> FileResponse:
    application = documents.application_get_own(user=request.auth, number=number)
    document = documents.document_get(application=application, document_id=document_id)
    return document_response(document, inline=False)


@router.post(
    "/{number}/documents/provided",
    response=ApplicationOut,
    summary="Tell the Service the requested documents are sent",
    description=(
        "Answers the Service's request for documents: clears the `documents_requested` "
        "flag. Needs at least one document sent since the request (else 422 on `file`); "
        "409 when the Service is not waiting for documents or `expected_version` is stale."
    ),
)
def provided(request: HttpRequest, number: str, payload: ProvidedIn) -> Application:
    application = documents.application_get_own(user=request.auth, number=number)
    return documents.application_documents_provide(
        application=application,
        actor=request.auth,
        note=payload.note,
        expected_version=payload.expected_version,
        request=request,
    )


# --- office ------------------------------------------------------------------------------


def _staff(request: HttpRequest) -> User:
    # A machine client has no jurisdiction and reads no one's documents; nor do analysts,
    # auditors or administrators, who have office access but no case work.
    user = request.auth
    if not isinstance(user, User) or not documents.may_read_documents(user):
        raise PermissionDeniedError()
    return user


@office_router.get(
    "/{number}/documents",
    response=list[DocumentOut],
    auth=office_auth(perm.OFFICE_ACCESS),
    summary="Documents of an application in my jurisdiction",
)
def office_documents(request: HttpRequest, number: str) -> list[ApplicationDocument]:
    application = selectors.application_get_for_staff(user=_staff(request), number=number)
    return list(documents.documents_of(application))


@office_router.get(
    "/{number}/documents/{int:document_id}",
    openapi_extra={"responses": _DOWNLOAD},
    auth=office_auth(perm.OFFICE_ACCESS),
    summary="View one document (audited read)",
    description=(
        "Served inline with the content type found at upload, `nosniff` and a sandboxing "
        "Content-Security-Policy. Every read is in the audit log "
        "(`application.document.view`)."
    ),
)
def office_document(request: HttpRequest, number: str, document_id: int) -> FileResponse:
    officer = _staff(request)
    document = documents.document_get_for_staff(
        user=officer, number=number, document_id=document_id
    )
    documents.application_document_view_record(document=document, actor=officer, request=request)
    return document_response(document, inline=True)
