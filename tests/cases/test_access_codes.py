"""The access code is kept as a keyed digest: a copy of the database opens nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password

from umis.cases.access_codes import access_code_digest, access_code_matches, access_code_new


def test_a_new_code_matches_its_digest_however_it_is_typed():
    code, stored = access_code_new()
    assert code not in stored
    assert access_code_matches(stored, code)
    assert access_code_matches(stored, f" {code[:4].lower()}-{code[4:]} ")
    assert not access_code_matches(stored, code[:-1] + ("2" if code[-1] != "2" else "3"))


def test_the_digest_depends_on_the_key_outside_the_database(settings):
    code, stored = access_code_new()
    settings.UMIS_INDEX_KEY = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY="
    assert access_code_digest(code) != stored
    assert not access_code_matches(stored, code)


@pytest.mark.parametrize("stored", ["", "not a digest"])
def test_nothing_or_garbage_stored_matches_nothing(stored):
    assert not access_code_matches(stored, "ABCDEFGH")


def test_codes_kept_with_the_password_hasher_before_still_open_their_application():
    stored = make_password("ABCDEFGH")
    assert access_code_matches(stored, "abcdefgh")
    assert not access_code_matches(stored, "ABCDEFGJ")
