"""Rewrite a child's stored clocks from their record: events in, engine, diff, save.

`recompute_for_person` runs inside every action (via casework.events.on_child_changed), so the
lists are current the moment the action commits. `recompute_everyone` is the same diff in
batches, for `manage.py recompute_clocks` after a rule or calendar change.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

import timescales
from casework.models import Event as CaseEvent
from timescales import (
    LONDON,
    LocalPractice,
    Rule,
    WorkingDayCalendar,
    compute_clocks,
    load_calendar,
)
from timescales import Clock as EngineClock
from timescales import Event as EngineEvent

from .models import Clock
from .practice import current_practice
from .sources import events_for, events_for_many

_COMPARED = ("started_at", "due_on", "due_at", "stopped_on", "stopped_at", "state")
MatchKey = tuple[str, str, datetime.date]


@dataclass
class RecomputeResult:
    people: int = 0
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    states: Counter[str] = field(default_factory=Counter)

    @property
    def changes(self) -> int:
        return self.inserted + self.updated + self.deleted


@dataclass(frozen=True)
class _Moment:
    today: datetime.date
    now: datetime.datetime
    practice: LocalPractice
    calendar: WorkingDayCalendar

    @classmethod
    def current(cls) -> _Moment:
        now = timezone.now()
        return cls(timezone.localdate(now), now, current_practice(), load_calendar())


def _split(value: datetime.date | None) -> tuple[datetime.date | None, datetime.datetime | None]:
    """Engine value → (London date, aware datetime or None). Hour rules give datetimes."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(LONDON).date(), value
    return value, None


def _row_fields(clock: EngineClock) -> dict[str, Any]:
    started_on, started_at = _split(clock.started_on)
    due_on, due_at = _split(clock.due_on)
    stopped_on, stopped_at = _split(clock.stopped_on)
    return {
        "rule_id": clock.rule_id,
        "key": clock.key[:80],
        "started_on": started_on,
        "started_at": started_at,
        "due_on": due_on,
        "due_at": due_at,
        "stopped_on": stopped_on,
        "stopped_at": stopped_at,
        "state": clock.state,
    }


def _diff(
    person_id: int,
    computed: Iterable[EngineClock],
    existing: Iterable[Clock],
    result: RecomputeResult,
) -> tuple[list[Clock], list[Clock], list[int]]:
    """Rows to insert, rows to update, pks to delete. Matched rows keep their late reason."""
    by_key: dict[MatchKey, list[Clock]] = {}
    for row in existing:
        by_key.setdefault((row.rule_id, row.key, row.started_on), []).append(row)
    inserts: list[Clock] = []
    updates: list[Clock] = []
    for clock in computed:
        values = _row_fields(clock)
        result.states[values["state"]] += 1
        matches = by_key.get((values["rule_id"], values["key"], values["started_on"]))
        if not matches:
            inserts.append(Clock(person_id=person_id, **values))
            continue
        row = matches.pop(0)
        if any(getattr(row, name) != values[name] for name in _COMPARED):
            for name in _COMPARED:
                setattr(row, name, values[name])
            updates.append(row)
    deletes = [row.pk for rows in by_key.values() for row in rows]
    return inserts, updates, deletes


def _apply(inserts: list[Clock], updates: list[Clock], deletes: list[int]) -> None:
    if inserts:
        Clock.objects.bulk_create(inserts, batch_size=500)
    if updates:
        Clock.objects.bulk_update(updates, list(_COMPARED), batch_size=500)
    if deletes:
        Clock.objects.filter(pk__in=deletes).delete()


@functools.lru_cache(maxsize=256)
def _rules_started_by(kinds: frozenset[str], catalogue: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """Only rules some event can start: a rule whose starting kind is absent makes no clock,
    and skipping it makes the batch several times faster. Catalogue order is kept."""
    return tuple(r for r in catalogue if any(m.kind in kinds for m in r.starts_on))


def _recompute(
    events_by_person: Mapping[int, Sequence[EngineEvent]],
    moment: _Moment,
    result: RecomputeResult,
) -> None:
    person_ids = list(events_by_person)
    existing: dict[int, list[Clock]] = {pid: [] for pid in person_ids}
    for row in Clock.objects.filter(person_id__in=person_ids).order_by():
        existing[row.person_id].append(row)
    inserts: list[Clock] = []
    updates: list[Clock] = []
    deletes: list[int] = []
    for pid in person_ids:
        events = events_by_person[pid]
        rules = _rules_started_by(frozenset(e.kind for e in events), timescales.CATALOGUE)
        computed = compute_clocks(
            events,
            rules=rules,
            today=moment.today,
            now=moment.now,
            practice=moment.practice,
            calendar=moment.calendar,
        )
        i, u, d = _diff(pid, computed, existing[pid], result)
        inserts += i
        updates += u
        deletes += d
    _apply(inserts, updates, deletes)
    result.people += len(person_ids)
    result.inserted += len(inserts)
    result.updated += len(updates)
    result.deleted += len(deletes)


def recompute_for_person(person_id: int) -> int:
    """Bring one child's clocks up to date; returns how many rows changed."""
    result = RecomputeResult()
    with transaction.atomic():
        _recompute({person_id: events_for(person_id)}, _Moment.current(), result)
    return result.changes


def people_with_clocks_or_events() -> list[int]:
    with_events = CaseEvent.objects.filter(person__isnull=False).values_list("person_id", flat=True)
    with_clocks = Clock.objects.values_list("person_id", flat=True)
    return sorted(set(with_events.distinct()) | set(with_clocks.distinct()))


def recompute_everyone(*, chunk_size: int = 500) -> RecomputeResult:
    """Recompute every child who has events or clocks, a chunk at a time."""
    moment = _Moment.current()
    result = RecomputeResult()
    person_ids = people_with_clocks_or_events()
    for start in range(0, len(person_ids), chunk_size):
        chunk = person_ids[start : start + chunk_size]
        with transaction.atomic():
            _recompute(events_for_many(chunk), moment, result)
    return result


def recompute_people(person_ids: Sequence[int]) -> RecomputeResult:
    """Recompute these people together (one read per source), in the caller's transaction."""
    result = RecomputeResult()
    with transaction.atomic():
        _recompute(events_for_many(list(person_ids)), _Moment.current(), result)
    return result


def refresh_children(person_ids: Sequence[int]) -> None:
    """The casework.events hook: every action that touches a child recomputes their clocks;
    a bulk load hands over its children in batches."""
    if len(person_ids) == 1:
        recompute_for_person(person_ids[0])
    else:
        recompute_people(person_ids)
