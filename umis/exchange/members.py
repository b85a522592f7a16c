"""Who takes part in the exchange: the members, their keys, and the trust registry.

Every party has a member id written as X-Road writes a subsystem,
``INSTANCE/CLASS/MEMBER/SUBSYSTEM`` (UMIS is ``AZ/GOV/DMX/umis``), and Ed25519 keys named
by key ids.

- UMIS's own keys come from the environment like the permits' keys (one parser for both,
  ``umis.core.signing_keys``): ``UMIS_EXCHANGE_SIGNING_KEYS``, ``..._ACTIVE_KEY`` and
  ``UMIS_EXCHANGE_VERIFY_KEYS``; in the demo profile a key is generated once under var/.
- The other members' public keys are the trust registry: a JSON file named by
  ``UMIS_EXCHANGE_TRUST_FILE``, ``{"<member id>": {"<key id>": "<base64 public key>"}}``,
  which the operators write from what each partner publishes. It is deliberately not a
  table: the message log is checked against it (``manage.py exchange_verify``), and someone
  able to edit the log in the database must not be able to add a key there too.
- In the demo and in tests (``UMIS_SIMULATORS``) each simulated system signs with its own
  key, derived from one generated demo secret, and those keys join the registry. Production
  never has them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from umis.core.signing_keys import (
    KID,
    Keyring,
    decode_key,
    parse_keyring,
    suggested_key_id,
)

# The ten connected systems of the Service, by the short name the code uses for each.
SYSTEMS = (
    "egov",
    "population",
    "border",
    "payment",
    "tax",
    "labour",
    "internal-affairs",
    "health",
    "foreign-affairs",
    "state-security",
)

# The connected systems as people call them.
SYSTEM_NAMES = {
    "egov": _("e-Government portal"),
    "population": _("State Registry of Population"),
    "border": _("Entry-exit and registration system"),
    "payment": _("State payment gateway"),
    "tax": _("Tax service"),
    "labour": _("Employment contracts (labour ministry)"),
    "internal-affairs": _("Internal affairs"),
    "health": _("Health ministry"),
    "foreign-affairs": _("Foreign affairs"),
    "state-security": _("State security"),
}

SYSTEM_USER = "system"  # the user on whose behalf the Service's own background work asks


def own_member() -> str:
    return settings.UMIS_EXCHANGE_MEMBER


def member_of(system: str) -> str:
    members = settings.UMIS_EXCHANGE_SYSTEM_MEMBERS
    if system not in members:
        raise ValueError(f"unknown system {system!r}")
    return members[system]


def own_keyring() -> Keyring:
    return parse_keyring(
        settings.UMIS_EXCHANGE_SIGNING_KEYS,
        settings.UMIS_EXCHANGE_SIGNING_ACTIVE_KEY,
        getattr(settings, "UMIS_EXCHANGE_VERIFY_KEYS", ""),
        signing_name="UMIS_EXCHANGE_SIGNING_KEYS",
        verify_name="UMIS_EXCHANGE_VERIFY_KEYS",
    )


@dataclass(frozen=True)
class SimulatorKey:
    key_id: str
    private: Ed25519PrivateKey


@lru_cache(maxsize=64)
def _derived_key(seed: str, member: str) -> SimulatorKey:
    private = Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"umis-simulator-key|{seed}|{member}".encode()).digest()
    )
    return SimulatorKey(key_id=suggested_key_id(private.public_key()), private=private)


def simulator_key(system: str) -> SimulatorKey:
    """The demo key a simulated system signs with (never available in production)."""
    seed = getattr(settings, "UMIS_EXCHANGE_SIMULATOR_SEED", "")
    if not (settings.UMIS_SIMULATORS and seed):
        raise ImproperlyConfigured("Simulator keys exist only where the simulators run")
    return _derived_key(seed, member_of(system))


@lru_cache(maxsize=8)
def _trust_file(path: str) -> dict[str, dict[str, Ed25519PublicKey]]:
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(f"UMIS_EXCHANGE_TRUST_FILE cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise ImproperlyConfigured("UMIS_EXCHANGE_TRUST_FILE must hold a JSON object")
    registry: dict[str, dict[str, Ed25519PublicKey]] = {}
    for member, keys in data.items():
        if not isinstance(keys, dict):
            raise ImproperlyConfigured(f"Trust registry: {member!r} must map key ids to keys")
        registry[member] = {}
        for kid, b64 in keys.items():
            if not KID.match(kid) or not isinstance(b64, str):
                raise ImproperlyConfigured(f"Trust registry: bad key id {kid!r} of {member!r}")
            raw = decode_key(b64, name=f"Trust registry key {kid!r} of {member!r}")
            registry[member][kid] = Ed25519PublicKey.from_public_bytes(raw)
    return registry


def trust_registry() -> dict[str, dict[str, Ed25519PublicKey]]:
    """Every member's public keys by key id: the file, UMIS itself, and (demo and tests
    only) the simulators."""
    registry = {
        member: dict(keys)
        for member, keys in _trust_file(getattr(settings, "UMIS_EXCHANGE_TRUST_FILE", "")).items()
    }
    registry.setdefault(own_member(), {}).update(own_keyring().verifying)
    if settings.UMIS_SIMULATORS and getattr(settings, "UMIS_EXCHANGE_SIMULATOR_SEED", ""):
        for system in SYSTEMS:
            key = simulator_key(system)
            registry.setdefault(member_of(system), {})[key.key_id] = key.private.public_key()
    return registry


class UnknownMember(LookupError):
    pass


class UnknownKey(LookupError):
    pass


def public_key(member: str, key_id: str) -> Ed25519PublicKey:
    """The key that verifies what ``member`` signed under ``key_id``."""
    keys = trust_registry().get(member)
    if keys is None:
        raise UnknownMember(member)
    key = keys.get(key_id)
    if key is None:
        raise UnknownKey(f"{member} {key_id}")
    return key
