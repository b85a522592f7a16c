"""Labour: the labour ministry's register of employment contracts.

Asked whether a contract between a person (by travel document and birth date) and an
employer (by TIN) is registered, as a permit on work grounds requires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from umis.exchange.client import exchange_call, mask
from umis.exchange.members import SYSTEM_USER
from umis.exchange.operations import Answer, Operation

SYSTEM = "labour"

ContractStatus = Literal["active", "suspended", "terminated"]


class ContractRecord(Answer):
    contract_number: str
    employer_tin: str
    position: str
    start_date: dt.date
    end_date: dt.date | None = None  # None: a contract of indefinite duration
    status: ContractStatus


class ContractsAnswer(Answer):
    contracts: list[ContractRecord]


CONTRACTS_SEARCH = Operation(system=SYSTEM, name="contracts/search", answer=ContractsAnswer)


@dataclass(frozen=True)
class EmploymentContract:
    contract_number: str
    employer_tin: str
    position: str
    start_date: date
    end_date: date | None
    status: str


class LabourRegistry(Protocol):
    def contract(
        self,
        *,
        document_number: str,
        birth_date: date,
        employer_tin: str,
        reference: str,
        user: str = SYSTEM_USER,
    ) -> EmploymentContract | None:
        """The latest contract of this person with this employer; None if none is registered."""
        ...


class HttpLabourRegistry:
    def contract(
        self,
        *,
        document_number: str,
        birth_date: date,
        employer_tin: str,
        reference: str,
        user: str = SYSTEM_USER,
    ) -> EmploymentContract | None:
        answer: ContractsAnswer = exchange_call(
            operation=CONTRACTS_SEARCH,
            body={
                "document_number": document_number,
                "birth_date": birth_date.isoformat(),
                "employer_tin": employer_tin,
            },
            reference=reference,
            summary={"document": mask(document_number), "employer_tin": mask(employer_tin)},
            user=user,
        )
        # The register may list the person's contracts with other employers too.
        mine = [c for c in answer.contracts if c.employer_tin == employer_tin]
        latest = max(mine, key=lambda c: c.start_date, default=None)
        if latest is None:
            return None
        return EmploymentContract(
            contract_number=latest.contract_number,
            employer_tin=latest.employer_tin,
            position=latest.position,
            start_date=latest.start_date,
            end_date=latest.end_date,
            status=latest.status,
        )
