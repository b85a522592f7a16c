"""UMIS's exchange keys: listed for the partners' trust registries, rotated like the others."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from umis.exchange import systems
from umis.exchange.log import log_entry_problems
from umis.exchange.members import own_keyring
from umis.exchange.models import ExchangeMessage

pytestmark = pytest.mark.django_db


def keys(*args: str) -> str:
    out = StringIO()
    call_command("exchange_keys", *args, stdout=out)
    return out.getvalue()


def ask():
    return systems.border().entry_exit(
        document_number="P12345678",
        nationality="IRN",
        birth_date=date(1988, 4, 17),
        arrival_date=None,
        reference="R-1",
    )


def test_the_listing_gives_the_trust_registry_entry_and_no_private_key(settings):
    text = keys()
    ring = own_keyring()
    assert text.startswith("AZ/GOV/DMX/umis\n")
    assert ring.active in text
    start, end = text.index("{"), text.rindex("}") + 1
    entry = json.loads(text[start:end])
    assert list(entry) == ["AZ/GOV/DMX/umis"] and ring.active in entry["AZ/GOV/DMX/umis"]
    assert settings.UMIS_EXCHANGE_SIGNING_KEYS.split(":", 1)[1] not in text
    assert "AZ/GOV/DMX/entry-exit" in text  # a member UMIS trusts (the demo simulator)


def test_a_new_key_signs_and_the_retired_one_still_verifies_the_log(settings):
    ask()
    old_kid = own_keyring().active
    text = keys("--new")
    lines = [line for line in text.splitlines() if ":" in line and " " not in line]
    private_line, public_line = lines
    kid = private_line.split(":", 1)[0]
    old_public = next(
        line.split("\t")[2] for line in keys().splitlines() if line.startswith(old_kid + "\t")
    )
    settings.UMIS_EXCHANGE_SIGNING_KEYS = private_line
    settings.UMIS_EXCHANGE_SIGNING_ACTIVE_KEY = kid
    settings.UMIS_EXCHANGE_VERIFY_KEYS = old_public
    assert public_line.startswith(kid + ":")
    ask()  # the simulator verifies the new key through the same registry
    first, second = ExchangeMessage.objects.order_by("id")
    assert (first.request_key_id, second.request_key_id) == (old_kid, kid)
    assert log_entry_problems(first) == [] and log_entry_problems(second) == []
