"""Reads for the clock screens: a child's clocks, a caseload's, a team's, the service's.

Each function runs a fixed number of queries however many rows it returns; states that depend
on the date are worked out here from due_on / stopped_on and today (see states.py).
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from casework.models import Allocation
from people.models import Person
from timescales import LocalPractice, Rule, WorkingDayCalendar, load_calendar, rule_by_id

from .models import Clock
from .practice import current_practice
from .record_links import RecordLink, record_link
from .states import STATE_TAGS, due_by_q, live_state, overdue_q

DUE_SOON_WORKING_DAYS = 10  # My work and Team look this far ahead
VISIT_RULES = ("A5", "C8")


@dataclass(frozen=True)
class Now:
    today: datetime.date
    now: datetime.datetime
    practice: LocalPractice
    calendar: WorkingDayCalendar

    @classmethod
    def current(cls) -> Now:
        now = timezone.now()
        return cls(timezone.localdate(now), now, current_practice(), load_calendar())

    @property
    def horizon(self) -> datetime.date:
        return self.calendar.add_working_days(self.today, DUE_SOON_WORKING_DAYS)

    @property
    def month_start(self) -> datetime.date:
        return self.today.replace(day=1)


def rule_or_none(rule_id: str) -> Rule | None:
    try:
        return rule_by_id(rule_id)
    except KeyError:
        return None


@dataclass
class ClockRow:
    """A stored clock with what the screens need: its rule, today's state, the next step."""

    clock: Clock
    rule: Rule | None
    state: str

    @property
    def title(self) -> str:
        return self.rule.title if self.rule else self.clock.rule_id

    @property
    def tag(self) -> tuple[str, str]:
        return STATE_TAGS.get(self.state, (self.state, "govuk-tag--grey"))

    @property
    def is_late(self) -> bool:
        return self.state in ("overdue", "met_late")

    @functools.cached_property
    def record_link(self) -> RecordLink:
        """One click to record what is due (the visit form for a visit, and so on)."""
        return record_link(self.clock.rule_id, self.clock.key, self.clock.person_id)

    @property
    def action_url(self) -> str:
        return self.record_link.url

    @property
    def action_label(self) -> str:
        return self.record_link.label


def rows(clocks: Iterable[Clock], now: Now) -> list[ClockRow]:
    return [
        ClockRow(
            c,
            rule_or_none(c.rule_id),
            live_state(
                c, today=now.today, now=now.now, practice=now.practice, calendar=now.calendar
            ),
        )
        for c in clocks
    ]


_NO_TIME = datetime.datetime.max.replace(tzinfo=datetime.UTC)


def _urgency(row: ClockRow) -> tuple[datetime.date, datetime.datetime, str]:
    # Hour clocks (with a due time) sort before day clocks due the same day.
    return (row.clock.due_on, row.clock.due_at or _NO_TIME, row.clock.rule_id)


# --- One child ------------------------------------------------------------------------------


def child_clocks(person: Person, now: Now) -> tuple[list[ClockRow], list[ClockRow]]:
    """(open clocks, most urgent first; finished clocks, latest first)."""
    all_rows = rows(Clock.objects.filter(person=person).select_related("late_reason_by"), now)
    open_rows = sorted((r for r in all_rows if r.clock.is_open), key=_urgency)
    done = sorted(
        (r for r in all_rows if not r.clock.is_open),
        key=lambda r: (r.clock.stopped_on, r.clock.started_on),
        reverse=True,
    )
    return open_rows, done


# --- My work --------------------------------------------------------------------------------


def order_by_urgency(people: QuerySet[Person]) -> QuerySet[Person]:
    """Children whose next clock falls due soonest first; those with no open clock last."""
    return people.annotate(
        next_due=Min("clocks__due_on", filter=Q(clocks__stopped_on__isnull=True))
    ).order_by(F("next_due").asc(nulls_last=True), "legal_surname", "legal_forename", "pk")


def due_clocks_by_person(person_ids: list[int], now: Now) -> dict[int, list[ClockRow]]:
    """Open clocks overdue or due within the horizon, per child, most urgent first."""
    found = Clock.objects.filter(due_by_q(now.horizon), person_id__in=person_ids)
    result: dict[int, list[ClockRow]] = {}
    for row in sorted(rows(found, now), key=_urgency):
        result.setdefault(row.clock.person_id, []).append(row)
    return result


# --- Team -----------------------------------------------------------------------------------


@dataclass
class WorkerLoad:
    name: str
    overdue: int = 0
    due_soon: int = 0
    children: set[int] = field(default_factory=set)


@dataclass
class ChildDue:
    person: Person
    workers: list[str]
    clocks: list[ClockRow]

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.clocks if r.state == "overdue")


@dataclass
class TeamClocks:
    """A team's clocks, each list whole: the Team page shows each a page at a time."""

    by_worker: list[WorkerLoad]
    by_child: list[ChildDue]
    not_seen: list[ClockRow]
    late: list[ClockRow]
    workers: dict[int, list[str]]


def team_people(team_ids: list[int]) -> QuerySet[Allocation]:
    return Allocation.objects.filter(team_id__in=team_ids, ended_on__isnull=True)


def team_clocks(team_ids: list[int], now: Now) -> TeamClocks:
    current = team_people(team_ids)
    person_ids = current.values("person_id")
    due = rows(
        Clock.objects.filter(due_by_q(now.horizon), person_id__in=person_ids).select_related(
            "person"
        ),
        now,
    )
    # Ran late this month: met late this month, or fell overdue this month (older overdue
    # clocks are already in the overdue lists above). The overdue ones are among `due`.
    met_late = rows(
        Clock.objects.filter(
            state="met_late", stopped_on__gte=now.month_start, person_id__in=person_ids
        ).select_related("person"),
        now,
    )
    fell_overdue = [r for r in due if r.state == "overdue" and r.clock.due_on >= now.month_start]
    late = sorted(fell_overdue + met_late, key=lambda r: (r.clock.due_on, r.clock.pk))
    loads: dict[str, WorkerLoad] = {}
    workers: dict[int, list[str]] = {}
    # A team has a handful of workers and many children: read each worker once.
    allocated = list(
        current.filter(person_id__in={r.clock.person_id for r in due}).values_list(
            "person_id", "worker_id"
        )
    )
    names = {
        pk: str(user)
        for pk, user in User.objects.in_bulk({w for _, w in allocated if w is not None}).items()
    }
    for person_id, worker_id in allocated:
        name = names[worker_id] if worker_id is not None else "No worker"
        workers.setdefault(person_id, []).append(name)
    grouped: dict[int, ChildDue] = {}
    due.sort(key=_urgency)
    for r in due:
        pid = r.clock.person_id
        for name in workers.get(pid, ["No worker"]):
            load = loads.setdefault(name, WorkerLoad(name))
            load.children.add(pid)
            if r.state == "overdue":
                load.overdue += 1
            else:
                load.due_soon += 1
        child = grouped.setdefault(pid, ChildDue(r.clock.person, workers.get(pid, []), []))
        child.clocks.append(r)
    return TeamClocks(
        by_worker=sorted(loads.values(), key=lambda w: (-w.overdue, -w.due_soon, w.name)),
        by_child=sorted(grouped.values(), key=lambda c: (-c.overdue, _urgency(c.clocks[0]))),
        not_seen=[r for r in due if r.clock.rule_id in VISIT_RULES and r.state == "overdue"],
        late=late,
        workers=workers,
    )


# --- Service --------------------------------------------------------------------------------


def _current_allocation(field_name: str) -> Subquery:
    return Subquery(
        Allocation.objects.filter(person_id=OuterRef("person_id"), ended_on__isnull=True)
        .order_by("-started_on", "-pk")
        .values(field_name)[:1]
    )


def overdue_clocks(scope: Q, now: Now) -> QuerySet[Any]:
    """Overdue clocks within `scope` (accounts.access.child_scope), each annotated with
    `team_id`: the child's current allocation's team."""
    return Clock.objects.filter(overdue_q(now.today, now.now), scope).annotate(
        team_id=_current_allocation("team_id")
    )


def current_teams(person_ids: Iterable[int]) -> dict[int, int]:
    """Each child's current allocation's team (the latest started, as `_current_allocation`);
    a child with no open allocation is left out."""
    teams: dict[int, int] = {}
    for person_id, team_id in (
        Allocation.objects.filter(person_id__in=list(person_ids), ended_on__isnull=True)
        .order_by("person_id", "-started_on", "-pk")
        .values_list("person_id", "team_id")
    ):
        teams.setdefault(person_id, team_id)
    return teams


@dataclass
class _Count:
    clocks: int = 0
    children: set[int] = field(default_factory=set)

    def row(self, **key: object) -> dict[str, object]:
        return {**key, "clocks": self.clocks, "children": len(self.children)}


def overdue_summary(scope: Q, now: Now) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Overdue clocks and children within `scope`, by rule and by the team of each child's
    current allocation (team None: not allocated), in rule and team order.

    Two plain reads, counted here: grouping in SQL by a per-clock subquery for the team made
    one query costly enough for PostgreSQL to compile it (JIT) on every request.
    """
    found = list(
        Clock.objects.filter(overdue_q(now.today, now.now), scope)
        .order_by()
        .values_list("rule_id", "person_id")
    )
    team_of = current_teams({person_id for _, person_id in found})
    by_rule: dict[str, _Count] = defaultdict(_Count)
    by_team: dict[int | None, _Count] = defaultdict(_Count)
    for rule_id, person_id in found:
        for count in (by_rule[rule_id], by_team[team_of.get(person_id)]):
            count.clocks += 1
            count.children.add(person_id)
    return (
        [
            by_rule[rule_id].row(rule_id=rule_id, rule=rule_or_none(rule_id))
            for rule_id in sorted(by_rule)
        ],
        [
            by_team[team_id].row(team_id=team_id)
            for team_id in sorted(by_team, key=lambda t: (t is None, t or 0))
        ],
    )


def overdue_list(
    scope: Q,
    now: Now,
    *,
    rule_id: str = "",
    team_id: int | None = None,
    unallocated: bool = False,
) -> QuerySet[Any]:
    found = overdue_clocks(scope, now).annotate(
        team_name=_current_allocation("team__name"),
        worker_first=_current_allocation("worker__first_name"),
        worker_last=_current_allocation("worker__last_name"),
    )
    if rule_id:
        found = found.filter(rule_id=rule_id)
    if team_id is not None:
        found = found.filter(team_id=team_id)
    if unallocated:
        found = found.filter(team_id__isnull=True)
    return found.select_related("person").order_by("due_on", "person__legal_surname", "pk")
