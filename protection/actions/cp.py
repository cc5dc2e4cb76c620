"""Conferences and child protection plans: core groups, reviews, visits, categories, ending."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from casework import actions as casework_actions
from casework.choices import EpisodeKind
from casework.events import atomic_action, record_event
from csc.errors import ActionError

from ..choices import (
    AbuseCategory,
    Agency,
    CINPlanEndReason,
    ConferenceKind,
    CPPlanEndReason,
    ReviewDecision,
)
from ..models import (
    CategoryChange,
    CINPlan,
    Conference,
    ConferenceAttendance,
    CoreGroup,
    CPPlan,
    CPVisit,
    ReviewConference,
    Section47,
    TransferIn,
)
from .common import fmt, require_access, require_chair, require_past, today_or

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Attendance:
    agency: str
    attended: bool = True
    report_provided: bool = False


def _check_plan_day(
    plan: CPPlan, field: str, day: datetime.date, today: datetime.date, label: str
) -> None:
    require_past(field, day, today, label)
    if day < plan.started_on:
        raise ActionError(
            {field: [f"{label} must be on or after the plan started ({fmt(plan.started_on)})"]}
        )
    if plan.ended_on is not None and day > plan.ended_on:
        raise ActionError({field: [f"{label} must be on or before the plan ended"]})


@atomic_action
def record_conference(
    *,
    actor: User | None,
    held_on: datetime.date,
    chair: User,
    child_views: str,
    child_views_how: str,
    plan_made: bool,
    category: str = "",
    attendance: Sequence[Attendance] = (),
    contingency_plan: str = "",
    section47: Section47 | None = None,
    transfer: TransferIn | None = None,
    today: datetime.date | None = None,
    check_access: bool = True,
) -> Conference:
    """An initial conference (after a s47 enquiry) or a transfer-in conference.

    If the conference makes a plan, the plan starts on the conference date (`start_cp_plan`).
    """
    today = today_or(today)
    if (section47 is None) == (transfer is None):
        raise ActionError("A conference follows either a section 47 enquiry or a transfer in")
    child_views, child_views_how = child_views.strip(), child_views_how.strip()
    ActionError.collect(
        {
            "held_on": "Conference date must be today or in the past" if held_on > today else None,
            "child_views": None
            if child_views
            else "Enter the child's views, or why they could not be gathered",
            "child_views_how": None
            if child_views_how
            else "Enter how the child's views were gathered",
            "category": "Choose the category of abuse"
            if plan_made and category not in AbuseCategory.values
            else None,
        }
    )
    if held_on.weekday() >= 5:
        # CIN census rule 8875: conferences are not held at weekends.
        raise ActionError({"held_on": ["Conference date must be a weekday"]})
    require_chair("chair", chair)
    for a in attendance:
        if a.agency not in Agency.values:
            raise ActionError({"attendance": ["Choose an agency for each attendee"]})
    if section47 is not None:
        person, episode = section47.person, section47.episode
        kind = ConferenceKind.INITIAL
        if Conference.objects.filter(section47=section47).exists():
            raise ActionError("An initial conference has already been recorded for this enquiry")
        if section47.completed_on is None or not section47.icpc_needed:
            raise ActionError(
                "Record the outcome of the section 47 enquiry, with a conference needed, first"
            )
        if held_on < section47.started_on:
            raise ActionError(
                {
                    "held_on": [
                        "Conference date must be on or after the strategy discussion "
                        f"({fmt(section47.started_on)})"
                    ]
                }
            )
    else:
        assert transfer is not None
        person, episode = transfer.person, transfer.episode
        kind = ConferenceKind.TRANSFER_IN
        if Conference.objects.filter(transfer=transfer).exists():
            raise ActionError("A transfer-in conference has already been recorded")
        if held_on < transfer.notified_on:
            raise ActionError(
                {"held_on": ["Conference date must be on or after the transfer was notified"]}
            )
    require_access(actor, person, check_access)
    conference = Conference.objects.create(
        person=person,
        episode=episode,
        kind=kind,
        section47=section47,
        transfer=transfer,
        held_on=held_on,
        chair=chair,
        child_views=child_views,
        child_views_how=child_views_how,
        plan_made=plan_made,
        category=category if plan_made else "",
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    ConferenceAttendance.objects.bulk_create(
        ConferenceAttendance(
            conference=conference,
            agency=a.agency,
            attended=a.attended,
            report_provided=a.report_provided,
        )
        for a in attendance
    )
    record_event(
        kind="cp_conference",
        actor=actor,
        person=person,
        summary=f"{ConferenceKind(kind).label}: "
        + (
            f"child protection plan ({AbuseCategory(category).label.lower()})"
            if plan_made
            else "no child protection plan"
        ),
        occurred_at=held_on,
        details={"conference_id": conference.pk, "plan_made": plan_made, "kind": kind},
        subject=conference,
    )
    if plan_made:
        start_cp_plan(
            actor=actor,
            conference=conference,
            started_on=held_on,
            initial_category=category,
            contingency_plan=contingency_plan,
            today=today,
            check_access=False,
        )
    return conference


@atomic_action
def start_cp_plan(
    *,
    actor: User | None,
    conference: Conference,
    started_on: datetime.date,
    initial_category: str,
    contingency_plan: str = "",
    today: datetime.date | None = None,
    check_access: bool = True,
) -> CPPlan:
    """Start the plan a conference decided on. It must start on the conference date.

    An open child in need plan is ended automatically on the CP plan's start date: the CIN
    census (rules 4001/4003) forbids the two plans being open together but allows the CIN plan
    to end on the day the CP plan starts. Workers are not asked to end it first because the
    conference, not the worker, decides the change.
    """
    today = today_or(today)
    person = conference.person
    require_access(actor, person, check_access)
    if not conference.plan_made:
        raise ActionError("This conference did not decide on a child protection plan")
    if started_on != conference.held_on:
        raise ActionError(
            {
                "started_on": [
                    "A child protection plan starts on the date of the conference that made it "
                    f"({fmt(conference.held_on)})"
                ]
            }
        )
    if initial_category not in AbuseCategory.values:
        raise ActionError({"initial_category": ["Choose the category of abuse"]})
    if CPPlan.objects.filter(conference=conference).exists():
        raise ActionError("This conference's plan has already been started")
    if (
        CPPlan.objects.filter(person=person)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=started_on))
        .exists()
    ):
        raise ActionError("This child already has a child protection plan open on that date")
    open_cin = CINPlan.objects.filter(person=person, ended_on__isnull=True).first()
    if open_cin is not None:
        if open_cin.started_on > started_on:
            raise ActionError(
                "The child in need plan started after this conference. Correct its dates first"
            )
        from .cin import end_cin_plan

        end_cin_plan(
            actor=actor,
            plan=open_cin,
            ended_on=started_on,
            reason=CINPlanEndReason.CP_PLAN,
            today=today,
            check_access=False,
        )
    if CINPlan.objects.filter(person=person, ended_on__gt=started_on).exists():
        raise ActionError(
            "A child in need plan was open after this date. A child protection plan cannot "
            "overlap a child in need plan"
        )
    episode = casework_actions.open_episode(
        actor=actor,
        person=person,
        kind=EpisodeKind.CHILD_PROTECTION,
        started_on=started_on,
        summary=f"Child protection plan ({AbuseCategory(initial_category).label.lower()})",
        today=today,
    )
    plan = CPPlan.objects.create(
        person=person,
        cin_episode=conference.episode,
        episode=episode,
        conference=conference,
        started_on=started_on,
        initial_category=initial_category,
        latest_category=initial_category,
        contingency_plan=contingency_plan.strip(),
    )
    previous = CPPlan.objects.filter(person=person, started_on__lt=started_on).count()
    record_event(
        kind="cp_plan_started",
        actor=actor,
        person=person,
        summary=f"Child protection plan started: {AbuseCategory(initial_category).label}"
        + (f" (plan number {previous + 1} for this child)" if previous else ""),
        occurred_at=started_on,
        details={"plan_id": plan.pk, "category": initial_category, "previous_plans": previous},
        subject=plan,
    )
    return plan


@atomic_action
def record_core_group(
    *,
    actor: User | None,
    plan: CPPlan,
    held_on: datetime.date,
    attendees: str = "",
    notes: str = "",
    today: datetime.date | None = None,
    check_access: bool = True,
) -> CoreGroup:
    today = today_or(today)
    require_access(actor, plan.person, check_access)
    _check_plan_day(plan, "held_on", held_on, today, "Date of the core group")
    group = CoreGroup.objects.create(
        plan=plan, held_on=held_on, attendees=attendees.strip(), notes=notes.strip()
    )
    record_event(
        kind="cp_core_group",
        actor=actor,
        person=plan.person,
        summary="Core group meeting",
        occurred_at=held_on,
        details={"plan_id": plan.pk, "core_group_id": group.pk},
        subject=group,
    )
    return group


@atomic_action
def record_review_conference(
    *,
    actor: User | None,
    plan: CPPlan,
    held_on: datetime.date,
    chair: User,
    decision: str,
    category: str = "",
    notes: str = "",
    end_reason: str = "",
    today: datetime.date | None = None,
    check_access: bool = True,
) -> ReviewConference:
    """A review conference. It may change the latest category, or end the plan that day."""
    today = today_or(today)
    ActionError.collect(
        {
            "decision": None
            if decision in ReviewDecision.values
            else "Choose whether the plan continues or ends",
            "category": "Choose a category of abuse"
            if category and category not in AbuseCategory.values
            else None,
            "end_reason": "Choose why the plan is ending"
            if decision == ReviewDecision.END and end_reason not in CPPlanEndReason.values
            else None,
            "held_on": "Date of the review must be today or in the past"
            if held_on > today
            else None,
        }
    )
    require_chair("chair", chair)
    require_access(actor, plan.person, check_access)
    if not plan.is_open:
        raise ActionError("This plan has ended")
    if held_on <= plan.started_on:
        raise ActionError(
            {
                "held_on": [
                    f"Date of the review must be after the plan started ({fmt(plan.started_on)})"
                ]
            }
        )
    last = plan.reviews.order_by("-held_on").first()
    if last is not None and held_on < last.held_on:
        raise ActionError({"held_on": ["Date of the review must be after the previous review"]})
    review = ReviewConference.objects.create(
        plan=plan,
        held_on=held_on,
        chair=chair,
        decision=decision,
        category=category,
        notes=notes.strip(),
    )
    if category and category != plan.latest_category:
        CategoryChange.objects.create(
            plan=plan, changed_on=held_on, from_category=plan.latest_category, to_category=category
        )
        plan.latest_category = category
        plan.save(update_fields=["latest_category"])
    record_event(
        kind="cp_review",
        actor=actor,
        person=plan.person,
        summary=f"Review child protection conference: {ReviewDecision(decision).label.lower()}"
        + (f"; category now {AbuseCategory(category).label.lower()}" if category else ""),
        occurred_at=held_on,
        details={"plan_id": plan.pk, "review_id": review.pk, "decision": decision},
        subject=review,
    )
    if decision == ReviewDecision.END:
        end_cp_plan(
            actor=actor,
            plan=plan,
            ended_on=held_on,
            reason=end_reason,
            today=today,
            check_access=False,
        )
    return review


@atomic_action
def record_cp_visit(
    *,
    actor: User | None,
    plan: CPPlan,
    visited_on: datetime.date,
    seen: bool,
    seen_alone: bool = False,
    home_seen: bool = False,
    bedroom_seen: bool = False,
    note: str = "",
    today: datetime.date | None = None,
    check_access: bool = True,
) -> CPVisit:
    today = today_or(today)
    if seen_alone and not seen:
        raise ActionError({"seen_alone": ["A child can only be seen alone if they were seen"]})
    require_access(actor, plan.person, check_access)
    _check_plan_day(plan, "visited_on", visited_on, today, "Date of the visit")
    visit = CPVisit.objects.create(
        plan=plan,
        visited_on=visited_on,
        seen=seen,
        seen_alone=seen and seen_alone,
        home_seen=home_seen,
        bedroom_seen=bedroom_seen,
        note=note.strip(),
        recorded_by=actor,
    )
    seen_text = ("seen alone" if seen_alone else "seen") if seen else "not seen"
    record_event(
        kind="cp_visit",
        actor=actor,
        person=plan.person,
        summary=f"Child protection visit: child {seen_text}"
        + ("; bedroom seen" if bedroom_seen else ""),
        occurred_at=visited_on,
        details={
            "plan_id": plan.pk,
            "seen": seen,
            "seen_alone": visit.seen_alone,
            "home_seen": home_seen,
            "bedroom_seen": bedroom_seen,
        },
        subject=visit,
    )
    return visit


@atomic_action
def update_contingency_plan(
    *,
    actor: User | None,
    plan: CPPlan,
    contingency_plan: str,
    check_access: bool = True,
) -> CPPlan:
    text = contingency_plan.strip()
    if not text:
        raise ActionError({"contingency_plan": ["Enter the contingency plan"]})
    require_access(actor, plan.person, check_access)
    if not plan.is_open:
        raise ActionError("This plan has ended")
    plan.contingency_plan = text
    plan.save(update_fields=["contingency_plan"])
    record_event(
        kind="cp_contingency",
        actor=actor,
        person=plan.person,
        summary="Contingency plan updated",
        details={"plan_id": plan.pk},
        subject=plan,
    )
    return plan


@atomic_action
def end_cp_plan(
    *,
    actor: User | None,
    plan: CPPlan,
    ended_on: datetime.date,
    reason: str,
    today: datetime.date | None = None,
    check_access: bool = True,
) -> CPPlan:
    """End the plan and close its child protection episode."""
    today = today_or(today)
    ActionError.collect(
        {
            "reason": None if reason in CPPlanEndReason.values else "Choose why the plan ended",
            "ended_on": "End date must be today or in the past" if ended_on > today else None,
        }
    )
    require_access(actor, plan.person, check_access)
    if not plan.is_open:
        raise ActionError("This plan has already ended")
    if ended_on <= plan.started_on:
        # CIN census rule 8840: a plan does not start and end on the same day.
        raise ActionError(
            {"ended_on": [f"End date must be after the plan started ({fmt(plan.started_on)})"]}
        )
    plan.ended_on = ended_on
    plan.end_reason = reason
    plan.save(update_fields=["ended_on", "end_reason"])
    casework_actions.close_episode(
        actor=actor, episode=plan.episode, ended_on=ended_on, today=today
    )
    record_event(
        kind="cp_plan_ended",
        actor=actor,
        person=plan.person,
        summary=f"Child protection plan ended: {CPPlanEndReason(reason).label}",
        occurred_at=ended_on,
        details={"plan_id": plan.pk, "reason": reason},
        subject=plan,
    )
    return plan
