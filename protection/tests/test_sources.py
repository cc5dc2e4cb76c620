"""The events this app gives the clocks, checked with the pure engine."""

from __future__ import annotations

import datetime
import random
from typing import Any

import pytest

from accounts.models import User
from csc.testing import TODAY, Personas
from people import actions as people_actions
from people.models import Person
from protection import actions
from protection.demo import DemoChild, record_full_journey, record_journeys
from protection.sources import protection_events, protection_events_many
from timescales import Event, compute_clocks
from timescales import events as ev

from .helpers import SD_DATE, at, cp_plan, referral

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


def test_strategy_actions_run_on_their_own_threads(personas: Personas) -> None:
    ref = referral(personas)
    discussion = actions.record_strategy_discussion(
        actor=personas.worker,
        person=personas.child,
        held_at=at(SD_DATE),
        decision="s47_joint",
        rationale="Bruise with no explanation",
        attendees=[actions.Attendee("police", "DC Jones")],
        actions=[
            actions.AgreedAction("Check school records", "Ms Teach", D(2026, 6, 9)),
            actions.AgreedAction("Speak to the GP", "HV Smith", D(2026, 6, 12)),
        ],
    )
    done, open_ = discussion.actions.order_by("deadline")
    actions.complete_strategy_action(actor=personas.worker, action=done, completed_on=D(2026, 6, 5))
    events = protection_events(personas.child.pk)
    assert {
        (e.kind, e.on, e.key, dict(e.attrs).get(ev.DEADLINE)) for e in events if "sda" in e.key
    } == {
        (ev.SD_ACTION_SET, SD_DATE, f"sda:{done.pk}", D(2026, 6, 9)),
        (ev.SD_ACTION_DONE, D(2026, 6, 5), f"sda:{done.pk}", None),
        (ev.SD_ACTION_SET, SD_DATE, f"sda:{open_.pk}", D(2026, 6, 12)),
    }
    actions.close_cin_episode(
        actor=None, episode=ref.episode, ended_on=D(2026, 9, 2), closure_reason="RC5"
    )
    closed = [e for e in protection_events(personas.child.pk) if e.kind == ev.CIN_EPISODE_CLOSED]
    assert {f"sda:{done.pk}", f"sda:{open_.pk}"} <= set(closed[0].also)


def test_a_child_with_no_protection_record_costs_three_reads(
    personas: Personas, django_assert_num_queries: Any
) -> None:
    # Runs inside every action: discussions, transfers-in and CIN plans are read; s47s,
    # conferences, CP plans and discussion actions cannot exist without the first two.
    referral(personas)
    with django_assert_num_queries(3):
        assert protection_events(personas.child.pk) == []


def _child(personas: Personas, n: int) -> Person:
    return people_actions.create_person(
        actor=personas.mash,
        details=people_actions.PersonDetails(
            legal_forename=f"Child{n}",
            legal_surname="Sourceford",
            date_of_birth=D(2015, 1, 1 + n),
            sex="M",
            gender="1",
            ethnicity="WBRI",
        ),
    )


def _same(events: list[Event]) -> list[tuple[object, ...]]:
    return sorted((e.kind, e.on, e.key, sorted(e.attrs.items()), sorted(e.also)) for e in events)


def test_many_children_read_together_get_the_events_each_gets_alone(
    personas: Personas, chair: User
) -> None:
    on_plan = personas.child
    referral(personas)
    cp_plan(personas, chair)
    transferred = _child(personas, 1)
    referral(personas, person=transferred)
    transfer = actions.record_transfer_in(
        actor=None,
        person=transferred,
        notified_on=D(2026, 6, 1),
        from_authority="Northshire",
    )
    actions.record_conference(
        actor=None,
        transfer=transfer,
        held_on=D(2026, 6, 12),
        chair=chair,
        child_views="v",
        child_views_how="h",
        plan_made=True,
        category="NEG",
    )
    nothing = _child(personas, 2)
    together = protection_events_many([on_plan.pk, transferred.pk, nothing.pk])
    assert together.get(nothing.pk, []) == []
    for child in (on_plan, transferred):
        alone = protection_events(child.pk)
        assert any(e.kind == ev.CP_PLAN_STARTED for e in alone)
        assert _same(together[child.pk]) == _same(alone)
