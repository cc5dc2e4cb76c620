"""Rule: one timescale, as a small frozen object (timescales.md §6: rules are data with a source).

A rule that is incomplete — no source, unknown status, configurable but not local practice — does
not construct, so a bad rule can never load. `rule_problems` holds those checks so that
`catalogue.check_catalogue` can report the same problems for a whole list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from timescales.limits import EventLimit, Limit

STATUSES: Mapping[str, str] = {
    "S": "duty in legislation",
    "SG": "statutory guidance",
    "CR": "court rules / practice direction",
    "DfE": "DfE data definition (measurement, not a duty)",
    "LP": "local practice (configurable per authority)",
}


@dataclass(frozen=True)
class On:
    """An event kind, optionally narrowed by attribute values (e.g. s47_initiated=True)."""

    kind: str
    when: tuple[tuple[str, object], ...] = ()

    def matches(self, kind: str, attrs: Mapping[str, object]) -> bool:
        return kind == self.kind and all(attrs.get(name) == value for name, value in self.when)


def on(kind: str, **when: object) -> On:
    """Shorthand used by the catalogue: `on(ICPC)`, `on(S47_CONCLUDED, icpc_needed=False)`."""
    return On(kind, tuple(sorted(when.items())))


@dataclass(frozen=True)
class Rule:
    """One timescale.

    `recurs`: when a stopping event happens, the next occurrence starts from that event's actual
    date (never from the previous due date). `follows`: for a recurring rule whose first interval
    is timed by another rule (C5 after C4, C7 after C6), the id of that rule; this rule then times
    only the intervals after the first stopping event.
    """

    id: str
    title: str
    starts_on: tuple[On, ...]
    stopped_by: tuple[On, ...]
    limit: Limit | EventLimit
    status: str
    source: str
    recurs: bool = False
    ended_by: tuple[On, ...] = ()
    configurable: bool = False
    follows: str | None = None
    verify: bool = False  # timescales.md marks the value VERIFY: check before relying on it
    effective_from: date | None = None  # clocks starting before this date are not made
    effective_to: date | None = None  # ... nor those starting after this date
    notes: str = ""

    def __post_init__(self) -> None:
        problems = rule_problems(self)
        if problems:
            raise ValueError(f"Rule {self.id or '(no id)'}: {'; '.join(problems)}.")

    def in_force_on(self, d: date) -> bool:
        return (self.effective_from is None or d >= self.effective_from) and (
            self.effective_to is None or d <= self.effective_to
        )

    def describe(self) -> str:
        every = "every " if self.recurs else "within "
        return f"{self.title}: {every}{self.limit.describe()}"


def rule_problems(rule: Rule) -> list[str]:
    """Everything wrong with one rule on its own (checks across rules live in the catalogue)."""
    problems: list[str] = []
    if not str(rule.id or "").strip():
        problems.append("id is blank")
    if not str(rule.title or "").strip():
        problems.append("title is blank")
    if not str(rule.source or "").strip():
        problems.append("source is blank (every rule must cite its document and section)")
    if rule.status not in STATUSES:
        problems.append(f"unknown status {rule.status!r} (use one of {', '.join(STATUSES)})")
    if rule.configurable and rule.status != "LP":
        problems.append(f"only local-practice (LP) rules may be configurable, not {rule.status}")
    if not rule.starts_on:
        problems.append("no starting event")
    if not rule.stopped_by:
        problems.append("no stopping event")
    if not isinstance(rule.limit, Limit | EventLimit):
        problems.append(f"limit {rule.limit!r} is not a limit")
    elif rule.recurs and isinstance(rule.limit, EventLimit):
        problems.append("a recurring rule needs a fixed limit")
    if rule.follows is not None and not rule.recurs:
        problems.append("`follows` only makes sense for a recurring rule")
    if rule.effective_from and rule.effective_to and rule.effective_from > rule.effective_to:
        problems.append("effective_from is after effective_to")
    return problems
