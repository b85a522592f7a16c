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
] + [
    # Others, each once: what makes an agreeing name or date rare enough to count.
    Record(str(k), given, surname, birth_date=D(1950 + k, 1 + k % 12, 1 + k % 28))
    for k, (given, surname) in enumerate(
        zip(
            ["Aysel", "Kamran", "Nigar", "Elvin", "Sabina", "Tural", "Gunay", "Farid"] * 3,
            [
                "Guliyev",
                "Hasanova",
                "Ismayilov",
                "Jafarova",
                "Karimov",
                "Latifova",
                "Mirzayev",
                "Nasirova",
                "Orujov",
                "Pashayeva",
                "Qasimov",
                "Rahimova",
                "Safarov",
                "Tagiyeva",
                "Usubov",
                "Valiyeva",
                "Yusifov",
                "Zeynalova",
                "Abbasov",
                "Bagirova",
                "Cavadov",
                "Dadashova",
                "Eldarov",
                "Fataliyeva",
            ],
            strict=True,
        ),
        start=10,
    )
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
    scored = link(PEOPLE[:5:2] + PEOPLE[6:18], PEOPLE[1:6:2] + PEOPLE[18:])
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


def test_probabilities_are_calibrated_on_febrl3():
    """Among candidate pairs given probability p, about a share p are one person:
    the expected calibration error over ten bins stays under 0.01 (measured 0.001)."""
    import numpy as np

    from tests.matching.febrl import FEBRL, FEBRL_OPTIONS, person
    from umis.matching.csv_input import parse_mapping, read_records

    records = read_records(
        FEBRL / "dataset3.csv",
        id_column=FEBRL_OPTIONS["id"],
        mapping=parse_mapping(FEBRL_OPTIONS["map"]),
    ).records
    scored = dedupe(records)
    same = np.array(
        [
            person(records[a].id) == person(records[b].id)
            for a, b in zip(scored.left.tolist(), scored.right.tolist(), strict=True)
        ]
    )
    bins = np.minimum((scored.probability * 10).astype(int), 9)
    error = sum(
        abs(same[bins == b].mean() - scored.probability[bins == b].mean()) * (bins == b).sum()
        for b in range(10)
        if (bins == b).any()
    )
    assert error / len(same) < 0.01


def test_pairs_cluster_into_persons():
    scored = dedupe(PEOPLE)
    persons = scored.persons()
    assert persons[0] == persons[1] != persons[2] == persons[3]
    assert len(set(persons.tolist())) == len(PEOPLE) - 2
    linked = link(PEOPLE[:1], PEOPLE[1:2]).persons()  # the left record, then the right one
    assert linked.tolist() == [0, 0]


def test_nothing_to_pair_gives_no_pairs():
    assert len(dedupe([])) == 0
    assert len(dedupe(PEOPLE[:1])) == 0
    assert len(link(PEOPLE[:3], [])) == 0
