"""``{% load documents_ui %}``: a document's kind in words, from the e-service declaration.

``{{ document|document_kind }}`` gives "Passport or travel document", not "passport", in
the reader's language, whichever selector produced the document.
"""

from __future__ import annotations

from django import template

from umis.cases.documents import kind_label
from umis.cases.models import ApplicationDocument

register = template.Library()


@register.filter
def document_kind(document: ApplicationDocument) -> str:
    return kind_label(document.application, document.kind)
