"""The in-transaction hook of the lifecycle (umis.cases.effects.in_transaction)."""

import pytest
from django.db import transaction

from umis.cases import effects
from umis.cases.models import Application
from umis.cases.services import application_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def hook():
    added = []

    def register(name, handler):
        effects.in_transaction(name)(handler)
        added.append((name, handler))

    yield register
    for name, handler in added:
        effects.unregister(name, handler)


def test_hook_runs_inside_the_transaction_with_the_saved_event(
    hook, applicant_factory, draft_factory
):
    applicant = applicant_factory()
    seen = []

    def handler(event):
        seen.append((event.transition, transaction.get_connection().in_atomic_block))
        # The change is already visible to the hook: it may rely on it.
        assert Application.objects.get(pk=event.application_id).status == "submitted"

    hook("submit", handler)
    application_transition(
        application=draft_factory(applicant), transition="submit", actor=applicant
    )
    assert seen == [("submit", True)]


def test_failing_hook_aborts_the_transition(hook, applicant_factory, draft_factory):
    applicant = applicant_factory()
    draft = draft_factory(applicant)

    def handler(event):
        raise RuntimeError("could not write the outbox row")

    hook(effects.ALL, handler)
    with pytest.raises(RuntimeError):
        application_transition(application=draft, transition="submit", actor=applicant)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not draft.events.filter(transition="submit").exists()


def test_unknown_transition_name_is_refused():
    with pytest.raises(ValueError):
        effects.in_transaction("approve_everything")
