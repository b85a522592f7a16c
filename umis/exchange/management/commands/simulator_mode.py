"""Switch a simulated state system (or all of them) while the simulators run, or list them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.exchange.models import SimulatorMode
from umis.exchange.simulators.server import mounted_systems
from umis.exchange.simulators.switches import (
    Switch,
    checked_switch,
    simulator_switch_set,
    switches,
)

ALL = "all"


class Command(BaseCommand):
    help = (
        "Switch a simulated state system: normal, slow (--delay seconds), failing (HTTP 503), "
        "garbage (an answer off the schema) or forged (a bad signature); 'all' switches every "
        "system. Without arguments, list each system's mode. Both the standalone simulators "
        "and the ones the web server mounts follow the switch at their next request."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("system", nargs="?", help="a simulated system, or 'all'")
        parser.add_argument("mode", nargs="?", choices=SimulatorMode.values)
        parser.add_argument("--delay", help="seconds, for the slow mode (default 5)")

    def handle(self, *args: Any, system: str | None, mode: str | None, **options: Any) -> None:
        if not settings.UMIS_SIMULATORS:
            raise CommandError(
                _("The simulators are off (UMIS_SIMULATORS): they never run in production.")
            )
        systems = mounted_systems()
        if system is not None:
            if system != ALL and system not in systems:
                raise CommandError(
                    _("%(system)s is not a simulated system (%(systems)s).")
                    % {"system": system, "systems": ", ".join([*systems, ALL])}
                )
            if mode is None:
                raise CommandError(
                    _("Give the mode: %(modes)s.") % {"modes": ", ".join(SimulatorMode.values)}
                )
            try:
                switch = checked_switch(mode=mode, delay=options["delay"])
            except ValidationFailed as exc:
                raise CommandError(" ".join(exc.fields.values())) from exc
            for one in systems if system == ALL else [system]:
                simulator_switch_set(system=one, switch=switch)
        current = switches()
        for one in systems:
            switch = current.get(one, Switch())
            delay = f" {switch.delay_seconds:g} s" if switch.mode == SimulatorMode.SLOW else ""
            self.stdout.write(f"{one}\t{switch.mode}{delay}")
