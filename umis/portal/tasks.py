"""Account e-mails (the confirmation link, the "you already have an account" note),
written in the person's language and sent by the task worker, retried with backoff."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django_tasks import task

from umis.accounts.models import User
from umis.notifications.messages import language_for
from umis.notifications.tasks import retry_delay

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
KINDS = ("confirm", "already_registered")


def render_account_email(*, user: User, kind: str, base_url: str) -> tuple[str, str]:
    # Imported here: the account services queue this task, so they import this module.
    from umis.portal.accounts_services import confirmation_max_age, confirmation_token

    context = {
        "user": user,
        "base_url": base_url.rstrip("/"),
        "sign_in_url": base_url.rstrip("/") + reverse("portal:sign_in"),
        "hours": confirmation_max_age() // 3600,
    }
    if kind == "confirm":
        path = reverse("portal:confirm_email", args=[confirmation_token(user)])
        context["link"] = base_url.rstrip("/") + path
    with override(language_for(user)):
        subject = render_to_string(f"portal/email/{kind}_subject.txt", context)
        body = render_to_string(f"portal/email/{kind}.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


@task()
def send_account_email(user_id: int, kind: str, base_url: str, attempt: int = 1) -> str:
    user = User.objects.filter(pk=user_id).first()
    if user is None or kind not in KINDS or not user.email:
        return "skipped"
    if kind == "confirm" and user.email_confirmed_at is not None:
        return "skipped"  # confirmed meanwhile: an old link would only confuse
    subject, body = render_account_email(user=user, kind=kind, base_url=base_url)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=False)
    except Exception as exc:  # any failure of the mail system is retried
        if attempt >= MAX_ATTEMPTS:
            logger.error("Account e-mail to user %s failed for good: %s", user_id, exc)
            return "failed"
        run_after = timezone.now() + retry_delay(attempt)
        send_account_email.using(run_after=run_after).enqueue(user_id, kind, base_url, attempt + 1)
        logger.warning("Account e-mail to user %s failed (attempt %d): %s", user_id, attempt, exc)
        return "retrying"
    return "sent"
