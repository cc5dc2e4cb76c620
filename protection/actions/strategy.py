"""Strategy discussions (with attendance and actions), s47 enquiries, transfers in."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from casework.events import atomic_action, record_event
from csc.errors import ActionError

from ..choices import S47_DECISIONS, Agency, S47Outcome, StrategyDecision
from ..models import Section47, StrategyAction, StrategyAttendee, StrategyDiscussion, TransferIn
from .common import fmt, require_access, require_cin_episode, require_past, today_or

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person


@dataclass(frozen=True)
class Attendee:
    agency: str
    name: str = ""
    information_shared: str = ""


@dataclass(frozen=True)
class AgreedAction:
    description: str
    owner: str
    deadline: datetime.date


@atomic_action
def record_strategy_discussion(
    *,
    actor: User | None,
    person: Person,
    held_at: datetime.datetime,
    decision: str,
    rationale: str,
    attendees: Sequence[Attendee],
    actions: Sequence[AgreedAction] = (),
    today: datetime.date | None = None,
    check_access: bool = True,
) -> StrategyDiscussion:
    """Record a strategy discussion. A decision to hold a s47 enquiry starts one, on this date."""
    today = today_or(today)
    rationale = rationale.strip()
    if timezone.is_naive(held_at):
        raise ActionError({"held_at": ["Date and time must include a time zone"]})
    held_on = timezone.localdate(held_at)
    ActionError.collect(
        {
            "decision": None
            if decision in StrategyDecision.values
            else "Choose the decision of the strategy discussion",
            "rationale": None if rationale else "Enter the rationale for the decision",
            "held_at": "Date of the strategy discussion must be today or in the past"
            if held_on > today
            else None,
            "attendees": None if attendees else "Add who took part in the strategy discussion",
        }
    )
    for a in attendees:
        if a.agency not in Agency.values:
            raise ActionError({"attendees": ["Choose an agency for each person who took part"]})
    for index, act in enumerate(actions, start=1):
        ActionError.collect(
            {
                f"action_{index}_description": None
                if act.description.strip()
                else "Enter what the action is",
                f"action_{index}_owner": None if act.owner.strip() else "Enter who owns the action",
                f"action_{index}_deadline": "Deadline must be on or after the strategy discussion"
                if act.deadline < held_on
                else None,
            }
        )
    require_access(actor, person, check_access)
    episode = require_cin_episode(person, held_on, "held_at")
    starts_s47 = decision in S47_DECISIONS
    if starts_s47 and Section47.objects.filter(person=person, completed_on__isnull=True).exists():
        raise ActionError(
            {"decision": ["A section 47 enquiry is already open. Record its outcome first"]}
        )
    discussion = StrategyDiscussion.objects.create(
        person=person,
        episode=episode,
        held_at=held_at,
        decision=decision,
        rationale=rationale,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    StrategyAttendee.objects.bulk_create(
        StrategyAttendee(
            discussion=discussion,
            agency=a.agency,
            name=a.name.strip()[:160],
            information_shared=a.information_shared.strip(),
        )
        for a in attendees
    )
    StrategyAction.objects.bulk_create(
        StrategyAction(
            discussion=discussion,
            description=a.description.strip()[:300],
            owner=a.owner.strip()[:160],
            deadline=a.deadline,
        )
        for a in actions
    )
    s47 = None
    if starts_s47:
        s47 = Section47.objects.create(
            person=person, episode=episode, discussion=discussion, started_on=held_on
        )
    missing = discussion.missing_agencies()
    summary = f"Strategy discussion: {StrategyDecision(decision).label}"
    if missing:
        summary += f" ({', '.join(missing)} did not take part)"
    record_event(
        kind="strategy_discussion",
        actor=actor,
        person=person,
        summary=summary,
        occurred_at=held_at,
        details={
            "discussion_id": discussion.pk,
            "decision": decision,
            "section47_id": s47.pk if s47 else None,
            "missing_agencies": missing,
            "actions": len(actions),
        },
        subject=discussion,
    )
    return discussion


@atomic_action
def complete_strategy_action(
    *,
    actor: User | None,
    action: StrategyAction,
    completed_on: datetime.date,
    today: datetime.date | None = None,
    check_access: bool = True,
) -> StrategyAction:
    today = today_or(today)
    discussion = action.discussion
    require_access(actor, discussion.person, check_access)
    if action.completed_on is not None:
        raise ActionError("This action has already been completed")
    require_past("completed_on", completed_on, today, "Date completed")
    if completed_on < discussion.held_on:
        raise ActionError(
            {"completed_on": ["Date completed must be on or after the strategy discussion"]}
        )
    action.completed_on = completed_on
    action.save(update_fields=["completed_on"])
    record_event(
        kind="strategy_action_done",
        actor=actor,
        person=discussion.person,
        summary=f"Strategy discussion action completed: {action.description[:200]}",
        occurred_at=completed_on,
        details={"action_id": action.pk, "late": completed_on > action.deadline},
        subject=action,
    )
    return action


@atomic_action
def conclude_section47(
    *,
    actor: User | None,
    section47: Section47,
    outcome: str,
    icpc_needed: bool,
    completed_on: datetime.date,
    icpc_not_needed_reason: str = "",
    today: datetime.date | None = None,
    check_access: bool = True,
) -> Section47:
    today = today_or(today)
    reason = icpc_not_needed_reason.strip()
    ActionError.collect(
        {
            "outcome": None
            if outcome in S47Outcome.values
            else "Choose the outcome of the enquiry",
            "icpc_not_needed_reason": "Enter why an initial child protection conference is "
            "not needed"
            if not icpc_needed and not reason
            else None,
            "completed_on": "Date completed must be today or in the past"
            if completed_on > today
            else None,
        }
    )
    require_access(actor, section47.person, check_access)
    if section47.completed_on is not None:
        raise ActionError("The outcome of this enquiry has already been recorded")
    if completed_on < section47.started_on:
        raise ActionError(
            {
                "completed_on": [
                    "Date completed must be on or after the enquiry started "
                    f"({fmt(section47.started_on)})"
                ]
            }
        )
    section47.outcome = outcome
    section47.icpc_needed = icpc_needed
    section47.icpc_not_needed_reason = "" if icpc_needed else reason
    section47.completed_on = completed_on
    section47.save(
        update_fields=["outcome", "icpc_needed", "icpc_not_needed_reason", "completed_on"]
    )
    record_event(
        kind="s47_concluded",
        actor=actor,
        person=section47.person,
        summary=f"Section 47 enquiry concluded: {S47Outcome(outcome).label}; "
        + (
            "initial child protection conference needed"
            if icpc_needed
            else "no initial child protection conference"
        ),
        occurred_at=completed_on,
        details={"section47_id": section47.pk, "outcome": outcome, "icpc_needed": icpc_needed},
        subject=section47,
    )
    return section47


@atomic_action
def record_transfer_in(
    *,
    actor: User | None,
    person: Person,
    notified_on: datetime.date,
    from_authority: str,
    today: datetime.date | None = None,
    check_access: bool = True,
) -> TransferIn:
    """Another authority tells us a child on their CP plan has moved here (starts clock C10)."""
    today = today_or(today)
    from_authority = from_authority.strip()
    ActionError.collect(
        {
            "from_authority": None
            if from_authority
            else "Enter the authority the child moved from",
            "notified_on": "Date notified must be today or in the past"
            if notified_on > today
            else None,
        }
    )
    require_access(actor, person, check_access)
    episode = require_cin_episode(person, notified_on, "notified_on")
    transfer = TransferIn.objects.create(
        person=person,
        episode=episode,
        notified_on=notified_on,
        from_authority=from_authority[:120],
        recorded_by=actor,
    )
    record_event(
        kind="transfer_in_notified",
        actor=actor,
        person=person,
        summary=f"Child protection plan transferring in from {transfer.from_authority}",
        occurred_at=notified_on,
        details={"transfer_id": transfer.pk},
        subject=transfer,
    )
    return transfer
