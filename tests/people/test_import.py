"""``manage.py import_persons``: another system's persons linked to their files or put on
record, once, with every bad row named by its row and column."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from umis.audit.models import AuditEntry
from umis.people import services
from umis.people.models import Person, PersonSourceRecord, PotentialDuplicate

pytestmark = pytest.mark.django_db

HEADER = "id,surname,given_name,birth_date,sex,nationality,document_number\n"
TWO = HEADER + "L-1,Mamedov,Elvin,1985-03-14,M,RUS,C01X00T47\nL-2,Novak,Jana,1992-07,F,CZE,\n"


def write(tmp_path, text, name="legacy.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(path, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_persons", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def imported(path, source="legacy", **options):
    return run(path, source=source, **options)


def _passport(person, number="C01X00T47"):
    return services.document_add(
        person=person,
        actor=None,
        type="passport",
        number=number,
        issuing_state="RUS",
        expiry_date=date(2031, 5, 20),
    )


def test_each_row_becomes_a_file_with_its_document_and_the_run_is_audited(tmp_path):
    path = write(tmp_path, TWO)
    out, _err = imported(path)
    assert "Rows read: 2" in out and "Files created: 2" in out
    mamedov = Person.objects.get(surname_latin="Mamedov")
    assert mamedov.birth_date.iso() == "1985-03-14"
    assert [d.number for d in mamedov.documents.all()] == ["C01X00T47"]
    novak = Person.objects.get(surname_latin="Novak")
    assert (novak.birth_month, novak.birth_day) == (7, None)
    records = dict(PersonSourceRecord.objects.values_list("source_id", "person_id"))
    assert records == {"L-1": mamedov.pk, "L-2": novak.pk}
    creations = AuditEntry.objects.filter(action="person.create")
    assert {entry.details["found_by"] for entry in creations} == {"import:legacy"}
    (run_entry,) = AuditEntry.objects.filter(action="person.import")
    assert run_entry.details["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert run_entry.details["created"] == 2 and run_entry.details["source"] == "legacy"
    # The run's entry counts; it names nobody.
    assert "Mamedov" not in str(run_entry.details) and "C01X00T47" not in str(run_entry.details)


def test_a_row_with_the_document_of_a_file_on_record_is_linked_to_it(tmp_path, make_person):
    known = make_person(district=None)
    _passport(known)
    out, _err = imported(write(tmp_path, TWO))
    assert "Linked to existing files: 1" in out and "Files created: 1" in out
    assert Person.objects.filter(surname_latin="Mamedov").count() == 1
    assert PersonSourceRecord.objects.get(source_id="L-1").person_id == known.pk
    link = AuditEntry.objects.get(action="person.match_link")
    assert link.target_id == str(known.pk) and link.details["found_by"] == "import:legacy"


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write(tmp_path, TWO + "L-3,Doe,John,1970,M,USA,\n")
    imported(path)
    files = set(Person.objects.values_list("pk", flat=True))
    audited = AuditEntry.objects.exclude(action="person.import").count()
    out, _err = imported(path)
    assert "Already imported (linked as before): 3" in out and "Files created: 0" in out
    assert set(Person.objects.values_list("pk", flat=True)) == files
    assert AuditEntry.objects.exclude(action="person.import").count() == audited
    assert PotentialDuplicate.objects.count() == 0
    # Another source's ids are its own: the same ids from elsewhere are new rows.
    out, _err = imported(path, source="border")
    assert "Linked to existing files: 1" in out and "Files created: 2" in out


def test_a_row_like_a_file_on_record_without_a_shared_document_is_flagged(tmp_path, make_person):
    known = make_person(district=None)
    text = HEADER + "L-1,Mamedov,Elvin,1985-03-14,M,RUS,\n"
    out, _err = imported(write(tmp_path, text))
    assert "Files created: 1" in out and "Potential duplicates flagged: 1" in out
    new = Person.objects.exclude(pk=known.pk).get()
    pair = PotentialDuplicate.objects.get()
    assert {pair.first_id, pair.second_id} == {known.pk, new.pk}
    assert pair.status == "open" and pair.found_by == "import:legacy"


BAD = (
    "ref,familiya,given_name,birth_date,sex,nationality,fin\n"
    "1,Aliyev,Rashad,1985-03-07,M,AZE,\n"
    "2,,Leyla,1990-05-12,F,TUR,\n"
    "3,Novak,Jana,1992,F,ZZZ,\n"
    "4,Doe,John,1970,M,USA,AB!\n"
)
BAD_OPTIONS = {"id": "ref", "map": "surname=familiya,national_id=fin"}


def test_rows_that_cannot_make_a_file_refuse_the_import_naming_row_and_column(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 rows cannot make a person file") as refused:
        call_command(
            "import_persons", str(write(tmp_path, BAD)), source="legacy", stderr=err, **BAD_OPTIONS
        )
    assert "nothing was imported" in str(refused.value)
    assert "refused: row 3, column familiya: Enter the surname in Latin script." in err.getvalue()
    assert "refused: row 5, column fin: A FIN is 7 Latin capitals and digits." in err.getvalue()
    assert Person.objects.count() == 0 and PersonSourceRecord.objects.count() == 0


def test_bad_rows_are_named_and_skipped_when_asked(tmp_path):
    out, err = run(write(tmp_path, BAD), source="legacy", skip_bad_rows=True, **BAD_OPTIONS)
    assert "row 3, column familiya: Enter the surname in Latin script." in err
    assert "row 4, column nationality: Nationality “ZZZ” is not a known code" in err
    assert "row 5, column fin: A FIN is 7 Latin capitals and digits." in err
    assert "Rows read: 4" in out and "Files created: 1" in out and "Rows skipped: 3" in out
    assert list(Person.objects.values_list("surname_latin", flat=True)) == ["Aliyev"]
    (run_entry,) = AuditEntry.objects.filter(action="person.import")
    assert run_entry.details["skipped"] == 3


def test_an_impossible_date_is_a_bad_row_not_an_unknown_date(tmp_path):
    text = HEADER + "L-1,Doe,John,1985-02-30,M,USA,\n"
    with pytest.raises(CommandError, match="row 2, column birth_date: '1985-02-30' is not a date"):
        imported(write(tmp_path, text))
    assert Person.objects.count() == 0


def test_a_dry_run_says_what_would_happen_and_writes_nothing(tmp_path, make_person):
    known = make_person(district=None)
    _passport(known)
    before = AuditEntry.objects.count()
    out, _err = imported(write(tmp_path, TWO), dry_run=True)
    assert "Dry run: nothing was written" in out
    assert "Linked to existing files: 1" in out and "Files created: 1" in out
    assert list(Person.objects.values_list("pk", flat=True)) == [known.pk]
    assert PersonSourceRecord.objects.count() == 0
    assert AuditEntry.objects.count() == before


def test_names_in_cyrillic_are_kept_as_written_and_match_the_latin_file(tmp_path, make_person):
    known = make_person(district=None)  # Mamedov / Мамедов, Elvin / Эльвин
    _passport(known)
    text = (
        "id,surname_native,given_name_native,patronymic_native,birth_date,sex,nationality,"
        "document_number\n"
        "R-1,Мамедов,Эльвин,,1985-03-14,M,RUS,C01X00T47\n"
        "R-2,Петров,Иван,Сергеевич,1979-11-02,M,RUS,\n"
    )
    out, _err = imported(write(tmp_path, text))
    assert "Linked to existing files: 1" in out and "Files created: 1" in out
    assert PersonSourceRecord.objects.get(source_id="R-1").person_id == known.pk
    petrov = Person.objects.get(surname_native="Петров")
    assert (petrov.given_names_native, petrov.patronymic_native) == ("Иван", "Сергеевич")
    # The Latin form, which a file needs, is spelt from the Cyrillic for an officer to check.
    assert petrov.surname_latin == "Petrov" and petrov.given_names_latin == "Ivan"
    assert "Latin names were spelt from the native script: 1" in out


def test_a_latin_column_holding_cyrillic_is_named(tmp_path):
    text = HEADER + "L-1,Петров,Ivan,1979,M,RUS,\n"
    with pytest.raises(CommandError, match="1 rows cannot make a person file"):
        imported(write(tmp_path, text))
    _out, err = imported(write(tmp_path, text), skip_bad_rows=True)
    assert "row 2, column surname: Surname (Latin script) may contain only Latin" in err


def test_a_file_not_in_utf8_is_refused_with_a_clear_message(tmp_path):
    text = "id,surname_native,birth_date,sex,nationality\nR-1,Петров,1979,M,RUS\n"
    path = write(tmp_path, text, encoding="cp1251")
    with pytest.raises(CommandError, match="legacy.csv is not UTF-8 text: row 2") as refused:
        imported(path)
    assert "Save the file as UTF-8" in str(refused.value)
    assert Person.objects.count() == 0


def test_the_source_name_is_checked(tmp_path):
    with pytest.raises(CommandError, match="--source must be"):
        imported(write(tmp_path, TWO), source="legacy registry; drop")


def test_a_fin_puts_the_file_on_record_under_it_and_links_the_next_row(tmp_path):
    text = (
        "id,surname,given_name,birth_date,sex,nationality,national_id\n"
        "L-1,Aliyev,Rashad,1985-03-07,M,AZE,A2B3C4D\n"
        "L-2,Aliev,Rashad,1985-03-07,M,AZE,a2b3-c4d\n"
    )
    out, _err = imported(write(tmp_path, text))
    assert "Files created: 1" in out and "Linked to existing files: 1" in out
    person = Person.objects.get()
    assert person.fin == "A2B3C4D"
    assert set(PersonSourceRecord.objects.values_list("person_id", flat=True)) == {person.pk}


def test_a_failure_loses_only_its_batch_and_a_second_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr("umis.people.imports.BATCH_SIZE", 2)
    other = services.person_create(
        actor=None, surname_latin="Other", birth_date="1950", sex="F", nationality="FRA"
    )
    fin = services.person_assign_fin(person=other, actor=None)  # taken by another file
    text = (
        "id,surname,given_name,birth_date,sex,nationality,national_id\n"
        "L-1,Aliyev,Rashad,1985-03-07,M,AZE,\n"
        "L-2,Novak,Jana,1992,F,CZE,\n"
        "L-3,Doe,John,1970,M,USA,\n"
        f"L-4,Roe,Jane,1971,F,USA,{fin}\n"
        "L-5,Poe,Edgar,1949,M,USA,\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(CommandError, match="Stopped at row 5") as stopped:
        imported(path)
    assert "2 files created" in str(stopped.value)
    # The first batch (rows 2 and 3) stays; the batch of the failing row is undone.
    assert set(Person.objects.values_list("surname_latin", flat=True)) == {
        "Other",
        "Aliyev",
        "Novak",
    }
    assert AuditEntry.objects.get(action="person.import").outcome == "failure"
    out, err = imported(path, skip_bad_rows=True)
    assert "row 5, column national_id: This FIN was issued to another file" in err
    assert "Already imported (linked as before): 2" in out and "Files created: 2" in out
    assert Person.objects.count() == 5
