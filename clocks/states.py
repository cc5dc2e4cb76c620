"""Time-dependent clock states, derived at read time.

A stored "running" goes stale overnight, so lists never trust it: an open clock is overdue when
its due date (or, for hour rules, due time) has passed, whatever the row says.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from timescales import LocalPractice, WorkingDayCalendar

from .models import Clock


def open_q() -> Q:
    return Q(stopped_on__isnull=True)


def overdue_q(today: datetime.date, now: datetime.datetime) -> Q:
    return open_q() & (
        Q(due_at__isnull=True, due_on__lt=today) | Q(due_at__isnull=False, due_at__lt=now)
    )


def due_by_q(horizon: datetime.date) -> Q:
    """Open clocks due on or before `horizon` (overdue ones included)."""
    return open_q() & Q(due_on__lte=horizon)


def live_state(
    clock: Clock,
    *,
    today: datetime.date,
    now: datetime.datetime,
    practice: LocalPractice,
    calendar: WorkingDayCalendar,
) -> str:
    """The engine's state rules, applied to a stored row as of today / now."""
    if clock.stopped_on is not None:
        return clock.state
    if clock.due_at is not None:
        if now > clock.due_at:
            return "overdue"
        soon = datetime.timedelta(hours=practice.due_soon_hours)
        return "due_soon" if clock.due_at - now <= soon else "running"
    if today > clock.due_on:
        return "overdue"
    window = practice.due_soon_working_days
    return "due_soon" if calendar.working_days_between(today, clock.due_on) <= window else "running"


STATE_TAGS = {
    "running": ("Running", "govuk-tag--blue"),
    "due_soon": ("Due soon", "govuk-tag--yellow"),
    "overdue": ("Overdue", "govuk-tag--red"),
    "met": ("Met", "govuk-tag--green"),
    "met_late": ("Met late", "govuk-tag--orange"),
    "cancelled": ("Cancelled", "govuk-tag--grey"),
}
