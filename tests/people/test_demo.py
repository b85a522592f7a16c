"""Synthetic persons: valid through the services, foreigners only, deterministic, fast."""

from __future__ import annotations

from collections import Counter

import pytest

from umis.audit.models import AuditEntry
from umis.people.demo import generate_demo_persons
from umis.people.models import IdentityDocument, Person
from umis.people.mrz import parse_td3

pytestmark = pytest.mark.django_db


def test_a_thousand_valid_persons(districts):
    persons = generate_demo_persons(count=1000, seed=7, districts=list(districts.values()))

    assert len(persons) == Person.objects.count() == 1000
    nationalities = Counter(Person.objects.values_list("nationality", flat=True))
    assert "AZE" not in nationalities
    assert {"RUS", "TUR", "GEO", "IRN", "IND", "CHN", "XXA"} <= set(nationalities)
    assert set(Person.objects.values_list("place_of_stay_district", flat=True)) == {
        d.pk for d in districts.values()
    }
    # Names in their own scripts, with a Latin form next to them.
    natives = "".join(Person.objects.values_list("surname_native", flat=True))
    for sample in ("ов", "ი", "ی"):  # Cyrillic, Georgian, Persian letters
        assert sample in natives
    assert not Person.objects.filter(surname_latin="").exists()
    # Some already hold a FIN (as earlier permit holders would), each one distinct.
    fins = [fin for fin in Person.objects.values_list("fin", flat=True) if fin]
    assert 250 < len(fins) < 550
    assert len(set(fins)) == len(fins)

    for document in IdentityDocument.objects.select_related("person")[:200]:
        data = parse_td3(document.mrz)
        assert data.document_number == document.number
        assert data.nationality_code == document.person.nationality
    assert AuditEntry.objects.filter(action="document.add", actor_kind="system").count() == 1000


def test_same_seed_same_persons(districts):
    def snapshot():
        return [
            (p.surname_latin, p.given_names_native, p.birth_date.iso(), p.nationality)
            for p in generate_demo_persons(count=30, seed=42, districts=[districts["north"]])
        ]

    first = snapshot()
    Person.objects.all().delete()
    assert snapshot() == first
    assert first != [
        (p.surname_latin, p.given_names_native, p.birth_date.iso(), p.nationality)
        for p in generate_demo_persons(count=30, seed=43, districts=[districts["north"]])
    ]


def test_the_demo_seeds_potential_duplicates_for_the_queue(districts):
    from umis.people.demo import generate_demo_duplicates
    from umis.people.models import PotentialDuplicate

    persons = generate_demo_persons(count=150, seed=3, districts=list(districts.values()))
    before = PotentialDuplicate.objects.count()
    raised = generate_demo_duplicates(persons=persons, seed=3)
    assert raised >= 3
    new = PotentialDuplicate.objects.order_by("pk")[before:]
    levels = {
        item["level"] for pair in new for item in pair.explanation["fields"] if item["weight"]
    }
    assert "day_month_swapped" in levels
    assert all(pair.status == "open" and pair.probability >= 0.5 for pair in new)
    # The second files carry the Cyrillic names of the first.
    assert any(pair.second.surname_native for pair in new)


def test_a_second_file_may_spell_the_cyrillic_name_otherwise():
    from umis.people.demo import _variant

    assert _variant("Andrey") == "Andrei"
    assert _variant("Khokhlov") == "Hokhlov"
    assert _variant("Kabanov") == "Kabanov"  # nothing to spell otherwise
