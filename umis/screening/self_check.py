"""The public "does a travel ban exist for me": answered only to the person, never on
the page.

Anyone may ask, with a document number, a date of birth and a surname; what the page says
is the same whatever the records hold. When those details open a person's file that has an
e-mail address, the answer is screened from the file's own identity and sent to that
address by a task: the person learns it, someone asking about them learns nothing. Only
entry bans are answered (the wanted list is never disclosed), and only "a ban exists" or
"none found", with what to do next. Requests are limited per address and per document,
and every one is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from umis.audit.services import audit_record
from umis.core.errors import DomainError
from umis.core.ratelimit import over_public_limits
from umis.matching.normalise import name_tokens
from umis.people.models import IdentityDocument, Person, document_number_index
from umis.screening.models import SelfCheckAnswer


class TooManyRequests(DomainError):
    status = 429
    code = "too_many_requests"

    def default_message(self) -> str:
        return _("Too many requests. Wait an hour and try again.")


@dataclass(frozen=True)
class SelfCheckRequest:
    document_number: str
    birth_date: date
    surname: str


def _over_limit(index: str, address: str) -> bool:
    return over_public_limits(
        "travel-ban",
        address=address,
        subject=index,
        per_address=("UMIS_TRAVEL_BAN_CHECKS_PER_ADDRESS", 5),
        per_subject=("UMIS_TRAVEL_BAN_CHECKS_PER_DOCUMENT", 3),
        window=("UMIS_TRAVEL_BAN_CHECK_WINDOW_SECONDS", 3600),
    )


def _surname_matches(person: Person, surname: str) -> bool:
    typed = set(name_tokens(surname).tokens)
    on_file = set(name_tokens(person.surname_latin).tokens) | set(
        name_tokens(person.surname_native).tokens
    )
    return bool(typed) and typed <= on_file


def _born_on(person: Person, day: date) -> bool:
    return (person.birth_year, person.birth_month, person.birth_day) == (
        day.year,
        day.month,
        day.day,
    )


def person_for(request_data: SelfCheckRequest) -> Person | None:
    """The person whose file these details open, or None."""
    index = document_number_index(request_data.document_number)
    documents = IdentityDocument.objects.filter(number_index=index).select_related("person")
    for document in documents:
        person = document.person
        if _born_on(person, request_data.birth_date) and _surname_matches(
            person, request_data.surname
        ):
            return person
    return None


@transaction.atomic
def _log(request: HttpRequest | None, person: Person | None, result: str) -> None:
    # Its own transaction: a refusal raised after it must not undo the record.
    audit_record(
        action="screening.self_check",
        target_type="person" if person else "public",
        target_id=person.pk if person else "-",
        request=request,
        outcome={"rate_limited": "denied", "not_matched": "failure"}.get(result, "success"),
        details={"result": result},
    )


def travel_ban_self_check_request(*, data: SelfCheckRequest, request: HttpRequest | None) -> None:
    """Queue the answer for the person these details open (if any has an e-mail address).

    Returns nothing on purpose: the caller must answer the same whatever happened.
    Raises ``TooManyRequests`` past the limits (still logged).
    """
    from umis.screening.tasks import send_self_check_answer

    address = (request.META.get("REMOTE_ADDR") if request else "") or "-"
    if _over_limit(document_number_index(data.document_number), address):
        _log(request, None, "rate_limited")
        raise TooManyRequests()
    person = person_for(data)
    if person is None or not person.email:
        _log(request, person, "not_matched" if person is None else "no_contact")
        return
    with transaction.atomic():
        answer = SelfCheckAnswer.objects.create(
            person=person, recipient=person.email, language=get_language() or "az"
        )
        _log(request, person, "answer_queued")
        send_self_check_answer.enqueue(answer.pk)
