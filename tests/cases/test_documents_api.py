"""The documents API through the real HTTP stack: multipart uploads, downloads, office views."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.cases import document_files as files
from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.cases.models import ApplicationDocument

pytestmark = pytest.mark.django_db

MINE = "/api/v1/applications/"
OFFICE = "/api/v1/office/applications/"


@pytest.fixture
def portal(applicant):
    client = Client()
    client.force_login(applicant)
    return client


@pytest.fixture
def khachmaz(staff_user_factory, verified_client):
    return verified_client(staff_user_factory(role=Role.CASE_OFFICER, department="khachmaz"))


def send(client, number, data=None, name="passport.pdf", kind="passport"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = {"kind": kind}
    if data is not False:
        body["file"] = SimpleUploadedFile(name, files.pdf() if data is None else data, "x/y")
    return client.post(f"{MINE}{number}/documents", body)  # multipart by default


def test_applicant_uploads_lists_and_downloads_their_document(portal, permit_in):
    number = permit_in("draft").number
    response = send(portal, number, name="Паспорт (скан).pdf")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["kind_label"] == "Passport or travel document"
    assert created["content_type"] == "application/pdf"
    assert created["original_name"] == "Паспорт (скан).pdf"

    listed = portal.get(f"{MINE}{number}/documents").json()
    assert [d["id"] for d in listed] == [created["id"]]

    download = portal.get(f"{MINE}{number}/documents/{created['id']}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == files.pdf()
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


def test_refusals_name_the_field_and_the_reason(portal, permit_in):
    number = permit_in("draft").number
    html = send(portal, number, data=files.HTML, name="passport.pdf")
    assert html.status_code == 422
    assert "its content is a web page" in html.json()["error"]["fields"]["file"]
    empty = send(portal, number, data=b"")
    assert empty.status_code == 422
    missing = send(portal, number, data=False)
    assert missing.json()["error"]["fields"] == {"file": "Choose a file to upload."}
    kind = send(portal, number, kind="moon-rock")
    assert "kind" in kind.json()["error"]["fields"]
    assert not ApplicationDocument.objects.exists()


def test_an_oversized_upload_is_refused_by_its_size(portal, permit_in, settings):
    settings.UMIS_DOCUMENT_MAX_BYTES = 64 * 1024
    number = permit_in("draft").number
    # Larger than the in-memory limit too, so it goes through the capped temporary file.
    response = send(portal, number, data=files.pdf(b"0" * (3 * 1024 * 1024)))
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["file"].startswith("The file is larger than 64 KB")


def test_an_upload_without_its_multipart_boundary_is_refused_not_a_fault(portal, permit_in):
    number = permit_in("draft").number
    response = portal.generic(
        "POST", f"{MINE}{number}/documents", b"kind=passport", content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert "upload could not be read" in response.json()["error"]["fields"]["body"]
    assert not ApplicationDocument.objects.exists()


def test_upload_after_submission_is_a_conflict_until_documents_are_requested(portal, permit_in):
    assert send(portal, permit_in("submitted").number).status_code == 409
    requested = permit_in("under_review", documents_requested=True)
    assert send(portal, requested.number).status_code == 201

    answered = portal.post(
        f"{MINE}{requested.number}/documents/provided",
        {"note": "Here it is.", "expected_version": requested.version},
        content_type="application/json",
    )
    assert answered.status_code == 200, answered.json()
    assert "documents_requested" not in answered.json()["flags"]
    history = portal.get(f"{MINE}{requested.number}/history").json()
    assert history[-1]["transition"] == "documents_provided"
    again = portal.post(
        f"{MINE}{requested.number}/documents/provided", {}, content_type="application/json"
    )
    assert again.status_code == 409


def test_someone_elses_application_is_not_found(permit_in, applicant_factory, portal):
    number = permit_in("draft").number
    send(portal, number)
    document = ApplicationDocument.objects.get()
    stranger = Client()
    stranger.force_login(applicant_factory())
    assert send(stranger, number).status_code == 404
    assert stranger.get(f"{MINE}{number}/documents").status_code == 404
    assert stranger.get(f"{MINE}{number}/documents/{document.pk}").status_code == 404


def test_the_officer_views_inline_every_read_audited(portal, permit_in, khachmaz):
    application = permit_in("under_review", documents_requested=True)
    send(portal, application.number, data=files.png(), name="photo.png", kind="photo")
    document = ApplicationDocument.objects.get()

    listed = khachmaz.get(f"{OFFICE}{application.number}/documents").json()
    assert [d["kind"] for d in listed] == ["photo"]

    response = khachmaz.get(f"{OFFICE}{application.number}/documents/{document.pk}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.png()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith('inline; filename="photo.png"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="application.document.view")
    assert entry.target_id == application.number
    assert entry.details["document_id"] == document.pk


def test_outside_jurisdiction_or_without_case_work_is_refused(
    portal, permit_in, staff_user_factory, verified_client
):
    application = permit_in("under_review", documents_requested=True)
    send(portal, application.number)
    document = ApplicationDocument.objects.get()
    url = f"{OFFICE}{application.number}/documents/{document.pk}"
    shaki = verified_client(staff_user_factory(role=Role.CASE_OFFICER, department="shaki"))
    assert shaki.get(url).status_code == 404
    assert shaki.get(f"{OFFICE}{application.number}/documents").status_code == 404
    analyst = verified_client(staff_user_factory(role=Role.ANALYST, department="hq"))
    assert analyst.get(url).status_code == 403
    # The applicant's session is not an office session.
    assert portal.get(url).status_code in {401, 403}
    assert not AuditEntry.objects.filter(action="application.document.view").exists()


def test_a_draft_is_not_in_the_office(portal, permit_in, khachmaz):
    number = permit_in("draft").number
    send(portal, number)
    document = ApplicationDocument.objects.get()
    assert khachmaz.get(f"{OFFICE}{number}/documents/{document.pk}").status_code == 404


def test_every_document_operation_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()
    ops = [
        op
        for path, item in schema["paths"].items()
        if "/documents" in path and "applications" in path
        for op in item.values()
    ]
    assert len(ops) == 6
    assert all(op.get("summary") for op in ops)
    # The upload states its rules, including how refusals come back.
    upload = schema["paths"]["/api/v1/applications/{number}/documents"]["post"]
    assert "error.fields.file" in upload["description"]
    assert schema["components"]["schemas"]["DocumentOut"].get("examples")
    assert schema["components"]["schemas"]["ProvidedIn"].get("examples")
