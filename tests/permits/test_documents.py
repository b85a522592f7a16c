"""The printable documents: the permit (and its copy) and the refusal letter, as PDF."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.utils import timezone

from tests.cases.office_helpers import move
from tests.permits.conftest import submit
from umis.cases.services import application_transition
from umis.permits import documents
from umis.permits.payload import Outcome, verify_payload
from umis.permits.qr import permit_qr_text

pytestmark = pytest.mark.django_db


def refused(applicant, staff, service="trp-issue"):
    application = move(
        submit(applicant, service),
        ("accept", staff["reception"]),
        ("start_review", staff["case"]),
    )
    application = application_transition(
        application=application,
        transition="propose_refusal",
        actor=staff["case"],
        reason="The contract of employment is not signed.",
        details={"grounds": ["grounds_not_confirmed"]},
    )
    return application_transition(
        application=application,
        transition="refuse",
        actor=staff["head"],
        reason="The contract of employment is not signed.",
        details={"grounds": ["grounds_not_confirmed", "documents_missing"]},
    )


def test_the_permit_reads_in_both_languages_with_its_facts_and_a_verifiable_qr(trp_permit):
    html = documents.permit_html(trp_permit)
    assert trp_permit.number in html
    assert trp_permit.fin and trp_permit.fin in html
    assert "Etibarlılıq müddəti bitir" in html and "Valid until" in html
    assert trp_permit.valid_to.strftime("%d.%m.%Y") in html
    assert trp_permit.issuing_department.name_az in html
    assert "<svg" in html and "/verify/" in html
    assert "SURƏT" not in html  # the original carries no copy mark
    context = documents.permit_context(trp_permit)
    assert context["qr_text"] == permit_qr_text(trp_permit)
    checked = verify_payload(context["qr_text"], now=timezone.now())
    assert checked.outcome == Outcome.VALID


def test_the_pdf_is_produced(trp_permit):
    data = documents.permit_pdf(trp_permit)
    assert data.startswith(b"%PDF")
    assert len(data) > 2000


def test_a_copy_carries_the_copy_mark_and_the_date_of_the_reprint(trp_permit):
    context = documents.permit_context(trp_permit, copy=True, today=datetime(2026, 3, 4).date())
    html = documents.render_to_string("permits/pdf/permit.html", context)
    assert 'id="copy-mark"' in html and "SURƏT / COPY" in html and "04.03.2026" in html


def test_the_renderer_fetches_nothing_from_the_network(trp_permit):
    fetcher = documents._fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/font.woff")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"


def test_the_refusal_letter_lists_the_grounds_the_reasons_and_how_to_appeal(applicant, staff):
    application = refused(applicant, staff)
    html = documents.refusal_letter_html(application)
    assert application.number in html
    assert "The grounds for the permit (work, family, study, investment) are not confirmed." in html
    assert "The required documents were not submitted" in html
    assert "The contract of employment is not signed." in html
    assert "within 30 days" in html and "30 gün ərzində" in html
    assert "Rezaei" in html
    assert documents.refusal_letter_pdf(application).startswith(b"%PDF")


def test_file_names_are_safe():
    from umis.permits.document_views import safe_file_name

    assert safe_file_name("TRP-2026-0000042") == "TRP-2026-0000042.pdf"
    name = safe_file_name('a"b\r\nc/../ə', "copy")
    assert re.fullmatch(r"[A-Za-z0-9-]+\.pdf", name)
