"""Writing Events, and the hooks that keep derived data (clocks) current.

Every action ends by calling `record_event`. Recording an event about a child also
recomputes whatever other apps derive from that child's record, inside the same
transaction, so lists are current the moment the action commits.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from .models import Event

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person


@dataclass(frozen=True)
class EventKind:
    kind: str
    label: str
    # "practice" entries make up the chronology; "record" ones (merges, grants,
    # corrections) stay in the audit trail only.
    category: str = "practice"


_KINDS: dict[str, EventKind] = {}
_CHILD_HOOKS: list[Callable[[int], None]] = []
_deferred: list[set[int]] = []


def register_kinds(*kinds: EventKind) -> None:
    for k in kinds:
        _KINDS[k.kind] = k


def kind_label(kind: str) -> str:
    found = _KINDS.get(kind)
    return found.label if found else kind.replace("_", " ").capitalize()


def chronology_kinds() -> list[EventKind]:
    return sorted((k for k in _KINDS.values() if k.category == "practice"), key=lambda k: k.label)


def record_kinds() -> set[str]:
    return {k.kind for k in _KINDS.values() if k.category != "practice"}


def on_child_changed(hook: Callable[[int], None]) -> None:
    """Register derived-data refresh (e.g. clock recomputation) for a child id."""
    if hook not in _CHILD_HOOKS:
        _CHILD_HOOKS.append(hook)


def child_changed(person_id: int) -> None:
    if _deferred:
        _deferred[-1].add(person_id)
        return
    for hook in _CHILD_HOOKS:
        hook(person_id)


@contextlib.contextmanager
def deferred_refresh() -> Iterator[set[int]]:
    """Bulk loads (demo data, imports) refresh each child once at the end, not per action."""
    pending: set[int] = set()
    _deferred.append(pending)
    try:
        yield pending
    finally:
        _deferred.pop()
    for person_id in sorted(pending):
        child_changed(person_id)


def record_event(
    *,
    kind: str,
    actor: User | None,
    person: Person | None,
    summary: str,
    occurred_at: datetime.datetime | datetime.date | None = None,
    details: dict[str, Any] | None = None,
    subject: models.Model | None = None,
) -> Event:
    now = timezone.now()
    if occurred_at is None:
        occurred_at = now
    elif not isinstance(occurred_at, datetime.datetime):
        # A dated event with no time sorts at the start of its day, local time.
        occurred_at = timezone.make_aware(
            datetime.datetime.combine(occurred_at, datetime.time(0, 0))
        )
    event = Event.objects.create(
        person=person,
        actor=actor,
        kind=kind,
        occurred_at=occurred_at,
        recorded_at=now,
        summary=summary[:300],
        details=details or {},
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
    )
    if person is not None and person.kind == "child":
        child_changed(person.pk)
    return event
