import json

from umis.matching.fellegi_sunter import Model
from umis.matching.linker import dedupe, link, score_pair
from umis.matching.records import Record
from umis.people.dates import PartialDate as D

PEOPLE = [
    Record("1", "Rashad", "Aliyev", birth_date=D(1985, 3, 7), document_number="C1234567"),
    Record("2", "Rashad", "Aliev", birth_date=D(1985, 7, 3), document_number="C1234567"),
    Record("3", "Leyla", "Mammadova", birth_date=D(1990), nationality="AZE"),
    Record("4", "Leyla", "Mamedova", birth_date=D(1990, 5, 12), nationality="AZE"),
    Record("5", "Orkhan", "Huseynov", birth_date=D(1970, 1, 1), document_number="P7654321"),
    Record("6", "Orkhan", "Aliyev", birth_date=D(1962, 11, 2), document_number="P1111111"),
]


def found(scored, threshold=0.5):
    return {
        (scored.left_ids[scored.left[k]], scored.right_ids[scored.right[k]])
        for k in scored.above(threshold)
    }


def test_dedupe_finds_the_people_written_twice():
    scored = dedupe(PEOPLE)
    assert found(scored) == {("1", "2"), ("3", "4")}


def test_link_pairs_records_across_two_sets():
    scored = link(PEOPLE[:5:2], PEOPLE[1:6:2])
    assert found(scored) == {("1", "2"), ("3", "4")}


def test_score_pair_uses_a_stored_model_and_explains_itself():
    model = Model.from_dict(json.loads(json.dumps(dedupe(PEOPLE).model.to_dict())))
    probability, explanation = score_pair(model, PEOPLE[0], PEOPLE[1])
    assert probability > 0.5
    by_field = {row["field"]: row for row in explanation}
    assert by_field["document_number"]["level"] == "exact"
    assert by_field["document_number"]["weight"] > 0
    assert by_field["birth_date"]["level"] == "day_month_swapped"
    low, _ = score_pair(model, PEOPLE[0], PEOPLE[4])
    assert low < 0.5
