"""People, relationships, allocations, case notes and events over JSON."""
# No `from __future__ import annotations` here: Ninja reads the annotations at run time.

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from accounts.access import get_visible_person_or_404, log_view, visible_people
from accounts.models import Team, User
from casework import actions as casework_actions
from casework.models import Allocation, CaseNote, Event
from csc.errors import ActionError
from people import actions as people_actions
from people.models import Person, Relationship
from people.queries import search_people

from .schemas import (
    AllocationIn,
    AllocationOut,
    CaseNoteIn,
    CaseNoteOut,
    ErrorOut,
    EventOut,
    PersonIn,
    PersonOut,
    RelationshipIn,
    RelationshipOut,
)

router = Router(tags=["people"])


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _person_out(p: Person) -> dict[str, object]:
    return {
        **{
            f: getattr(p, f)
            for f in PersonOut.model_fields
            if hasattr(p, f) and f != "disabilities"
        },
        "id": p.pk,
        "reference": p.reference,
        "disabilities": sorted(d.code for d in p.disabilities.all()),
    }


def _child(request: HttpRequest, person_id: int, page: str) -> Person:
    user = _user(request)
    person = get_visible_person_or_404(user, person_id)
    if request.method == "GET":
        log_view(user, person, page=f"API: {page}", path=request.path)
    return person


class PersonFilter(Schema):
    name: str = ""
    date_of_birth: datetime.date | None = None
    nhs_number: str = ""
    upn: str = ""


@router.get("/people", response=list[PersonOut], summary="Search people you may see")
@paginate(PageNumberPagination, page_size=25)
def list_people(request: HttpRequest, filters: Query[PersonFilter]) -> list[dict[str, object]]:
    user = _user(request)
    if user.is_partner:
        return []
    people = search_people(
        visible_people(user),
        name=filters.name,
        date_of_birth=filters.date_of_birth,
        nhs_number=filters.nhs_number,
        upn=filters.upn,
    ).prefetch_related("disabilities")
    return people  # type: ignore[return-value]


@router.post(
    "/people",
    response={201: PersonOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut},
    summary="Create a child or adult",
)
def create_person(request: HttpRequest, payload: PersonIn) -> Status[dict[str, object]]:
    user = _user(request)
    if user.is_partner:
        raise ActionError("Partner agency users cannot create records", code="forbidden")
    data = payload.dict()
    confirmed = data.pop("confirmed_not_duplicate")
    person = people_actions.create_person(
        actor=user,
        details=people_actions.PersonDetails(**data),
        confirmed_not_duplicate=confirmed,
    )
    return Status(201, _person_out(person))


@router.get("/people/{person_id}", response=PersonOut, summary="One person's details")
def get_person(request: HttpRequest, person_id: int) -> dict[str, object]:
    return _person_out(_child(request, person_id, "person"))


@router.get("/people/{person_id}/relationships", response=list[RelationshipOut])
def list_relationships(request: HttpRequest, person_id: int) -> list[dict[str, object]]:
    person = _child(request, person_id, "relationships")
    return [
        {
            "id": r.pk,
            "other_id": r.other_id,
            "other_name": r.other.display_name,
            "kind": r.kind,
            "lives_with": r.lives_with,
            "has_parental_responsibility": r.has_parental_responsibility,
            "started_on": r.started_on,
            "ended_on": r.ended_on,
        }
        for r in Relationship.objects.filter(person=person).select_related("other")
    ]


@router.post(
    "/people/{person_id}/relationships",
    response={201: RelationshipOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def add_relationship(
    request: HttpRequest, person_id: int, payload: RelationshipIn
) -> Status[dict[str, object]]:
    user = _user(request)
    person = _child(request, person_id, "relationships")
    other = get_visible_person_or_404(user, payload.other_id)
    r = people_actions.add_relationship(
        actor=user,
        person=person,
        other=other,
        kind=payload.kind,
        lives_with=payload.lives_with,
        has_parental_responsibility=payload.has_parental_responsibility,
        started_on=payload.started_on,
    )
    return Status(
        201,
        {
            "id": r.pk,
            "other_id": other.pk,
            "other_name": other.display_name,
            "kind": r.kind,
            "lives_with": r.lives_with,
            "has_parental_responsibility": r.has_parental_responsibility,
            "started_on": r.started_on,
            "ended_on": r.ended_on,
        },
    )


def _allocation_out(a: Allocation) -> dict[str, object]:
    return {
        "id": a.pk,
        "role": a.role,
        "team_id": a.team_id,
        "team": str(a.team),
        "worker_id": a.worker_id,
        "worker": str(a.worker) if a.worker else None,
        "started_on": a.started_on,
        "ended_on": a.ended_on,
        "reason": a.reason,
        "end_reason": a.end_reason,
    }


@router.get("/people/{person_id}/allocations", response=list[AllocationOut])
def list_allocations(request: HttpRequest, person_id: int) -> list[dict[str, object]]:
    person = _child(request, person_id, "allocations")
    return [
        _allocation_out(a)
        for a in Allocation.objects.filter(person=person).select_related("team", "worker")
    ]


@router.post(
    "/people/{person_id}/allocations",
    response={201: AllocationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def allocate(
    request: HttpRequest, person_id: int, payload: AllocationIn
) -> Status[dict[str, object]]:
    user = _user(request)
    person = _child(request, person_id, "allocations")
    team = get_object_or_404(Team, pk=payload.team_id)
    worker = get_object_or_404(User, pk=payload.worker_id) if payload.worker_id else None
    allocation = casework_actions.allocate(
        actor=user,
        person=person,
        team=team,
        worker=worker,
        role=payload.role,
        started_on=payload.started_on,
        reason=payload.reason,
    )
    return Status(201, _allocation_out(allocation))


def _note_out(n: CaseNote) -> dict[str, object]:
    return {
        "id": n.pk,
        "kind": n.kind,
        "occurred_on": n.occurred_on,
        "text": n.text,
        "with_whom": n.with_whom,
        "child_seen": n.child_seen,
        "seen_alone": n.seen_alone,
        "author": str(n.author),
        "recorded_at": n.recorded_at,
    }


@router.get("/people/{person_id}/notes", response=list[CaseNoteOut])
@paginate(PageNumberPagination, page_size=50)
def list_notes(request: HttpRequest, person_id: int) -> list[dict[str, object]]:
    person = _child(request, person_id, "case notes")
    return [_note_out(n) for n in CaseNote.objects.filter(person=person).select_related("author")]


@router.post(
    "/people/{person_id}/notes",
    response={201: CaseNoteOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def add_note(
    request: HttpRequest, person_id: int, payload: CaseNoteIn
) -> Status[dict[str, object]]:
    user = _user(request)
    person = _child(request, person_id, "case notes")
    note = casework_actions.add_case_note(actor=user, person=person, **payload.dict())
    return Status(201, _note_out(note))


@router.get("/people/{person_id}/events", response=list[EventOut])
@paginate(PageNumberPagination, page_size=100)
def list_events(request: HttpRequest, person_id: int) -> list[dict[str, object]]:
    person = _child(request, person_id, "events")
    return [
        {
            "id": e.pk,
            "kind": e.kind,
            "occurred_at": e.occurred_at,
            "recorded_at": e.recorded_at,
            "summary": e.summary,
            "actor": str(e.actor) if e.actor else None,
            "significant": e.significant,
            "details": e.details,
        }
        for e in Event.objects.filter(person=person).select_related("actor")
    ]
