"""The mutation battery: every way of rewriting history is caught and the first bad entry named.

A chain of 50 entries is built and signed at its head; then each test tampers with the
stored rows the way someone with database access could (on PostgreSQL after switching
the append-only triggers off) and checks that ``audit_verify`` fails and names the entry
where the damage starts: ``entry #<seq> (id <id>): <problem>``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.audit.helpers import (
    build_chain,
    make_staff,
    raw_rows,
    rehash_from,
    tamper_delete,
    tamper_update,
    tampering,
)
from umis.accounts.roles import Role
from umis.audit.chain import HASHED_FIELDS, compute_entry_hash
from umis.audit.checkpoints import latest_checkpoint_path, sign_checkpoint, write_checkpoint
from umis.audit.models import AuditEntry
from umis.audit.services import audit_checkpoint_create, audit_record
from umis.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db

N = 50
MIDDLE = 25


@pytest.fixture
def chain():
    """50 entries by officers, clients and the system, with a signed checkpoint at #50."""
    officer = make_staff("battery-officer", Role.CASE_OFFICER)
    entries = []
    for block in range(5):
        entries += build_chain(9, actor=officer if block % 2 else None)
        entries.append(
            audit_record(
                action="audit.search", target_type="audit_log", target_id="", actor=officer
            )
        )
    assert [e.seq for e in entries] == list(range(1, N + 1))
    checkpoint = audit_checkpoint_create()
    assert checkpoint.seq == N and audit_chain_verify().ok
    return {e.seq: e for e in entries}


def assert_first_bad(code: str, seq: int, entry_id: int | None) -> None:
    result = audit_chain_verify()
    assert not result.ok, "tampering went unnoticed"
    problem = result.problem
    assert (problem.code, problem.seq, problem.entry_id) == (code, seq, entry_id), str(problem)
    named = f"entry #{seq} (id {'-' if entry_id is None else entry_id}):"
    with pytest.raises(CommandError) as failure:
        call_command("audit_verify")
    assert named in str(failure.value)
    assert failure.value.returncode != 0


def edited(entry: AuditEntry, field: str):
    value = getattr(entry, field)
    if field == "occurred_at":
        return value + timedelta(microseconds=1)
    if field == "details":
        return {**value, "i": -1}
    if field == "actor_id":
        return (value or 0) + 1
    if field == "ip_address":
        return "192.0.2.66"
    if field in {"prev_hash", "entry_hash"}:
        return ("f" if value[0] != "f" else "e") + value[1:]
    return value + "x"


@pytest.mark.parametrize("field", [f for f in HASHED_FIELDS if f != "seq"] + ["entry_hash"])
def test_editing_any_field_of_a_middle_entry(chain, field):
    entry = chain[MIDDLE]
    tamper_update(MIDDLE, **{field: edited(entry, field)})
    assert_first_bad("hash_mismatch", MIDDLE, entry.id)


def test_deleting_a_middle_entry(chain):
    tamper_delete(MIDDLE)
    assert_first_bad("seq_gap", MIDDLE + 1, chain[MIDDLE + 1].id)


def test_deleting_the_first_entry(chain):
    tamper_delete(1)
    assert_first_bad("seq_gap", 2, chain[2].id)


def _insert_forged_after(seq: int) -> AuditEntry:
    """Make room by renumbering the later entries, then insert a well-formed forgery."""
    with tampering():
        for later in range(N, seq, -1):  # from the end: seq stays unique at every step
            assert raw_rows().filter(seq=later).update(seq=later + 1) == 1
        previous = AuditEntry.objects.get(seq=seq)
        forged = AuditEntry(
            **{
                **previous.hash_fields(),
                "seq": seq + 1,
                "action": "person.update",
                "reason": "routine correction",
                "prev_hash": previous.entry_hash,
            }
        )
        forged.entry_hash = compute_entry_hash(forged.hash_fields())
        forged.save()
    return forged


def test_inserting_a_forged_entry_in_the_middle(chain):
    forged = _insert_forged_after(MIDDLE)
    assert_first_bad("seq_order", MIDDLE + 1, forged.id)


def test_inserting_a_forged_entry_and_rehashing_everything_after_it(chain):
    forged = _insert_forged_after(MIDDLE)
    rehash_from(MIDDLE + 2)
    assert_first_bad("seq_order", MIDDLE + 1, forged.id)


def test_swapping_two_entries_contents(chain):
    a, b = chain[20], chain[30]
    content = [f for f in (*HASHED_FIELDS, "entry_hash") if f != "seq"]
    with tampering():
        raw_rows().filter(pk=a.pk).update(**{f: getattr(b, f) for f in content})
        raw_rows().filter(pk=b.pk).update(**{f: getattr(a, f) for f in content})
    assert_first_bad("hash_mismatch", 20, a.id)


def test_swapping_two_entries_places_in_the_sequence(chain):
    a, b = chain[20], chain[30]
    with tampering():
        raw_rows().filter(pk=a.pk).update(seq=10_000)
        raw_rows().filter(pk=b.pk).update(seq=20)
        raw_rows().filter(pk=a.pk).update(seq=30)
    # The sequence number is part of the hash: the entry now at #20 no longer matches.
    assert_first_bad("hash_mismatch", 20, b.id)


def test_truncating_the_newest_entries_after_a_checkpoint(chain):
    tamper_delete(*range(N - 4, N + 1))
    assert audit_chain_verify(use_latest=False).ok  # the chain alone cannot tell
    assert_first_bad("checkpoint_missing_entries", N - 4, None)


def test_replacing_the_newest_entries_after_a_checkpoint(chain):
    tamper_delete(*range(N - 4, N + 1))
    build_chain(5)
    assert_first_bad("checkpoint_mismatch", N, AuditEntry.objects.get(seq=N).id)


def test_full_rehash_after_an_edit_is_caught_by_the_checkpoint(chain):
    tamper_update(MIDDLE, target_id="someone-else")
    rehash_from(MIDDLE)
    assert audit_chain_verify(use_latest=False).ok  # internally consistent again
    assert_first_bad("checkpoint_mismatch", N, chain[N].id)


def test_editing_the_last_entry(chain):
    tamper_update(N, outcome="success" if chain[N].outcome != "success" else "denied")
    assert_first_bad("hash_mismatch", N, chain[N].id)


def test_editing_and_rehashing_the_last_entry(chain):
    tamper_update(N, reason="nothing happened")
    rehash_from(N)
    assert_first_bad("checkpoint_mismatch", N, chain[N].id)


def test_rehash_signed_with_the_attackers_own_key(chain, settings):
    tamper_update(MIDDLE, target_id="someone-else")
    rehash_from(MIDDLE)
    head = AuditEntry.objects.get(seq=N)
    real_key = settings.UMIS_AUDIT_SIGNING_KEY
    settings.UMIS_AUDIT_SIGNING_KEY = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY="
    forged = sign_checkpoint(seq=N, head_hash=head.entry_hash, created_at=head.occurred_at)
    forged = write_checkpoint(
        forged.__class__(**{**forged.__dict__, "created_at": "2999-01-01T00:00:00.000000Z"})
    )
    settings.UMIS_AUDIT_SIGNING_KEY = real_key
    assert latest_checkpoint_path() == forged.path
    result = audit_chain_verify()
    assert not result.ok and result.problem.code == "checkpoint_signature"
    assert "unknown key" in str(result.problem)


def test_checkpoint_file_edited_to_match_a_rehashed_chain(chain):
    tamper_update(MIDDLE, target_id="someone-else")
    rehash_from(MIDDLE)
    path = latest_checkpoint_path()
    original = AuditEntry.objects.get(seq=N)
    text = path.read_text()
    assert chain[N].entry_hash in text
    path.write_text(text.replace(chain[N].entry_hash, original.entry_hash))
    result = audit_chain_verify()
    assert not result.ok and result.problem.code == "checkpoint_signature"
    assert "invalid signature" in str(result.problem)


def test_untouched_chain_passes(chain, capsys):
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert f"Audit log intact: {N} entries, head #{N} {chain[N].entry_hash}." in out
    assert f"Matches checkpoint {latest_checkpoint_path().name}: #{N}" in out


@pytest.mark.parametrize("chunk_size", [1, 7, 24, 25, 26])
def test_findings_do_not_depend_on_how_the_log_is_read_in_chunks(chain, chunk_size):
    forged = _insert_forged_after(MIDDLE)
    result = audit_chain_verify(chunk_size=chunk_size)
    assert (result.problem.code, result.problem.seq, result.problem.entry_id) == (
        "seq_order",
        MIDDLE + 1,
        forged.id,
    )
