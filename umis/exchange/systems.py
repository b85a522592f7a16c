"""The adapter in use for each state system.

By default the HTTP clients; ``settings.UMIS_EXCHANGE_ADAPTERS`` may name another class
for a system (``{"border": "dotted.path.Class"}``), e.g. a different protocol version.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from umis.exchange.adapters.border import BorderSystem, HttpBorderSystem
from umis.exchange.adapters.foreign_affairs import ForeignAffairs, HttpForeignAffairs
from umis.exchange.adapters.health import HealthRegistry, HttpHealthRegistry
from umis.exchange.adapters.internal_affairs import HttpInternalAffairs, InternalAffairs
from umis.exchange.adapters.labour import HttpLabourRegistry, LabourRegistry
from umis.exchange.adapters.payment import HttpPaymentGateway, PaymentGateway
from umis.exchange.adapters.population import HttpPopulationRegistry, PopulationRegistry
from umis.exchange.adapters.state_security import HttpStateSecurity, StateSecurity
from umis.exchange.adapters.tax import HttpTaxService, TaxService


def _build(system: str, default: type) -> Any:
    overrides = getattr(settings, "UMIS_EXCHANGE_ADAPTERS", {}) or {}
    path = overrides.get(system)
    return (import_string(path) if path else default)()


def border() -> BorderSystem:
    return _build("border", HttpBorderSystem)


def payment() -> PaymentGateway:
    return _build("payment", HttpPaymentGateway)


def internal_affairs() -> InternalAffairs:
    return _build("internal-affairs", HttpInternalAffairs)


def health() -> HealthRegistry:
    return _build("health", HttpHealthRegistry)


def state_security() -> StateSecurity:
    return _build("state-security", HttpStateSecurity)


def population() -> PopulationRegistry:
    return _build("population", HttpPopulationRegistry)


def tax() -> TaxService:
    return _build("tax", HttpTaxService)


def labour() -> LabourRegistry:
    return _build("labour", HttpLabourRegistry)


def foreign_affairs() -> ForeignAffairs:
    return _build("foreign-affairs", HttpForeignAffairs)
