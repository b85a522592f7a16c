"""B6's baseline: Splink 5 on DuckDB, on the same records and the same candidate pairs.

What Splink gets (bench/README.md, B6, says the same):

- the records of ``records.csv`` as they are, plus one column per blocking rule of ours
  (``block_0``...): the rule's keys as our normaliser computes them (sound keys across
  scripts, birth date, document number...), empty where a key is empty or where our
  engine leaves the block out as too large. Its blocking rules are ``l.block_k =
  r.block_k``, so it scores exactly the pairs ours scores; computing those keys is done
  before its clock starts;
- names, address and place in Latin the way a Splink user would write them: ``anyascii``
  of the text, lower case, trimmed (transliteration it does not have to invent); document
  numbers and FINs as letters and digits in upper case; birth dates that are full ISO
  dates (a partial date is null: Splink's date comparison needs a date);
- Splink's standard comparisons: ``NameComparison`` (exact, Jaro-Winkler 0.92, 0.88, 0.7)
  on given name, surname and patronymic, ``DateOfBirthComparison`` on the birth date,
  exact sex and nationality, ``LevenshteinAtThresholds([1, 2])`` on the document number
  and the FIN, Jaro-Winkler 0.9/0.7 on the address and exact place;
- training as Splink's documentation does it: the prior from deterministic rules
  (document number; given name, surname and birth date) at recall 0.7, u from 5,000,000
  random pairs, m by EM blocked on the document number and then on given name and surname.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

THRESHOLD = 0.5
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LATIN_COLUMNS = ("given_name", "surname", "patronymic", "address", "locality")


def block_columns(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    return [column for column in header if column.startswith("block_")]


def _frame(path: Path):
    import pandas as pd
    from anyascii import anyascii

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in LATIN_COLUMNS:
        values = frame[column].unique()
        latin = {value: " ".join(anyascii(value).lower().split()) for value in values}
        frame[f"{column}_latin"] = frame[column].map(latin)
    for column in ("document_number", "national_id"):
        frame[column] = frame[column].map(lambda text: _NOT_ALNUM.sub("", text.upper()))
    frame["birth_date"] = frame["birth_date"].where(frame["birth_date"].str.match(_FULL_DATE), "")
    return frame.replace("", None)


def settings(blocks: list[str]):
    import splink.comparison_library as cl
    from splink import SettingsCreator

    return SettingsCreator(
        unique_id_column_name="id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[f"l.{b} = r.{b}" for b in blocks],
        comparisons=[
            cl.NameComparison("given_name_latin"),
            cl.NameComparison("surname_latin"),
            cl.NameComparison("patronymic_latin"),
            cl.DateOfBirthComparison(
                "birth_date",
                input_is_string=True,
                datetime_format="%Y-%m-%d",
                invalid_dates_as_null=True,
            ),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nationality"),
            cl.LevenshteinAtThresholds("document_number", [1, 2]),
            cl.LevenshteinAtThresholds("national_id", [1, 2]),
            cl.JaroWinklerAtThresholds("address_latin", [0.9, 0.7]),
            cl.ExactMatch("locality_latin"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def dedupe(path: Path, out: Path) -> dict:
    """Splink's pairs at or above the threshold, written as ``left_id,right_id,probability``."""
    from splink import DuckDBAPI, Linker, block_on

    frame = _frame(path)
    blocks = block_columns(path)
    db_api = DuckDBAPI()
    table = db_api.register(frame)
    linker = Linker(table, settings(blocks))
    linker.training.estimate_probability_two_random_records_match(
        [
            block_on("document_number"),
            block_on("given_name_latin", "surname_latin", "birth_date"),
        ],
        recall=0.7,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("document_number"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name_latin", "surname_latin")
    )
    predictions = linker.inference.predict(threshold_match_probability=THRESHOLD)
    rows = predictions.as_duckdbpyrelation().select("id_l, id_r, match_probability").fetchall()
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left_id", "right_id", "probability"])
        writer.writerows((left, right, f"{p:.6f}") for left, right, p in rows)
    return {"table": table, "blocks": blocks}


def pairs_scored(table, blocks: list[str]) -> int:
    """The pairs Splink's blocking generated (counted exactly, after the clock)."""
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    counts = count_comparisons_from_blocking_rules(
        table,
        blocking_rules=[f"l.{b} = r.{b}" for b in blocks],
        link_type="dedupe_only",
        unique_id_column_name="id",
        record_sample_proportion=1.0,
    )
    return int(counts[-1]["cumulative_comparison_count"]) if counts else 0
