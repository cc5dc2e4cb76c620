"""Strategy discussions, s47 enquiries, conferences, CP and CIN plans and closure over JSON."""
# No `from __future__ import annotations` here: Ninja reads the annotations at run time.

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from accounts.access import get_visible_person_or_404, log_view
from accounts.models import User
from csc.errors import ActionError
from people.models import Person
from protection import actions
from protection.models import (
    CINPlan,
    Conference,
    CPPlan,
    PlanOutcome,
    Section47,
    StrategyAction,
    StrategyDiscussion,
    TransferIn,
)
from protection.queries import plan_flags, previous_plan_count, with_flag_data

from .schemas import ErrorOut

router = Router(tags=["protection"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
Row = dict[str, Any]


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _child(request: HttpRequest, person_id: int, page: str) -> Person:
    user = _user(request)
    if user.is_partner:
        raise ActionError("Partner agency users cannot see child records", code="not_found")
    person = get_visible_person_or_404(user, person_id)
    if request.method == "GET":
        log_view(user, person, page=f"API: {page}", path=request.path)
    return person


# --- Schemas ----------------------------------------------------------------------------------


class AttendeeIn(Schema):
    agency: str
    name: str = ""
    information_shared: str = ""


class ActionIn(Schema):
    description: str
    owner: str
    deadline: datetime.date


class StrategyDiscussionIn(Schema):
    held_at: datetime.datetime
    decision: str
    rationale: str = ""
    attendees: list[AttendeeIn] = []
    actions: list[ActionIn] = []


class DoneIn(Schema):
    completed_on: datetime.date


class Section47OutcomeIn(Schema):
    outcome: str
    icpc_needed: bool
    completed_on: datetime.date
    icpc_not_needed_reason: str = ""


class AttendanceIn(Schema):
    agency: str
    attended: bool = True
    report_provided: bool = False


class ConferenceIn(Schema):
    held_on: datetime.date
    chair_id: int
    child_views: str
    child_views_how: str
    plan_made: bool
    category: str = ""
    contingency_plan: str = ""
    attendance: list[AttendanceIn] = []


class TransferInIn(Schema):
    notified_on: datetime.date
    from_authority: str


class CoreGroupIn(Schema):
    held_on: datetime.date
    attendees: str = ""
    notes: str = ""


class ReviewIn(Schema):
    held_on: datetime.date
    chair_id: int
    decision: str
    category: str = ""
    notes: str = ""
    end_reason: str = ""


class CPVisitIn(Schema):
    visited_on: datetime.date
    seen: bool
    seen_alone: bool = False
    home_seen: bool = False
    bedroom_seen: bool = False
    note: str = ""


class EndIn(Schema):
    ended_on: datetime.date
    reason: str


class CINPlanIn(Schema):
    started_on: datetime.date


class CINReviewIn(Schema):
    held_on: datetime.date
    notes: str = ""


class CINVisitIn(Schema):
    visited_on: datetime.date
    seen: bool
    seen_alone: bool = False
    note: str = ""


class OutcomeIn(Schema):
    what_must_change: str
    by_when: datetime.date
    responsible: str


class ProgressIn(Schema):
    recorded_on: datetime.date
    rating: str
    note: str = ""


class ClosureIn(Schema):
    ended_on: datetime.date
    closure_reason: str


class DecisionIn(Schema):
    decided_on: datetime.date
    decision: str
    cp_plan_id: int | None = None
    cin_plan_id: int | None = None


class IdOut(Schema):
    id: int


# --- Serialisers ------------------------------------------------------------------------------


def _outcomes(plan: CPPlan | CINPlan) -> list[Row]:
    return [
        {
            "id": o.pk,
            "what_must_change": o.what_must_change,
            "by_when": o.by_when,
            "responsible": o.responsible,
            "progress": [
                {"recorded_on": p.recorded_on, "rating": p.rating, "note": p.note}
                for p in o.progress.all()
            ],
        }
        for o in plan.outcomes.all()
    ]


def _flags(plan: CPPlan | CINPlan, previous: int = 0) -> list[str]:
    return [text for text, _ in plan_flags(plan, timezone.localdate(), previous).labels]


def _discussion(sd: StrategyDiscussion) -> Row:
    s47 = getattr(sd, "section47", None)
    return {
        "id": sd.pk,
        "held_at": sd.held_at,
        "decision": sd.decision,
        "rationale": sd.rationale,
        "section47_id": s47.pk if s47 else None,
        "missing_agencies": sd.missing_agencies(),
        "attendees": [
            {"agency": a.agency, "name": a.name, "information_shared": a.information_shared}
            for a in sd.attendees.all()
        ],
        "actions": [
            {
                "id": a.pk,
                "description": a.description,
                "owner": a.owner,
                "deadline": a.deadline,
                "completed_on": a.completed_on,
            }
            for a in sd.actions.all()
        ],
    }


def _cp_plan(p: CPPlan) -> Row:
    return {
        "id": p.pk,
        "conference_id": p.conference_id,
        "started_on": p.started_on,
        "ended_on": p.ended_on,
        "end_reason": p.end_reason,
        "initial_category": p.initial_category,
        "latest_category": p.latest_category,
        "contingency_plan": p.contingency_plan,
        "flags": _flags(p, getattr(p, "previous", 0)),
        "category_changes": [
            {"changed_on": c.changed_on, "from": c.from_category, "to": c.to_category}
            for c in p.category_changes.all()
        ],
        "core_groups": [
            {"id": g.pk, "held_on": g.held_on, "attendees": g.attendees, "notes": g.notes}
            for g in p.core_groups.all()
        ],
        "reviews": [
            {"id": r.pk, "held_on": r.held_on, "decision": r.decision, "category": r.category}
            for r in p.reviews.all()
        ],
        "visits": [
            {
                "id": v.pk,
                "visited_on": v.visited_on,
                "seen": v.seen,
                "seen_alone": v.seen_alone,
                "home_seen": v.home_seen,
                "bedroom_seen": v.bedroom_seen,
            }
            for v in p.visits.all()
        ],
        "outcomes": _outcomes(p),
    }


def _cin_plan(p: CINPlan) -> Row:
    return {
        "id": p.pk,
        "started_on": p.started_on,
        "ended_on": p.ended_on,
        "end_reason": p.end_reason,
        "flags": _flags(p),
        "reviews": [{"id": r.pk, "held_on": r.held_on, "notes": r.notes} for r in p.reviews.all()],
        "visits": [
            {"id": v.pk, "visited_on": v.visited_on, "seen": v.seen, "seen_alone": v.seen_alone}
            for v in p.visits.all()
        ],
        "outcomes": _outcomes(p),
    }


# --- Reads ------------------------------------------------------------------------------------


@router.get("/people/{person_id}/strategy-discussions", response={200: list[Row], **ERRORS})
def list_strategy_discussions(request: HttpRequest, person_id: int) -> list[Row]:
    person = _child(request, person_id, "strategy discussions")
    return [
        _discussion(sd)
        for sd in StrategyDiscussion.objects.filter(person=person)
        .select_related("section47")
        .prefetch_related("attendees", "actions")
    ]


@router.get("/people/{person_id}/section47s", response={200: list[Row], **ERRORS})
def list_section47s(request: HttpRequest, person_id: int) -> list[Row]:
    person = _child(request, person_id, "section 47 enquiries")
    return [
        {
            "id": s.pk,
            "discussion_id": s.discussion_id,
            "started_on": s.started_on,
            "outcome": s.outcome,
            "icpc_needed": s.icpc_needed,
            "icpc_not_needed_reason": s.icpc_not_needed_reason,
            "completed_on": s.completed_on,
        }
        for s in Section47.objects.filter(person=person)
    ]


@router.get("/people/{person_id}/conferences", response={200: list[Row], **ERRORS})
def list_conferences(request: HttpRequest, person_id: int) -> list[Row]:
    person = _child(request, person_id, "conferences")
    return [
        {
            "id": c.pk,
            "kind": c.kind,
            "section47_id": c.section47_id,
            "transfer_id": c.transfer_id,
            "held_on": c.held_on,
            "chair_id": c.chair_id,
            "plan_made": c.plan_made,
            "category": c.category,
            "child_views": c.child_views,
            "child_views_how": c.child_views_how,
            "attendance": [
                {"agency": a.agency, "attended": a.attended, "report_provided": a.report_provided}
                for a in c.attendance.all()
            ],
        }
        for c in Conference.objects.filter(person=person).prefetch_related("attendance")
    ]


@router.get("/people/{person_id}/cp-plans", response={200: list[Row], **ERRORS})
def list_cp_plans(request: HttpRequest, person_id: int) -> list[Row]:
    person = _child(request, person_id, "child protection plans")
    plans = (
        with_flag_data(CPPlan.objects.filter(person=person))
        .annotate(previous=previous_plan_count())
        .prefetch_related("core_groups", "visits", "category_changes")
    )
    return [_cp_plan(p) for p in plans]


@router.get("/people/{person_id}/cin-plans", response={200: list[Row], **ERRORS})
def list_cin_plans(request: HttpRequest, person_id: int) -> list[Row]:
    person = _child(request, person_id, "child in need plans")
    plans = with_flag_data(CINPlan.objects.filter(person=person)).prefetch_related("visits")
    return [_cin_plan(p) for p in plans]


# --- Writes -----------------------------------------------------------------------------------


def _chair(chair_id: int) -> User:
    chair = User.objects.filter(pk=chair_id).first()
    if chair is None:
        raise ActionError({"chair_id": ["Choose a child protection chair"]})
    return chair


@router.post("/people/{person_id}/strategy-discussions", response={201: IdOut, **ERRORS})
def create_strategy_discussion(
    request: HttpRequest, person_id: int, payload: StrategyDiscussionIn
) -> Status[Row]:
    person = _child(request, person_id, "strategy discussion")
    sd = actions.record_strategy_discussion(
        actor=_user(request),
        person=person,
        held_at=payload.held_at,
        decision=payload.decision,
        rationale=payload.rationale,
        attendees=[actions.Attendee(**a.dict()) for a in payload.attendees],
        actions=[actions.AgreedAction(**a.dict()) for a in payload.actions],
    )
    return Status(201, {"id": sd.pk})


@router.post(
    "/people/{person_id}/strategy-actions/{action_id}/done", response={200: IdOut, **ERRORS}
)
def complete_strategy_action(
    request: HttpRequest, person_id: int, action_id: int, payload: DoneIn
) -> Row:
    person = _child(request, person_id, "strategy action")
    action = get_object_or_404(StrategyAction, pk=action_id, discussion__person=person)
    actions.complete_strategy_action(
        actor=_user(request), action=action, completed_on=payload.completed_on
    )
    return {"id": action.pk}


@router.post("/people/{person_id}/section47s/{s47_id}/outcome", response={200: IdOut, **ERRORS})
def conclude_section47(
    request: HttpRequest, person_id: int, s47_id: int, payload: Section47OutcomeIn
) -> Row:
    person = _child(request, person_id, "section 47")
    s47 = get_object_or_404(Section47, pk=s47_id, person=person)
    actions.conclude_section47(actor=_user(request), section47=s47, **payload.dict())
    return {"id": s47.pk}


def _conference(request: HttpRequest, payload: ConferenceIn, **target: Any) -> Conference:
    data = payload.dict()
    data.pop("attendance")
    return actions.record_conference(
        actor=_user(request),
        chair=_chair(data.pop("chair_id")),
        attendance=[actions.Attendance(**a.dict()) for a in payload.attendance],
        **data,
        **target,
    )


@router.post("/people/{person_id}/section47s/{s47_id}/conference", response={201: Row, **ERRORS})
def create_initial_conference(
    request: HttpRequest, person_id: int, s47_id: int, payload: ConferenceIn
) -> Status[Row]:
    person = _child(request, person_id, "conference")
    s47 = get_object_or_404(Section47, pk=s47_id, person=person)
    conf = _conference(request, payload, section47=s47)
    plan = CPPlan.objects.filter(conference=conf).first()
    return Status(201, {"id": conf.pk, "cp_plan_id": plan.pk if plan else None})


@router.post("/people/{person_id}/transfers-in", response={201: IdOut, **ERRORS})
def create_transfer_in(request: HttpRequest, person_id: int, payload: TransferInIn) -> Status[Row]:
    person = _child(request, person_id, "transfer in")
    t = actions.record_transfer_in(actor=_user(request), person=person, **payload.dict())
    return Status(201, {"id": t.pk})


@router.post(
    "/people/{person_id}/transfers-in/{transfer_id}/conference", response={201: Row, **ERRORS}
)
def create_transfer_conference(
    request: HttpRequest, person_id: int, transfer_id: int, payload: ConferenceIn
) -> Status[Row]:
    person = _child(request, person_id, "transfer conference")
    transfer = get_object_or_404(TransferIn, pk=transfer_id, person=person)
    conf = _conference(request, payload, transfer=transfer)
    plan = CPPlan.objects.filter(conference=conf).first()
    return Status(201, {"id": conf.pk, "cp_plan_id": plan.pk if plan else None})


def _cp(person: Person, plan_id: int) -> CPPlan:
    return get_object_or_404(CPPlan, pk=plan_id, person=person)


def _cin(person: Person, plan_id: int) -> CINPlan:
    return get_object_or_404(CINPlan, pk=plan_id, person=person)


@router.post("/people/{person_id}/cp-plans/{plan_id}/core-groups", response={201: IdOut, **ERRORS})
def create_core_group(
    request: HttpRequest, person_id: int, plan_id: int, payload: CoreGroupIn
) -> Status[Row]:
    plan = _cp(_child(request, person_id, "core group"), plan_id)
    g = actions.record_core_group(actor=_user(request), plan=plan, **payload.dict())
    return Status(201, {"id": g.pk})


@router.post("/people/{person_id}/cp-plans/{plan_id}/reviews", response={201: IdOut, **ERRORS})
def create_review(
    request: HttpRequest, person_id: int, plan_id: int, payload: ReviewIn
) -> Status[Row]:
    plan = _cp(_child(request, person_id, "review conference"), plan_id)
    data = payload.dict()
    r = actions.record_review_conference(
        actor=_user(request), plan=plan, chair=_chair(data.pop("chair_id")), **data
    )
    return Status(201, {"id": r.pk})


@router.post("/people/{person_id}/cp-plans/{plan_id}/visits", response={201: IdOut, **ERRORS})
def create_cp_visit(
    request: HttpRequest, person_id: int, plan_id: int, payload: CPVisitIn
) -> Status[Row]:
    plan = _cp(_child(request, person_id, "child protection visit"), plan_id)
    v = actions.record_cp_visit(actor=_user(request), plan=plan, **payload.dict())
    return Status(201, {"id": v.pk})


@router.post("/people/{person_id}/cp-plans/{plan_id}/end", response={200: IdOut, **ERRORS})
def end_cp_plan(request: HttpRequest, person_id: int, plan_id: int, payload: EndIn) -> Row:
    plan = _cp(_child(request, person_id, "end plan"), plan_id)
    actions.end_cp_plan(actor=_user(request), plan=plan, **payload.dict())
    return {"id": plan.pk}


@router.post("/people/{person_id}/cp-plans/{plan_id}/outcomes", response={201: IdOut, **ERRORS})
def create_cp_outcome(
    request: HttpRequest, person_id: int, plan_id: int, payload: OutcomeIn
) -> Status[Row]:
    plan = _cp(_child(request, person_id, "plan outcome"), plan_id)
    o = actions.add_outcome(actor=_user(request), plan=plan, **payload.dict())
    return Status(201, {"id": o.pk})


@router.post("/people/{person_id}/cin-plans", response={201: IdOut, **ERRORS})
def create_cin_plan(request: HttpRequest, person_id: int, payload: CINPlanIn) -> Status[Row]:
    person = _child(request, person_id, "child in need plan")
    plan = actions.start_cin_plan(actor=_user(request), person=person, **payload.dict())
    return Status(201, {"id": plan.pk})


@router.post("/people/{person_id}/cin-plans/{plan_id}/reviews", response={201: IdOut, **ERRORS})
def create_cin_review(
    request: HttpRequest, person_id: int, plan_id: int, payload: CINReviewIn
) -> Status[Row]:
    plan = _cin(_child(request, person_id, "child in need review"), plan_id)
    r = actions.record_cin_review(actor=_user(request), plan=plan, **payload.dict())
    return Status(201, {"id": r.pk})


@router.post("/people/{person_id}/cin-plans/{plan_id}/visits", response={201: IdOut, **ERRORS})
def create_cin_visit(
    request: HttpRequest, person_id: int, plan_id: int, payload: CINVisitIn
) -> Status[Row]:
    plan = _cin(_child(request, person_id, "child in need visit"), plan_id)
    v = actions.record_cin_visit(actor=_user(request), plan=plan, **payload.dict())
    return Status(201, {"id": v.pk})


@router.post("/people/{person_id}/cin-plans/{plan_id}/end", response={200: IdOut, **ERRORS})
def end_cin_plan(request: HttpRequest, person_id: int, plan_id: int, payload: EndIn) -> Row:
    plan = _cin(_child(request, person_id, "end child in need plan"), plan_id)
    actions.end_cin_plan(actor=_user(request), plan=plan, **payload.dict())
    return {"id": plan.pk}


@router.post("/people/{person_id}/cin-plans/{plan_id}/outcomes", response={201: IdOut, **ERRORS})
def create_cin_outcome(
    request: HttpRequest, person_id: int, plan_id: int, payload: OutcomeIn
) -> Status[Row]:
    plan = _cin(_child(request, person_id, "plan outcome"), plan_id)
    o = actions.add_outcome(actor=_user(request), plan=plan, **payload.dict())
    return Status(201, {"id": o.pk})


@router.post("/people/{person_id}/outcomes/{outcome_id}/progress", response={201: IdOut, **ERRORS})
def create_progress(
    request: HttpRequest, person_id: int, outcome_id: int, payload: ProgressIn
) -> Status[Row]:
    person = _child(request, person_id, "outcome progress")
    outcome = get_object_or_404(
        PlanOutcome.objects.filter(cp_plan__person=person)
        | PlanOutcome.objects.filter(cin_plan__person=person),
        pk=outcome_id,
    )
    p = actions.record_progress(actor=_user(request), outcome=outcome, **payload.dict())
    return Status(201, {"id": p.pk})


@router.post("/people/{person_id}/cin-closure", response={200: IdOut, **ERRORS})
def close_cin_episode(request: HttpRequest, person_id: int, payload: ClosureIn) -> Row:
    person = _child(request, person_id, "close case")
    episode = actions.open_cin_episode(person)
    if episode is None:
        raise ActionError("This child has no open child in need episode")
    actions.close_cin_episode(actor=_user(request), episode=episode, **payload.dict())
    return {"id": episode.pk}


@router.post("/people/{person_id}/management-decisions", response={201: IdOut, **ERRORS})
def create_management_decision(
    request: HttpRequest, person_id: int, payload: DecisionIn
) -> Status[Row]:
    person = _child(request, person_id, "management decision")
    cp = _cp(person, payload.cp_plan_id) if payload.cp_plan_id else None
    cin = _cin(person, payload.cin_plan_id) if payload.cin_plan_id else None
    d = actions.record_drift_decision(
        actor=_user(request),
        person=person,
        decision=payload.decision,
        decided_on=payload.decided_on,
        cp_plan=cp,
        cin_plan=cin,
    )
    return Status(201, {"id": d.pk})
