"""Where a child's timescale events come from.

Each app that records something a clock depends on registers one function here, from a
person id to that child's `timescales.Event`s (see timescales/README.md for kinds, keys
and `also`). The clocks app gathers them all whenever the child changes.

A source may also give a `batch` function (person ids → events by person id) so that
`recompute_clocks` loads many children in a few queries instead of a few per child.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from timescales import Event

EventSource = Callable[[int], Iterable[Event]]
BatchSource = Callable[[Sequence[int]], Mapping[int, Iterable[Event]]]

_SOURCES: dict[str, EventSource] = {}
_BATCH: dict[str, BatchSource] = {}


def register_source(name: str, source: EventSource, *, batch: BatchSource | None = None) -> None:
    """Register (or replace, by name) the events one app contributes for a child."""
    _SOURCES[name] = source
    if batch is not None:
        _BATCH[name] = batch
    else:
        _BATCH.pop(name, None)


def events_for(person_id: int) -> list[Event]:
    events: list[Event] = []
    for source in _SOURCES.values():
        events.extend(source(person_id))
    return events


def events_for_many(person_ids: Sequence[int]) -> dict[int, list[Event]]:
    """Events for several children; batch sources in one go, the others child by child."""
    result: dict[int, list[Event]] = {pid: [] for pid in person_ids}
    for name, source in _SOURCES.items():
        batch = _BATCH.get(name)
        if batch is not None:
            for pid, events in batch(person_ids).items():
                if pid in result:
                    result[pid].extend(events)
        else:
            for pid in person_ids:
                result[pid].extend(source(pid))
    return result


def source_names() -> list[str]:
    return sorted(_SOURCES)
