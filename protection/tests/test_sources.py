"""The events this app gives the clocks, checked with the pure engine."""

from __future__ import annotations

import datetime
import random

import pytest

from accounts.models import User
from csc.testing import TODAY, Personas
from protection import actions
from protection.demo import DemoChild, record_full_journey, record_journeys
from protection.sources import protection_events
from timescales import compute_clocks
from timescales import events as ev

from .helpers import cp_plan, referral

D = datetime.date
pytestmark = pytest.mark.django_db


def test_events_and_threads(personas: Personas, chair: User) -> None:
    ref = referral(personas)
    plan = cp_plan(personas, chair)
    actions.record_cp_visit(actor=None, plan=plan, visited_on=D(2026, 6, 22), seen=False)
    actions.record_cp_visit(actor=None, plan=plan, visited_on=D(2026, 6, 23), seen=True)
    events = protection_events(personas.child.pk)
    kinds = [(e.kind, e.key) for e in events]
    s47_id = plan.conference.section47_id
    assert (ev.STRATEGY_DISCUSSION, f"s47:{s47_id}") in kinds
    assert (ev.S47_CONCLUDED, f"s47:{s47_id}") in kinds
    assert (ev.ICPC, f"s47:{s47_id}") in kinds
    assert (ev.CP_PLAN_STARTED, f"cp:{plan.pk}") in kinds
    # Only the visit where the child was seen counts.
    assert [e.on for e in events if e.kind == ev.CP_VISIT] == [D(2026, 6, 23)]
    clocks = {c.rule_id: c for c in compute_clocks(events, today=TODAY) if c.rule_id == "C2"}
    assert clocks["C2"].state == "met"
    actions.end_cp_plan(actor=None, plan=plan, ended_on=D(2026, 9, 1), reason="moved")
    actions.close_cin_episode(
        actor=None, episode=ref.episode, ended_on=D(2026, 9, 2), closure_reason="RC5"
    )
    closed = [e for e in protection_events(personas.child.pk) if e.kind == ev.CIN_EPISODE_CLOSED]
    assert len(closed) == 1
    assert {f"s47:{s47_id}", f"cp:{plan.pk}"} <= set(closed[0].also)


def test_transfer_in_conference_times_c10(personas: Personas, chair: User) -> None:
    referral(personas)
    transfer = actions.record_transfer_in(
        actor=personas.worker,
        person=personas.child,
        notified_on=D(2026, 6, 1),
        from_authority="Northshire",
    )
    actions.record_conference(
        actor=personas.worker,
        transfer=transfer,
        held_on=D(2026, 6, 29),  # 20 working days: late
        chair=chair,
        child_views="v",
        child_views_how="h",
        plan_made=True,
        category="NEG",
    )
    clocks = [c for c in compute_clocks(protection_events(personas.child.pk), today=TODAY)]
    c10 = next(c for c in clocks if c.rule_id == "C10")
    assert c10.state == "met_late"
    assert any(c.rule_id == "C4" for c in clocks)


def test_full_journey_helper(personas: Personas, chair: User) -> None:
    referral(personas, D(2026, 1, 5))
    journey = record_full_journey(
        person=personas.child,
        worker=personas.worker,
        chair=chair,
        start=D(2026, 1, 6),
        today=TODAY,
    )
    assert journey.cp_plan is not None and journey.cp_plan.ended_on is not None
    assert journey.cin_plan is not None and journey.closed


def test_record_journeys(personas: Personas, chair: User) -> None:
    ref = referral(personas, D(2024, 3, 4))
    stats = record_journeys(
        rng=random.Random(3),
        today=TODAY,
        children=[DemoChild(personas.child, ref.episode, ref.referral_date, personas.worker)],
        chairs=[chair],
        scale=1.0,
    )
    assert stats.refused == []
    assert stats.strategy_discussions + stats.cin_plans >= 1
