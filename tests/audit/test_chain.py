"""The chain logic on its own: canonical hashing and the verifier, without a database."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from umis.audit.chain import (
    GENESIS_HASH,
    HASHED_FIELDS,
    canonical_document,
    compute_entry_hash,
    normalise_details,
    normalise_ip,
)
from umis.audit.verify import Anchor, verify_chain

T0 = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def make_rows(n: int, *, details=None) -> list[dict]:
    rows, prev = [], GENESIS_HASH
    for i in range(n):
        row = {
            "id": i + 1,
            "seq": i + 1,
            "occurred_at": T0 + timedelta(seconds=i, microseconds=i),
            "actor_id": 7,
            "actor_username": "aysel",
            "actor_role": "case_officer",
            "actor_department": "ganja",
            "actor_kind": "user",
            "action": "person.view",
            "target_type": "person",
            "target_id": str(100 + i),
            "reason": "review",
            "request_id": f"req{i}",
            "ip_address": "10.0.0.1",
            "outcome": "success",
            "details": details[i] if details else {"i": i},
            "prev_hash": prev,
        }
        row["entry_hash"] = compute_entry_hash(row)
        prev = row["entry_hash"]
        rows.append(row)
    return rows


def rehash(rows: list[dict], start: int) -> None:
    prev = rows[start - 1]["entry_hash"] if start else GENESIS_HASH
    for row in rows[start:]:
        row["prev_hash"] = prev
        row["entry_hash"] = prev = compute_entry_hash(row)


def different(value, data):
    """Another value of the same kind, as an attacker's edit would produce."""
    if isinstance(value, datetime):
        return value + timedelta(microseconds=data.draw(st.integers(1, 10**12)))
    if isinstance(value, dict):
        return {**value, "x": data.draw(st.integers())}
    if isinstance(value, int) and not isinstance(value, bool):
        return value + data.draw(st.integers(1, 10**6))
    return (value or "") + data.draw(st.text(min_size=1, max_size=3))


def first_bad(rows, **kwargs):
    result = verify_chain(rows, **kwargs)
    assert not result.ok
    return result.problem


def test_canonical_document_is_stable_sorted_ascii_json():
    row = make_rows(1, details=[{"b": 1, "a": ["x", {"z": None, "y": True}], "name": "Əli"}])[0]
    doc = canonical_document(row)
    assert doc.isascii()
    parsed = json.loads(doc)
    assert list(parsed) == sorted(parsed)
    assert parsed["occurred_at"] == "2025-03-01T09:30:00.000000Z"
    assert parsed["prev_hash"] == GENESIS_HASH
    assert set(parsed) == {"v", *HASHED_FIELDS}
    # The same moment written in another time zone hashes the same.
    baku = timezone(timedelta(hours=4))
    assert (
        compute_entry_hash({**row, "occurred_at": row["occurred_at"].astimezone(baku)})
        == (row["entry_hash"])
    )


def test_every_hashed_field_changes_the_hash():
    row = make_rows(1)[0]
    changed = {
        "seq": 2,
        "occurred_at": row["occurred_at"] + timedelta(microseconds=1),
        "actor_id": None,
        "details": {"i": 1},
        "prev_hash": "f" * 64,
        "ip_address": None,
    }
    for name in HASHED_FIELDS:
        value = changed.get(name, row[name] + "x" if isinstance(row[name], str) else None)
        assert compute_entry_hash({**row, name: value}) != row["entry_hash"], name


def test_intact_chain_is_ok_with_count_and_head():
    rows = make_rows(10)
    result = verify_chain(rows)
    assert result.ok and result.count == 10 and result.head_seq == 10
    assert result.head_hash == rows[-1]["entry_hash"]
    assert verify_chain([]).ok and verify_chain([]).head_hash == GENESIS_HASH


def test_verifier_reads_rows_lazily():
    """Bounded memory: the verifier consumes an iterator and stops at the first problem."""
    consumed = []

    def stream():
        for row in make_rows(30):
            consumed.append(row["seq"])
            if row["seq"] == 5:
                row["reason"] = "edited"
            yield row

    assert first_bad(stream()).seq == 5
    assert consumed == [1, 2, 3, 4, 5]


def test_resume_after_a_trusted_entry():
    rows = make_rows(10)
    anchor = Anchor(seq=4, entry_hash=rows[3]["entry_hash"], entry_id=4)
    assert verify_chain(rows[4:], resume_after=anchor).head_seq == 10
    wrong = Anchor(seq=4, entry_hash="a" * 64, entry_id=4)
    assert first_bad(rows[4:], resume_after=wrong).seq == 5


@given(n=st.integers(3, 40), data=st.data())
def test_any_single_field_edit_is_found_at_that_entry(n, data):
    rows = make_rows(n)
    k = data.draw(st.integers(0, n - 1))
    name = data.draw(st.sampled_from([f for f in HASHED_FIELDS if f != "seq"] + ["entry_hash"]))
    row = rows[k]
    row[name] = different(row[name], data)
    problem = first_bad(rows)
    assert (problem.seq, problem.entry_id) == (k + 1, k + 1)
    assert problem.code == "hash_mismatch"


@given(n=st.integers(3, 40), data=st.data())
def test_removing_an_entry_is_a_gap_at_the_next_one(n, data):
    rows = make_rows(n)
    k = data.draw(st.integers(0, n - 2))
    del rows[k]
    problem = first_bad(rows)
    assert (problem.code, problem.seq) == ("seq_gap", k + 2)
    assert f"entry #{k + 1} is missing" in problem.message


@given(n=st.integers(3, 40), data=st.data())
def test_a_forged_entry_numbered_into_the_middle_is_named(n, data):
    rows = make_rows(n)
    k = data.draw(st.integers(1, n - 1))
    forged = {**rows[k], "id": n + 1, "reason": "forged", "prev_hash": rows[k - 1]["entry_hash"]}
    forged["entry_hash"] = compute_entry_hash(forged)
    for row in rows[k:]:
        row["seq"] += 1
    rows.insert(k, forged)
    if data.draw(st.booleans()):
        rehash(rows, k + 1)  # even with every later hash recomputed
    problem = first_bad(rows)
    assert (problem.code, problem.seq, problem.entry_id) == ("seq_order", k + 1, n + 1)


@given(n=st.integers(3, 40), data=st.data())
def test_swapping_two_entries_contents_is_found_at_the_first(n, data):
    rows = make_rows(n)
    i, j = sorted(data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True)))
    keep = ("id", "seq")
    a = {k: v for k, v in rows[i].items() if k not in keep}
    b = {k: v for k, v in rows[j].items() if k not in keep}
    rows[i].update(b)
    rows[j].update(a)
    assert first_bad(rows).seq == i + 1


@given(n=st.integers(3, 40), data=st.data())
def test_reordering_entries_is_found_at_the_first_moved(n, data):
    rows = make_rows(n)
    i, j = sorted(data.draw(st.lists(st.integers(1, n - 1), min_size=2, max_size=2, unique=True)))
    rows[i]["id"], rows[j]["id"] = rows[j]["id"], rows[i]["id"]
    problem = first_bad(rows)
    assert (problem.code, problem.seq) == ("seq_order", i + 1)


@given(n=st.integers(3, 40), data=st.data())
def test_rehash_after_edit_is_caught_only_by_the_checkpoint(n, data):
    rows = make_rows(n)
    checkpoint = (n, rows[-1]["entry_hash"])
    k = data.draw(st.integers(0, n - 1))
    rows[k]["target_id"] = "someone-else"
    rehash(rows, k)
    assert verify_chain(rows).ok  # internally consistent again
    problem = first_bad(rows, checkpoint=checkpoint)
    assert (problem.code, problem.seq) == ("checkpoint_mismatch", n)


@given(n=st.integers(3, 40), cut=st.integers(1, 3))
def test_truncation_is_caught_by_the_checkpoint(n, cut):
    rows = make_rows(n)
    checkpoint = (n, rows[-1]["entry_hash"])
    assert verify_chain(rows[:-cut]).ok
    problem = first_bad(rows[:-cut], checkpoint=checkpoint)
    assert (problem.code, problem.seq, problem.entry_id) == (
        "checkpoint_missing_entries",
        n - cut + 1,
        None,
    )
    assert str(problem).startswith(f"entry #{n - cut + 1} (id -): missing")


def test_duplicate_sequence_number_is_out_of_order():
    rows = make_rows(5)
    rows.insert(3, {**rows[2], "id": 99})
    problem = first_bad(rows)
    assert (problem.code, problem.seq, problem.entry_id) == ("seq_order", 3, 99)


def test_chain_must_start_at_one_from_genesis():
    rows = make_rows(3)
    assert first_bad(rows[1:]).code == "seq_gap"
    rows[0]["prev_hash"] = "1" * 64
    rehash(rows, 1)
    rows[0]["entry_hash"] = compute_entry_hash(rows[0])
    rehash(rows, 1)
    problem = first_bad(rows)
    assert (problem.code, problem.seq) == ("broken_link", 1)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_normalised_details_are_plain_json_that_round_trips(value):
    normal = normalise_details(value)
    text = json.dumps(normal, sort_keys=True, ensure_ascii=True, allow_nan=False)
    assert json.loads(text) == normal
    assert "\\u0000" not in text
    assert normalise_details(normal) == normal  # idempotent


def test_ip_addresses_have_one_text_form():
    assert normalise_ip("::ffff:10.1.2.3") == "10.1.2.3"
    assert normalise_ip("2001:0DB8:0000:0000:0000:0000:0000:0001") == "2001:db8::1"
    assert normalise_ip("fe80::1%eth0") == "fe80::1"
    assert normalise_ip("not-an-ip") is None
    assert normalise_ip("") is None
