"""When an officer asks for documents the applicant gets an e-mail, in their language."""

from __future__ import annotations

import pytest
from django.core import mail

from umis.accounts.roles import Role
from umis.cases.services import application_flag_clear, application_flag_set
from umis.cases.services import application_transition as transition
from umis.notifications.models import Notification
from umis.notifications.tasks import send_status_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_review(applicant_factory, draft_factory, reception, staff_user_factory):
    officer = staff_user_factory(role=Role.CASE_OFFICER, with_device=False)

    def make(language="en"):
        applicant = applicant_factory(preferred_language=language)
        application = transition(
            application=draft_factory(applicant), transition="submit", actor=applicant
        )
        application = transition(application=application, transition="accept", actor=reception)
        application = transition(application=application, transition="start_review", actor=officer)
        return application, officer

    return make


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("en", "please send documents", "The Service needs more documents"),
        ("az", "sənədləri göndərin", "əlavə sənədlər"),
        ("ru", "отправьте документы", "нужны дополнительные документы"),
    ],
)
def test_asking_for_documents_emails_the_applicant(under_review, language, subject, words):
    application, officer = under_review(language)
    before = Notification.objects.count()
    application_flag_set(
        application=application,
        flag="documents_requested",
        actor=officer,
        reason="A readable copy of the lease agreement.",
    )
    assert Notification.objects.count() == before + 1
    request_email = Notification.objects.order_by("-id").first()
    assert request_email.language == language
    send_status_email.call(request_email.pk)

    [message] = mail.outbox
    assert subject in message.subject
    assert words in message.body
    assert "A readable copy of the lease agreement." in message.body
    assert f"/applications/{application.number}/documents/" in message.body


def test_other_flags_and_clearing_send_nothing(under_review):
    application, officer = under_review()
    before = Notification.objects.count()
    application = application_flag_set(
        application=application, flag="checks_pending", actor=officer
    )
    application = application_flag_set(
        application=application, flag="documents_requested", actor=officer
    )
    application_flag_clear(application=application, flag="documents_requested", actor=officer)
    assert Notification.objects.count() == before + 1  # only the request itself
