"""Shared checks for the protection actions."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from accounts.access import can_view
from accounts.choices import Role
from casework.choices import EpisodeKind
from casework.events import EventKind, register_kinds
from casework.models import Episode
from csc.errors import ActionError

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person

register_kinds(
    EventKind("strategy_discussion", "Strategy discussion"),
    EventKind("strategy_action_done", "Strategy discussion action completed"),
    EventKind("s47_concluded", "Section 47 enquiry concluded"),
    EventKind("transfer_in_notified", "Transfer in notified"),
    EventKind("cp_conference", "Child protection conference"),
    EventKind("cp_plan_started", "Child protection plan started"),
    EventKind("cp_plan_ended", "Child protection plan ended"),
    EventKind("cp_core_group", "Core group meeting"),
    EventKind("cp_review", "Review child protection conference"),
    EventKind("cp_visit", "Child protection visit"),
    EventKind("cp_contingency", "Contingency plan updated", "record"),
    EventKind("plan_outcome_added", "Plan outcome added"),
    EventKind("plan_outcome_progress", "Progress on a plan outcome"),
    EventKind("cin_plan_started", "Child in need plan started"),
    EventKind("cin_plan_ended", "Child in need plan ended"),
    EventKind("cin_review", "Child in need review"),
    EventKind("cin_visit", "Child in need visit"),
    EventKind("drift_decision", "Management decision on drift"),
)


def today_or(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def fmt(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def require_access(actor: User | None, person: Person, check_access: bool = True) -> None:
    """`None` is the system (imports, demo data). Staff must be able to see the child."""
    if actor is None or not check_access:
        return
    if actor.is_partner or not can_view(actor, person):
        raise ActionError("You cannot change this child's record", code="forbidden")


def require_chair(field: str, chair: User) -> None:
    if chair.role != Role.IRO or not chair.is_active:
        raise ActionError({field: [f"{chair} is not a child protection chair"]})


def require_past(field: str, day: datetime.date, today: datetime.date, label: str) -> None:
    if day > today:
        raise ActionError({field: [f"{label} must be today or in the past"]})


def open_cin_episode(person: Person) -> Episode | None:
    return (
        Episode.objects.filter(person=person, kind=EpisodeKind.CHILD_IN_NEED, ended_on__isnull=True)
        .order_by("-started_on", "-pk")
        .first()
    )


def require_cin_episode(person: Person, on: datetime.date, field: str) -> Episode:
    episode = open_cin_episode(person)
    if episode is None:
        raise ActionError("This child has no open child in need episode. Record a referral first")
    if on < episode.started_on:
        raise ActionError(
            {field: [f"Date must be on or after the referral date ({fmt(episode.started_on)})"]}
        )
    return episode
