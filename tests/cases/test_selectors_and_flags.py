import pytest
from django.http import Http404

from umis.accounts.roles import Role
from umis.audit.models import AuditEntry
from umis.cases.selectors import (
    application_get_for_staff,
    applications_of_applicant,
    applications_visible_to,
)
from umis.cases.services import application_flag_clear, application_flag_set
from umis.cases.states import Flag
from umis.core.errors import Conflict, PermissionDeniedError, ValidationFailed

pytestmark = pytest.mark.django_db


def test_regional_officer_cannot_get_another_departments_application(
    application_in, staff_user_factory
):
    in_shaki = application_in("submitted", district="shaki-city")
    in_gusar = application_in("submitted", district="gusar")
    khachmaz = staff_user_factory(role=Role.CASE_OFFICER, department="khachmaz")
    hq = staff_user_factory(role=Role.HQ_OFFICER, department="hq")

    assert application_get_for_staff(user=khachmaz, number=in_gusar.number) == in_gusar
    with pytest.raises(Http404):
        application_get_for_staff(user=khachmaz, number=in_shaki.number)
    assert application_get_for_staff(user=hq, number=in_shaki.number) == in_shaki
    assert set(applications_visible_to(khachmaz)) == {in_gusar}
    assert set(applications_visible_to(hq)) == {in_gusar, in_shaki}


def test_staff_do_not_see_drafts_and_applicants_see_only_their_own(
    draft_factory, application_in, applicant, applicant_factory, staff_user
):
    draft = draft_factory()
    submitted = application_in("submitted")
    with pytest.raises(Http404):
        application_get_for_staff(user=staff_user, number=draft.number)
    assert set(applications_of_applicant(applicant)) == {draft, submitted}
    assert not applications_of_applicant(applicant_factory()).exists()


def test_numbers_are_unique_and_not_sequential(draft_factory):
    numbers = [draft_factory().number for _ in range(20)]
    assert len(set(numbers)) == 20
    assert all(n.startswith("UMIS-") and len(n.rsplit("-", 1)[1]) == 8 for n in numbers)
    assert numbers != sorted(numbers)


def test_flag_set_and_clear_write_history_and_audit(application_in, officers):
    application = application_in("under_review")
    version = application.version

    application = application_flag_set(
        application=application,
        flag=Flag.DOCUMENTS_REQUESTED,
        actor=officers["case"],
        reason="Lease contract needed.",
    )
    application = application_flag_set(
        application=application, flag=Flag.CHECKS_PENDING, actor=officers["case"]
    )
    assert application.flags == ["checks_pending", "documents_requested"]
    application = application_flag_clear(
        application=application, flag=Flag.DOCUMENTS_REQUESTED, actor=officers["case"]
    )
    assert application.flags == ["checks_pending"]
    assert application.version == version + 3
    assert list(
        application.events.filter(transition__startswith="flag").values_list(
            "transition", "details"
        )
    ) == [
        ("flag_set", {"flag": "documents_requested"}),
        ("flag_set", {"flag": "checks_pending"}),
        ("flag_clear", {"flag": "documents_requested"}),
    ]
    entry = AuditEntry.objects.filter(action="application.flag_set").earliest("seq")
    assert entry.reason == "Lease contract needed."
    assert entry.target_id == application.number


def test_flag_rules(application_in, officers, applicant):
    application = application_in("under_review")
    with pytest.raises(ValidationFailed) as caught:
        application_flag_set(application=application, flag="urgent", actor=officers["case"])
    assert "flag" in caught.value.fields
    with pytest.raises(PermissionDeniedError):
        application_flag_set(application=application, flag=Flag.CHECKS_PENDING, actor=applicant)
    # An appeal concerns a refusal, not a case still under review.
    with pytest.raises(Conflict) as conflict:
        application_flag_set(application=application, flag=Flag.APPEALED, actor=officers["case"])
    assert "Under review" in conflict.value.message
    refused = application_in("refused")
    refused = application_flag_set(application=refused, flag=Flag.APPEALED, actor=officers["case"])
    assert refused.flags == ["appealed"]
