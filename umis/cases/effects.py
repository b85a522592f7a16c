"""What happens after a transition commits: notifications, documents, exchange calls.

Handlers register per transition name::

    @on_transition("approve")
    def notify_applicant(event: ApplicationEvent) -> None: ...

``application_transition`` schedules every handler with ``transaction.on_commit``, so a
handler runs once after the change is durable and never when it rolls back. Handlers
are registered ``robust``: one that fails is logged and does not undo or hide the change
(which is already committed). Handlers should enqueue real work as a task, not do it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction

from umis.cases.states import TRANSITIONS

if TYPE_CHECKING:
    from umis.cases.models import ApplicationEvent

Handler = Callable[["ApplicationEvent"], None]

_HANDLERS: dict[str, list[Handler]] = {}


def on_transition(name: str) -> Callable[[Handler], Handler]:
    if name not in TRANSITIONS:
        raise ValueError(f"unknown transition {name!r}")

    def register(handler: Handler) -> Handler:
        handlers = _HANDLERS.setdefault(name, [])
        if handler not in handlers:
            handlers.append(handler)
        return handler

    return register


def unregister(name: str, handler: Handler) -> None:
    if handler in _HANDLERS.get(name, []):
        _HANDLERS[name].remove(handler)


def handlers_for(name: str) -> list[Handler]:
    return list(_HANDLERS.get(name, []))


def effects_enqueue(*, event: ApplicationEvent) -> None:
    """Schedule the handlers of ``event.transition`` to run after the commit."""
    for handler in handlers_for(event.transition):
        transaction.on_commit(_bound(handler, event), robust=True)


def _bound(handler: Handler, event: ApplicationEvent) -> Callable[[], None]:
    # A real function, not functools.partial: Django names the callback (__qualname__)
    # when it logs a failure of a robust on_commit handler.
    def run() -> None:
        handler(event)

    run.__qualname__ = getattr(handler, "__qualname__", repr(handler))
    return run
