"""The holder's photograph as a permit shows it: on the printed document and to a verifier
who checked a share code.

It is the photograph the applicant sent with the application the permit was granted on
(the officers saw it when they decided), made once into a small upright JPEG: the size of
the printed box, and without the file's metadata (a phone's photo can carry where and when
it was taken). Made by a task after the permit is issued: reading the upload is a call
outside the process (the file storage), which a request's transaction never makes.
"""

from __future__ import annotations

import base64
import io

from PIL import Image, ImageOps

from umis.audit.services import audit_record, audited_block
from umis.cases.models import Application
from umis.permits.models import Permit, PermitPhoto

PHOTO_KIND = "photo"  # the document kind the e-services ask the photograph as
# The printed box is 35 × 45 mm; this is it at about 220 dots per inch.
PHOTO_SIZE = (300, 386)
# A camera's photo is at most a few tens of megapixels; more is a decompression bomb.
MAX_PIXELS = 60_000_000
SHOWN_TYPES = ("image/jpeg", "image/png")  # what can be read here (not PDF, not HEIC)


def display_photo(data: bytes) -> bytes | None:
    """``data`` as the permit's photograph (JPEG, ``PHOTO_SIZE``, upright, no metadata), or
    None when it is not an image that can be read."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            upright = ImageOps.exif_transpose(image).convert("RGB")
            framed = ImageOps.fit(upright, PHOTO_SIZE, method=Image.Resampling.LANCZOS)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    out = io.BytesIO()
    framed.save(out, "JPEG", quality=85, optimize=True)  # a fresh file: no EXIF, no GPS
    return out.getvalue()


def application_photo(application: Application) -> bytes | None:
    """The photograph of the application's latest photo upload that can be read, made
    ready to show (``display_photo``); None when it has none."""
    documents = application.documents.filter(
        kind=PHOTO_KIND, content_type__in=SHOWN_TYPES
    ).order_by("-uploaded_at", "-id")
    for document in documents:
        with document.file.open("rb") as stored:
            photo = display_photo(stored.read())
        if photo is not None:
            return photo
    return None


def photo_data_uri(photo: bytes | memoryview | None) -> str | None:
    """The photograph as a ``data:`` URI: a page or a PDF shows it without another request,
    and the answer of a share check carries it with nothing else to fetch."""
    if not photo:
        return None
    return "data:image/jpeg;base64," + base64.b64encode(photo).decode("ascii")


# --- the permit's photograph: made once, copied to a replacement, read -------------------


def permit_photo_make(*, permit_id: int) -> bool:
    """Make the permit's photograph from its application, once; True when it has one.

    Run by a task after the permit is issued: the upload is read (and the image made)
    before the transaction that stores it, so nothing outside the process is called in a
    transaction. A second run finds it made and does nothing.
    """
    permit = Permit.objects.select_related("application").get(pk=permit_id)
    if PermitPhoto.objects.filter(permit=permit).exists():
        return True
    jpeg = application_photo(permit.application)
    if jpeg is None:
        return False
    with audited_block():
        _, made = PermitPhoto.objects.get_or_create(permit=permit, defaults={"jpeg": jpeg})
        if made:
            audit_record(
                action="permit.photo",
                target_type="permit",
                target_id=permit.number,
                details={"person_id": permit.holder_id, "bytes": len(jpeg)},
            )
    return True


def permit_photo_copy(*, source: Permit, target: Permit) -> None:
    """A replacement shows the photograph of the permit it replaces (the same decision);
    a database write only, so it joins the replacement's transaction."""
    jpeg = permit_photo(source.pk)
    if jpeg is not None:
        PermitPhoto.objects.create(permit=target, jpeg=jpeg)


def permit_photo(permit_id: int) -> bytes | None:
    """The permit's photograph (JPEG), or None while it has none."""
    jpeg = PermitPhoto.objects.filter(permit_id=permit_id).values_list("jpeg", flat=True).first()
    return bytes(jpeg) if jpeg is not None else None  # PostgreSQL gives a memoryview
