"""Signed checkpoints and the two commands that operators run."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.audit.helpers import build_chain, tamper_update
from umis.audit.chain import GENESIS_HASH
from umis.audit.checkpoints import key_id_for, latest_checkpoint_path, signing_key
from umis.audit.services import CheckpointRefused, audit_checkpoint_create
from umis.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db


def test_checkpoint_is_a_signed_file_for_the_current_head(settings):
    entries = build_chain(5)
    checkpoint = audit_checkpoint_create()
    data = json.loads(checkpoint.path.read_text())
    assert checkpoint.path.parent == settings.UMIS_AUDIT_CHECKPOINT_DIR
    assert (data["seq"], data["count"], data["head_hash"]) == (5, 5, entries[-1].entry_hash)
    assert data["key_id"] == key_id_for(signing_key().public_key())
    assert data["created_at"].endswith("Z")
    # Anyone holding the public key can check it, offline.
    public = signing_key().public_key()
    unsigned = {k: v for k, v in data.items() if k != "signature"}
    message = json.dumps(unsigned, sort_keys=True, separators=(",", ":")).encode()
    public.verify(base64.b64decode(data["signature"]), message)


def test_checkpoints_accumulate_and_sort_by_time_then_sequence():
    build_chain(2)
    first = audit_checkpoint_create()
    again = audit_checkpoint_create()
    build_chain(3)
    latest = audit_checkpoint_create()
    names = sorted(p.name for p in first.path.parent.iterdir())
    assert names == [first.path.name, again.path.name, latest.path.name]
    assert json.loads(first.path.read_text())["seq"] == 2  # never overwritten
    assert latest_checkpoint_path() == latest.path and latest.seq == 5


def test_checkpoint_of_an_empty_log():
    checkpoint = audit_checkpoint_create()
    assert (checkpoint.seq, checkpoint.head_hash) == (0, GENESIS_HASH)
    assert audit_chain_verify().ok


def test_a_broken_chain_is_not_signed():
    build_chain(6)
    audit_checkpoint_create()
    build_chain(4)
    tamper_update(8, reason="edited after the checkpoint")
    with pytest.raises(CheckpointRefused) as refused:
        audit_checkpoint_create()
    assert refused.value.result.problem.seq == 8
    assert len(list(latest_checkpoint_path().parent.iterdir())) == 1
    with pytest.raises(CommandError, match=r"Not signed.*entry #8 \(id \d+\)"):
        call_command("audit_checkpoint")


def test_a_retired_key_still_vouches_for_its_checkpoints(settings):
    build_chain(3)
    old = audit_checkpoint_create()
    old_public = signing_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    new_key = Ed25519PrivateKey.generate().private_bytes_raw()
    settings.UMIS_AUDIT_SIGNING_KEY = base64.b64encode(new_key).decode()
    assert audit_chain_verify(old.path).problem.code == "checkpoint_signature"
    settings.UMIS_AUDIT_TRUSTED_PUBLIC_KEYS = [base64.b64encode(old_public).decode()]
    assert audit_chain_verify(old.path).ok


def test_verify_command_checks_against_the_latest_or_a_chosen_checkpoint(capsys):
    build_chain(4)
    older = audit_checkpoint_create()
    build_chain(4)
    audit_checkpoint_create()
    call_command("audit_verify")
    assert "Matches checkpoint checkpoint-" in capsys.readouterr().out
    call_command("audit_verify", checkpoint=str(older.path))
    assert f"Matches checkpoint {older.path.name}: #4 signed" in capsys.readouterr().out


def test_verify_command_without_any_checkpoint_warns(capsys):
    build_chain(2)
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert "Audit log intact: 2 entries" in out and "No checkpoint" in out
    call_command("audit_verify", "--no-checkpoint")
    assert "No checkpoint" not in capsys.readouterr().out


@pytest.mark.parametrize("content", [None, "not json", '{"format": "something else"}'])
def test_an_unusable_checkpoint_file_fails_clearly(tmp_path, content):
    build_chain(2)
    path = tmp_path / "given.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError, match="given.json"):
        call_command("audit_verify", checkpoint=str(path))


def test_full_check_before_signing_also_looks_behind_the_previous_checkpoint():
    build_chain(6)
    audit_checkpoint_create()
    tamper_update(3, reason="edited before the checkpoint")
    # The quick check trusts the previous checkpoint (the head it signs is unchanged) ...
    assert audit_checkpoint_create().seq == 6
    # ... the full one does not, and audit_verify always reports the edit.
    with pytest.raises(CheckpointRefused) as refused:
        audit_checkpoint_create(full=True)
    assert refused.value.result.problem.seq == 3
    with pytest.raises(CommandError, match=r"entry #3 \(id \d+\)"):
        call_command("audit_checkpoint", "--full")
    assert audit_chain_verify().problem.seq == 3
