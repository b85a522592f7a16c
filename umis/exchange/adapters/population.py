"""Population: the State Registry of Population, asked about citizens.

A citizen by FIN (the host of a foreigner must be a living citizen), and a search by name
and birth date (for citizenship cases, where the person may not know their FIN).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from umis.exchange.client import exchange_call, mask
from umis.exchange.members import SYSTEM_USER
from umis.exchange.operations import Answer, Operation

SYSTEM = "population"


class CitizenRecord(Answer):
    fin: str
    surname: str
    given_names: str
    patronymic: str = ""
    birth_date: dt.date
    alive: bool
    death_date: dt.date | None = None
    address: str = ""  # the registered address (propiska)


class CitizenAnswer(Answer):
    found: bool
    citizen: CitizenRecord | None = None


class CitizenSearchAnswer(Answer):
    citizens: list[CitizenRecord]


CITIZEN_BY_FIN = Operation(system=SYSTEM, name="citizens/by-fin", answer=CitizenAnswer)
CITIZEN_SEARCH = Operation(system=SYSTEM, name="citizens/search", answer=CitizenSearchAnswer)


@dataclass(frozen=True)
class Citizen:
    fin: str
    surname: str
    given_names: str
    patronymic: str
    birth_date: date
    alive: bool
    death_date: date | None
    address: str


def _citizen(record: CitizenRecord) -> Citizen:
    return Citizen(
        fin=record.fin,
        surname=record.surname,
        given_names=record.given_names,
        patronymic=record.patronymic,
        birth_date=record.birth_date,
        alive=record.alive,
        death_date=record.death_date,
        address=record.address,
    )


class PopulationRegistry(Protocol):
    def citizen(self, *, fin: str, reference: str, user: str = SYSTEM_USER) -> Citizen | None:
        """The citizen with this FIN, living or not; None if the registry has no such FIN."""
        ...

    def search(
        self,
        *,
        surname: str,
        given_names: str,
        birth_date: date,
        reference: str,
        user: str = SYSTEM_USER,
    ) -> list[Citizen]: ...


class HttpPopulationRegistry:
    def citizen(self, *, fin: str, reference: str, user: str = SYSTEM_USER) -> Citizen | None:
        answer: CitizenAnswer = exchange_call(
            operation=CITIZEN_BY_FIN,
            body={"fin": fin},
            reference=reference,
            summary={"fin": mask(fin)},
            user=user,
        )
        if not answer.found or answer.citizen is None:
            return None
        return _citizen(answer.citizen)

    def search(
        self,
        *,
        surname: str,
        given_names: str,
        birth_date: date,
        reference: str,
        user: str = SYSTEM_USER,
    ) -> list[Citizen]:
        answer: CitizenSearchAnswer = exchange_call(
            operation=CITIZEN_SEARCH,
            # The log keeps neither the names nor the birth date of whoever is searched.
            body={
                "surname": surname,
                "given_names": given_names,
                "birth_date": birth_date.isoformat(),
            },
            reference=reference,
            user=user,
        )
        return [_citizen(record) for record in answer.citizens]
