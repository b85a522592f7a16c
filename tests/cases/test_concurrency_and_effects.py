import threading

import pytest
from django.conf import settings
from django.db import connection, transaction

from umis.audit.models import AuditEntry
from umis.cases import effects
from umis.cases.models import Application, ApplicationEvent
from umis.cases.services import application_transition
from umis.cases.states import Status
from umis.core.errors import Conflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    """``registered("approve")`` returns a list that collects the events it receives."""
    added = []

    def register(name):
        seen = []

        def handler(event):
            seen.append(event)

        effects.on_transition(name)(handler)
        added.append((name, handler))
        return seen

    yield register
    for name, handler in added:
        effects.unregister(name, handler)


def test_second_officer_with_stale_version_gets_conflict_and_nothing_applied(
    application_in, officers
):
    application = application_in("awaiting_approval")
    seen_version = application.version  # both officers opened the same page
    events_before = ApplicationEvent.objects.count()
    audit_before = AuditEntry.objects.count()

    application_transition(
        application=application,
        transition="send_back",
        actor=officers["approver"],
        expected_version=seen_version,
        reason="Check the employer.",
    )
    with pytest.raises(Conflict) as caught:
        application_transition(
            application=application,
            transition="approve",
            actor=officers["approver2"],
            expected_version=seen_version,
        )

    assert "Under review" in caught.value.message
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW
    assert application.version == seen_version + 1
    assert ApplicationEvent.objects.count() == events_before + 1
    assert AuditEntry.objects.count() == audit_before + 1
    assert not AuditEntry.objects.filter(action="application.approve").exists()


def test_effect_runs_once_after_commit(
    application_in, officers, registered, django_capture_on_commit_callbacks
):
    seen = registered("approve")
    application = application_in("awaiting_approval")

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, transition="approve", actor=officers["approver2"]
        )
        assert seen == []  # not before the commit

    assert len(seen) == 1
    assert seen[0].transition == "approve"
    assert seen[0].application.number == application.number


def test_effect_never_runs_when_the_change_rolls_back(
    application_in, officers, registered, django_capture_on_commit_callbacks
):
    seen = registered("accept")
    application = application_in("submitted")
    events_before = ApplicationEvent.objects.count()
    audit_before = AuditEntry.objects.count()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        application_transition(
            application=application, transition="accept", actor=officers["reception"]
        )
        raise RuntimeError("the caller failed after the transition")

    assert seen == [] and callbacks == []
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.accepted_at is None
    assert ApplicationEvent.objects.count() == events_before
    assert AuditEntry.objects.count() == audit_before


def test_failed_effect_does_not_hide_the_committed_change(
    application_in, officers, registered, django_capture_on_commit_callbacks
):
    def broken(event):
        raise RuntimeError("mail server down")

    effects.on_transition("accept")(broken)
    try:
        application = application_in("submitted")
        with django_capture_on_commit_callbacks(execute=True):
            application_transition(
                application=application, transition="accept", actor=officers["reception"]
            )
    finally:
        effects.unregister("accept", broken)
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED


def test_registering_for_an_unknown_transition_fails_loudly():
    with pytest.raises(ValueError):
        effects.on_transition("aprove")


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="a real row-lock race needs PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_approving_officers_racing_exactly_one_wins(
    reference_data_reloaded, application_in, officers
):
    application = application_in("awaiting_approval")
    version = application.version
    barrier = threading.Barrier(2)
    outcomes = []

    def act(actor, transition, reason):
        try:
            barrier.wait(timeout=10)
            application_transition(
                application=Application.objects.get(pk=application.pk),
                transition=transition,
                actor=actor,
                expected_version=version,
                reason=reason,
            )
            outcomes.append("won")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(officers["approver2"], "approve", "")),
        threading.Thread(target=act, args=(officers["approver"], "send_back", "Recheck.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["conflict", "won"]
    application.refresh_from_db()
    assert application.version == version + 1
    assert application.status in {Status.APPROVED, Status.UNDER_REVIEW}
    decisions = ApplicationEvent.objects.filter(
        application=application, transition__in=["approve", "send_back"]
    )
    assert decisions.count() == 1
    assert (
        AuditEntry.objects.filter(
            target_id=application.number,
            action__in=["application.approve", "application.send_back"],
        ).count()
        == 1
    )
