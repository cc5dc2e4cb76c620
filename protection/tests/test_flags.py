"""Plan flags and the drift list, with explicit dates."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import QuerySet

from accounts.models import User
from csc.testing import Personas
from people.models import Person
from protection import actions
from protection.models import CPPlan
from protection.queries import PlanFlags, drifting_plans, plan_flags, with_flag_data

from .helpers import cp_plan, referral

D = datetime.date
pytestmark = pytest.mark.django_db


def _flags(plan: CPPlan, today: D, previous: int = 0) -> PlanFlags:
    loaded = with_flag_data(CPPlan.objects.filter(pk=plan.pk)).get()
    return plan_flags(loaded, today, previous)


def test_plan_age_flags(personas: Personas, chair: User) -> None:
    referral(personas, D(2024, 5, 1))
    plan = cp_plan(personas, chair, sd_day=D(2024, 5, 7), icpc=D(2024, 5, 20))
    assert not _flags(plan, D(2025, 11, 19)).open_18_months
    flags = _flags(plan, D(2025, 11, 20))
    assert flags.open_18_months and not flags.open_2_years
    assert ("Plan open 18 months or more", "orange") in flags.labels
    assert not _flags(plan, D(2026, 5, 19)).open_2_years
    flags = _flags(plan, D(2026, 5, 20))
    assert flags.open_2_years
    assert ("Plan open 2 years or more", "red") in flags.labels


def test_second_plan_flag_counts_any_previous_plan(personas: Personas, chair: User) -> None:
    referral(personas, D(2020, 1, 6))
    first = cp_plan(personas, chair, sd_day=D(2020, 1, 7), icpc=D(2020, 1, 17))
    actions.end_cp_plan(actor=None, plan=first, ended_on=D(2020, 9, 1), reason="no_longer_at_risk")
    second = cp_plan(personas, chair, sd_day=D(2026, 6, 2), icpc=D(2026, 6, 19))
    rows = {p.pk: p for p in actions_plans(personas)}
    previous = {pk: getattr(p, "previous") for pk, p in rows.items()}  # noqa: B009
    assert previous == {first.pk: 0, second.pk: 1}
    flags = plan_flags(rows[second.pk], D(2026, 11, 20), previous[second.pk])
    assert ("Second or subsequent plan (1 before)", "purple") in flags.labels


def actions_plans(personas: Personas) -> list[CPPlan]:
    from protection.queries import previous_plan_count

    return list(
        with_flag_data(CPPlan.objects.filter(person=personas.child)).annotate(
            previous=previous_plan_count()
        )
    )


def test_no_progress_since_review_and_drift(personas: Personas, chair: User) -> None:
    referral(personas, D(2025, 6, 2))
    plan = cp_plan(personas, chair, sd_day=D(2025, 6, 3), icpc=D(2025, 6, 20))
    outcome = actions.add_outcome(
        actor=None,
        plan=plan,
        what_must_change="Home kept safe",
        by_when=D(2025, 12, 1),
        responsible="Parents",
    )
    actions.record_progress(actor=None, outcome=outcome, recorded_on=D(2025, 8, 1), rating="some")
    actions.record_review_conference(
        actor=None, plan=plan, held_on=D(2025, 9, 15), chair=chair, decision="continue"
    )
    flags = _flags(plan, D(2025, 10, 1))
    assert flags.no_progress_since_review and not flags.drifting
    actions.record_progress(actor=None, outcome=outcome, recorded_on=D(2025, 9, 15), rating="some")
    assert not _flags(plan, D(2025, 10, 1)).no_progress_since_review
    actions.record_review_conference(
        actor=None, plan=plan, held_on=D(2026, 3, 10), chair=chair, decision="continue"
    )
    actions.record_progress(actor=None, outcome=outcome, recorded_on=D(2026, 3, 10), rating="none")
    actions.record_review_conference(
        actor=None, plan=plan, held_on=D(2026, 9, 8), chair=chair, decision="continue"
    )
    flags = _flags(plan, D(2026, 11, 20))
    assert flags.no_progress_since_review and flags.drifting
    assert ("No progress across two reviews", "red") in flags.labels
    # The manager's drift list shows it; a worker in another team's manager view does not.
    assert [p.pk for p in drifting_plans(_visible(personas.manager), D(2026, 11, 20))] == [plan.pk]
    assert drifting_plans(_visible(personas.other_worker), D(2026, 11, 20)) == []


def _visible(user: User) -> QuerySet[Person]:
    from accounts.access import visible_people

    return visible_people(user)


def test_category_change_at_review(personas: Personas, chair: User) -> None:
    referral(personas)
    plan = cp_plan(personas, chair, category="NEG")
    actions.record_review_conference(
        actor=personas.worker,
        plan=plan,
        held_on=D(2026, 9, 14),
        chair=chair,
        decision="continue",
        category="EMO",
    )
    plan.refresh_from_db()
    assert (plan.initial_category, plan.latest_category) == ("NEG", "EMO")
    change = plan.category_changes.get()
    assert (change.changed_on, change.from_category, change.to_category) == (
        D(2026, 9, 14),
        "NEG",
        "EMO",
    )
