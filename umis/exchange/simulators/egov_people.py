"""The people the e-government portal's sign-in simulator knows (demo and tests only).

They are the demo's synthetic population, the persons ``seed_demo`` put in the registry
(the first few with a full birth date), each with the e-mail address the portal would
hold for them, plus the portal identities of two demo accounts: the applicant's (its
e-mail is that of an existing portal account, to try linking) and a case officer's (a
member of staff, to see that staff are refused).

Each person has a stable subject identifier, as the real portal gives each citizen and
resident one: derived from the simulators' demo secret, never the registry's own id.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.text import slugify

from umis.people.models import IdentityDocument, Person

PERSONS_SHOWN = 8
DEMO_ACCOUNT_DOMAIN = "demo.umis.example"  # the domain seed_demo gives its accounts
PORTAL_MAIL_DOMAIN = "asan.demo.umis.example"


@dataclass(frozen=True)
class PortalPerson:
    key: str
    given_name: str
    family_name: str
    birthdate: str  # as OpenID Connect writes it: YYYY-MM-DD, or YYYY when only the year
    email: str
    nationality: str = ""
    document: dict[str, str] | None = None
    fin: str | None = None
    note: str = ""  # what trying this person shows, for the demo's chooser

    @property
    def subject(self) -> str:
        seed = settings.UMIS_EXCHANGE_SIMULATOR_SEED.encode()
        return hmac.new(seed, f"egov-subject|{self.key}".encode(), hashlib.sha256).hexdigest()[:32]

    def claims(self, scopes: set[str]) -> dict[str, Any]:
        """The claims this person shares for the scopes asked (and agreed to)."""
        claims: dict[str, Any] = {"sub": self.subject}
        if "profile" in scopes:
            claims.update(
                given_name=self.given_name,
                family_name=self.family_name,
                name=f"{self.given_name} {self.family_name}",
                birthdate=self.birthdate,
            )
            if self.nationality:
                claims["nationality"] = self.nationality
        if "email" in scopes:
            claims.update(email=self.email, email_verified=True)
        if "document" in scopes:
            if self.document:
                claims["document"] = dict(self.document)
            if self.fin:
                claims["fin"] = self.fin
        return claims


# The portal identities of two of seed_demo's accounts (the same names and addresses).
DEMO_ACCOUNT_IDENTITIES = (
    PortalPerson(
        key="demo-applicant",
        given_name="Aylin",
        family_name="Yılmaz",
        birthdate="1991-06-12",
        email=f"applicant@{DEMO_ACCOUNT_DOMAIN}",
        nationality="TUR",
        document={"type": "passport", "number": "U25831046", "issuing_state": "TUR"},
        note="link",
    ),
    PortalPerson(
        key="demo-officer",
        given_name="Leyla",
        family_name="Əliyeva",
        birthdate="1986-02-03",
        email=f"officer@{DEMO_ACCOUNT_DOMAIN}",
        note="staff",
    ),
)


def _birthdate(person: Person) -> str:
    if person.birth_month and person.birth_day:
        return f"{person.birth_year:04d}-{person.birth_month:02d}-{person.birth_day:02d}"
    return f"{person.birth_year:04d}"


def _from_registry(person: Person) -> PortalPerson:
    document = next(iter(person.documents.all()), None)
    local = slugify(f"{person.given_names_latin} {person.surname_latin}").replace("-", ".")
    return PortalPerson(
        key=f"p{person.pk}",
        given_name=person.given_names_latin,
        family_name=person.surname_latin,
        birthdate=_birthdate(person),
        email=f"{local or 'person'}.{person.pk}@{PORTAL_MAIL_DOMAIN}",
        nationality=person.nationality,
        document=(
            {
                "type": document.type,
                "number": document.number,
                "issuing_state": document.issuing_state,
            }
            if document is not None
            else None
        ),
        fin=person.fin or None,
    )


def _registry_persons() -> QuerySet[Person]:
    primary = IdentityDocument.objects.filter(is_primary=True)
    return Person.objects.filter(merged_into__isnull=True).prefetch_related(
        Prefetch("documents", queryset=primary)
    )


def portal_people() -> list[PortalPerson]:
    """Whom the simulator offers to sign in as: the demo population's first persons, then
    the demo accounts' identities."""
    registry = (
        _registry_persons()
        .filter(birth_day__isnull=False)
        .exclude(given_names_latin="")
        .order_by("pk")[:PERSONS_SHOWN]
    )
    return [*(_from_registry(p) for p in registry), *DEMO_ACCOUNT_IDENTITIES]


def portal_person(key: str) -> PortalPerson | None:
    if key.startswith("p") and key[1:].isdigit():
        person = _registry_persons().filter(pk=int(key[1:])).first()
        return _from_registry(person) if person is not None else None
    return next((p for p in DEMO_ACCOUNT_IDENTITIES if p.key == key), None)
