"""Child in need plans (reviews, visits, ending) and closing the child in need episode."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Q

from casework import actions as casework_actions
from casework.choices import ClosureReason, EpisodeKind
from casework.events import atomic_action, record_event
from casework.models import Episode
from csc.errors import ActionError

from ..choices import CINPlanEndReason
from ..models import CINPlan, CINReview, CINVisit, CPPlan
from .common import fmt, require_access, require_cin_episode, require_past, today_or

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person

OVERLAP_MESSAGE = (
    "A child in need plan cannot be open at the same time as a child protection plan. "
    "Start it on or after the day the child protection plan ends"
)


def _check_plan_day(
    plan: CINPlan, field: str, day: datetime.date, today: datetime.date, label: str
) -> None:
    require_past(field, day, today, label)
    if day < plan.started_on:
        raise ActionError(
            {field: [f"{label} must be on or after the plan started ({fmt(plan.started_on)})"]}
        )
    if plan.ended_on is not None and day > plan.ended_on:
        raise ActionError({field: [f"{label} must be on or before the plan ended"]})


@atomic_action
def start_cin_plan(
    *,
    actor: User | None,
    person: Person,
    started_on: datetime.date,
    today: datetime.date | None = None,
    check_access: bool = True,
) -> CINPlan:
    today = today_or(today)
    require_past("started_on", started_on, today, "Start date")
    require_access(actor, person, check_access)
    episode = require_cin_episode(person, started_on, "started_on")
    if (
        CINPlan.objects.filter(person=person)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
        .exists()
    ):
        raise ActionError({"started_on": ["This child already has a child in need plan open"]})
    # The CIN census (4001, 4003) allows a CIN plan to start on the day a CP plan ends.
    if (
        CPPlan.objects.filter(person=person)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
        .exists()
    ):
        raise ActionError({"started_on": [OVERLAP_MESSAGE]})
    plan = CINPlan.objects.create(person=person, episode=episode, started_on=started_on)
    record_event(
        kind="cin_plan_started",
        actor=actor,
        person=person,
        summary="Child in need plan started",
        occurred_at=started_on,
        details={"plan_id": plan.pk},
        subject=plan,
    )
    return plan


@atomic_action
def record_cin_review(
    *,
    actor: User | None,
    plan: CINPlan,
    held_on: datetime.date,
    notes: str = "",
    today: datetime.date | None = None,
    check_access: bool = True,
) -> CINReview:
    today = today_or(today)
    require_access(actor, plan.person, check_access)
    if not plan.is_open:
        raise ActionError("This plan has ended")
    _check_plan_day(plan, "held_on", held_on, today, "Date of the review")
    review = CINReview.objects.create(plan=plan, held_on=held_on, notes=notes.strip())
    record_event(
        kind="cin_review",
        actor=actor,
        person=plan.person,
        summary="Child in need review",
        occurred_at=held_on,
        details={"plan_id": plan.pk, "review_id": review.pk},
        subject=review,
    )
    return review


@atomic_action
def record_cin_visit(
    *,
    actor: User | None,
    plan: CINPlan,
    visited_on: datetime.date,
    seen: bool,
    seen_alone: bool = False,
    note: str = "",
    today: datetime.date | None = None,
    check_access: bool = True,
) -> CINVisit:
    today = today_or(today)
    if seen_alone and not seen:
        raise ActionError({"seen_alone": ["A child can only be seen alone if they were seen"]})
    require_access(actor, plan.person, check_access)
    _check_plan_day(plan, "visited_on", visited_on, today, "Date of the visit")
    visit = CINVisit.objects.create(
        plan=plan,
        visited_on=visited_on,
        seen=seen,
        seen_alone=seen and seen_alone,
        note=note.strip(),
        recorded_by=actor,
    )
    seen_text = ("seen alone" if seen_alone else "seen") if seen else "not seen"
    record_event(
        kind="cin_visit",
        actor=actor,
        person=plan.person,
        summary=f"Child in need visit: child {seen_text}",
        occurred_at=visited_on,
        details={"plan_id": plan.pk, "seen": seen, "seen_alone": visit.seen_alone},
        subject=visit,
    )
    return visit


@atomic_action
def end_cin_plan(
    *,
    actor: User | None,
    plan: CINPlan,
    ended_on: datetime.date,
    reason: str,
    today: datetime.date | None = None,
    check_access: bool = True,
) -> CINPlan:
    today = today_or(today)
    ActionError.collect(
        {
            "reason": None if reason in CINPlanEndReason.values else "Choose why the plan ended",
            "ended_on": "End date must be today or in the past" if ended_on > today else None,
        }
    )
    require_access(actor, plan.person, check_access)
    if not plan.is_open:
        raise ActionError("This plan has already ended")
    if ended_on < plan.started_on:
        raise ActionError(
            {
                "ended_on": [
                    f"End date must be on or after the plan started ({fmt(plan.started_on)})"
                ]
            }
        )
    plan.ended_on = ended_on
    plan.end_reason = reason
    plan.save(update_fields=["ended_on", "end_reason"])
    record_event(
        kind="cin_plan_ended",
        actor=actor,
        person=plan.person,
        summary=f"Child in need plan ended: {CINPlanEndReason(reason).label}",
        occurred_at=ended_on,
        details={"plan_id": plan.pk, "reason": reason},
        subject=plan,
    )
    return plan


@atomic_action
def close_cin_episode(
    *,
    actor: User | None,
    episode: Episode,
    ended_on: datetime.date,
    closure_reason: str,
    today: datetime.date | None = None,
    check_access: bool = True,
) -> Episode:
    """Close the child in need episode with a reason (RC1-RC9), ending any open CIN plan.

    A child protection plan must be ended first: it is a decision for a conference.
    """
    today = today_or(today)
    if episode.kind != EpisodeKind.CHILD_IN_NEED:
        raise ActionError("Only a child in need episode is closed here")
    ActionError.collect(
        {
            "closure_reason": None
            if closure_reason in ClosureReason.values
            else "Choose a reason for closure",
            "ended_on": "Closure date must be today or in the past" if ended_on > today else None,
        }
    )
    require_access(actor, episode.person, check_access)
    cp_ends = list(CPPlan.objects.filter(cin_episode=episode).values_list("ended_on", flat=True))
    if None in cp_ends:
        raise ActionError("End the child protection plan before closing the case")
    latest_cp_end = max((end for end in cp_ends if end is not None), default=None)
    if latest_cp_end is not None and ended_on < latest_cp_end:
        raise ActionError(
            {"ended_on": ["Closure date must be on or after the child protection plan ended"]}
        )
    for plan in CINPlan.objects.filter(episode=episode, ended_on__isnull=True):
        if ended_on < plan.started_on:
            raise ActionError(
                {"ended_on": ["Closure date must be on or after the child in need plan started"]}
            )
        end_cin_plan(
            actor=actor,
            plan=plan,
            ended_on=ended_on,
            reason=CINPlanEndReason.CASE_CLOSED,
            today=today,
            check_access=False,
        )
    # casework.close_episode ends by recording the closure event (with its RC code).
    return casework_actions.close_episode(
        actor=actor,
        episode=episode,
        ended_on=ended_on,
        closure_reason=closure_reason,
        today=today,
    )
