"""Serving a stored document to a browser without letting it act as a web page.

The content type is the one we found in the bytes; ``nosniff`` stops the browser guessing
another; the sandboxing Content-Security-Policy gives the document no scripts, no forms,
no same-origin access, even if a crafted file were rendered as something active; the file
name offered is the cleaned one with the extension of the real content. Personal data:
never cached.

Opened as a page of its own (a link, as the office page does), Chromium's PDF viewer shows
a PDF served with ``sandbox``; embedded in an <iframe> it would not, so do not embed them.
``UMIS_DOCUMENT_CSP`` lets an operator change the policy knowingly.
"""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse

from umis.cases.models import ApplicationDocument

DEFAULT_DOCUMENT_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


def document_response(document: ApplicationDocument, *, inline: bool) -> FileResponse:
    handle = document.file.open("rb")
    response = FileResponse(
        handle,
        content_type=document.content_type,
        as_attachment=not inline,
        filename=document.original_name,
    )
    response["Content-Length"] = str(document.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = getattr(
        settings, "UMIS_DOCUMENT_CSP", DEFAULT_DOCUMENT_CSP
    )
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response
