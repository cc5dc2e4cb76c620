"""Where a child's timescale events come from.

Each app that records something a clock depends on registers one function here, from a
person id to that child's `timescales.Event`s (see timescales/README.md for kinds, keys
and `also`). The clocks app gathers them all whenever the child changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from timescales import Event

EventSource = Callable[[int], Iterable[Event]]

_SOURCES: dict[str, EventSource] = {}


def register_source(name: str, source: EventSource) -> None:
    """Register (or replace, by name) the events one app contributes for a child."""
    _SOURCES[name] = source


def events_for(person_id: int) -> list[Event]:
    events: list[Event] = []
    for source in _SOURCES.values():
        events.extend(source(person_id))
    return events


def source_names() -> list[str]:
    return sorted(_SOURCES)
