"""Writes about casework: episodes, allocation, case notes, chronology marks."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from accounts.access import can_view
from accounts.choices import Role
from accounts.models import Team
from csc.errors import ActionError

from .choices import AllocationRole, ClosureReason, EpisodeKind, NoteKind, PrimaryNeed
from .events import EventKind, atomic_action, record_event, register_kinds
from .models import Allocation, CaseNote, Episode, Event

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person

register_kinds(
    EventKind("episode_opened", "Involvement started"),
    EventKind("episode_closed", "Involvement ended"),
    EventKind("allocated", "Allocated"),
    EventKind("allocation_ended", "Allocation ended"),
    EventKind("case_note", "Case note"),
    EventKind("chronology_marked", "Chronology entry marked", "record"),
)

# Roles that can hold a caseload.
ALLOCATABLE_ROLES = {
    Role.SOCIAL_WORKER,
    Role.PERSONAL_ADVISER,
    Role.TEAM_MANAGER,
    Role.MASH_OFFICER,
}
MAX_NOTE_LENGTH = 20_000


def _require_past(field: str, day: datetime.date, today: datetime.date, label: str) -> None:
    if day > today:
        raise ActionError({field: [f"{label} must be today or in the past"]})


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


@atomic_action
def open_episode(
    *,
    actor: User | None,
    person: Person,
    kind: str,
    started_on: datetime.date,
    primary_need: str = "",
    summary: str = "",
    today: datetime.date | None = None,
) -> Episode:
    today = today or timezone.localdate()
    if kind not in EpisodeKind.values:
        raise ActionError({"kind": ["Choose a kind of involvement"]})
    if primary_need and primary_need not in PrimaryNeed.values:
        raise ActionError({"primary_need": ["Choose a primary need code (N0 to N9)"]})
    _require_past("started_on", started_on, today, "Start date")
    if not person.is_child:
        raise ActionError("Involvement is recorded on a child's record")
    # Episodes of one kind never overlap (CIN census rule 8820): none open, none covering
    # the start. Closing checks the other way (see close_episode).
    clash = (
        person.episodes.filter(kind=kind)
        .filter(Q(ended_on__isnull=True) | Q(started_on__lte=started_on, ended_on__gte=started_on))
        .values_list("started_on", "ended_on")
        .first()
    )
    if clash is not None:
        label = EpisodeKind(kind).label.lower()
        if clash[1] is None:
            raise ActionError({"kind": [f"This child already has an open {label} episode"]})
        raise ActionError(
            {
                "started_on": [
                    f"This child's {label} episode from {_day(clash[0])} to "
                    f"{_day(clash[1])} covers this start date"
                ]
            }
        )
    episode = Episode.objects.create(
        person=person,
        kind=kind,
        started_on=started_on,
        primary_need=primary_need,
        summary=summary[:250],
    )
    record_event(
        kind="episode_opened",
        actor=actor,
        person=person,
        summary=f"{EpisodeKind(kind).label} started",
        occurred_at=started_on,
        subject=episode,
    )
    return episode


@atomic_action
def close_episode(
    *,
    actor: User | None,
    episode: Episode,
    ended_on: datetime.date,
    closure_reason: str = "",
    today: datetime.date | None = None,
) -> Episode:
    today = today or timezone.localdate()
    _require_past("ended_on", ended_on, today, "End date")
    if episode.ended_on is not None:
        raise ActionError("This episode has already ended")
    if ended_on < episode.started_on:
        raise ActionError({"ended_on": ["End date must be on or after the start date"]})
    if closure_reason and closure_reason not in ClosureReason.values:
        raise ActionError({"closure_reason": ["Choose a reason for closure (RC1 to RC9)"]})
    if episode.kind == EpisodeKind.CHILD_IN_NEED and not closure_reason:
        raise ActionError({"closure_reason": ["Choose a reason for closure"]})
    later = (
        Episode.objects.filter(
            person_id=episode.person_id,
            kind=episode.kind,
            started_on__gte=episode.started_on,
            started_on__lte=ended_on,
        )
        .exclude(pk=episode.pk)
        .values_list("started_on", flat=True)
        .first()
    )
    if later is not None:
        raise ActionError(
            {
                "ended_on": [
                    f"Another {episode.get_kind_display().lower()} episode starts on "
                    f"{_day(later)}: end this one before then"
                ]
            }
        )
    episode.ended_on = ended_on
    episode.closure_reason = closure_reason
    episode.save(update_fields=["ended_on", "closure_reason"])
    record_event(
        kind="episode_closed",
        actor=actor,
        person=episode.person,
        summary=f"{episode.get_kind_display()} ended"
        + (f": {episode.get_closure_reason_display()}" if closure_reason else ""),
        occurred_at=ended_on,
        subject=episode,
    )
    return episode


@dataclass(frozen=True)
class Handover:
    """One allocation in a child's history: who holds the case from `started_on`, and the
    manager (`actor`) who allocated it."""

    actor: User | None
    team: Team
    worker: User | None
    started_on: datetime.date
    reason: str


@atomic_action
def allocate(
    *,
    actor: User | None,
    person: Person,
    team: Team,
    worker: User | None,
    started_on: datetime.date,
    reason: str,
    role: str = AllocationRole.SOCIAL_WORKER,
    today: datetime.date | None = None,
) -> Allocation:
    """Allocate a child to a team (and worker). Ends the current allocation in that role."""
    step = Handover(actor=actor, team=team, worker=worker, started_on=started_on, reason=reason)
    return allocate_history(person=person, steps=[step], role=role, today=today)[-1]


def _check_handover(step: Handover, role: str, today: datetime.date) -> None:
    worker, team = step.worker, step.team
    problems: dict[str, str | None] = {
        "reason": "Enter the reason for allocation" if not step.reason.strip() else None,
        "role": None if role in AllocationRole.values else "Choose an allocation role",
    }
    if worker is not None:
        if worker.role not in ALLOCATABLE_ROLES or not worker.is_active:
            problems["worker"] = f"{worker} cannot hold a caseload"
        elif worker.team_id != team.pk:
            problems["worker"] = f"{worker} is not in {team}"
    if step.started_on > today:
        problems["started_on"] = "Start date must be today or in the past"
    ActionError.collect(problems)
    actor = step.actor
    if actor is not None and not (actor.is_manager or actor.is_service_wide):
        raise ActionError("Only a manager can allocate work", code="forbidden")


@atomic_action
def allocate_history(
    *,
    person: Person,
    steps: Sequence[Handover],
    role: str = AllocationRole.SOCIAL_WORKER,
    today: datetime.date | None = None,
) -> list[Allocation]:
    """Allocations in date order (a case's history, e.g. from another system): each one,
    and the current allocation in that role, ends when the next begins. The last stays
    current. Checks and events are exactly those of allocating one step at a time."""
    today = today or timezone.localdate()
    if not steps:
        return []
    for step in steps:
        _check_handover(step, role, today)
    if not person.is_child:
        raise ActionError("Only a child's record can be allocated")
    current = person.allocations.filter(role=role, ended_on__isnull=True).first()
    previous = current.started_on if current is not None else None
    for step in steps:
        if previous is not None and step.started_on < previous:
            raise ActionError(
                {"started_on": ["Start date cannot be before the current allocation began"]}
            )
        previous = step.started_on
    if current is not None:
        current.ended_on = steps[0].started_on
        current.end_reason = "Reallocated"
        current.save(update_fields=["ended_on", "end_reason"])
    allocations = [
        Allocation(
            person=person,
            role=role,
            team=step.team,
            worker=step.worker,
            started_on=step.started_on,
            reason=step.reason.strip()[:250],
            ended_on=later.started_on if later else None,
            end_reason="Reallocated" if later else "",
        )
        for step, later in zip(steps, [*steps[1:], None], strict=True)
    ]
    Allocation.objects.bulk_create(allocations)
    for step, allocation in zip(steps, allocations, strict=True):
        worker, team = step.worker, step.team
        who = f"{worker} ({team})" if worker else f"{team} (no worker yet)"
        record_event(
            kind="allocated",
            actor=step.actor,
            person=person,
            summary=f"{AllocationRole(role).label}: {who}",
            occurred_at=step.started_on,
            details={"team_id": team.pk, "worker_id": worker.pk if worker else None, "role": role},
            subject=allocation,
        )
    return allocations


@atomic_action
def end_allocation(
    *,
    actor: User | None,
    allocation: Allocation,
    ended_on: datetime.date,
    reason: str,
) -> Allocation:
    if allocation.ended_on is not None:
        raise ActionError("This allocation has already ended")
    if ended_on < allocation.started_on:
        raise ActionError({"ended_on": ["End date must be on or after the start date"]})
    if not reason.strip():
        raise ActionError({"reason": ["Enter why the allocation ended"]})
    allocation.ended_on = ended_on
    allocation.end_reason = reason.strip()[:250]
    allocation.save(update_fields=["ended_on", "end_reason"])
    record_event(
        kind="allocation_ended",
        actor=actor,
        person=allocation.person,
        summary=f"{allocation.get_role_display()} allocation ended: {allocation.end_reason}",
        occurred_at=ended_on,
        subject=allocation,
    )
    return allocation


@dataclass(frozen=True)
class NoteEntry:
    """One case note: what happened, when, with whom, and who wrote it (`actor`)."""

    actor: User
    kind: str
    occurred_on: datetime.date
    text: str
    with_whom: str = ""
    child_seen: bool | None = None
    seen_alone: bool | None = None


@atomic_action
def add_case_note(
    *,
    actor: User,
    person: Person,
    kind: str,
    occurred_on: datetime.date,
    text: str,
    with_whom: str = "",
    child_seen: bool | None = None,
    seen_alone: bool | None = None,
    today: datetime.date | None = None,
    check_access: bool = True,
) -> CaseNote:
    entry = NoteEntry(actor, kind, occurred_on, text, with_whom, child_seen, seen_alone)
    return add_case_notes(person=person, notes=[entry], today=today, check_access=check_access)[0]


def _check_note(entry: NoteEntry, today: datetime.date) -> str:
    """The note's text, stripped, if the entry can be saved."""
    text = entry.text.strip()
    kind, child_seen = entry.kind, entry.child_seen
    problems: dict[str, str | None] = {
        "kind": None if kind in NoteKind.values else "Choose the type of note",
        "text": "Enter the note" if not text else None,
        "with_whom": "Must be 250 characters or fewer" if len(entry.with_whom) > 250 else None,
        "occurred_on": "Date must be today or in the past" if entry.occurred_on > today else None,
    }
    if len(text) > MAX_NOTE_LENGTH:
        problems["text"] = f"Note must be {MAX_NOTE_LENGTH:,} characters or fewer"
    if kind == NoteKind.VISIT and child_seen is None:
        problems["child_seen"] = "Say whether the child was seen"
    if entry.seen_alone and not child_seen:
        problems["seen_alone"] = "A child can only be seen alone if they were seen"
    ActionError.collect(problems)
    return text


@atomic_action
def add_case_notes(
    *,
    person: Person,
    notes: Sequence[NoteEntry],
    today: datetime.date | None = None,
    check_access: bool = True,
) -> list[CaseNote]:
    """Notes on one child's record, written together (a record brought across from another
    system, say): each is checked, and has its event, exactly as if added alone."""
    today = today or timezone.localdate()
    texts = [_check_note(entry, today) for entry in notes]
    if check_access:
        for actor in {entry.actor for entry in notes}:
            if not can_view(actor, person):
                raise ActionError("You cannot add notes to this record", code="forbidden")
    now = timezone.now()
    made = [
        CaseNote(
            person=person,
            kind=entry.kind,
            occurred_on=entry.occurred_on,
            with_whom=entry.with_whom.strip(),
            child_seen=entry.child_seen if entry.kind == NoteKind.VISIT else None,
            seen_alone=entry.seen_alone if entry.kind == NoteKind.VISIT else None,
            text=text,
            author=entry.actor,
            recorded_at=now,
        )
        for entry, text in zip(notes, texts, strict=True)
    ]
    CaseNote.objects.bulk_create(made)
    for note in made:
        first_line = note.text.splitlines()[0][:120]
        record_event(
            kind="case_note",
            actor=note.author,
            person=person,
            summary=f"{note.get_kind_display()}: {first_line}",
            occurred_at=note.occurred_on,
            details={
                "note_kind": note.kind,
                "child_seen": note.child_seen,
                "seen_alone": note.seen_alone,
            },
            subject=note,
        )
    return made


@atomic_action
def mark_significant(*, actor: User, event: Event, significant: bool) -> Event:
    if event.person is None or not can_view(actor, event.person):
        raise ActionError("You cannot change this record", code="forbidden")
    event.significant = significant
    event.save(update_fields=["significant"])
    record_event(
        kind="chronology_marked",
        actor=actor,
        person=event.person,
        summary=("Marked significant: " if significant else "Unmarked: ") + event.summary[:200],
        details={"event_id": event.pk, "significant": significant},
        subject=event,
    )
    return event
