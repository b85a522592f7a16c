"""The State Registry of Population: citizens by FIN, and a search by name and birth date."""

from __future__ import annotations

from typing import Any

from umis.exchange.simulators import registers
from umis.exchange.simulators.base import (
    BAD_SIGNATURE,
    DOWN,
    OFF_SCHEMA,
    BadRequest,
    Reply,
    date_field,
    down,
    simulator,
    text_field,
)


@simulator("population", "citizens/by-fin")
def citizen_by_fin(data: dict[str, Any]) -> Reply:
    fin = text_field(data, "fin")
    if fin.endswith(DOWN):
        return down()
    if fin.endswith(OFF_SCHEMA):
        return Reply({"found": "yes", "citizen": {"fin": fin, "alive": "probably"}})
    record = registers.citizen(fin)
    return Reply(
        {"found": record is not None, "citizen": record}, forged=fin.endswith(BAD_SIGNATURE)
    )


@simulator("population", "citizens/search")
def citizen_search(data: dict[str, Any]) -> Reply:
    surname = text_field(data, "surname")
    given_names = text_field(data, "given_names")
    born = date_field(data, "birth_date")
    if born is None:
        raise BadRequest("birth_date is required")
    return Reply({"citizens": registers.citizens_named(surname, given_names, born)})
