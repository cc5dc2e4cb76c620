"""Every refusal leaves nothing saved."""

from __future__ import annotations

import datetime

import pytest

from accounts.models import User
from casework.models import Episode, Event
from csc.errors import ActionError
from csc.testing import Personas
from protection import actions
from protection.models import (
    CINPlan,
    Conference,
    CPPlan,
    CPVisit,
    ReviewConference,
    Section47,
    StrategyDiscussion,
)

from .helpers import ALL_AGENCIES, ICPC_DATE, SD_DATE, at, concluded, cp_plan, referral, s47

D = datetime.date
pytestmark = pytest.mark.django_db


def _refused(call: object, *args: object, **kwargs: object) -> ActionError:
    events = Event.objects.count()
    with pytest.raises(ActionError) as exc:
        call(*args, **kwargs)  # type: ignore[operator]
    assert Event.objects.count() == events
    return exc.value


def test_strategy_discussion_without_rationale(personas: Personas) -> None:
    referral(personas)
    err = _refused(
        actions.record_strategy_discussion,
        actor=personas.worker,
        person=personas.child,
        held_at=at(SD_DATE),
        decision="s47_single",
        rationale="  ",
        attendees=ALL_AGENCIES,
    )
    assert err.errors["rationale"] == ["Enter the rationale for the decision"]
    assert not StrategyDiscussion.objects.exists()
    assert not Section47.objects.exists()


def test_strategy_discussion_needs_an_open_cin_episode(personas: Personas) -> None:
    err = _refused(
        actions.record_strategy_discussion,
        actor=personas.worker,
        person=personas.child,
        held_at=at(SD_DATE),
        decision="no_s47",
        rationale="x",
        attendees=ALL_AGENCIES,
    )
    assert "Record a referral first" in str(err)


def test_s47_completion_before_start(personas: Personas) -> None:
    referral(personas)
    enquiry = s47(personas)
    err = _refused(
        actions.conclude_section47,
        actor=personas.worker,
        section47=enquiry,
        outcome="substantiated",
        icpc_needed=True,
        completed_on=SD_DATE - datetime.timedelta(days=1),
    )
    assert "on or after the enquiry started" in err.errors["completed_on"][0]
    enquiry.refresh_from_db()
    assert enquiry.completed_on is None and enquiry.outcome == ""


def test_icpc_not_needed_needs_a_reason(personas: Personas) -> None:
    referral(personas)
    err = _refused(
        actions.conclude_section47,
        actor=personas.worker,
        section47=s47(personas),
        outcome="not_substantiated",
        icpc_needed=False,
        completed_on=SD_DATE,
    )
    assert "icpc_not_needed_reason" in err.errors


def test_icpc_before_strategy_discussion(personas: Personas, chair: User) -> None:
    referral(personas)
    enquiry = concluded(personas)
    err = _refused(
        actions.record_conference,
        actor=personas.worker,
        section47=enquiry,
        held_on=D(2026, 6, 1),
        chair=chair,
        child_views="v",
        child_views_how="h",
        plan_made=True,
        category="NEG",
    )
    assert "on or after the strategy discussion" in err.errors["held_on"][0]
    assert not Conference.objects.exists() and not CPPlan.objects.exists()


def test_conference_chair_must_be_a_cp_chair(personas: Personas) -> None:
    referral(personas)
    err = _refused(
        actions.record_conference,
        actor=personas.worker,
        section47=concluded(personas),
        held_on=ICPC_DATE,
        chair=personas.manager,
        child_views="v",
        child_views_how="h",
        plan_made=False,
    )
    assert "not a child protection chair" in err.errors["chair"][0]


def test_cp_plan_start_must_be_the_conference_date(personas: Personas, chair: User) -> None:
    referral(personas)
    enquiry = concluded(personas)
    conference = actions.record_conference(
        actor=personas.worker,
        section47=enquiry,
        held_on=ICPC_DATE,
        chair=chair,
        child_views="v",
        child_views_how="h",
        plan_made=True,
        category="EMO",
    )
    plan = CPPlan.objects.get(conference=conference)
    plan.delete()  # as if the conference's plan were still to be started
    Episode.objects.filter(kind="child_protection").delete()
    err = _refused(
        actions.start_cp_plan,
        actor=personas.worker,
        conference=conference,
        started_on=ICPC_DATE + datetime.timedelta(days=3),
        initial_category="EMO",
    )
    assert "starts on the date of the conference" in err.errors["started_on"][0]
    assert not CPPlan.objects.exists()


def test_cin_plan_refused_while_cp_plan_open(personas: Personas, chair: User) -> None:
    referral(personas)
    cp_plan(personas, chair)
    err = _refused(
        actions.start_cin_plan,
        actor=personas.worker,
        person=personas.child,
        started_on=D(2026, 7, 1),
    )
    assert err.errors["started_on"] == [actions.OVERLAP_MESSAGE]
    assert not CINPlan.objects.exists()


def test_cin_plan_may_start_the_day_the_cp_plan_ends(personas: Personas, chair: User) -> None:
    referral(personas)
    plan = cp_plan(personas, chair)
    actions.end_cp_plan(
        actor=personas.worker, plan=plan, ended_on=D(2026, 9, 1), reason="step_down_cin"
    )
    with pytest.raises(ActionError):
        actions.start_cin_plan(
            actor=personas.worker, person=personas.child, started_on=D(2026, 8, 31)
        )
    cin = actions.start_cin_plan(
        actor=personas.worker, person=personas.child, started_on=D(2026, 9, 1)
    )
    assert cin.started_on == D(2026, 9, 1)


def test_starting_a_cp_plan_ends_the_open_cin_plan_that_day(
    personas: Personas, chair: User
) -> None:
    referral(personas)
    cin = actions.start_cin_plan(
        actor=personas.worker, person=personas.child, started_on=D(2026, 6, 1)
    )
    plan = cp_plan(personas, chair)
    cin.refresh_from_db()
    assert cin.ended_on == plan.started_on == ICPC_DATE
    assert cin.end_reason == "cp_plan"


def test_review_before_plan_start(personas: Personas, chair: User) -> None:
    referral(personas)
    plan = cp_plan(personas, chair)
    err = _refused(
        actions.record_review_conference,
        actor=personas.worker,
        plan=plan,
        held_on=ICPC_DATE - datetime.timedelta(days=1),
        chair=chair,
        decision="continue",
    )
    assert "after the plan started" in err.errors["held_on"][0]
    assert not ReviewConference.objects.exists()


def test_visit_in_the_future(personas: Personas, chair: User) -> None:
    referral(personas)
    plan = cp_plan(personas, chair)
    err = _refused(
        actions.record_cp_visit,
        actor=personas.worker,
        plan=plan,
        visited_on=D(2026, 11, 21),
        seen=True,
    )
    assert err.errors["visited_on"] == ["Date of the visit must be today or in the past"]
    assert not CPVisit.objects.exists()


def test_plan_end_before_start(personas: Personas, chair: User) -> None:
    referral(personas)
    plan = cp_plan(personas, chair)
    err = _refused(
        actions.end_cp_plan,
        actor=personas.worker,
        plan=plan,
        ended_on=ICPC_DATE - datetime.timedelta(days=1),
        reason="no_longer_at_risk",
    )
    assert "after the plan started" in err.errors["ended_on"][0]
    plan.refresh_from_db()
    assert plan.ended_on is None and plan.episode.ended_on is None


def test_cin_plan_end_before_start(personas: Personas) -> None:
    referral(personas)
    cin = actions.start_cin_plan(
        actor=personas.worker, person=personas.child, started_on=D(2026, 7, 1)
    )
    _refused(
        actions.end_cin_plan,
        actor=personas.worker,
        plan=cin,
        ended_on=D(2026, 6, 30),
        reason="needs_met",
    )
    cin.refresh_from_db()
    assert cin.ended_on is None


def test_closing_the_case_with_an_open_cp_plan(personas: Personas, chair: User) -> None:
    ref = referral(personas)
    cp_plan(personas, chair)
    _refused(
        actions.close_cin_episode,
        actor=personas.worker,
        episode=ref.episode,
        ended_on=D(2026, 9, 1),
        closure_reason="RC7",
    )
    ref.episode.refresh_from_db()
    assert ref.episode.ended_on is None


def test_other_team_worker_cannot_write(personas: Personas) -> None:
    referral(personas)
    err = _refused(
        actions.record_strategy_discussion,
        actor=personas.other_worker,
        person=personas.child,
        held_at=at(SD_DATE),
        decision="no_s47",
        rationale="x",
        attendees=ALL_AGENCIES,
    )
    assert err.code == "forbidden"


def test_only_managers_record_drift_decisions(personas: Personas) -> None:
    err = _refused(
        actions.record_drift_decision,
        actor=personas.worker,
        person=personas.child,
        decision="Escalate to PLO",
        decided_on=D(2026, 11, 1),
    )
    assert err.code == "forbidden"
