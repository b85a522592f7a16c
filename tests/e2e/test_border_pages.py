"""The border crossings' office pages pass axe-core in az, ru and en."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import LANGUAGES, _serious, _set_language
from umis.accounts.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_border_pages_pass_axe(page, live_server, language, staff_user_factory, person):
    from umis.border.models import BorderCrossing
    from umis.border.services import border_crossings_store
    from umis.exchange.adapters.border import FeedCrossing
    from umis.people.services import document_add

    _set_language(page, live_server, language)
    document_add(
        person=person, actor=None, type="national_id_card", number="C01X00T47", issuing_state="RUS"
    )
    traveller = {
        "occurred_at": datetime(2026, 6, 1, 9, 30, tzinfo=UTC),
        "point_code": "GYD",
        "point_name": "Heydar Aliyev International Airport",
        "point_kind": "air",
        "transport": "J2 8012",
        "surname": "MAMMADOV",
        "given_names": "ALI",
        "birth_date": "1985-03-07",
        "sex": "M",
        "nationality": "RUS",
        "issuing_state": "RUS",
        "document_number": "C01X00T47",
    }
    border_crossings_store(
        source="push",
        crossings=[
            FeedCrossing.model_validate(
                {**traveller, "crossing_id": "A11Y-1", "direction": "in"}, strict=False
            ),
            FeedCrossing.model_validate(
                {**traveller, "crossing_id": "A11Y-2", "direction": "out", "surname": "NOBODY"},
                strict=False,
            ),
            FeedCrossing.model_validate(
                {**traveller, "crossing_id": "A11Y-3", "direction": "in", "document_number": "Z7"},
                strict=False,
            ),
        ],
    )
    hq = staff_user_factory(Role.HQ_OFFICER, department="hq", username="hq-border-a11y")
    sign_in(page, hq)
    axe = Axe()
    for path in [
        "/office/border/",
        "/office/border/?show=unlinked",
        "/office/border/?show=nonsense",
        f"/office/border/{BorderCrossing.objects.get(crossing_id='A11Y-1').pk}/",
        f"/office/border/{BorderCrossing.objects.get(crossing_id='A11Y-3').pk}/",
        f"/office/people/{person.pk}/",
    ]:
        page.goto(path)
        problems = _serious(axe.run(page))
        assert problems == [], f"{path} [{language}]: {problems}"
