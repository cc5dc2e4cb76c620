"""Annex A lists 1-7 from loaded record rows: pure functions, no database.

`build(record, template)` returns `{list number: [row, ...]}` where each row is a list of cell
values in the template's column order: `datetime.date` for dates, `int` for counts and ages,
`str` for codes in the template's exact wording, `None` for an empty cell.

Conventions (see docs/annex_a.md):
- Window: "the 6 months before inspection" is from `add_months(as_of, -6)` to `as_of`, both
  inclusive. "Open on the date" means started on or before it and not ended before it.
- Anything dated after the inspection date has not happened yet and is left blank.
- Counts "in the last 12 months" (List 3 referrals, List 5 enquiries and ICPCs) are over the
  12 months before the row's own start date (`add_months(start, -12)` inclusive up to the day
  before), excluding the row itself: the SSD convention for List 5, applied to List 3 too.
- Allocated team and worker: the child's social-worker allocation open on the inspection date
  (the later-starting one when a reallocation happened that day), not today's allocation.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from timescales import add_months

from .records import AllocationRow, AnnexARecord, Child
from .templates import AnnexATemplate

Row = dict[str, Any]

# Assessment outcomes (assessments.choices.Outcome) that mean the child needs LA support.
SUPPORT_NEEDED = {"CIN_PLAN": "yes", "STRATEGY_DISCUSSION": "yes", "NFA": "no", "EARLY_HELP": "no"}


def age_on(dob: datetime.date | None, day: datetime.date) -> int | None:
    """Whole years on `day` (None without a date of birth, or before birth)."""
    if dob is None or dob > day:
        return None
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def allocation_on(rows: Iterable[AllocationRow], day: datetime.date) -> dict[int, AllocationRow]:
    """Each child's allocation open on `day`: the latest started when two touch that day."""
    best: dict[int, AllocationRow] = {}
    for row in rows:
        if row.started_on > day or (row.ended_on is not None and row.ended_on < day):
            continue
        current = best.get(row.person_id)
        if current is None or (row.started_on, row.pk) > (current.started_on, current.pk):
            best[row.person_id] = row
    return best


def count_before(dates: list[datetime.date], start: datetime.date) -> int:
    """How many of the sorted `dates` fall in the 12 months before `start` (excluding `start`)."""
    lo = bisect.bisect_left(dates, add_months(start, -12))
    hi = bisect.bisect_left(dates, start)
    return hi - lo


class _Builder:
    def __init__(self, record: AnnexARecord, template: AnnexATemplate) -> None:
        self.r = record
        self.t = template
        self.as_of = record.as_of
        self.six = add_months(record.as_of, -6)
        self.allocated = allocation_on(record.allocations, record.as_of)

    # --- cell helpers ------------------------------------------------------------------------

    def upto(self, day: datetime.date | None) -> datetime.date | None:
        return day if day is not None and day <= self.as_of else None

    def in_window(self, day: datetime.date | None) -> bool:
        return day is not None and self.six <= day <= self.as_of

    def yes_no(self, answer: bool | str | None) -> str | None:
        if answer is None:
            return None
        key = answer if isinstance(answer, str) else ("yes" if answer else "no")
        return self.t.value("yes_no", key)

    def child(self, person_id: int) -> Row:
        c: Child | None = self.r.children.get(person_id)
        if c is None:
            return {"child_id": f"{person_id:07d}"}
        return {
            "child_id": c.reference,
            "sex": self.t.value("sex", c.sex),
            "ethnicity": self.t.value("ethnicity", c.ethnicity),
            "date_of_birth": c.date_of_birth,
            "age": age_on(c.date_of_birth, self.as_of),
            "disability": self.t.value("yes_no", c.disability),
        }

    def allocation(self, person_id: int) -> Row:
        a = self.allocated.get(person_id)
        if a is None:
            return {"allocated_team": None, "allocated_worker": None}
        return {"allocated_team": a.team or None, "allocated_worker": a.worker or None}

    # --- lists -------------------------------------------------------------------------------

    def contacts(self) -> list[Row]:
        rows = []
        for c in sorted(self.r.contacts, key=lambda c: (c.received_on, c.pk)):
            if not self.in_window(c.received_on):
                continue
            if c.person_id is not None:
                child = self.child(c.person_id)
            else:
                # Not yet matched to a record: the contact's reference stands in for the child.
                child = {
                    "child_id": f"C{c.pk:07d}",
                    "sex": self.t.value("sex", "U"),
                    "ethnicity": self.t.value("ethnicity", "NOBT"),
                    "date_of_birth": c.typed_date_of_birth,
                    "age": age_on(c.typed_date_of_birth, self.as_of),
                }
            rows.append(
                {
                    **child,
                    "contact_date": c.received_on,
                    "contact_source": self.t.value("source", c.source),
                }
            )
        return rows

    def early_help(self) -> list[Row]:
        rows = []
        for e in sorted(self.r.early_help, key=lambda e: (e.started_on, e.pk)):
            current = e.started_on <= self.as_of and (
                e.ended_on is None or e.ended_on >= self.as_of
            )
            if not (self.in_window(e.assessment_started_on) or current):
                continue
            rows.append(
                {
                    **self.child(e.person_id),
                    "eh_assessment_start": self.upto(e.assessment_started_on),
                    "eh_assessment_completed": self.upto(e.assessment_completed_on),
                    "eh_organisation": e.organisation or None,
                }
            )
        return rows

    def referrals(self) -> list[Row]:
        by_child: dict[int, list[datetime.date]] = defaultdict(list)
        for r in self.r.referrals:
            by_child[r.person_id].append(r.referral_date)
        for dates in by_child.values():
            dates.sort()
        rows = []
        for r in sorted(self.r.referrals, key=lambda r: (r.referral_date, r.pk)):
            if not self.in_window(r.referral_date):
                continue
            rows.append(
                {
                    **self.child(r.person_id),
                    "referral_date": r.referral_date,
                    "referral_source": self.t.value("source", r.source),
                    "referral_nfa": self.yes_no(r.nfa),
                    "referrals_12m": count_before(by_child[r.person_id], r.referral_date),
                    **self.allocation(r.person_id),
                }
            )
        return rows

    def assessments(self) -> list[Row]:
        rows = []
        for a in sorted(self.r.assessments, key=lambda a: (a.started_on, a.pk)):
            authorised = self.upto(a.authorised_on)
            if a.started_on > self.as_of or (authorised is not None and authorised < self.six):
                continue
            seen = self.upto(a.child_seen_on) is not None
            support = SUPPORT_NEEDED.get(a.outcome, "unknown") if authorised else None
            rows.append(
                {
                    **self.child(a.person_id),
                    "assessment_start": a.started_on,
                    "child_seen": self.yes_no(seen),
                    "assessment_authorised": authorised,
                    "requires_support": self.yes_no(support),
                    **self.allocation(a.person_id),
                }
            )
        return rows

    def s47s(self) -> list[Row]:
        starts: dict[int, list[datetime.date]] = defaultdict(list)
        for s in self.r.s47s:
            starts[s.person_id].append(s.started_on)
        icpcs: dict[int, list[datetime.date]] = defaultdict(list)
        for person_id, held_on, _s47 in self.r.icpcs:
            icpcs[person_id].append(held_on)
        for d in (*starts.values(), *icpcs.values()):
            d.sort()
        rows = []
        for s in sorted(self.r.s47s, key=lambda s: (s.started_on, s.pk)):
            completed = self.upto(s.completed_on)
            open_at_window_start = s.started_on < self.six and (
                completed is None or completed >= self.six
            )
            if not (self.in_window(s.started_on) or open_at_window_start):
                continue
            icpc_on = self.upto(s.icpc_on)
            rows.append(
                {
                    **self.child(s.person_id),
                    "s47_start": s.started_on,
                    "icpc_unnecessary": self.yes_no(
                        None if completed is None or s.icpc_needed is None else not s.icpc_needed
                    ),
                    "icpc_date": icpc_on,
                    "icpc_plan": self.yes_no(s.icpc_plan if icpc_on else None),
                    "s47s_12m": count_before(starts[s.person_id], s.started_on),
                    "icpcs_12m": count_before(icpcs[s.person_id], s.started_on),
                    **self.allocation(s.person_id),
                }
            )
        return rows

    def case_status(self, person_id: int, closed: bool) -> str:
        if closed:
            key = "closed"
        elif person_id in self.r.looked_after_on_date:
            key = "looked_after"
        elif person_id in self.r.cp_plan_on_date:
            key = "cp_plan"
        elif person_id in self.r.cin_plan_on_date:
            key = "cin_plan"
        elif person_id in self.r.assessment_on_date:
            key = "assessment"
        else:
            # An open episode with no plan or assessment recorded yet: receiving CIN services.
            key = "cin_plan"
        return self.t.value("case_status", key) or key

    def children_in_need(self) -> list[Row]:
        rows = []
        for e in sorted(self.r.cin_episodes, key=lambda e: (e.started_on, e.pk)):
            ended = self.upto(e.ended_on)
            if e.started_on > self.as_of or (ended is not None and ended < self.six):
                continue
            rows.append(
                {
                    **self.child(e.person_id),
                    "cin_start": e.started_on,
                    "primary_need": self.t.value("primary_need", e.primary_need),
                    "last_seen": self.r.last_seen.get(e.person_id),
                    "cin_closed": ended,
                    "closure_reason": self.t.value("closure_reason", e.closure_reason)
                    if ended
                    else None,
                    "case_status": self.case_status(e.person_id, closed=ended is not None),
                    **self.allocation(e.person_id),
                }
            )
        return rows

    def child_protection(self) -> list[Row]:
        latest: dict[int, str] = {}
        for plan_id, changed_on, to_category in self.r.category_changes:
            if changed_on <= self.as_of:
                latest[plan_id] = to_category
        rows = []
        for p in sorted(self.r.cp_plans, key=lambda p: (p.started_on, p.pk)):
            ended = self.upto(p.ended_on)
            if p.started_on > self.as_of or (ended is not None and ended < self.six):
                continue
            visit = self.r.last_cp_visit.get(p.pk)
            earlier = [d for d in self.r.cp_plan_starts.get(p.person_id, []) if d < p.started_on]
            rows.append(
                {
                    **self.child(p.person_id),
                    "cp_start": p.started_on,
                    "initial_category": self.t.value("abuse_category", p.initial_category),
                    "latest_category": self.t.value(
                        "abuse_category", latest.get(p.pk, p.initial_category)
                    ),
                    "last_visit": visit[0] if visit else None,
                    "seen_alone": self.yes_no(visit[1]) if visit else None,
                    "last_review": self.r.last_review.get(p.pk),
                    "cp_end": ended,
                    # Emergency protection and police powers are not recorded in Trellis yet.
                    "epo_6m": None,
                    "previous_plans": len(earlier),
                    **self.allocation(p.person_id),
                }
            )
        return rows


LIST_BUILDERS: dict[int, Callable[[_Builder], list[Row]]] = {
    1: _Builder.contacts,
    2: _Builder.early_help,
    3: _Builder.referrals,
    4: _Builder.assessments,
    5: _Builder.s47s,
    6: _Builder.children_in_need,
    7: _Builder.child_protection,
}


def build(record: AnnexARecord, template: AnnexATemplate) -> dict[int, list[list[Any]]]:
    """Every list the template marks as built, as rows of cells in column order."""
    builder = _Builder(record, template)
    lists: dict[int, list[list[Any]]] = {}
    for number in template.built:
        keys = template.list_spec(number).keys
        lists[number] = [[row.get(k) for k in keys] for row in LIST_BUILDERS[number](builder)]
    return lists
