"""The holder's photograph: made from the application's upload after the issue, shown on
the printed permit and to a verifier who checked a share code, kept by a replacement."""

from __future__ import annotations

import base64
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.cases import document_files as files
from tests.cases.checks_helpers import keep_test_connection, run_worker
from tests.eservices.form_data import trp_issue_data
from tests.permits.conftest import approve_and_issue
from tests.permits.share_helpers import check, make_code
from umis.audit.models import AuditEntry
from umis.cases.documents import application_document_add
from umis.cases.intake import (
    application_draft_save,
    application_draft_start,
    application_draft_submit,
)
from umis.permits.documents import permit_html, permit_pdf
from umis.permits.models import Permit, PermitPhoto
from umis.permits.photos import (
    MAX_PIXELS,
    PHOTO_SIZE,
    display_photo,
    permit_photo,
    permit_photo_make,
)
from umis.permits.services import permit_replace

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def portrait(size=(350, 450), exif: Image.Exif | None = None, kind="JPEG") -> bytes:
    image = Image.new("RGB", size, (230, 230, 230))
    image.paste((200, 0, 0), (0, 0, size[0] // 2, size[1]))  # the left half red
    out = io.BytesIO()
    image.save(out, kind, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def issued_with(applicant, staff, data: bytes | None, name="me.jpg", content_type="image/jpeg"):
    """A permit issued on an application that came with ``data`` as its photograph."""
    draft = application_draft_start(applicant=applicant, service_code="trp-issue")
    draft = application_draft_save(application=draft, actor=applicant, form_data=trp_issue_data())
    if data is not None:
        upload = SimpleUploadedFile(name, data, content_type)
        application_document_add(application=draft, actor=applicant, kind="photo", upload=upload)
    application, _code = application_draft_submit(application=draft, actor=applicant)
    application = approve_and_issue(application, staff)
    return Permit.objects.get(application=application, replaces__isnull=True)


# --- the image ---------------------------------------------------------------------------


def test_a_sideways_phone_photo_is_made_upright_small_and_without_its_metadata():
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: turn 90° clockwise to view
    exif[0x8825] = {2: (40.0, 22.0, 0.0)}  # where it was taken
    made = Image.open(io.BytesIO(display_photo(portrait((450, 350), exif))))
    assert made.format == "JPEG" and made.size == PHOTO_SIZE
    assert not dict(made.getexif()) and "exif" not in made.info
    # The red left half of the stored picture is the top once upright.
    assert made.getpixel((150, 40))[0] > 180 and made.getpixel((150, 40))[1] < 60
    assert made.getpixel((150, 340)) > (200, 200, 200)


@pytest.mark.parametrize(
    "data",
    [b"", b"not an image", files.pdf(), portrait()[:200]],
    ids=["empty", "text", "pdf", "truncated"],
)
def test_what_is_not_a_readable_image_gives_no_photograph(data):
    assert display_photo(data) is None


def test_an_image_declaring_too_many_pixels_is_not_decoded(monkeypatch):
    monkeypatch.setattr("umis.permits.photos.MAX_PIXELS", 100 * 100)
    assert display_photo(portrait((101, 100))) is None
    assert display_photo(portrait((100, 100))) is not None
    assert MAX_PIXELS >= 40_000_000  # a modern phone's photo still passes


# --- made after the issue, once, audited ----------------------------------------------------


def test_the_issue_queues_the_photograph_and_the_worker_makes_it(applicant, staff, monkeypatch):
    keep_test_connection(monkeypatch)
    permit = issued_with(applicant, staff, files.png(400, 500), "me.png", "image/png")
    assert permit_photo(permit.pk) is None  # not in the issue's transaction: a task does it
    run_worker()
    made = Image.open(io.BytesIO(permit_photo(permit.pk)))
    assert made.size == PHOTO_SIZE
    entry = AuditEntry.objects.get(action="permit.photo")
    assert entry.target_id == permit.number


def test_making_it_again_changes_nothing(applicant, staff):
    permit = issued_with(applicant, staff, portrait())
    assert permit_photo_make(permit_id=permit.pk) is True
    first = permit_photo(permit.pk)
    assert permit_photo_make(permit_id=permit.pk) is True
    assert permit_photo(permit.pk) == first
    assert AuditEntry.objects.filter(action="permit.photo").count() == 1


def test_an_application_without_a_readable_photograph_leaves_the_permit_without(applicant, staff):
    permit = issued_with(applicant, staff, files.pdf(), "photo.pdf", "application/pdf")
    assert permit_photo_make(permit_id=permit.pk) is False
    assert not PermitPhoto.objects.exists()


def test_a_replacement_keeps_the_photograph(applicant, staff):
    permit = issued_with(applicant, staff, portrait())
    permit_photo_make(permit_id=permit.pk)
    replacement = permit_replace(permit=permit, actor=staff["case"], reason_code="lost")
    assert permit_photo(replacement.pk) == permit_photo(permit.pk) is not None


# --- shown on the document and to a verifier ------------------------------------------------


def test_the_printed_permit_carries_the_photograph(applicant, staff, trp_permit):
    assert 'class="photo"' in permit_html(trp_permit)  # none: the box to glue one in
    assert b"/Subtype /Image" not in permit_pdf(trp_permit)
    permit = issued_with(applicant, staff, portrait())
    permit_photo_make(permit_id=permit.pk)
    assert 'class="photo-image" src="data:image/jpeg;base64,' in permit_html(permit)
    assert b"/Subtype /Image" in permit_pdf(permit)


def test_a_share_check_shows_the_photograph_only_with_the_answer(applicant, staff):
    permit = issued_with(applicant, staff, portrait())
    permit_photo_make(permit_id=permit.pk)
    _share, code = make_code(permit)
    answer = check(code).answer
    prefix = "data:image/jpeg;base64,"
    assert answer.photo.startswith(prefix)
    assert base64.b64decode(answer.photo[len(prefix) :]) == permit_photo(permit.pk)
    assert check(code, birth=date(1988, 4, 18)) is None  # a wrong birth date shows nothing


def test_the_check_page_shows_the_photograph(applicant, staff):
    permit = issued_with(applicant, staff, portrait())
    permit_photo_make(permit_id=permit.pk)
    _share, code = make_code(permit)
    page = Client().post(
        "/check/", {"code": code, "birth_date": "17.04.1988", "organisation": "Caspian Ltd"}
    )
    body = page.content.decode()
    assert page.status_code == 200 and "data-no-photo" not in body
    assert 'src="data:image/jpeg;base64,' in body and "data-photo" in body
    assert "Photograph of" in body  # its text for those who cannot see it


def test_the_office_permit_page_shows_the_photograph(applicant, staff, verified_client):
    permit = issued_with(applicant, staff, portrait())
    officer = verified_client(staff["case"])
    before = officer.get(f"/office/permits/{permit.number}/").content.decode()
    assert "data-photo" not in before  # not made yet
    permit_photo_make(permit_id=permit.pk)
    page = officer.get(f"/office/permits/{permit.number}/").content.decode()
    assert 'src="data:image/jpeg;base64,' in page and "data-photo" in page
