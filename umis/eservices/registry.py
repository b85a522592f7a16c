"""The catalogue of e-services, filled at start-up from ``umis/eservices/services/``."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from umis.core.errors import NotFound
from umis.eservices.base import EService

_SERVICES: dict[str, EService] = {}


def register(service: EService) -> EService:
    existing = _SERVICES.get(service.code)
    if existing is not None and existing is not service:
        raise ValueError(f"e-service {service.code!r} is declared twice")
    _SERVICES[service.code] = service
    return service


def get(code: str) -> EService:
    service = _SERVICES.get(code)
    if service is None:
        raise NotFound(_("There is no e-service “%(code)s”.") % {"code": code})
    return service


def find(code: str) -> EService | None:
    """The service, or None for a code the catalogue no longer (or never) declared."""
    return _SERVICES.get(code)


def name_of(code: str) -> Any:
    """The service's name (lazy, in the active language); an unknown code keeps its code:
    an application of a service no longer offered must still be listed."""
    service = _SERVICES.get(code)
    return service.name if service else code


def all_services() -> list[EService]:
    return sorted(_SERVICES.values(), key=lambda s: s.code)


def discover() -> None:
    """Import every module of the services package: each registers itself."""
    from umis.eservices import services

    for info in pkgutil.iter_modules(services.__path__):
        importlib.import_module(f"{services.__name__}.{info.name}")


def application_due_date(*, service_code: str, accepted_on: date, tier: str | None) -> date | None:
    """The due date of an application accepted on ``accepted_on``.

    ``None`` for a service code the catalogue does not declare (older or test data):
    acceptance must not fail for want of a deadline rule.
    """
    service = _SERVICES.get(service_code)
    if service is None:
        return None
    return service.due_date(accepted_on=accepted_on, tier=tier)
