"""An operation of a state system, declared once in its adapter.

The declaration says what the answer must look like (a strict pydantic model: an answer
that does not match is rejected, never coerced), whether asking twice is harmless (only
idempotent operations are tried again at once), and why UMIS asks (the purpose written
into every message and the log).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

APPLICATION_CHECK = "application-check"


class Answer(BaseModel):
    """The base of every answer schema: strict types; fields we do not read are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


@dataclass(frozen=True)
class Operation:
    system: str
    name: str  # the path under the system's address, e.g. "crossings/search"
    answer: type[Answer]
    idempotent: bool = True
    purpose: str = APPLICATION_CHECK

    def __str__(self) -> str:
        return f"{self.system}.{self.name}"
