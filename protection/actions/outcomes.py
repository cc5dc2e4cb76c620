"""Plan outcomes (what must change, by when, who), their progress, and drift decisions."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from casework.events import atomic_action, record_event
from csc.errors import ActionError

from ..choices import ProgressRating
from ..models import CINPlan, CPPlan, ManagementDecision, OutcomeProgress, PlanOutcome
from .common import fmt, require_access, require_past, today_or

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person


@atomic_action
def add_outcome(
    *,
    actor: User | None,
    plan: CPPlan | CINPlan,
    what_must_change: str,
    by_when: datetime.date,
    responsible: str,
    check_access: bool = True,
) -> PlanOutcome:
    what, responsible = what_must_change.strip(), responsible.strip()
    ActionError.collect(
        {
            "what_must_change": None if what else "Enter what must change",
            "responsible": None if responsible else "Enter who is responsible",
            "by_when": f"Date must be on or after the plan started ({fmt(plan.started_on)})"
            if by_when < plan.started_on
            else None,
        }
    )
    require_access(actor, plan.person, check_access)
    if not plan.is_open:
        raise ActionError("This plan has ended")
    outcome = PlanOutcome.objects.create(
        cp_plan=plan if isinstance(plan, CPPlan) else None,
        cin_plan=plan if isinstance(plan, CINPlan) else None,
        what_must_change=what,
        by_when=by_when,
        responsible=responsible[:160],
    )
    record_event(
        kind="plan_outcome_added",
        actor=actor,
        person=plan.person,
        summary=f"Plan outcome: {what[:200]} (by {fmt(by_when)}, {responsible[:60]})",
        details={"outcome_id": outcome.pk},
        subject=outcome,
    )
    return outcome


@atomic_action
def record_progress(
    *,
    actor: User | None,
    outcome: PlanOutcome,
    recorded_on: datetime.date,
    rating: str,
    note: str = "",
    today: datetime.date | None = None,
    check_access: bool = True,
) -> OutcomeProgress:
    today = today_or(today)
    plan = outcome.plan
    ActionError.collect(
        {"rating": None if rating in ProgressRating.values else "Choose the progress made"}
    )
    require_past("recorded_on", recorded_on, today, "Date")
    require_access(actor, plan.person, check_access)
    if recorded_on < plan.started_on:
        raise ActionError({"recorded_on": ["Date must be on or after the plan started"]})
    progress = OutcomeProgress.objects.create(
        outcome=outcome,
        recorded_on=recorded_on,
        rating=rating,
        note=note.strip(),
        recorded_by=actor,
    )
    record_event(
        kind="plan_outcome_progress",
        actor=actor,
        person=plan.person,
        summary=f"{ProgressRating(rating).label}: {outcome.what_must_change[:150]}",
        occurred_at=recorded_on,
        details={"outcome_id": outcome.pk, "rating": rating},
        subject=progress,
    )
    return progress


@atomic_action
def record_drift_decision(
    *,
    actor: User,
    person: Person,
    decision: str,
    decided_on: datetime.date,
    cp_plan: CPPlan | None = None,
    cin_plan: CINPlan | None = None,
    today: datetime.date | None = None,
) -> ManagementDecision:
    """A manager's decision about a drifting plan, on the child's record."""
    today = today_or(today)
    decision = decision.strip()
    ActionError.collect(
        {
            "decision": None if decision else "Enter the decision",
            "decided_on": "Date of the decision must be today or in the past"
            if decided_on > today
            else None,
        }
    )
    if not actor.is_manager:
        raise ActionError("Only a manager can record a management decision", code="forbidden")
    require_access(actor, person)
    for plan in (cp_plan, cin_plan):
        if plan is not None and plan.person_id != person.pk:
            raise ActionError("This plan is for another child")
    record = ManagementDecision.objects.create(
        person=person,
        cp_plan=cp_plan,
        cin_plan=cin_plan,
        decided_on=decided_on,
        decision=decision,
        decided_by=actor,
        recorded_at=timezone.now(),
    )
    record_event(
        kind="drift_decision",
        actor=actor,
        person=person,
        summary=f"Management decision ({actor}): {decision[:200]}",
        occurred_at=decided_on,
        details={"decision_id": record.pk},
        subject=record,
    )
    return record
