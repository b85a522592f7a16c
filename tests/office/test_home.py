"""The office home and the office shell: who is signed in, and what they may open."""

from __future__ import annotations

import pytest

from tests.portal.a11y import accessibility_problems
from umis.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_office_home_greets_by_name_with_role_and_department(verified_client, staff_user):
    html = verified_client(staff_user).get("/office/").content.decode()
    assert "Hello, Leyla Əliyeva" in html
    assert "Case officer" in html
    assert staff_user.department.name in html
    assert "The districts of your department" in html
    assert accessibility_problems(html) == []


def test_national_roles_are_told_they_see_the_whole_country(verified_client, staff_user_factory):
    auditor = staff_user_factory(Role.AUDITOR, department="hq", first_name="Günel")
    html = verified_client(auditor).get("/office/").content.decode()
    assert "The whole country" in html


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_office_home_renders_in_every_language(verified_client, staff_user, language):
    client = verified_client(staff_user)
    client.cookies["django_language"] = language
    response = client.get("/office/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert accessibility_problems(html) == []


def test_sign_out_is_a_post_button_in_the_header(verified_client, staff_user):
    html = verified_client(staff_user).get("/office/").content.decode()
    assert '<form method="post" action="/office/logout/"' in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.fixture
def office_urls(settings):
    """Switch the URL map: ``office_urls(with_areas=True)``."""
    from django.urls import clear_url_caches

    from tests.office import urlconfs

    def use(*, with_areas: bool) -> None:
        settings.ROOT_URLCONF = urlconfs.with_areas if with_areas else urlconfs.without_areas
        clear_url_caches()

    yield use
    clear_url_caches()


def test_links_show_only_for_the_permissions_the_role_has(
    verified_client, staff_user_factory, office_urls
):
    office_urls(with_areas=True)
    officer = verified_client(staff_user_factory(Role.CASE_OFFICER)).get("/office/")
    officer_html = officer.content.decode()
    assert officer_html.count('href="/office/people/"') == 2  # menu and card
    assert 'href="/office/audit/"' not in officer_html

    auditor = staff_user_factory(Role.AUDITOR, department="hq")
    auditor_html = verified_client(auditor).get("/office/").content.decode()
    assert auditor_html.count('href="/office/audit/"') == 2
    assert 'href="/office/people/"' not in auditor_html  # auditors read files, not search

    analyst = staff_user_factory(Role.ANALYST, department="hq")
    analyst_html = verified_client(analyst).get("/office/").content.decode()
    assert 'href="/office/audit/"' not in analyst_html
    assert 'href="/office/people/"' not in analyst_html
    assert "No work areas are open to your role yet" in analyst_html


def test_areas_whose_pages_do_not_exist_yet_are_not_linked(
    verified_client, staff_user_factory, office_urls
):
    office_urls(with_areas=False)
    auditor = staff_user_factory(Role.AUDITOR, department="hq")
    html = verified_client(auditor).get("/office/").content.decode()
    assert 'href="/office/audit/' not in html
    assert "No work areas are open to your role yet" in html
    assert accessibility_problems(html) == []
