"""What each role may do, and which districts each member of staff can reach."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import UserFactory
from umis.accounts.jurisdiction import district_ids_visible_to, restrict_to_jurisdiction
from umis.accounts.models import Department, District
from umis.accounts.roles import ROLE_PERMISSIONS, Role

pytestmark = pytest.mark.django_db

CASEWORK = {"office.access", "people.search", "people.view", "people.edit", "people.edit_document"}
CASEWORK |= {"permits.view", "permits.replace"}
WATCHLIST = {"screening.view_list", "screening.edit_list", "screening.check"}

# Written out by hand on purpose: a change to roles.py must be a deliberate change here too.
INTENDED = {
    Role.APPLICANT: {"portal.apply_self"},
    Role.HOST: {"portal.apply_self", "portal.apply_as_host"},
    Role.EMPLOYER_REP: {"portal.apply_as_employer"},
    Role.RECEPTION_OFFICER: CASEWORK | {"cases.accept", "cases.issue"},
    Role.CASE_OFFICER: CASEWORK
    | {"cases.accept", "cases.review", "cases.issue", "people.merge", "border.view_crossings"},
    Role.APPROVING_OFFICER: CASEWORK
    | {"cases.review", "cases.approve", "cases.assign", "permits.decide"}
    | {"exchange.log_view", "people.merge", "border.view_crossings"}
    | WATCHLIST,
    Role.HQ_OFFICER: CASEWORK
    | {"reports.view", "cases.accept", "cases.review", "cases.approve", "cases.issue"}
    | {"cases.assign", "permits.decide", "exchange.log_view", "people.merge"}
    | {"border.view_crossings"}
    | WATCHLIST,
    Role.ANALYST: {"office.access", "reports.view"},
    Role.AUDITOR: {"office.access", "audit.view", "audit.verify", "people.view"}
    | {"exchange.log_view"},
    Role.ADMINISTRATOR: {"office.access", "reference.edit", "accounts.manage"},
    Role.SYSTEM: {"cases.auto_decide", "cases.issue"},
}
EVERY_PERMISSION = set().union(*INTENDED.values())


def test_every_role_is_described():
    assert set(INTENDED) == set(Role.values) == set(ROLE_PERMISSIONS)


@pytest.mark.parametrize("role", list(Role))
def test_role_has_exactly_its_permissions(role):
    user = UserFactory(role=role)
    granted = {p for p in EVERY_PERMISSION if user.has_perm(p)}
    assert granted == INTENDED[role]
    assert user.get_all_permissions() == INTENDED[role]


def test_applicants_never_reach_the_office_nor_staff_the_portal_forms():
    applicant = UserFactory(role=Role.APPLICANT)
    assert not applicant.has_perm("office.access")
    assert not applicant.has_perm("people.view")
    officer = UserFactory(role=Role.CASE_OFFICER)
    assert not officer.has_perm("portal.apply_self")


def test_analysts_and_administrators_cannot_open_personal_files():
    for role in (Role.ANALYST, Role.ADMINISTRATOR):
        user = UserFactory(role=role, department=Department.objects.get(code="hq"))
        assert not user.has_perm("people.view")
        assert not user.has_perm("people.search")


@pytest.mark.parametrize("role", list(Role))
def test_inactive_user_has_no_permission(role):
    user = UserFactory(role=role, is_active=False)
    assert not any(user.has_perm(p) for p in EVERY_PERMISSION)
    assert user.get_all_permissions() == set()


def test_anonymous_visitor_has_no_permission():
    assert not any(AnonymousUser().has_perm(p) for p in EVERY_PERMISSION)


def _district_ids(department_code: str) -> set[int]:
    return set(
        District.objects.filter(department__code=department_code).values_list("id", flat=True)
    )


@pytest.mark.parametrize(
    "role", [Role.RECEPTION_OFFICER, Role.CASE_OFFICER, Role.APPROVING_OFFICER]
)
def test_regional_officer_sees_only_their_departments_districts(role):
    officer = UserFactory(role=role, department=Department.objects.get(code="khachmaz"))
    visible = district_ids_visible_to(officer)
    assert set(visible) == _district_ids("khachmaz")
    assert len(visible) == 5

    ganja_officer = UserFactory(role=role, department=Department.objects.get(code="ganja"))
    assert set(district_ids_visible_to(ganja_officer)) == _district_ids("ganja")
    assert not set(district_ids_visible_to(ganja_officer)) & set(visible)


def test_restricting_a_queryset_hides_other_regions():
    officer = UserFactory(
        role=Role.CASE_OFFICER, department=Department.objects.get(code="khachmaz")
    )
    visible = restrict_to_jurisdiction(District.objects.all(), officer, district_field="id")
    assert set(visible.values_list("code", flat=True)) == {
        "khachmaz",
        "gusar",
        "guba",
        "shabran",
        "siyazan",
    }


def test_case_officer_at_headquarters_sees_every_district():
    officer = UserFactory(role=Role.CASE_OFFICER, department=Department.objects.get(code="hq"))
    assert district_ids_visible_to(officer) is None
    everything = restrict_to_jurisdiction(District.objects.all(), officer, district_field="id")
    assert everything.count() == District.objects.count()


@pytest.mark.parametrize("role", [Role.HQ_OFFICER, Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR])
def test_national_roles_see_every_district_whatever_their_department(role):
    user = UserFactory(role=role, department=Department.objects.get(code="lankaran"))
    assert district_ids_visible_to(user) is None


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.HOST, Role.EMPLOYER_REP])
def test_people_outside_the_service_see_no_district(role):
    user = UserFactory(role=role)
    assert district_ids_visible_to(user) == []
    assert not restrict_to_jurisdiction(District.objects.all(), user, district_field="id").exists()


def test_inactive_or_anonymous_see_no_district():
    hq_officer = UserFactory(role=Role.HQ_OFFICER, department=Department.objects.get(code="hq"))
    hq_officer.is_active = False
    assert district_ids_visible_to(hq_officer) == []
    assert district_ids_visible_to(AnonymousUser()) == []


def test_the_system_account_cannot_sign_in_and_reaches_every_district():
    from umis.accounts.system import system_actor

    actor = system_actor()
    assert system_actor().pk == actor.pk  # one account, created once
    assert not actor.has_usable_password()
    assert district_ids_visible_to(actor) is None
    assert not actor.has_perm("office.access")
