"""Writes about clocks: a reason for lateness, and this authority's local practice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from accounts.access import can_view
from casework.events import EventKind, atomic_action, record_event, register_kinds
from csc.errors import ActionError
from timescales import LocalPractice, rule_by_id

from .models import AuthorityPractice, Clock
from .states import overdue_q

if TYPE_CHECKING:
    from accounts.models import User

register_kinds(
    EventKind("clock_late_reason", "Reason for lateness recorded"),
    EventKind("local_practice_changed", "Local practice settings changed", "record"),
)

MAX_REASON_LENGTH = 2000


@atomic_action
def record_late_reason(*, actor: User, clock: Clock, reason: str) -> Clock:
    reason = reason.strip()
    if not reason:
        raise ActionError({"reason": ["Enter the reason this was late"]})
    if len(reason) > MAX_REASON_LENGTH:
        raise ActionError({"reason": [f"Reason must be {MAX_REASON_LENGTH:,} characters or fewer"]})
    if not can_view(actor, clock.person):
        raise ActionError("You cannot change this record", code="forbidden")
    now = timezone.now()
    is_late = (
        clock.state == "met_late"
        or Clock.objects.filter(overdue_q(timezone.localdate(now), now), pk=clock.pk).exists()
    )
    if not is_late:
        raise ActionError("A reason can only be recorded for a clock that is late")
    clock.late_reason = reason
    clock.late_reason_by = actor
    clock.late_reason_at = now
    clock.save(update_fields=["late_reason", "late_reason_by", "late_reason_at"])
    try:
        title = rule_by_id(clock.rule_id).title
    except KeyError:
        title = clock.rule_id
    record_event(
        kind="clock_late_reason",
        actor=actor,
        person=clock.person,
        summary=f"Late: {title}. Reason: {reason.splitlines()[0][:200]}",
        details={"clock_id": clock.pk, "rule_id": clock.rule_id, "due_on": str(clock.due_on)},
        subject=clock,
    )
    return clock


@atomic_action
def update_practice(*, actor: User, practice: LocalPractice) -> AuthorityPractice:
    """Store new settings. Clocks are NOT recomputed here: that is a separate, explicit step."""
    if not actor.is_administrator:
        raise ActionError("Only an administrator can change local practice", code="forbidden")
    row, _ = AuthorityPractice.objects.select_for_update().get_or_create(pk=1)
    before = row.values
    row.values = practice.to_mapping()
    row.updated_at = timezone.now()
    row.updated_by = actor
    row.save()
    record_event(
        kind="local_practice_changed",
        actor=actor,
        person=None,
        summary="Local practice settings changed",
        details={"before": before, "after": row.values},
        subject=row,
    )
    return row
