"""Field encryption: what is stored, what fails loudly, and key rotation."""

from __future__ import annotations

import base64
import os

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from umis.core import crypto
from umis.people.models import IdentityDocument, Person

K1 = base64.b64encode(os.urandom(32)).decode()
K2 = base64.b64encode(os.urandom(32)).decode()
CONTEXT = "people.IdentityDocument.number"


@pytest.fixture
def one_key(settings):
    settings.UMIS_ENCRYPTION_KEYS = f"k1:{K1}"
    settings.UMIS_ENCRYPTION_ACTIVE_KEY = "k1"
    return settings


def _raw_numbers() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM people_identitydocument ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def _document(number: str) -> IdentityDocument:
    person = Person.objects.create(
        surname_latin="Eriksson", birth_year=1974, sex="F", nationality="SWE"
    )
    return IdentityDocument.objects.create(
        person=person, type="passport", number=number, number_index="x", issuing_state="SWE"
    )


def test_round_trip_carries_version_and_key_id(one_key):
    token = crypto.encrypt("C01X00T47", context=CONTEXT)
    assert token.startswith("v1:k1:")
    assert "C01X00T47" not in token
    assert crypto.decrypt(token, context=CONTEXT) == "C01X00T47"
    # A fresh nonce each time: equal numbers do not give equal ciphertexts.
    assert crypto.encrypt("C01X00T47", context=CONTEXT) != token


def test_tampered_ciphertext_is_refused(one_key):
    token = crypto.encrypt("C01X00T47", context=CONTEXT)
    head, payload = token.rsplit(":", 1)
    blob = bytearray(base64.b64decode(payload))
    blob[-1] ^= 0x01
    tampered = f"{head}:{base64.b64encode(bytes(blob)).decode()}"
    with pytest.raises(crypto.DecryptionError, match="failed authentication"):
        crypto.decrypt(tampered, context=CONTEXT)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt("v1:k1:not-base64!", context=CONTEXT)


def test_value_cannot_be_moved_to_another_column_or_relabelled(settings):
    settings.UMIS_ENCRYPTION_KEYS = f"k1:{K1},k2:{K1}"  # the same key under two ids
    settings.UMIS_ENCRYPTION_ACTIVE_KEY = "k1"
    token = crypto.encrypt("secret", context=CONTEXT)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context="people.Person.email")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token.replace("v1:k1:", "v1:k2:"), context=CONTEXT)


def test_unknown_key_id_names_the_key(one_key, settings):
    token = crypto.encrypt("secret", context=CONTEXT)
    settings.UMIS_ENCRYPTION_KEYS = f"k2:{K2}"
    settings.UMIS_ENCRYPTION_ACTIVE_KEY = "k2"
    with pytest.raises(crypto.UnknownKeyError, match="'k1'"):
        crypto.decrypt(token, context=CONTEXT)


def test_misconfigured_keyring_is_a_clear_error(settings):
    settings.UMIS_ENCRYPTION_KEYS = f"k1:{K1}"
    settings.UMIS_ENCRYPTION_ACTIVE_KEY = "k9"
    with pytest.raises(ImproperlyConfigured, match="k9"):
        crypto.encrypt("x", context=CONTEXT)
    settings.UMIS_ENCRYPTION_KEYS = "k1:" + base64.b64encode(b"short").decode()
    settings.UMIS_ENCRYPTION_ACTIVE_KEY = "k1"
    with pytest.raises(ImproperlyConfigured, match="32 bytes"):
        crypto.encrypt("x", context=CONTEXT)


def test_rotation_reads_old_values_and_reencrypts(one_key, settings):
    old = crypto.encrypt("AB1234567", context=CONTEXT)
    settings.UMIS_ENCRYPTION_KEYS = f"k1:{K1},k2:{K2}"
    settings.UMIS_ENCRYPTION_ACTIVE_KEY = "k2"
    assert crypto.decrypt(old, context=CONTEXT) == "AB1234567"
    assert crypto.needs_reencryption(old)
    new = crypto.reencrypt(old, context=CONTEXT)
    assert crypto.key_id_of(new) == "k2"
    assert crypto.reencrypt(new, context=CONTEXT) == new
    settings.UMIS_ENCRYPTION_KEYS = f"k2:{K2}"  # the old key retired
    assert crypto.decrypt(new, context=CONTEXT) == "AB1234567"


@pytest.mark.django_db
def test_database_column_never_holds_the_plaintext(one_key):
    document = _document("C01X00T47")
    (raw,) = _raw_numbers()
    assert raw.startswith("v1:k1:")
    assert "C01X00T47" not in raw
    assert IdentityDocument.objects.get(pk=document.pk).number == "C01X00T47"


@pytest.mark.django_db
def test_filtering_on_the_encrypted_column_is_refused(one_key):
    with pytest.raises(TypeError, match="blind index"):
        IdentityDocument.objects.filter(number="C01X00T47")


@pytest.mark.django_db
def test_rotate_encryption_command_rewrites_rows_in_batches(one_key, settings, capsys):
    numbers = [f"N{i:07d}" for i in range(5)]
    for number in numbers:
        _document(number)
    settings.UMIS_ENCRYPTION_KEYS = f"k1:{K1},k2:{K2}"
    settings.UMIS_ENCRYPTION_ACTIVE_KEY = "k2"
    _document("NEW000001")  # already under k2: left alone

    call_command("rotate_encryption", batch_size=2)

    assert "people.IdentityDocument.number: 5 re-encrypted" in capsys.readouterr().out
    assert all(raw.startswith("v1:k2:") for raw in _raw_numbers())
    settings.UMIS_ENCRYPTION_KEYS = f"k2:{K2}"  # only now can k1 go
    assert sorted(IdentityDocument.objects.values_list("number", flat=True)) == sorted(
        [*numbers, "NEW000001"]
    )


@pytest.mark.django_db
def test_reading_a_row_under_a_removed_key_fails_loudly(one_key, settings):
    document = _document("C01X00T47")
    settings.UMIS_ENCRYPTION_KEYS = f"k2:{K2}"
    settings.UMIS_ENCRYPTION_ACTIVE_KEY = "k2"
    with pytest.raises(crypto.UnknownKeyError):
        IdentityDocument.objects.get(pk=document.pk)


def test_blind_index_normalises_and_is_keyed(settings):
    settings.UMIS_INDEX_KEY = K1
    index = crypto.blind_index("ab 12-345", purpose=CONTEXT)
    assert index == crypto.blind_index("AB12345", purpose=CONTEXT)
    assert index != crypto.blind_index("AB12346", purpose=CONTEXT)
    assert index != crypto.blind_index("AB12345", purpose="other.column")
    assert len(index) == 64 and "AB12345" not in index
    settings.UMIS_INDEX_KEY = K2
    assert crypto.blind_index("AB12345", purpose=CONTEXT) != index
