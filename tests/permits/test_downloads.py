"""Downloading the documents: the holder on the portal, the office's reprint and letter."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.cases.checks_helpers import confirmed_applicant
from tests.permits.test_documents import refused
from tests.portal.a11y import accessibility_problems
from umis.audit.models import AuditEntry
from umis.permits.models import PermitEvent
from umis.permits.services import permit_revoke

pytestmark = pytest.mark.django_db


def portal(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def is_pdf_download(response) -> bool:
    return (
        response.status_code == 200
        and response["Content-Type"] == "application/pdf"
        and response["Content-Disposition"].startswith("attachment; filename=")
        and "no-store" in response["Cache-Control"]
        and response.content.startswith(b"%PDF")
    )


def permit_url(permit) -> str:
    return f"/applications/{permit.application.number}/permits/{permit.number}.pdf"


def test_the_holder_downloads_their_permit_and_nobody_else_can(trp_permit, applicant):
    page = portal(applicant).get(f"/applications/{trp_permit.application.number}/")
    assert permit_url(trp_permit) in page.content.decode()
    response = portal(applicant).get(permit_url(trp_permit))
    assert is_pdf_download(response)
    assert f'filename="{trp_permit.number}.pdf"' in response["Content-Disposition"]
    other = portal(confirmed_applicant("someone-else"))
    assert other.get(permit_url(trp_permit)).status_code == 404


def test_a_revoked_permit_is_no_longer_offered_to_the_holder(trp_permit, applicant, staff):
    permit_revoke(permit=trp_permit, actor=staff["head"], reason_code="other", reason="Test.")
    assert portal(applicant).get(permit_url(trp_permit)).status_code == 404


def test_the_holder_downloads_the_refusal_letter(applicant, staff):
    application = refused(applicant, staff)
    page = portal(applicant).get(f"/applications/{application.number}/").content.decode()
    url = f"/applications/{application.number}/refusal-letter.pdf"
    assert url in page
    assert is_pdf_download(portal(applicant).get(url))
    assert portal(confirmed_applicant("nosy")).get(url).status_code == 404


def test_reprint_asks_for_confirmation_then_logs_and_returns_a_copy(
    trp_permit, staff, verified_client
):
    client = verified_client(staff["reception"])
    url = f"/office/permits/{trp_permit.number}/reprint/"
    assert url in client.get(f"/office/permits/{trp_permit.number}/").content.decode()
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert accessibility_problems(confirm.content.decode()) == []
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 422
    assert "Tick the box" in unconfirmed.content.decode()
    assert accessibility_problems(unconfirmed.content.decode()) == []
    assert not PermitEvent.objects.filter(permit=trp_permit, action="reprint").exists()
    response = client.post(url, {"confirm": "yes"})
    assert is_pdf_download(response)
    assert "copy" in response["Content-Disposition"]
    event = PermitEvent.objects.get(permit=trp_permit, action="reprint")
    assert event.actor == staff["reception"]
    assert AuditEntry.objects.filter(action="permit.reprint", target_id=trp_permit.number).exists()
    history = client.get(f"/office/permits/{trp_permit.number}/").content.decode()
    assert "Reprinted as a copy" in history
    trp_permit.refresh_from_db()
    assert trp_permit.version == 1 and trp_permit.status == "active"


def test_another_region_s_officer_gets_404(trp_permit, staff, verified_client, applicant):
    url = f"/office/permits/{trp_permit.number}/reprint/"
    assert verified_client(staff["ganja"]).post(url, {"confirm": "yes"}).status_code in (403, 404)
    assert not PermitEvent.objects.filter(action="reprint").exists()
    application = refused(applicant, staff)
    letter = f"/office/applications/{application.number}/refusal-letter.pdf"
    assert verified_client(staff["ganja"]).get(letter).status_code == 404


def test_the_office_offers_the_refusal_letter_of_a_refused_application(
    applicant, staff, verified_client
):
    application = refused(applicant, staff)
    client = verified_client(staff["case"])
    url = f"/office/applications/{application.number}/refusal-letter.pdf"
    assert url in client.get(f"/office/applications/{application.number}/").content.decode()
    assert is_pdf_download(client.get(url))
    assert AuditEntry.objects.filter(action="application.refusal_letter").exists()


def test_an_ended_permit_is_not_reprinted(trp_permit, staff, verified_client):
    permit_revoke(permit=trp_permit, actor=staff["head"], reason_code="other", reason="Test.")
    client = verified_client(staff["reception"])
    response = client.post(f"/office/permits/{trp_permit.number}/reprint/", {"confirm": "yes"})
    assert response.status_code == 302
    assert not PermitEvent.objects.filter(action="reprint").exists()
