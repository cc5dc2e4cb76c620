"""The engine: events in, clocks out. A pure function, so the Django side only has to turn rows
into `Event`s and store the `Clock`s it gets back.

How a thread works: a clock belongs to the thread named by the `key` of the event that started
it. An event stops or ends clocks in its own `key`'s thread and in any thread listed in `also`
(an authorised assessment is keyed by the assessment but also stops the referral's A1 clock).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Final, Literal

from timescales.calendar import WorkingDayCalendar, load_calendar
from timescales.catalogue import CATALOGUE
from timescales.config import LocalPractice
from timescales.limits import EventLimit, Limit, as_aware, local_date
from timescales.office_hours import LONDON
from timescales.rules import Rule

ClockState = Literal["running", "due_soon", "overdue", "met", "met_late", "cancelled"]
OPEN_STATES: Final = ("running", "due_soon", "overdue")
CLOSED_STATES: Final = ("met", "met_late", "cancelled")

# Order of events at the same moment: a clock can be started and met on the same day, and a
# visit on the day a plan ends counts before the plan ends.
_START, _STOP, _END = 0, 1, 2


@dataclass(frozen=True)
class Event:
    """Something that happened. `on` is a date, or an aware datetime where the clock is in hours."""

    kind: str
    on: date
    key: str
    attrs: Mapping[str, object] = field(default_factory=dict, hash=False)
    also: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.kind or not isinstance(self.kind, str):
            raise ValueError("Event kind must be a non-empty string.")
        if not self.key or not isinstance(self.key, str):
            raise ValueError(f"Event {self.kind}: key must be a non-empty string.")
        if not isinstance(self.on, date):
            raise ValueError(f"Event {self.kind}: `on` must be a date or datetime.")
        if isinstance(self.on, datetime) and self.on.tzinfo is None:
            raise ValueError(f"Event {self.kind}: `on` is a naive datetime; make it aware.")
        object.__setattr__(self, "attrs", MappingProxyType(dict(self.attrs)))
        object.__setattr__(self, "also", tuple(self.also))


@dataclass(frozen=True)
class Clock:
    """One timed occurrence of a rule. Dates for day rules; aware datetimes for hour rules."""

    rule_id: str
    key: str
    started_on: date
    due_on: date
    stopped_on: date | None
    state: ClockState


@dataclass(frozen=True)
class _Context:
    today: date
    now: datetime | None
    practice: LocalPractice
    calendar: WorkingDayCalendar


@dataclass
class _Open:
    started: date
    due: date
    restarted: bool  # started by a stopping event of a recurring rule
    first: bool  # the first interval (timed by another rule when `follows` is set)


def compute_clocks(
    events: Iterable[Event],
    *,
    today: date,
    practice: LocalPractice | None = None,
    calendar: WorkingDayCalendar | None = None,
    rules: Iterable[Rule] = CATALOGUE,
    now: datetime | None = None,
) -> list[Clock]:
    """Every clock the events imply, in a stable order (start, then catalogue order, then key).

    `today` decides overdue / due soon for day clocks; `now` (aware) does so for hour clocks and
    is required only when an hour clock is still running.
    """
    if isinstance(today, datetime):
        raise TypeError("today must be a date, not a datetime.")
    if now is not None:
        if now.tzinfo is None:
            raise ValueError("now must be an aware datetime.")
        if now.astimezone(LONDON).date() != today:
            raise ValueError("now and today disagree (today must be now's date in London).")
    ctx = _Context(
        today=today,
        now=now,
        practice=practice or LocalPractice(),
        calendar=calendar or load_calendar(),
    )
    events = tuple(events)
    rules = tuple(rules)
    clocks: list[tuple[datetime, int, Clock]] = []
    for index, rule in enumerate(rules):
        for clock in _clocks_for_rule(rule, events, ctx):
            clocks.append((as_aware(clock.started_on), index, clock))
    clocks.sort(key=lambda item: (item[0], item[1], item[2].key))
    return [clock for _, _, clock in clocks]


def _clocks_for_rule(rule: Rule, events: tuple[Event, ...], ctx: _Context) -> list[Clock]:
    limit = ctx.practice.limit_for(rule)

    # Day rules compare London dates; hour rules compare instants (a bare date = 00:00 London).
    def moment(value: date) -> date:
        return as_aware(value) if limit.in_hours else local_date(value)

    threads: dict[str, list[tuple[date, int, int, Event]]] = defaultdict(list)
    # Only events of a kind the rule names can start, stop or end it: skip the rest cheaply
    # (a child's record has many events, and each rule names a few kinds).
    kinds = {m.kind for m in (*rule.starts_on, *rule.stopped_by, *rule.ended_by)}
    for seq, e in enumerate(events):
        if e.kind not in kinds:
            continue
        if any(m.matches(e.kind, e.attrs) for m in rule.starts_on):
            threads[e.key].append((moment(e.on), _START, seq, e))
        for phase, matchers in ((_STOP, rule.stopped_by), (_END, rule.ended_by)):
            if any(m.matches(e.kind, e.attrs) for m in matchers):
                for key in dict.fromkeys((e.key, *e.also)):
                    threads[key].append((moment(e.on), phase, seq, e))

    clocks: list[Clock] = []
    for key, items in threads.items():
        if any(phase == _START for _, phase, _, _ in items):
            items.sort(key=lambda item: (item[0], item[1], item[2]))
            clocks += _run_thread(rule, limit, key, items, ctx)
    return clocks


def _run_thread(
    rule: Rule,
    limit: Limit | EventLimit,
    key: str,
    items: list[tuple[date, int, int, Event]],
    ctx: _Context,
) -> list[Clock]:
    out: list[Clock] = []
    current: _Open | None = None
    fixed: Limit | None = None

    def emit(occurrence: _Open, stopped: date | None, state: ClockState) -> None:
        if not (occurrence.first and rule.follows):  # the first interval belongs to another rule
            out.append(Clock(rule.id, key, occurrence.started, occurrence.due, stopped, state))

    for at, phase, _, event in items:
        if phase == _START:
            if fixed is not None:
                continue  # one clock (or one recurring series) per thread
            if not rule.in_force_on(local_date(at)):
                return out
            fixed = (
                limit.for_event(event.attrs, ctx.practice.hour_tables())
                if isinstance(limit, EventLimit)
                else limit
            )
            if fixed is None:
                return out  # e.g. a rating with no target, or no recorded deadline
            current = _Open(at, _due(fixed, at, ctx), restarted=False, first=True)
        elif current is None or fixed is None:
            continue  # a stop or end before the clock started
        elif current.restarted and at == current.started:
            # Stopped or ended at the very moment a recurrence began: a second visit the same
            # day, or the plan ending at the review that met it. No new occurrence to report.
            if phase == _END:
                return out
        elif phase == _STOP:
            emit(current, at, "met" if _on_time(at, current.due) else "met_late")
            if not rule.recurs:
                return out
            # Recurring: the next interval runs from the actual event, not the previous due date.
            current = _Open(at, _due(fixed, at, ctx), restarted=True, first=False)
        else:  # _END
            emit(current, at, "cancelled")
            return out
    if current is not None:
        emit(current, None, _open_state(rule, current.due, ctx))
    return out


def _due(limit: Limit, start: date, ctx: _Context) -> date:
    return limit.due(start, ctx.calendar, ctx.practice.office_hours)


def _on_time(stopped: date, due: date) -> bool:
    if isinstance(stopped, datetime) and isinstance(due, datetime):
        return stopped <= due
    return local_date(stopped) <= local_date(due)


def _open_state(rule: Rule, due: date, ctx: _Context) -> ClockState:
    if isinstance(due, datetime):
        if ctx.now is None:
            raise ValueError(f"Rule {rule.id} counts hours: pass now= (an aware datetime).")
        if ctx.now > due:
            return "overdue"
        soon = timedelta(hours=ctx.practice.due_soon_hours)
        return "due_soon" if due - ctx.now <= soon else "running"
    if ctx.today > due:
        return "overdue"
    window = ctx.practice.due_soon_working_days
    return "due_soon" if ctx.calendar.working_days_between(ctx.today, due) <= window else "running"


def clocks_by_rule(clocks: Iterable[Clock]) -> Mapping[str, list[Clock]]:
    """Convenience for callers and tests: clocks grouped by rule id, order kept."""
    grouped: dict[str, list[Clock]] = defaultdict(list)
    for clock in clocks:
        grouped[clock.rule_id].append(clock)
    return dict(grouped)
