"""A search shows names and birth dates: the log records who saw which persons."""

from __future__ import annotations

import pytest

from umis.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_search_page_records_exactly_the_persons_shown(
    client, verified_client, staff_user_factory
):
    from umis.accounts.models import District
    from umis.accounts.roles import Role
    from umis.people import services

    officer = staff_user_factory(Role.CASE_OFFICER, department="khachmaz", username="searcher")
    hq = staff_user_factory(Role.HQ_OFFICER, department="hq", username="hq-maker")
    common = {"birth_date": "1980", "sex": "F", "nationality": "RUS", "actor": hq}
    near = services.person_create(
        surname_latin="Petrova",
        place_of_stay_district=District.objects.get(code="guba"),
        **common,
    )
    services.person_create(  # same name, another region: not shown, not logged
        surname_latin="Petrova",
        place_of_stay_district=District.objects.get(code="shaki"),
        **common,
    )

    response = verified_client(officer).get("/office/people/", {"q": "Петрова"})
    assert response.status_code == 200

    entry = AuditEntry.objects.get(action="person.search", actor_username="searcher")
    assert entry.details["shown"] == [near.pk]
    assert "Петрова" not in str(entry.details)  # the query itself is not kept
