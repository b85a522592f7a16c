"""Adding, removing and answering with documents: who, when, and what the history says."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cases import document_files as files
from tests.cases.document_helpers import upload
from umis.audit.models import AuditEntry
from umis.cases.documents import (
    application_document_add,
    application_document_remove,
    application_documents_provide,
    document_checklist,
)
from umis.cases.models import ApplicationDocument
from umis.core.errors import Conflict, NotFound, ValidationFailed

pytestmark = pytest.mark.django_db


def add(application, actor, kind="passport", file=None):
    return application_document_add(
        application=application, actor=actor, kind=kind, upload=file or upload()
    )


def test_a_draft_takes_a_document_stored_under_a_random_name(permit_in, applicant):
    application = permit_in("draft")
    document = add(application, applicant, file=upload("Паспорт Əliyev.PDF"))

    assert document.content_type == "application/pdf"
    assert document.size == len(files.pdf())
    assert len(document.sha256) == 64
    assert document.original_name == "Паспорт Əliyev.pdf"
    assert "Паспорт" not in document.file.name and document.file.name.endswith(".pdf")
    assert default_storage.exists(document.file.name)
    assert document.answers_request is False
    event = application.events.get(transition="document_added")
    assert event.details["kind"] == "passport" and event.actor == applicant
    assert AuditEntry.objects.filter(
        action="application.document_added", target_id=application.number
    ).exists()


def test_the_content_decides_not_the_name_or_the_browser(permit_in, applicant):
    application = permit_in("draft")
    impostor = SimpleUploadedFile("passport.pdf", files.HTML, "application/pdf")
    with pytest.raises(ValidationFailed) as refused:
        add(application, applicant, file=impostor)
    assert "web page" in refused.value.fields["file"]
    # A JPEG named .exe is a JPEG, and is offered back as one.
    photo = add(application, applicant, "photo", SimpleUploadedFile("me.exe", files.jpeg(), "x/y"))
    assert (photo.content_type, photo.original_name) == ("image/jpeg", "me.jpg")
    assert ApplicationDocument.objects.count() == 1


def test_unknown_kind_and_missing_file_are_refused_naming_the_field(permit_in, applicant):
    application = permit_in("draft")
    with pytest.raises(ValidationFailed) as refused:
        add(application, applicant, kind="diploma")
    assert "kind" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        application_document_add(
            application=application, actor=applicant, kind="passport", upload=None
        )
    assert refused.value.fields == {"file": "Choose a file to upload."}
    add(application, applicant, kind="other")  # "other" is always possible


def test_a_refused_row_leaves_no_file_behind(permit_in, applicant, settings):
    settings.UMIS_DOCUMENTS_PER_APPLICATION = 1
    application = permit_in("draft")
    add(application, applicant)
    with pytest.raises(ValidationFailed) as refused:
        add(application, applicant)
    assert "already has 1 files" in refused.value.fields["file"]
    stored = list((settings.MEDIA_ROOT / "documents").rglob("*.pdf"))
    assert len(stored) == 1


def test_someone_else_cannot_add_to_my_application(permit_in, applicant_factory):
    application = permit_in("draft")
    with pytest.raises(NotFound):
        add(application, applicant_factory())


@pytest.mark.parametrize("status", ["submitted", "under_review", "refused"])
def test_no_upload_after_submission_unless_documents_are_requested(permit_in, applicant, status):
    application = permit_in(status)
    with pytest.raises(Conflict, match="only while your application is a draft"):
        add(application, applicant)


def test_upload_while_documents_are_requested_answers_the_request(permit_in, applicant):
    application = permit_in("under_review", documents_requested=True)
    document = add(application, applicant, kind="grounds_proof")
    assert document.answers_request is True


def test_removal_only_while_draft_and_the_file_goes_after_commit(
    permit_in, applicant, django_capture_on_commit_callbacks
):
    application = permit_in("draft")
    document = add(application, applicant)
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        application_document_remove(document=document, actor=applicant)
    assert not ApplicationDocument.objects.exists()
    assert not default_storage.exists(name)
    assert application.events.filter(transition="document_removed").exists()

    submitted = permit_in("under_review", documents_requested=True)
    kept = add(submitted, applicant)
    with pytest.raises(Conflict, match="only before the application is submitted"):
        application_document_remove(document=kept, actor=applicant)


def test_answering_the_request_clears_the_flag_with_history(permit_in, applicant):
    application = permit_in("under_review", documents_requested=True)
    with pytest.raises(ValidationFailed) as refused:
        application_documents_provide(application=application, actor=applicant)
    assert "Upload at least one document" in refused.value.fields["file"]

    document = add(application, applicant, kind="grounds_proof")
    answered = application_documents_provide(
        application=application,
        actor=applicant,
        note="Both owners signed.",
        expected_version=application.version,
    )
    assert "documents_requested" not in answered.flags
    assert answered.version == application.version + 1
    event = answered.events.get(transition="documents_provided")
    assert event.reason == "Both owners signed."
    assert event.details == {"flag": "documents_requested", "documents": [document.pk]}
    assert AuditEntry.objects.filter(action="application.documents_provided").exists()

    # Once answered, neither a second answer nor more uploads.
    with pytest.raises(Conflict):
        application_documents_provide(application=answered, actor=applicant)
    with pytest.raises(Conflict):
        add(answered, applicant)


def test_answer_with_a_stale_version_or_too_long_note(permit_in, applicant):
    application = permit_in("under_review", documents_requested=True)
    add(application, applicant)
    with pytest.raises(Conflict, match="Someone else changed"):
        application_documents_provide(
            application=application, actor=applicant, expected_version=application.version - 1
        )
    with pytest.raises(ValidationFailed) as refused:
        application_documents_provide(application=application, actor=applicant, note="x" * 4001)
    assert "note" in refused.value.fields


def test_checklist_lists_declared_kinds_then_other(permit_in, applicant):
    application = permit_in("draft")
    add(application, applicant, kind="photo", file=upload("p.png", files.png(), "image/png"))
    checklist = document_checklist(application)
    assert [k.kind for k in checklist] == [
        "passport",
        "photo",
        "grounds_proof",
        "medical_certificate",
        "criminal_record_certificate",
        "other",
    ]
    photo = checklist[1]
    assert photo.label == "Photograph" and photo.mandatory and len(photo.documents) == 1
    assert checklist[-1].mandatory is False


def test_stored_files_are_readable_by_the_service_only(permit_in, applicant, settings):
    import os
    import stat

    document = add(permit_in("draft"), applicant)
    mode = os.stat(settings.MEDIA_ROOT / document.file.name).st_mode
    assert stat.S_IMODE(mode) == 0o600
