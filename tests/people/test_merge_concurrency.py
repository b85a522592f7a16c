"""Two officers merging one pair at the same moment: one wins, the other is told.

Real row locks need PostgreSQL; SQLite runs one writer at a time and is covered by the
state check in test_merge.py.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from umis.accounts.models import User
from umis.accounts.roles import Role
from umis.core.errors import Conflict
from umis.people.merge import person_merge
from umis.people.models import Person, PersonMerge, PotentialDuplicate

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_one_of_two_simultaneous_merges_wins(reference_data_reloaded, make_person, departments):
    first = make_person()
    second = make_person()
    pair = PotentialDuplicate.objects.get()
    officers = [
        User.objects.create_user(
            username=f"officer{i}",
            password="x" * 20,
            role=Role.CASE_OFFICER,
            department=departments["north"],
        )
        for i in range(2)
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(officer: User, survivor: Person) -> None:
        try:
            barrier.wait()
            person_merge(duplicate=pair, survivor_id=survivor.pk, actor=officer, reason="same")
            outcomes.append("merged")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(officers[0], first)),
        threading.Thread(target=decide, args=(officers[1], second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["duplicate_decided", "merged"]
    assert PersonMerge.objects.count() == 1
    assert Person.objects.filter(merged_into__isnull=False).count() == 1
