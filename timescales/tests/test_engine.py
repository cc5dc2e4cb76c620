"""The engine, rule by rule: events in, expected clocks out.

June 2025 has no bank holidays, so 5 working days = 1 week; Monday 2 June 2025 is the usual day 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pytest

from timescales import events as ev
from timescales.catalogue import CATALOGUE, rule_by_id
from timescales.config import LocalPractice
from timescales.engine import Clock, Event, compute_clocks
from timescales.limits import ClockHours, HourTarget, Weeks, WorkingDays
from timescales.office_hours import LONDON
from timescales.rules import Rule, on


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


def at(y: int, m: int, day: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, m, day, h, mi, tzinfo=LONDON)


def E(kind: str, when: date, key: str = "k1", also: tuple[str, ...] = (), **attrs: object) -> Event:
    return Event(kind=kind, on=when, key=key, attrs=attrs, also=also)


@dataclass(frozen=True)
class Case:
    """Events → the clocks one rule should produce, as (started, due, stopped, state)."""

    name: str
    rule: str
    events: list[Event]
    today: date
    expected: list[tuple[date, date, date | None, str]]
    now: datetime | None = None
    practice: LocalPractice = field(default_factory=LocalPractice)


JUNE2 = d(2025, 6, 2)

CASES = [
    # --- F1: decision within 1 working day -------------------------------------------------------
    Case(
        "F1 met",
        "F1",
        [E(ev.CONTACT_RECEIVED, JUNE2), E(ev.MASH_DECISION, d(2025, 6, 3))],
        d(2025, 6, 10),
        [(JUNE2, d(2025, 6, 3), d(2025, 6, 3), "met")],
    ),
    Case(
        "F1 referral on Friday, decided Tuesday: met late",
        "F1",
        [E(ev.REFERRAL_RECEIVED, d(2025, 6, 6)), E(ev.REFERRAL_DECISION, d(2025, 6, 10))],
        d(2025, 6, 10),
        [(d(2025, 6, 6), d(2025, 6, 9), d(2025, 6, 10), "met_late")],
    ),
    Case(
        "F1 due today: due soon",
        "F1",
        [E(ev.CONTACT_RECEIVED, d(2025, 6, 6))],
        d(2025, 6, 9),
        [(d(2025, 6, 6), d(2025, 6, 9), None, "due_soon")],
    ),
    Case(
        "F1 overdue",
        "F1",
        [E(ev.CONTACT_RECEIVED, d(2025, 6, 6))],
        d(2025, 6, 10),
        [(d(2025, 6, 6), d(2025, 6, 9), None, "overdue")],
    ),
    Case(
        "F1 datetimes are counted by London date",
        "F1",
        [E(ev.CONTACT_RECEIVED, at(2025, 6, 2, 23, 30)), E(ev.MASH_DECISION, at(2025, 6, 3, 9))],
        d(2025, 6, 10),
        [(JUNE2, d(2025, 6, 3), d(2025, 6, 3), "met")],
    ),
    # --- F3: MASH decision by RAG rating (hours) -------------------------------------------------
    Case(
        "F3 red, 4 working hours, met",
        "F3",
        [
            E(ev.CONTACT_RATED, at(2025, 6, 2, 10), rating="red"),
            E(ev.MASH_DECISION, at(2025, 6, 2, 13)),
        ],
        JUNE2,
        [(at(2025, 6, 2, 10), at(2025, 6, 2, 14), at(2025, 6, 2, 13), "met")],
        now=at(2025, 6, 2, 15),
    ),
    Case(
        "F3 red on Friday afternoon runs over the weekend in working hours",
        "F3",
        [
            E(ev.CONTACT_RATED, at(2025, 6, 6, 16), rating="RED"),
            E(ev.MASH_DECISION, at(2025, 6, 9, 9, 30)),
        ],
        d(2025, 6, 9),
        [(at(2025, 6, 6, 16), at(2025, 6, 9, 12), at(2025, 6, 9, 9, 30), "met")],
        now=at(2025, 6, 9, 10),
    ),
    Case(
        "F3 red in clock hours (Luton: red runs to completion) is met late",
        "F3",
        [
            E(ev.CONTACT_RATED, at(2025, 6, 6, 16), rating="red"),
            E(ev.MASH_DECISION, at(2025, 6, 9, 9, 30)),
        ],
        d(2025, 6, 9),
        [(at(2025, 6, 6, 16), at(2025, 6, 6, 20), at(2025, 6, 9, 9, 30), "met_late")],
        now=at(2025, 6, 9, 10),
        practice=LocalPractice(rag_targets={"red": HourTarget("clock_hours", 4)}),
    ),
    Case(
        "F3 amber, 24 working hours, still running",
        "F3",
        [E(ev.CONTACT_RATED, at(2025, 6, 2, 10), rating="amber")],
        d(2025, 6, 3),
        [(at(2025, 6, 2, 10), at(2025, 6, 5, 9, 15), None, "running")],
        now=at(2025, 6, 3, 12),
    ),
    Case(
        "F3 green, 72 clock hours, due soon",
        "F3",
        [E(ev.CONTACT_RATED, at(2025, 6, 2, 10), rating="green")],
        d(2025, 6, 5),
        [(at(2025, 6, 2, 10), at(2025, 6, 5, 10), None, "due_soon")],
        now=at(2025, 6, 5, 9),
    ),
    Case(
        "F3 green overdue",
        "F3",
        [E(ev.CONTACT_RATED, at(2025, 6, 2, 10), rating="green")],
        d(2025, 6, 5),
        [(at(2025, 6, 2, 10), at(2025, 6, 5, 10), None, "overdue")],
        now=at(2025, 6, 5, 10, 1),
    ),
    Case(
        "F3 blue has no target, so no clock",
        "F3",
        [E(ev.CONTACT_RATED, at(2025, 6, 2, 10), rating="blue")],
        JUNE2,
        [],
        now=at(2025, 6, 2, 11),
    ),
    # --- F3P: partner information requests -------------------------------------------------------
    Case(
        "F3P amber, 6 working hours, met",
        "F3P",
        [
            E(ev.PARTNER_REQUEST_SENT, at(2025, 6, 2, 10), key="req1", rating="amber"),
            E(ev.PARTNER_RESPONSE_RECEIVED, at(2025, 6, 2, 15), key="req1"),
        ],
        JUNE2,
        [(at(2025, 6, 2, 10), at(2025, 6, 2, 16), at(2025, 6, 2, 15), "met")],
        now=at(2025, 6, 2, 17),
    ),
    Case(
        "F3P red on Friday 16:30, 2 working hours: due Monday 10:30, met late",
        "F3P",
        [
            E(ev.PARTNER_REQUEST_SENT, at(2025, 6, 6, 16, 30), key="req1", rating="red"),
            E(ev.PARTNER_RESPONSE_RECEIVED, at(2025, 6, 9, 11), key="req1"),
        ],
        d(2025, 6, 9),
        [(at(2025, 6, 6, 16, 30), at(2025, 6, 9, 10, 30), at(2025, 6, 9, 11), "met_late")],
        now=at(2025, 6, 9, 12),
    ),
    Case(
        "F3P withdrawn request is cancelled",
        "F3P",
        [
            E(ev.PARTNER_REQUEST_SENT, at(2025, 6, 2, 10), key="req1", rating="green"),
            E(ev.PARTNER_REQUEST_WITHDRAWN, at(2025, 6, 2, 11), key="req1"),
        ],
        JUNE2,
        [(at(2025, 6, 2, 10), at(2025, 6, 5, 9, 15), at(2025, 6, 2, 11), "cancelled")],
        now=at(2025, 6, 2, 12),
    ),
    # --- F4: same day ----------------------------------------------------------------------------
    Case(
        "F4 same day: met",
        "F4",
        [E(ev.NEW_INFO_ON_OPEN_CASE, d(2025, 6, 3)), E(ev.PASSED_TO_WORKER, d(2025, 6, 3))],
        d(2025, 6, 4),
        [(d(2025, 6, 3), d(2025, 6, 3), d(2025, 6, 3), "met")],
    ),
    Case(
        "F4 next day: met late",
        "F4",
        [E(ev.NEW_INFO_ON_OPEN_CASE, d(2025, 6, 3)), E(ev.PASSED_TO_WORKER, d(2025, 6, 4))],
        d(2025, 6, 4),
        [(d(2025, 6, 3), d(2025, 6, 3), d(2025, 6, 4), "met_late")],
    ),
    Case(
        "F4 not passed by the next day: overdue",
        "F4",
        [E(ev.NEW_INFO_ON_OPEN_CASE, d(2025, 6, 3))],
        d(2025, 6, 4),
        [(d(2025, 6, 3), d(2025, 6, 3), None, "overdue")],
    ),
    # --- A1 and K2: both kept, they differ when the assessment starts later ----------------------
    Case(
        "A1 from the referral: met late",
        "A1",
        [
            E(ev.REFERRAL_RECEIVED, JUNE2, key="ref1"),
            E(ev.ASSESSMENT_STARTED, d(2025, 6, 16), key="asm1"),
            E(ev.ASSESSMENT_AUTHORISED, d(2025, 8, 11), key="asm1", also=("ref1",)),
        ],
        d(2025, 9, 1),
        [(JUNE2, d(2025, 8, 4), d(2025, 8, 11), "met_late")],
    ),
    Case(
        "K2 from the assessment start: met",
        "K2",
        [
            E(ev.REFERRAL_RECEIVED, JUNE2, key="ref1"),
            E(ev.ASSESSMENT_STARTED, d(2025, 6, 16), key="asm1"),
            E(ev.ASSESSMENT_AUTHORISED, d(2025, 8, 11), key="asm1", also=("ref1",)),
        ],
        d(2025, 9, 1),
        [(d(2025, 6, 16), d(2025, 8, 18), d(2025, 8, 11), "met")],
    ),
    Case(
        "K2 over the August bank holiday, running",
        "K2",
        [E(ev.ASSESSMENT_STARTED, d(2025, 7, 1), key="asm1")],
        d(2025, 7, 1),
        [(d(2025, 7, 1), d(2025, 9, 3), None, "running")],
    ),
    Case(
        "A1 cancelled when the episode closes",
        "A1",
        [
            E(ev.REFERRAL_RECEIVED, JUNE2, key="ref1"),
            E(ev.CIN_EPISODE_CLOSED, d(2025, 6, 20), key="ep1", also=("ref1",)),
        ],
        d(2025, 9, 1),
        [(JUNE2, d(2025, 8, 4), d(2025, 6, 20), "cancelled")],
    ),
    # --- A2 --------------------------------------------------------------------------------------
    Case(
        "A2 child seen within 5 working days",
        "A2",
        [E(ev.ASSESSMENT_STARTED, JUNE2, key="asm1"), E(ev.CHILD_SEEN, d(2025, 6, 6), key="asm1")],
        d(2025, 6, 20),
        [(JUNE2, d(2025, 6, 9), d(2025, 6, 6), "met")],
    ),
    Case(
        "A2 child seen late",
        "A2",
        [E(ev.ASSESSMENT_STARTED, JUNE2, key="asm1"), E(ev.CHILD_SEEN, d(2025, 6, 11), key="asm1")],
        d(2025, 6, 20),
        [(JUNE2, d(2025, 6, 9), d(2025, 6, 11), "met_late")],
    ),
    Case(
        "A2 LP override to 2 working days changes the due date",
        "A2",
        [E(ev.ASSESSMENT_STARTED, JUNE2, key="asm1")],
        JUNE2,
        [(JUNE2, d(2025, 6, 4), None, "due_soon")],
        practice=LocalPractice(limits={"A2": WorkingDays(2)}),
    ),
    # --- A3 --------------------------------------------------------------------------------------
    Case(
        "A3 CIN plan late after a CIN outcome",
        "A3",
        [
            E(ev.ASSESSMENT_AUTHORISED, JUNE2, key="asm1", cin_plan=True),
            E(ev.CIN_PLAN_STARTED, d(2025, 6, 20), key="cin1", also=("asm1",)),
        ],
        d(2025, 7, 1),
        [(JUNE2, d(2025, 6, 16), d(2025, 6, 20), "met_late")],
    ),
    Case(
        "A3 not started without a CIN outcome",
        "A3",
        [E(ev.ASSESSMENT_AUTHORISED, JUNE2, key="asm1", cin_plan=False)],
        d(2025, 7, 1),
        [],
    ),
    # --- A4: recurring, months clamp to month end ------------------------------------------------
    Case(
        "A4 reviews every 3 months from the actual review date",
        "A4",
        [
            E(ev.CIN_PLAN_STARTED, d(2025, 1, 31), key="cin1"),
            E(ev.CIN_REVIEW, d(2025, 4, 28), key="cin1"),
        ],
        d(2025, 7, 1),
        [
            (d(2025, 1, 31), d(2025, 4, 30), d(2025, 4, 28), "met"),
            (d(2025, 4, 28), d(2025, 7, 28), None, "running"),
        ],
    ),
    Case(
        "A4 LP override: every 6 weeks",
        "A4",
        [E(ev.CIN_PLAN_STARTED, d(2025, 1, 31), key="cin1")],
        d(2025, 3, 17),
        [(d(2025, 1, 31), d(2025, 3, 14), None, "overdue")],
        practice=LocalPractice(limits={"A4": Weeks(6)}),
    ),
    # --- A5: recurring visits, cancelled when the plan ends --------------------------------------
    Case(
        "A5 visit, then plan ends",
        "A5",
        [
            E(ev.CIN_PLAN_STARTED, JUNE2, key="cin1"),
            E(ev.CIN_VISIT, d(2025, 6, 27), key="cin1"),
            E(ev.CIN_PLAN_ENDED, d(2025, 7, 10), key="cin1"),
        ],
        d(2025, 9, 1),
        [
            (JUNE2, d(2025, 6, 30), d(2025, 6, 27), "met"),
            (d(2025, 6, 27), d(2025, 7, 25), d(2025, 7, 10), "cancelled"),
        ],
    ),
    # --- C1 --------------------------------------------------------------------------------------
    Case(
        "C1 strategy discussion the next working day",
        "C1",
        [
            E(ev.STRATEGY_DISCUSSION_DECIDED, d(2025, 6, 6), key="s47"),
            E(ev.STRATEGY_DISCUSSION, d(2025, 6, 9), key="s47"),
        ],
        d(2025, 6, 20),
        [(d(2025, 6, 6), d(2025, 6, 9), d(2025, 6, 9), "met")],
    ),
    # --- C2: from the strategy discussion that initiated s47 -------------------------------------
    Case(
        "C2 ICPC within 15 working days of the initiating discussion",
        "C2",
        [
            E(ev.STRATEGY_DISCUSSION, JUNE2, key="s47", s47_initiated=False),
            E(ev.STRATEGY_DISCUSSION, d(2025, 6, 5), key="s47", s47_initiated=True),
            E(ev.ICPC, d(2025, 6, 26), key="s47", plan_made=True),
        ],
        d(2025, 7, 1),
        [(d(2025, 6, 5), d(2025, 6, 26), d(2025, 6, 26), "met")],
    ),
    Case(
        "C2 cancelled when s47 concludes with no ICPC needed",
        "C2",
        [
            E(ev.STRATEGY_DISCUSSION, JUNE2, key="s47", s47_initiated=True),
            E(ev.S47_CONCLUDED, d(2025, 6, 12), key="s47", icpc_needed=False),
        ],
        d(2025, 7, 1),
        [(JUNE2, d(2025, 6, 23), d(2025, 6, 12), "cancelled")],
    ),
    Case(
        "C2 overdue when s47 concludes that an ICPC is needed but none is held",
        "C2",
        [
            E(ev.STRATEGY_DISCUSSION, JUNE2, key="s47", s47_initiated=True),
            E(ev.S47_CONCLUDED, d(2025, 6, 12), key="s47", icpc_needed=True),
        ],
        d(2025, 6, 24),
        [(JUNE2, d(2025, 6, 23), None, "overdue")],
    ),
    # --- C4 / C5: first core group, then the authority's frequency -------------------------------
    Case(
        "C4 first core group within 10 working days",
        "C4",
        [E(ev.CP_PLAN_STARTED, JUNE2, key="cp1"), E(ev.CORE_GROUP, d(2025, 6, 13), key="cp1")],
        d(2025, 9, 8),
        [(JUNE2, d(2025, 6, 16), d(2025, 6, 13), "met")],
    ),
    Case(
        "C5 later core groups every 6 weeks from the last one",
        "C5",
        [
            E(ev.CP_PLAN_STARTED, JUNE2, key="cp1"),
            E(ev.CORE_GROUP, d(2025, 6, 13), key="cp1"),
            E(ev.CORE_GROUP, d(2025, 8, 1), key="cp1"),
        ],
        d(2025, 9, 8),
        [
            (d(2025, 6, 13), d(2025, 7, 25), d(2025, 8, 1), "met_late"),
            (d(2025, 8, 1), d(2025, 9, 12), None, "due_soon"),
        ],
    ),
    Case(
        "C5 makes no clock before the first core group (C4 times that)",
        "C5",
        [E(ev.CP_PLAN_STARTED, JUNE2, key="cp1")],
        d(2025, 9, 8),
        [],
    ),
    # --- C6 / C7: review conferences -------------------------------------------------------------
    Case(
        "C6 first review within 3 months (31 May + 3 months = 31 Aug)",
        "C6",
        [
            E(ev.CP_PLAN_STARTED, d(2025, 5, 31), key="cp1"),
            E(ev.REVIEW_CONFERENCE, d(2025, 8, 29), key="cp1"),
        ],
        d(2025, 9, 1),
        [(d(2025, 5, 31), d(2025, 8, 31), d(2025, 8, 29), "met")],
    ),
    Case(
        "C7 six-monthly reviews; the plan ends at the last one (no trailing clock)",
        "C7",
        [
            E(ev.CP_PLAN_STARTED, d(2025, 5, 31), key="cp1"),
            E(ev.REVIEW_CONFERENCE, d(2025, 8, 29), key="cp1"),
            E(ev.REVIEW_CONFERENCE, d(2026, 2, 20), key="cp1"),
            E(ev.REVIEW_CONFERENCE, d(2026, 8, 14), key="cp1"),
            E(ev.CP_PLAN_ENDED, d(2026, 8, 14), key="cp1"),
        ],
        d(2026, 9, 1),
        [
            (d(2025, 8, 29), d(2026, 2, 28), d(2026, 2, 20), "met"),
            (d(2026, 2, 20), d(2026, 8, 20), d(2026, 8, 14), "met"),
        ],
    ),
    # --- C8: recurring visits restart from the actual visit --------------------------------------
    Case(
        "C8 visits every 10 working days from the last visit",
        "C8",
        [
            E(ev.CP_PLAN_STARTED, JUNE2, key="cp1"),
            E(ev.CP_VISIT, d(2025, 6, 12), key="cp1"),
            E(ev.CP_VISIT, d(2025, 6, 30), key="cp1"),
            E(ev.CP_VISIT, d(2025, 6, 30), key="cp1"),  # two visits one day count once
        ],
        d(2025, 7, 10),
        [
            (JUNE2, d(2025, 6, 16), d(2025, 6, 12), "met"),
            (d(2025, 6, 12), d(2025, 6, 26), d(2025, 6, 30), "met_late"),
            (d(2025, 6, 30), d(2025, 7, 14), None, "due_soon"),
        ],
    ),
    Case(
        "C8 cancelled when the plan ends",
        "C8",
        [
            E(ev.CP_PLAN_STARTED, JUNE2, key="cp1"),
            E(ev.CP_VISIT, d(2025, 6, 12), key="cp1"),
            E(ev.CP_PLAN_ENDED, d(2025, 6, 20), key="cp1"),
            E(ev.CP_VISIT, d(2025, 6, 25), key="cp1"),  # after the end: ignored
        ],
        d(2025, 7, 10),
        [
            (JUNE2, d(2025, 6, 16), d(2025, 6, 12), "met"),
            (d(2025, 6, 12), d(2025, 6, 26), d(2025, 6, 20), "cancelled"),
        ],
    ),
    Case(
        "C8 a smaller due-soon window leaves it running",
        "C8",
        [E(ev.CP_PLAN_STARTED, JUNE2, key="cp1")],
        d(2025, 6, 5),
        [(JUNE2, d(2025, 6, 16), None, "running")],
        practice=LocalPractice(due_soon_working_days=1),
    ),
    # --- C10 -------------------------------------------------------------------------------------
    Case(
        "C10 transfer-in conference overdue",
        "C10",
        [E(ev.TRANSFER_IN_NOTIFIED, JUNE2, key="t1")],
        d(2025, 6, 24),
        [(JUNE2, d(2025, 6, 23), None, "overdue")],
    ),
    Case(
        "C10 LP override to 20 working days",
        "C10",
        [
            E(ev.TRANSFER_IN_NOTIFIED, JUNE2, key="t1"),
            E(ev.TRANSFER_IN_CONFERENCE, d(2025, 6, 27), key="t1"),
        ],
        d(2025, 7, 1),
        [(JUNE2, d(2025, 6, 30), d(2025, 6, 27), "met")],
        practice=LocalPractice(limits={"C10": WorkingDays(20)}),
    ),
    # --- SDA: explicit deadline ------------------------------------------------------------------
    Case(
        "SDA action done by its recorded deadline",
        "SDA",
        [
            E(ev.SD_ACTION_SET, JUNE2, key="act1", deadline=d(2025, 6, 13)),
            E(ev.SD_ACTION_DONE, d(2025, 6, 12), key="act1"),
        ],
        d(2025, 6, 20),
        [(JUNE2, d(2025, 6, 13), d(2025, 6, 12), "met")],
    ),
    Case(
        "SDA overdue past its recorded deadline",
        "SDA",
        [E(ev.SD_ACTION_SET, JUNE2, key="act1", deadline="2025-06-04")],
        d(2025, 6, 5),
        [(JUNE2, d(2025, 6, 4), None, "overdue")],
    ),
    Case(
        "SDA without a recorded deadline makes no clock",
        "SDA",
        [E(ev.SD_ACTION_SET, JUNE2, key="act1")],
        d(2025, 6, 5),
        [],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule(case: Case) -> None:
    clocks = compute_clocks(case.events, today=case.today, now=case.now, practice=case.practice)
    got = [
        (c.started_on, c.due_on, c.stopped_on, c.state) for c in clocks if c.rule_id == case.rule
    ]
    assert got == case.expected


def test_every_catalogue_rule_has_an_engine_case() -> None:
    covered = {c.rule for c in CASES}
    assert covered == {r.id for r in CATALOGUE}


def test_a1_and_k2_both_kept_and_differ() -> None:
    events = CASES[[c.name for c in CASES].index("A1 from the referral: met late")].events
    clocks = compute_clocks(events, today=d(2025, 9, 1))
    by_rule = {c.rule_id: c for c in clocks}
    assert by_rule["A1"].due_on == d(2025, 8, 4)
    assert by_rule["K2"].due_on == d(2025, 8, 18)
    assert (by_rule["A1"].state, by_rule["K2"].state) == ("met_late", "met")


def test_clock_order_is_deterministic() -> None:
    events = [
        E(ev.CP_PLAN_STARTED, JUNE2, key="cp1"),
        E(ev.REFERRAL_RECEIVED, JUNE2, key="ref1"),
        E(ev.CONTACT_RECEIVED, d(2025, 5, 30), key="c1"),
    ]
    first = compute_clocks(events, today=d(2025, 6, 3))
    again = compute_clocks(list(reversed(events)), today=d(2025, 6, 3))
    assert first == again
    assert [c.rule_id for c in first] == ["F1", "F1", "A1", "C4", "C6", "C8"]


def test_clocks_are_frozen() -> None:
    clock = Clock("F1", "k", JUNE2, JUNE2, None, "running")
    with pytest.raises(AttributeError):
        clock.state = "met"  # type: ignore[misc]


def test_hour_clock_needs_now() -> None:
    with pytest.raises(ValueError, match="pass now="):
        compute_clocks([E(ev.CONTACT_RATED, at(2025, 6, 2, 10), rating="red")], today=JUNE2)


def test_now_must_match_today() -> None:
    with pytest.raises(ValueError, match="disagree"):
        compute_clocks([], today=JUNE2, now=at(2025, 6, 3, 10))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "", "on": JUNE2, "key": "k"}, "kind"),
        ({"kind": "x", "on": JUNE2, "key": ""}, "key"),
        ({"kind": "x", "on": datetime(2025, 6, 2, 10), "key": "k"}, "naive"),
        ({"kind": "x", "on": "2025-06-02", "key": "k"}, "date"),
    ],
)
def test_event_validation(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Event(**kwargs)  # type: ignore[arg-type]


def test_event_attrs_are_read_only() -> None:
    event = E(ev.SD_ACTION_SET, JUNE2, deadline=JUNE2)
    with pytest.raises(TypeError):
        event.attrs["deadline"] = None  # type: ignore[index]


def test_rule_effective_dates_limit_which_clocks_start() -> None:
    rule = Rule(
        id="X1",
        title="Test rule in force from July 2025",
        starts_on=(on(ev.CONTACT_RECEIVED),),
        stopped_by=(on(ev.MASH_DECISION),),
        limit=WorkingDays(1),
        status="SG",
        source="Test source, section 1",
        effective_from=d(2025, 7, 1),
    )
    events = [
        E(ev.CONTACT_RECEIVED, JUNE2, key="a"),
        E(ev.CONTACT_RECEIVED, d(2025, 7, 1), key="b"),
    ]
    clocks = compute_clocks(events, today=d(2025, 7, 1), rules=[rule])
    assert [c.key for c in clocks] == ["b"]


def test_threads_are_kept_apart() -> None:
    events = [
        E(ev.CP_PLAN_STARTED, JUNE2, key="cp1"),
        E(ev.CP_PLAN_STARTED, JUNE2, key="cp2"),
        E(ev.CP_VISIT, d(2025, 6, 5), key="cp1"),
    ]
    c8 = [c for c in compute_clocks(events, today=d(2025, 6, 5)) if c.rule_id == "C8"]
    assert [(c.key, c.state) for c in c8] == [
        ("cp1", "met"),
        ("cp2", "running"),
        ("cp1", "running"),
    ]


def test_lp_override_uses_clock_hours_for_a_day_rule() -> None:
    # An authority may time F4 in hours instead; the engine then works in instants.
    practice = LocalPractice(limits={"F4": ClockHours(4)})
    events = [
        E(ev.NEW_INFO_ON_OPEN_CASE, at(2025, 6, 2, 10)),
        E(ev.PASSED_TO_WORKER, at(2025, 6, 2, 15)),
    ]
    [clock] = compute_clocks(events, today=JUNE2, now=at(2025, 6, 2, 16), practice=practice)
    assert (clock.due_on, clock.state) == (at(2025, 6, 2, 14), "met_late")


def test_rule_by_id() -> None:
    assert rule_by_id("C2").limit == WorkingDays(15)
    with pytest.raises(KeyError, match="No timescale rule"):
        rule_by_id("Z9")
