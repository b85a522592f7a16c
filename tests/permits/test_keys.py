"""The signing keys: rotation keeps old signatures valid; the JWKS publishes what verifies."""

from __future__ import annotations

import base64
from io import StringIO

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config.secrets import _generate
from tests.permits.conftest import DURING, use_keys
from umis.permits.payload import Outcome, Reason, sign_permit_payload, verify_payload
from umis.permits.signing import jwks, keyring, new_signing_key


def test_rotation_keeps_what_the_old_key_signed_valid(settings, claims):
    old, new = new_signing_key(), new_signing_key()
    use_keys(settings, (old[0], old[1]))
    signed_before = sign_permit_payload(claims)
    # A new key becomes active; the old one stays listed.
    use_keys(settings, (old[0], old[1]), (new[0], new[1]), active=new[0])
    signed_after = sign_permit_payload(claims)
    assert verify_payload(signed_before, now=DURING).key_id == old[0]
    assert verify_payload(signed_before, now=DURING).outcome == Outcome.VALID
    assert verify_payload(signed_after, now=DURING).key_id == new[0]
    # Later the old private key is destroyed: its public key still verifies, signs nothing.
    use_keys(settings, (new[0], new[1]), verify=f"{old[0]}:{old[2]}")
    assert verify_payload(signed_before, now=DURING).outcome == Outcome.VALID
    assert keyring().active == new[0] and old[0] not in keyring().signing
    # Dropped altogether, its codes no longer verify.
    use_keys(settings, (new[0], new[1]))
    assert verify_payload(signed_before, now=DURING).reason == Reason.UNKNOWN_KEY


def test_the_jwks_lists_every_key_that_verifies(settings):
    active, other, retired = new_signing_key(), new_signing_key(), new_signing_key()
    use_keys(
        settings,
        (other[0], other[1]),
        (active[0], active[1]),
        active=active[0],
        verify=f"{retired[0]}:{retired[2]}",
    )
    keys = jwks()["keys"]
    assert [key["kid"] for key in keys][0] == active[0]
    assert {key["kid"] for key in keys} == {active[0], other[0], retired[0]}
    for key in keys:
        assert {k: key[k] for k in ("kty", "crv", "use", "alg")} == {
            "kty": "OKP",
            "crv": "Ed25519",
            "use": "sig",
            "alg": "EdDSA",
        }
        assert "d" not in key  # never a private key
        raw = base64.urlsafe_b64decode(key["x"] + "=" * (-len(key["x"]) % 4))
        assert raw == keyring().verifying[key["kid"]].public_bytes_raw()
        Ed25519PublicKey.from_public_bytes(raw)


def test_a_payload_verifies_with_nothing_but_the_published_jwks(settings, claims):
    """What a third party does: find the key by kid in the JWKS and check the signature."""
    import zlib

    import cbor2

    from umis.permits.base45 import b45decode

    key = new_signing_key()
    use_keys(settings, (key[0], key[1]))
    text = sign_permit_payload(claims)
    published = {k["kid"]: k for k in jwks()["keys"]}
    protected, _, payload, signature = cbor2.loads(zlib.decompress(b45decode(text[6:]))).value
    kid = cbor2.loads(protected)[4].decode()
    x = published[kid]["x"]
    public = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(x + "=" * (-len(x) % 4)))
    public.verify(signature, cbor2.dumps(["Signature1", protected, b"", payload]))


@pytest.mark.parametrize(
    ("keys", "active", "verify"),
    [
        ("", "", ""),
        ("no-colon", "x", ""),
        ("k1:not base64!", "k1", ""),
        ("k1:" + base64.b64encode(b"short").decode(), "k1", ""),
        ("k1:{a},k1:{b}", "k1", ""),
        ("k1:{a}", "k2", ""),
        ("k1:{a}", "k1", "k1:{pub}"),
        ("a-key-id-that-is-far-too-long:{a}", "a-key-id-that-is-far-too-long", ""),
    ],
)
def test_bad_key_settings_are_named(settings, keys, active, verify):
    a, b = new_signing_key(), new_signing_key()
    settings.UMIS_PERMIT_SIGNING_KEYS = keys.format(a=a[1], b=b[1])
    settings.UMIS_PERMIT_SIGNING_ACTIVE_KEY = active
    settings.UMIS_PERMIT_VERIFY_KEYS = verify.format(pub=a[2])
    with pytest.raises(ImproperlyConfigured):
        keyring()


def test_the_demo_profile_generates_a_working_key(settings, claims):
    generated = _generate("ed25519-keyring")
    kid = generated.split(":", 1)[0]
    settings.UMIS_PERMIT_SIGNING_KEYS = generated
    settings.UMIS_PERMIT_SIGNING_ACTIVE_KEY = kid
    settings.UMIS_PERMIT_VERIFY_KEYS = ""
    assert len(kid) == 8
    assert verify_payload(sign_permit_payload(claims), now=DURING).key_id == kid


def test_the_command_lists_key_ids_and_public_keys_only(settings):
    active, retired = new_signing_key(), new_signing_key()
    use_keys(settings, (active[0], active[1]), verify=f"{retired[0]}:{retired[2]}")
    out = StringIO()
    call_command("permit_keys", stdout=out)
    text = out.getvalue()
    assert active[0] in text and retired[0] in text and active[2] in text
    assert active[1] not in text


def test_the_command_prints_a_new_key_that_can_be_configured(settings, claims):
    out = StringIO()
    call_command("permit_keys", "--new", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if ":" in line and " " not in line]
    private_line, public_line = lines
    kid = private_line.split(":", 1)[0]
    settings.UMIS_PERMIT_SIGNING_KEYS = private_line
    settings.UMIS_PERMIT_SIGNING_ACTIVE_KEY = kid
    settings.UMIS_PERMIT_VERIFY_KEYS = ""
    assert public_line.startswith(kid + ":")
    assert verify_payload(sign_permit_payload(claims), now=DURING).outcome == Outcome.VALID
