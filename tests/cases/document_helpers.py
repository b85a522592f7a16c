"""Shared set-up of the document tests: residence-permit applications, uploads, storage."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cases import document_files as files
from umis.accounts.models import District
from umis.cases.services import application_create_draft, application_flag_set
from umis.cases.services import application_transition as transition

# trp-issue declares passport, photo, grounds_proof, medical_certificate (+ an optional one).
SERVICE = "trp-issue"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Stored documents of a test go to its own directory, never the demo's."""
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(name: str = "passport.pdf", data: bytes | None = None, content_type="application/pdf"):
    return SimpleUploadedFile(name, files.pdf() if data is None else data, content_type)


@pytest.fixture
def permit_draft(applicant):
    def make(owner=None, district="gusar"):
        return application_create_draft(
            applicant=owner or applicant,
            service_code=SERVICE,
            form_data={"fee_tier": "standard"},
            place_of_stay_district=District.objects.get(code=district),
        )

    return make


@pytest.fixture
def permit_in(permit_draft, applicant, officers):
    """``permit_in("under_review", documents_requested=True)``."""

    def make(status, *, documents_requested=False, owner=None, district="gusar"):
        owner = owner or applicant
        application = permit_draft(owner=owner, district=district)
        path = {
            "draft": [],
            "submitted": [("submit", owner)],
            "under_review": [
                ("submit", owner),
                ("accept", officers["reception"]),
                ("start_review", officers["case"]),
            ],
        }
        path["refused"] = [
            *path["under_review"],
            ("propose_refusal", officers["case"]),
            ("refuse", officers["approver"]),
        ]
        for name, actor in path[status]:
            application = transition(
                application=application, transition=name, actor=actor, reason="Because."
            )
        if documents_requested:
            application = application_flag_set(
                application=application,
                flag="documents_requested",
                actor=officers["case"],
                reason="A readable copy of the lease agreement.",
            )
        return application

    return make
