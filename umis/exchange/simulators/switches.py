"""The switches that make a simulated system misbehave, for the demo and the tests.

Each system is ``normal``, ``slow`` (answers after ``delay`` seconds), ``failing`` (HTTP 503,
as a system that is down), ``garbage`` (a signed answer that is not the operation's schema)
or ``forged`` (an answer whose signature does not verify). The switch is a row of
``SimulatorSwitch``, so the standalone simulators (``manage.py run_simulators``), the ones
the web server mounts at ``/simulators/`` and ``manage.py simulator_mode`` all see the same
one. No row means normal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.exchange.models import SimulatorMode, SimulatorSwitch

DEFAULT_SLOW_SECONDS = 5.0
MAX_DELAY_SECONDS = 600.0


@dataclass(frozen=True)
class Switch:
    mode: str = SimulatorMode.NORMAL
    delay_seconds: float = 0.0


def switch_of(system: str) -> Switch:
    row = SimulatorSwitch.objects.filter(system=system).first()
    if row is None:
        return Switch()
    return Switch(row.mode, row.delay_seconds)


def switches() -> dict[str, Switch]:
    return {
        row.system: Switch(row.mode, row.delay_seconds) for row in SimulatorSwitch.objects.all()
    }


def checked_switch(*, mode: str, delay: float | str | None) -> Switch:
    """The switch asked for, or ``ValidationFailed`` naming the field that is wrong."""
    if mode not in SimulatorMode.values:
        raise ValidationFailed(
            fields={
                "mode": _("Choose one of: %(modes)s.") % {"modes": ", ".join(SimulatorMode.values)}
            }
        )
    if mode != SimulatorMode.SLOW:
        return Switch(mode, 0.0)
    if delay is None or delay == "":
        return Switch(mode, DEFAULT_SLOW_SECONDS)
    try:
        seconds = float(delay)
    except (TypeError, ValueError):
        seconds = math.nan
    if not 0 < seconds <= MAX_DELAY_SECONDS:  # also false for NaN
        raise ValidationFailed(
            fields={
                "delay": _("Give the delay as a number of seconds above 0 and at most %(max)s.")
                % {"max": int(MAX_DELAY_SECONDS)}
            }
        )
    return Switch(mode, seconds)


def simulator_switch_set(*, system: str, switch: Switch) -> Switch:
    SimulatorSwitch.objects.update_or_create(
        system=system, defaults={"mode": switch.mode, "delay_seconds": switch.delay_seconds}
    )
    return switch


def simulator_switches_reset() -> None:
    """Every system back to normal."""
    SimulatorSwitch.objects.all().delete()
