"""A demo permit: one temporary residence permit issued in the Khachmaz department.

It goes the whole way a real one does, each step by the demo user whose job it is: the
applicant applies, reception accepts, the case officer reviews and proposes, the head
approves, reception issues (and the permit, its number and the holder's FIN come with
the issue). The state systems are not running while the demo is seeded, so the case
officer records that the checks were made by other means. The application comes with a
photograph (a drawn silhouette: no real face), so the permit shows one.

The applicant applies for one of the seeded persons (living in the Khachmaz department's
area if one does, without a FIN if possible), with that person's passport: the issue then
finds the person's file by passport number and birth date, as it would for a real one.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone

from umis.accounts.models import User
from umis.audit.services import audited_transaction
from umis.cases.documents import application_document_add
from umis.cases.intake import (
    application_draft_save,
    application_draft_start,
    application_draft_submit,
)
from umis.cases.services import application_flag_clear, application_transition
from umis.cases.states import Flag
from umis.core.errors import ValidationFailed
from umis.eservices import registry
from umis.exchange.simulators.registers import DEMO_EMPLOYER
from umis.people.models import Person
from umis.permits.models import Permit
from umis.permits.photos import PHOTO_KIND, permit_photo_make
from umis.permits.selectors import permits_of_application

# When no seeded person fits: the demo applicant applies for herself (Aylin Yılmaz).
DEMO_SUBJECT = {
    "surname": "Yilmaz",
    "given_names": "Aylin",
    "birth_date": "1991-06-02",
    "sex": "F",
    "nationality": "TUR",
    "document_number": "U28461395",
}
DEMO_FORM = {
    "address": "Heydar Aliyev avenue 31, apt. 7, Gusar",
    "district": "gusar",
    "grounds": "work",
    "employer_tin": DEMO_EMPLOYER["tin"],
    "period": "12m",
    "fee_tier": "standard",
}
STEPS = (
    ("accept", "reception"),
    ("start_review", "officer"),
    ("propose_approval", "officer"),
    ("approve", "head"),
    ("issue", "reception"),
)


CANDIDATES = 50


def _subject(form: dict[str, str]) -> dict[str, str]:
    """The person fields of a seeded person the form accepts, else the demo applicant's."""
    service = registry.get("trp-issue")
    people = (
        Person.objects.filter(birth_month__isnull=False, birth_day__isnull=False)
        .exclude(nationality__startswith="XX")
        .exclude(given_names_latin="")
        .order_by(F("fin").asc(nulls_first=True), "pk")  # no FIN first: the issue gives one
    )
    nearby = people.filter(place_of_stay_district__department__code="khachmaz")
    for person in [*nearby[:CANDIDATES], *people[:CANDIDATES]]:
        document = person.documents.filter(is_primary=True).first()
        if document is None:
            continue
        subject = {
            "surname": person.surname_latin,
            "given_names": person.given_names_latin,
            "birth_date": date(person.birth_year, person.birth_month, person.birth_day).isoformat(),
            "sex": person.sex,
            "nationality": person.nationality,
            "document_number": document.number,
        }
        try:
            service.validate_form({**form, **subject})
        except ValidationFailed:
            continue
        return subject
    return DEMO_SUBJECT


@audited_transaction
def demo_permit_ensure() -> Permit | None:
    """Issue the demo permit unless a permit exists already; returns the one issued."""
    if Permit.objects.exists():
        return None
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["applicant", "reception", "officer", "head"])
    }
    form = {**DEMO_FORM, "current_stay_end": str(timezone.localdate() + timedelta(days=80))}
    form.update(_subject(form))
    # As the portal does it: a draft, its answers and photograph, then the submission.
    applicant = users["applicant"]
    draft = application_draft_start(applicant=applicant, service_code="trp-issue")
    draft = application_draft_save(application=draft, actor=applicant, form_data=form)
    application_document_add(
        application=draft,
        actor=applicant,
        kind=PHOTO_KIND,
        upload=SimpleUploadedFile("photo.png", demo_portrait_png(), "image/png"),
    )
    application, _code = application_draft_submit(application=draft, actor=applicant)
    for name, who in STEPS:
        application = application_transition(
            application=application, transition=name, actor=users[who]
        )
        if name == "accept" and Flag.CHECKS_PENDING in application.flags:
            application = application_flag_clear(
                application=application,
                flag=Flag.CHECKS_PENDING,
                actor=users["officer"],
                reason="Demo data: the state systems were asked by other means.",
            )
    permits = permits_of_application(application)
    if not permits:
        return None
    # What the task queued by the issue does; the demo's permit has it from the start.
    permit_photo_make(permit_id=permits[0].pk)
    return permits[0]


def demo_portrait_png() -> bytes:
    """A passport-style picture of a drawn silhouette (35 × 45 proportions)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (350, 450), (226, 232, 240))
    draw = ImageDraw.Draw(image)
    figure = (96, 110, 130)
    draw.ellipse((110, 80, 240, 240), fill=figure)  # the head
    draw.ellipse((40, 250, 310, 560), fill=figure)  # the shoulders
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
