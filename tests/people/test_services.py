"""The registry's write rules, as an officer meets them: each bad input names its field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.people.conftest import passport_mrz
from umis.audit.models import AuditEntry
from umis.core.errors import ValidationFailed
from umis.people import services
from umis.people.fin import FIN_ALPHABET, FIN_LENGTH
from umis.people.models import FinAllocation, IdentityDocument, Person

pytestmark = pytest.mark.django_db


def _fields(excinfo) -> dict[str, str]:
    return excinfo.value.fields


def _audit(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("seq"))


def test_person_create_stores_both_scripts_and_audits(make_person, north_officer):
    person = make_person(actor=north_officer)
    assert person.surname_native == "Мамедов"
    assert person.birth_date.display() == "14 March 1985"
    assert person.fin is None
    assert "mamedov" in person.name_search_key.split()
    (entry,) = _audit("person.create")
    assert entry.target_id == str(person.pk)
    assert entry.actor_username == "north-officer"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("given_names_latin", "Эльвин", "Given names (Latin script) may contain only Latin"),
        ("surname_latin", "Мамедов", "Surname (Latin script) may contain only Latin"),
        ("nationality", "ZZZ", "Nationality “ZZZ” is not a known code"),
        ("nationality", "AZ", "not a known code"),
        ("birth_date", "2999-01-01", "The date of birth cannot be in the future."),
        ("birth_date", "14.03.1985", "YYYY-MM-DD"),
        ("birth_date", "1985-02-30", "This day does not exist"),
        ("sex", "Q", "Sex must be M"),
        ("surname_native", "Mamedov2", "Surname (as in the document) may contain only letters"),
        ("email", "not-an-address", "valid e-mail"),
        ("phone", "call me", "phone number"),
    ],
)
def test_each_bad_input_is_refused_naming_its_field(make_person, field, value, expected):
    with pytest.raises(ValidationFailed) as caught:
        make_person(**{field: value})
    assert list(_fields(caught)) == [field]
    assert expected in _fields(caught)[field]
    assert not Person.objects.exists()
    assert not _audit("person.create")


def test_all_problems_are_reported_at_once(make_person):
    with pytest.raises(ValidationFailed) as caught:
        make_person(given_names_latin="Эльвин", nationality="ZZZ", birth_date="2999")
    assert set(_fields(caught)) == {"given_names_latin", "nationality", "birth_date"}


def test_latin_fields_accept_azerbaijani_and_turkish_letters(make_person):
    person = make_person(
        surname_latin="Məmmədova-Şükürlü", given_names_latin="Gülər İlqar O'Neil", nationality="XXA"
    )
    assert person.given_names_latin == "Gülər İlqar O'Neil"


def test_birth_date_known_only_to_the_year_or_month(make_person):
    this_year = timezone.localdate().year
    assert make_person(birth_date="1970").birth_date.display() == "1970"
    assert make_person(birth_date="1970-06").birth_date.display() == "June 1970"
    # This year is not "in the future" even if the day is unknown.
    assert make_person(birth_date=str(this_year)).birth_year == this_year


def test_regional_officer_cannot_place_a_person_outside_the_region(make_person, north_officer):
    with pytest.raises(ValidationFailed) as caught:
        make_person(district="south", actor=north_officer)
    assert "district of your department" in _fields(caught)["place_of_stay_district"]
    # Nor leave the place of stay empty: the person would vanish from the officer's view.
    with pytest.raises(ValidationFailed) as caught:
        make_person(district=None, actor=north_officer)
    assert "place_of_stay_district" in _fields(caught)
    with pytest.raises(ValidationFailed) as caught:
        make_person(district=None, actor=north_officer, place_of_stay_district=10**12)
    assert _fields(caught)["place_of_stay_district"] == "Choose a district from the list."


def test_person_update_changes_only_what_is_sent_and_audits_field_names(make_person, north_officer):
    person = make_person()
    services.person_update(
        person=person,
        actor=north_officer,
        data={"given_names_latin": "Elvin Rauf", "phone": "+994 50 123 45 67"},
        reason="Corrected at the window",
    )
    person.refresh_from_db()
    assert person.given_names_latin == "Elvin Rauf"
    assert person.surname_latin == "Mamedov"
    assert "rauf" in person.name_search_key.split()
    (entry,) = _audit("person.update")
    assert entry.details == {"fields": ["given_names_latin", "phone"]}
    assert entry.reason == "Corrected at the window"
    assert "+994" not in str(entry.details)


def test_person_update_refuses_bad_values_and_unknown_fields(make_person, north_officer):
    person = make_person()
    with pytest.raises(ValidationFailed) as caught:
        services.person_update(person=person, actor=north_officer, data={"birth_date": "2999"})
    assert "birth_date" in _fields(caught)
    with pytest.raises(ValidationFailed) as caught:
        services.person_update(person=person, actor=north_officer, data={"fin": "AAAAAAA"})
    assert "fin" in _fields(caught)
    person.refresh_from_db()
    assert person.birth_year == 1985 and person.fin is None


# --- Documents -----------------------------------------------------------------------------


def _add(person, **overrides):
    data = {
        "type": "passport",
        "number": "C01X00T47",
        "issuing_state": "RUS",
        "issue_date": date(2021, 5, 21),
        "expiry_date": date(2031, 5, 20),
        "mrz": passport_mrz(person),
    }
    data.update(overrides)
    return services.document_add(person=person, actor=None, **data)


def test_document_with_matching_mrz_is_stored_encrypted_and_audited(make_person):
    person = make_person()
    document = _add(person)
    assert document.is_primary
    assert IdentityDocument.objects.get(pk=document.pk).number == "C01X00T47"
    with connection.cursor() as cursor:
        cursor.execute("SELECT number, mrz FROM people_identitydocument")
        raw_number, raw_mrz = cursor.fetchone()
    # The MRZ repeats the number: neither column may hold it in clear.
    for raw in (raw_number, raw_mrz):
        assert raw.startswith("v1:") and "C01X00T47" not in raw
    assert document.mrz.startswith("P<RUSMAMEDOV<<ELVIN")
    (entry,) = _audit("document.add")
    assert entry.details["document_id"] == document.pk
    assert "C01X00T47" not in str(entry.details)


def test_wrong_mrz_check_digit_is_named(make_person):
    person = make_person()
    mrz = passport_mrz(person)
    line1, line2 = mrz.split("\n")
    bad = line1 + "\n" + line2[:9] + str((int(line2[9]) + 1) % 10) + line2[10:]
    with pytest.raises(ValidationFailed) as caught:
        _add(person, mrz=bad)
    assert _fields(caught) == {"mrz": "The check digit of the document number is wrong."}
    assert not IdentityDocument.objects.exists()


@pytest.mark.parametrize(
    ("mrz_change", "entered", "mrz_message", "field"),
    [
        ({"number": "C01X00T48"}, {}, "document number in the MRZ", "number"),
        ({"expiry": date(2032, 5, 20)}, {}, "expiry date in the MRZ", "expiry_date"),
        ({"birth_date": date(1985, 3, 15)}, {}, "date of birth in the MRZ", None),
        ({"nationality": "KAZ"}, {}, "nationality in the MRZ (KAZ)", None),
        ({"state": "KAZ"}, {}, "issuing state in the MRZ", "issuing_state"),
    ],
)
def test_mrz_disagreeing_with_entered_fields_is_named(
    make_person, mrz_change, entered, mrz_message, field
):
    person = make_person()
    with pytest.raises(ValidationFailed) as caught:
        _add(person, mrz=passport_mrz(person, **mrz_change), **entered)
    assert mrz_message in _fields(caught)["mrz"]
    if field:
        assert "does not match the MRZ" in _fields(caught)[field]


def test_expiry_before_issue_is_named(make_person):
    with pytest.raises(ValidationFailed) as caught:
        _add(make_person(), issue_date=date(2021, 5, 21), expiry_date=date(2020, 1, 1), mrz="")
    assert _fields(caught) == {"expiry_date": "The expiry date must be after the date of issue."}


def test_unknown_issuing_state_and_document_type_are_named(make_person):
    with pytest.raises(ValidationFailed) as caught:
        _add(make_person(), issuing_state="XYZ", type="visa", mrz="")
    assert set(_fields(caught)) == {"issuing_state", "type"}


def test_new_primary_document_replaces_the_old_primary(make_person):
    person = make_person()
    first = _add(person, mrz="")
    second = _add(person, number="AB 12-345", mrz="", is_primary=True)
    first.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)
    assert second.number == "AB12345"
    with pytest.raises(ValidationFailed) as caught:
        _add(person, number="ab12345", mrz="")
    assert "already recorded" in _fields(caught)["number"]


# --- FIN --------------------------------------------------------------------------------


def test_fin_is_assigned_once_and_audited(make_person, north_officer):
    person = make_person()
    fin = services.person_assign_fin(person=person, actor=north_officer)
    assert len(fin) == FIN_LENGTH and set(fin) <= set(FIN_ALPHABET)
    assert not set(fin) & {"I", "O", "Q"}
    assert services.person_assign_fin(person=person, actor=north_officer) == fin
    person.refresh_from_db()
    assert person.fin == fin
    assert len(_audit("person.fin_assign")) == 1


def test_fin_is_never_reused_after_deletion(make_person, monkeypatch):
    first = make_person()
    fin = services.person_assign_fin(person=first, actor=None)
    first.delete()
    assert FinAllocation.objects.get(fin=fin).person is None

    # The generator offers the freed FIN again first: it must be skipped.
    offers = iter([fin, fin, "2345678"])
    monkeypatch.setattr(services, "random_fin", lambda: next(offers))
    second = make_person(surname_latin="Other")
    assert services.person_assign_fin(person=second, actor=None) == "2345678"
    assert FinAllocation.objects.count() == 2


def test_many_fins_are_distinct(make_person):
    people = [make_person(surname_latin=f"Person {chr(65 + i)}") for i in range(20)]
    fins = {services.person_assign_fin(person=p, actor=None) for p in people}
    assert len(fins) == 20


def test_future_issue_date_is_refused(make_person):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationFailed) as caught:
        _add(make_person(), issue_date=tomorrow, mrz="")
    assert "issue_date" in _fields(caught)
