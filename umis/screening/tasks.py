"""Sending the answer of a travel-ban self-check to the e-mail address on the person's file.

The screening runs here, from the file's own identity, on the day of sending; the row is
locked while sending and marked sent in the same transaction, so a duplicated task never
sends twice. A failed send is retried later with backoff, like the status e-mails.
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from umis.notifications.tasks import retry_delay
from umis.people.models import Person
from umis.screening.engine import screen
from umis.screening.keys import canonical_forms
from umis.screening.models import AnswerStatus, ListKind, SelfCheckAnswer
from umis.screening.query import ScreeningQuery
from umis.screening.scoring import Person as Screened
from umis.screening.services import service_today

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


def ban_exists_for(person: Person, *, on: date) -> bool:
    """Whether an entry ban valid on ``on`` hits the identity on the person's file."""
    names = (
        (person.surname_native, person.given_names_native),
        (person.surname_latin, person.given_names_latin),
    )
    screened = Screened(
        forms=tuple(canonical_forms(names)),
        birth_date=person.birth_date,
        nationality=person.nationality,
        sex=person.sex,
        document_indexes=frozenset(d.number_index for d in person.documents.all()),
    )
    result = screen(ScreeningQuery(person=screened, names=names), on=on)
    return any(hit.list_kind == ListKind.ENTRY_BAN for hit in result.hits)


@task()
def send_self_check_answer(answer_id: int) -> str:
    with transaction.atomic():
        answer = SelfCheckAnswer.objects.select_for_update().filter(pk=answer_id).first()
        if answer is None or answer.status != AnswerStatus.PENDING:
            return answer.status if answer else "missing"
        answer.attempts += 1
        today = service_today()
        try:
            ban = ban_exists_for(Person.objects.get(pk=answer.person_id), on=today)
            with override(answer.language):
                subject = _("Your question about a travel ban")
                body = render_to_string(
                    "screening/email/self_check_answer.txt", {"ban": ban, "today": today}
                )
            send_mail(
                subject, body, settings.DEFAULT_FROM_EMAIL, [answer.recipient], fail_silently=False
            )
        except Exception as exc:  # any failure of the mail system is retried
            answer.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if answer.attempts >= MAX_ATTEMPTS:
                answer.status = AnswerStatus.FAILED
                logger.error("Travel-ban answer %s failed: %s", answer.pk, answer.last_error)
            else:
                run_after = timezone.now() + retry_delay(answer.attempts)
                send_self_check_answer.using(run_after=run_after).enqueue(answer.pk)
            answer.save()
            return answer.status
        answer.status = AnswerStatus.SENT
        answer.sent_at = timezone.now()
        answer.last_error = ""
        answer.save()
        return answer.status
