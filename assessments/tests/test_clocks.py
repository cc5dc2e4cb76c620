"""Clocks A1 (from referral), K2 (from assessment start) and A2 (child seen)."""

from __future__ import annotations

import datetime

import pytest

from clocks.models import Clock
from csc.testing import Personas

from .helpers import authorised, started, submitted

pytestmark = pytest.mark.django_db


def clocks(personas: Personas) -> dict[str, Clock]:
    return {
        c.rule_id: c
        for c in Clock.objects.filter(person=personas.child, rule_id__in=["A1", "K2", "A2", "A3"])
    }


def test_started_assessment_runs_k2_and_a2(personas: Personas) -> None:
    a = started(personas)
    found = clocks(personas)
    assert found["K2"].key == f"assessment:{a.pk}"
    assert found["K2"].due_on == datetime.date(2026, 11, 5)
    assert found["K2"].stopped_on is None
    assert found["A1"].due_on == datetime.date(2026, 11, 3)
    assert found["A1"].stopped_on is None
    assert found["A2"].stopped_on is None


def test_authorised_assessment_stops_a1_late_and_k2_on_time(personas: Personas) -> None:
    # Authorised on 4 November: one working day after A1's due date, one before K2's.
    a = authorised(personas, submitted(personas), on=datetime.date(2026, 11, 4))
    found = clocks(personas)
    assert (found["A1"].state, found["A1"].stopped_on) == ("met_late", a.authorised_on)
    assert (found["K2"].state, found["K2"].stopped_on) == ("met", a.authorised_on)
    assert found["A2"].state == "met"  # seen the day after the start
    # A child in need plan outcome starts the A3 clock (CIN plan within 10 WD).
    assert found["A3"].started_on == a.authorised_on


def test_nfa_outcome_closes_the_episode_and_the_clocks_are_met(personas: Personas) -> None:
    authorised(personas, submitted(personas, outcome="NFA"), on=datetime.date(2026, 10, 30))
    found = clocks(personas)
    assert found["A1"].state == "met"
    assert found["K2"].state == "met"
    assert "A3" not in found


def test_starting_a_cin_plan_meets_a3(personas: Personas) -> None:
    from protection.actions.cin import start_cin_plan

    a = authorised(personas, submitted(personas), on=datetime.date(2026, 11, 4))
    assert clocks(personas)["A3"].stopped_on is None
    start_cin_plan(
        actor=personas.worker,
        person=personas.child,
        started_on=datetime.date(2026, 11, 12),
        today=datetime.date(2026, 11, 20),
    )
    a3 = clocks(personas)["A3"]
    assert (a3.state, a3.stopped_on) == ("met", datetime.date(2026, 11, 12))
    assert a3.key == f"assessment:{a.pk}"
