"""Serve the simulated state systems over HTTP, each on its own port, until interrupted."""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from umis.core.errors import ValidationFailed
from umis.exchange.members import SYSTEM_NAMES
from umis.exchange.simulators.server import (
    DEFAULT_BASE_PORT,
    THREADS_PER_SYSTEM,
    SimulatorServers,
    mounted_systems,
    system_ports,
)
from umis.exchange.simulators.switches import (
    Switch,
    checked_switch,
    simulator_switch_set,
    simulator_switches_reset,
)


def _interrupt(signum: int, frame: Any) -> None:
    # Ctrl-C reaches the whole process group and run_demo then terminates its children
    # too: the first signal stops the servers, the later ones must not break the stopping.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _pairs(values: list[str], option: str, example: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        for item in filter(None, (part.strip() for part in value.split(","))):
            system, equals, setting = item.partition("=")
            if not equals or not system.strip() or not setting.strip():
                raise CommandError(
                    _("Write %(option)s as %(example)s.") % {"option": option, "example": example}
                )
            pairs.append((system.strip(), setting.strip()))
    return pairs


def starting_switches(
    *, modes: list[str], slow: list[str], systems: list[str]
) -> dict[str, Switch]:
    """The switches asked for at start, checked; every other system starts normal."""
    wanted: dict[str, Switch] = {}
    asked = [("--mode", s, m, None) for s, m in _pairs(modes, "--mode", "payment=failing")]
    asked += [("--slow", s, "slow", d) for s, d in _pairs(slow, "--slow", "payment=5")]
    for option, system, mode, delay in asked:
        if system not in systems:
            raise CommandError(
                _("%(option)s: %(system)s is not a simulated system (%(systems)s).")
                % {"option": option, "system": system, "systems": ", ".join(systems)}
            )
        try:
            wanted[system] = checked_switch(mode=mode, delay=delay)
        except ValidationFailed as exc:
            raise CommandError(f"{option} {system}: {' '.join(exc.fields.values())}") from exc
    return wanted


class Command(BaseCommand):
    help = (
        "Serve every simulated state system over HTTP, each on its own port from the base "
        "port, until interrupted; --mode and --slow switch systems at start."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--base-port", type=int, default=DEFAULT_BASE_PORT)
        parser.add_argument("--threads", type=int, default=THREADS_PER_SYSTEM)
        parser.add_argument(
            "--mode",
            action="append",
            default=[],
            metavar="SYSTEM=MODE",
            help="normal, slow, failing, garbage or forged (repeat, or separate by commas)",
        )
        parser.add_argument(
            "--slow",
            action="append",
            default=[],
            metavar="SYSTEM=SECONDS",
            help="answer only after this many seconds (repeat, or separate by commas)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.UMIS_SIMULATORS:
            raise CommandError(
                _("The simulators are off (UMIS_SIMULATORS): they never run in production.")
            )
        systems = mounted_systems()
        wanted = starting_switches(modes=options["mode"], slow=options["slow"], systems=systems)
        ports = system_ports(options["base_port"], systems)
        try:
            servers = SimulatorServers(
                host=options["host"], ports=ports, threads=max(1, options["threads"])
            )
        except OSError as exc:
            raise CommandError(
                _("The simulators' ports could not be opened: %(error)s") % {"error": exc}
            ) from exc
        # A fresh start is a known state: every system normal but those asked for.
        simulator_switches_reset()
        for system, switch in wanted.items():
            simulator_switch_set(system=system, switch=switch)
        self._print_table(servers, wanted)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)
            signal.signal(signal.SIGINT, _interrupt)
        with contextlib.suppress(KeyboardInterrupt):
            servers.run()
        self.stdout.write(_("The simulators stopped."))

    def _print_table(self, servers: SimulatorServers, wanted: dict[str, Switch]) -> None:
        self.stdout.write(
            self.style.SUCCESS(_("State-system simulators (Ctrl-C stops them):")), ending="\n"
        )
        rows = [(_("system"), _("address"), _("mode"), _("name"))]
        for system, url in servers.urls.items():
            switch = wanted.get(system, Switch())
            mode = switch.mode + (f" {switch.delay_seconds:g} s" if switch.mode == "slow" else "")
            rows.append((system, url, mode, str(SYSTEM_NAMES.get(system, system))))
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))
        self.stdout.flush()
