"""The JSON API at /api/v1/: one NinjaAPI, one error shape, routers from each context."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from umis.core.errors import DomainError
from umis.core.nul import nul_location
from umis.core.validation import fields_from_ninja_errors

logger = logging.getLogger(__name__)


class JsonParser(Parser):
    """JSON bodies, refusing a NUL character in any value or key with its field's name
    (``umis.core.nul``)."""

    def parse_body(self, request: HttpRequest) -> dict:
        data = super().parse_body(request)
        where = nul_location(data)
        if where is not None:
            raise NinjaValidationError(
                [{"loc": ("body", *where), "type": "string_nul", "msg": "NUL character"}]
            )
        return data


api = NinjaAPI(
    parser=JsonParser(),
    title="UMIS API",
    version="1",
    description="Unified Migration Information System",
    urls_namespace="api-v1",
)


def error_response(
    request: HttpRequest, status: int, code: str, message: str, fields: dict | None = None
) -> HttpResponse:
    return api.create_response(
        request,
        {"error": {"code": code, "message": message, "fields": fields or {}}},
        status=status,
    )


def field_errors(request: HttpRequest, fields: dict[str, str]) -> HttpResponse:
    """422 with a message beside each field at fault."""
    return error_response(
        request, 422, "validation_error", _("Some fields need your attention."), fields
    )


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return field_errors(request, fields_from_ninja_errors(exc.errors))


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return error_response(request, exc.status, exc.code, exc.message, exc.fields)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, "not_authenticated", _("Authentication is required."))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and isinstance(exc.__cause__, NinjaValidationError):
        return on_validation_error(request, exc.__cause__)  # refused by JsonParser
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        # ninja could not parse the body (malformed JSON): the body is the field at fault.
        return field_errors(request, {"body": _("The request body is not valid JSON.")})
    return error_response(request, exc.status_code, "http_error", str(exc))


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(
        request, 413, "request_too_large", _("The request is too large to be processed.")
    )


@api.exception_handler(MultiPartParserError)
def on_unreadable_upload(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # A form upload whose body does not match its Content-Type (no boundary, cut short).
    unreadable = _("The upload could not be read. Send the file again as multipart/form-data.")
    return field_errors(request, {"body": unreadable})


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Never an HTML 500 from the API: log the fault with the request id, answer in shape.
    logger.exception("Unhandled API error (request %s)", getattr(request, "request_id", "-"))
    return error_response(
        request,
        500,
        "server_error",
        _("Something went wrong on our side. Quote request id %(id)s if you contact us.")
        % {"id": getattr(request, "request_id", "-")},
    )


def register_routers() -> None:
    """Each bounded context contributes its routers here."""
    from umis.accounts.api import router as accounts_router
    from umis.audit.api import router as audit_router
    from umis.cases.api import office_router as cases_office_router
    from umis.cases.api import router as cases_router
    from umis.cases.api_documents import office_router as documents_office_router
    from umis.cases.api_documents import router as documents_router
    from umis.eservices.api import router as eservices_router
    from umis.exchange.api import router as exchange_router
    from umis.people.api import router as people_router
    from umis.permits.api import router as permits_router
    from umis.permits.share_api import router as share_router
    from umis.permits.verify_api import router as verify_router
    from umis.portal.api import router as status_router
    from umis.screening.api import router as screening_router

    api.add_router("/office/people/", people_router)
    api.add_router("/office/audit/", audit_router)
    api.add_router("/office/permits/", permits_router)
    api.add_router("/auth/", accounts_router)
    api.add_router("/applications/", cases_router)
    api.add_router("/office/applications/", cases_office_router)
    api.add_router("/applications/", documents_router)
    api.add_router("/office/applications/", documents_office_router)
    api.add_router("/services", eservices_router)
    api.add_router("/status", status_router)
    api.add_router("/verify", verify_router)
    api.add_router("/share-codes", share_router)
    api.add_router("/screening/", screening_router)
    api.add_router("/exchange", exchange_router)


register_routers()
