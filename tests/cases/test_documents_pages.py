"""The applicant's documents page and the officer's inline view, through real requests."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.cases import document_files as files
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.cases.models import ApplicationDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(applicant):
    client = Client()
    client.force_login(applicant)
    return client


def page_url(number):
    return f"/applications/{number}/documents/"


def post_file(client, number, kind="passport", data=None, name="scan.pdf"):
    body = {"kind": kind, f"{kind}-file": SimpleUploadedFile(name, data or files.pdf(), "x/y")}
    return client.post(page_url(number), body)


def test_the_page_lists_the_declared_documents_with_one_form_each(portal, permit_in):
    number = permit_in("draft").number
    response = portal.get(page_url(number))
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Passport or travel document", "Photograph", "Medical certificate"):
        assert label in html
    assert 'id="id_passport-file"' in html and 'id="id_photo-file"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "I have sent the documents" not in html  # nobody asked for documents


def test_uploading_redirects_and_shows_the_file(portal, permit_in):
    number = permit_in("draft").number
    response = post_file(portal, number, name="Паспорт.pdf")
    assert response.status_code == 302 and response["Location"] == page_url(number)
    page = portal.get(page_url(number)).content.decode()
    assert "Паспорт.pdf" in page and "was added" in page
    assert ApplicationDocument.objects.get().kind == "passport"


def test_a_refused_file_shows_the_reason_beside_the_field_and_in_the_summary(portal, permit_in):
    number = permit_in("draft").number
    response = post_file(portal, number, kind="photo", data=files.EXE, name="photo.jpg")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_photo-file_error"' in html
    assert "its content is a program (Windows executable)" in html
    assert 'href="#id_photo-file"' in html  # the error summary links to the field
    assert html.count("usa-error-message") == 1  # only the form that failed
    assert not ApplicationDocument.objects.exists()


def test_no_file_and_an_unknown_kind_are_explained(portal, permit_in):
    number = permit_in("draft").number
    missing = portal.post(page_url(number), {"kind": "passport"})
    assert "Choose a file to upload." in missing.content.decode()
    unknown = post_file(portal, number, kind="moon-rock")
    assert unknown.status_code == 422
    assert "Choose which document this is." in unknown.content.decode()


def test_removing_a_document_of_a_draft(portal, permit_in):
    number = permit_in("draft").number
    post_file(portal, number)
    document = ApplicationDocument.objects.get()
    response = portal.post(f"{page_url(number)}{document.pk}/remove/")
    assert response.status_code == 302
    assert not ApplicationDocument.objects.exists()


def test_after_submission_the_page_only_lists(portal, permit_in):
    number = permit_in("submitted").number
    html = portal.get(page_url(number)).content.decode()
    assert "You can no longer add documents" in html
    assert 'type="file"' not in html
    refused = post_file(portal, number)
    assert refused.status_code == 409
    assert "only while your application is a draft" in refused.content.decode()


def test_answering_a_request_from_the_page(portal, permit_in):
    application = permit_in("under_review", documents_requested=True)
    url = page_url(application.number)
    html = portal.get(url).content.decode()
    assert "The Service has asked you for documents" in html
    assert "A readable copy of the lease agreement." in html

    early = portal.post(
        url,
        {
            "action": "provided",
            "note": "Both owners signed.",
            "expected_version": application.version,
        },
    )
    body = early.content.decode()
    assert "Upload at least one document" in body
    assert "Both owners signed." in body  # what they typed is kept

    post_file(portal, application.number, kind="grounds_proof")
    done = portal.post(
        url, {"action": "provided", "note": "", "expected_version": application.version}
    )
    assert done.status_code == 302
    application.refresh_from_db()
    assert "documents_requested" not in application.flags
    assert "officer now knows" in portal.get(url).content.decode()


def test_a_stale_answer_is_a_conflict_shown_on_the_page(portal, permit_in):
    application = permit_in("under_review", documents_requested=True)
    post_file(portal, application.number)
    response = portal.post(
        page_url(application.number),
        {"action": "provided", "expected_version": application.version - 1},
    )
    assert response.status_code == 409
    assert "Someone else changed this application" in response.content.decode()


def test_strangers_get_404_visitors_are_sent_to_sign_in_staff_are_refused(
    permit_in, applicant_factory, staff_user
):
    number = permit_in("draft").number
    stranger = Client()
    stranger.force_login(applicant_factory())
    assert stranger.get(page_url(number)).status_code == 404
    visitor = Client().get(page_url(number))
    assert visitor.status_code == 302 and "next=" in visitor["Location"]
    officer = Client()
    officer.force_login(staff_user)
    assert officer.get(page_url(number)).status_code == 403


def test_the_applicant_downloads_their_own_file(portal, permit_in):
    number = permit_in("draft").number
    post_file(portal, number, data=files.jpeg(), name="me.jpeg", kind="photo")
    document = ApplicationDocument.objects.get()
    response = portal.get(f"{page_url(number)}{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="me.jpg"'


@pytest.fixture
def sent(portal, permit_in):
    application = permit_in("under_review", documents_requested=True)
    post_file(portal, application.number, name="lease.pdf", kind="grounds_proof")
    return application, ApplicationDocument.objects.get()


def test_the_officer_opens_a_document_inline_and_it_is_audited(
    sent, staff_user_factory, verified_client
):
    application, document = sent
    officer = verified_client(staff_user_factory(role=Role.RECEPTION_OFFICER))
    url = f"/office/applications/{application.number}/documents/{document.pk}/"
    response = officer.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="lease.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content) == files.pdf()
    entry = AuditEntry.objects.get(action="application.document.view")
    assert entry.target_id == application.number and entry.details["kind"] == "grounds_proof"


def test_the_office_view_is_404_outside_jurisdiction_and_403_without_case_work(
    sent, staff_user_factory, verified_client
):
    application, document = sent
    url = f"/office/applications/{application.number}/documents/{document.pk}/"
    ganja = verified_client(staff_user_factory(role=Role.CASE_OFFICER, department="ganja"))
    assert ganja.get(url).status_code == 404
    auditor = verified_client(staff_user_factory(role=Role.AUDITOR, department="hq"))
    assert auditor.get(url).status_code == 403
    assert not AuditEntry.objects.filter(action="application.document.view").exists()


def test_the_office_include_lists_documents_with_links(sent):
    from django.template.loader import render_to_string

    from umis.cases.documents import documents_of

    application, document = sent
    html = render_to_string(
        "cases/_documents_office.html",
        {"documents": documents_of(application=application), "application": application},
    )
    assert "Proof of the grounds" in html
    assert f"/office/applications/{application.number}/documents/{document.pk}/" in html
    assert "lease.pdf" in html and "on request" in html


def test_the_office_application_page_shows_the_documents(sent, staff_user_factory, verified_client):
    application, document = sent
    officer = verified_client(staff_user_factory(role=Role.CASE_OFFICER))
    html = officer.get(f"/office/applications/{application.number}/").content.decode()
    assert "Proof of the grounds" in html
    assert f"/office/applications/{application.number}/documents/{document.pk}/" in html
