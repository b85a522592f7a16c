"""What happens after a transition commits: notifications, documents, exchange calls.

Handlers register per transition name::

    @on_transition("approve")
    def notify_applicant(event: ApplicationEvent) -> None: ...

``application_transition`` schedules every handler with ``transaction.on_commit``, so a
handler runs once after the change is durable and never when it rolls back. Handlers
are registered ``robust``: one that fails is logged and does not undo or hide the change
(which is already committed). Handlers should enqueue real work as a task, not do it.

``@in_transaction(name)`` (or ``in_transaction(ALL)``) registers a handler called inside
the transition's own transaction instead: what it writes (an outbox row, a task row)
commits or rolls back with the change. Such a handler must only write to the database;
an exception in it aborts the transition.

``@before_save(name)`` registers a handler that shapes the change itself: it gets the
application after the transition set its new state and before the row is written, and may
set more of it (a flag that comes with the transition), so that one write carries all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction

from umis.cases.states import TRANSITIONS

if TYPE_CHECKING:
    from umis.cases.models import Application, ApplicationEvent

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
    if handler in _IN_TRANSACTION.get(name, []):
        _IN_TRANSACTION[name].remove(handler)


ALL = "*"  # every transition

_IN_TRANSACTION: dict[str, list[Handler]] = {}


def in_transaction(name: str) -> Callable[[Handler], Handler]:
    if name != ALL and name not in TRANSITIONS:
        raise ValueError(f"unknown transition {name!r}")

    def register(handler: Handler) -> Handler:
        handlers = _IN_TRANSACTION.setdefault(name, [])
        if handler not in handlers:
            handlers.append(handler)
        return handler

    return register


Shaper = Callable[["Application"], None]

_BEFORE_SAVE: dict[str, list[Shaper]] = {}


def before_save(name: str) -> Callable[[Shaper], Shaper]:
    if name not in TRANSITIONS:
        raise ValueError(f"unknown transition {name!r}")

    def register(handler: Shaper) -> Shaper:
        handlers = _BEFORE_SAVE.setdefault(name, [])
        if handler not in handlers:
            handlers.append(handler)
        return handler

    return register


def effects_before_save(*, application: Application, transition: str) -> None:
    """Let the before-save handlers of ``transition`` complete the change in memory."""
    for handler in _BEFORE_SAVE.get(transition, []):
        handler(application)


def effects_in_transaction(*, event: ApplicationEvent) -> None:
    """Call the in-transaction handlers of ``event.transition`` now, inside the change."""
    for handler in [*_IN_TRANSACTION.get(ALL, []), *_IN_TRANSACTION.get(event.transition, [])]:
        handler(event)


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
