"""Front door over JSON: contacts, screening, partner requests, decisions, referrals, early help.

Same rules as the pages: partner agency users create contacts and read only their own (and
only the outcome); MASH officers and managers do the rest; a child's referrals and early help
need the child to be visible to the caller.
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from accounts.access import get_visible_person_or_404, log_view
from accounts.models import User
from csc.errors import ActionError
from front_door import actions
from front_door.models import Contact, EarlyHelpEpisode, PartnerRequest, Referral, ThresholdDecision
from front_door.queries import visible_contacts

from .schemas import ErrorOut

router = Router(tags=["front door"])

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _staff(request: HttpRequest) -> User:
    user = _user(request)
    if not actions.works_front_door(user):
        raise ActionError("Only MASH officers and managers can do this", code="forbidden")
    return user


def _contact(user: User, contact_id: int) -> Contact:
    contact = visible_contacts(user).select_related("decision").filter(pk=contact_id).first()
    if contact is None:
        raise Http404
    return contact


class ChildIn(Schema):
    forename: str = Field(max_length=100)
    surname: str = Field(max_length=100)
    date_of_birth: datetime.date | None = None
    address: str = Field("", max_length=250)
    person_id: int | None = Field(None, description="Staff only: the child's record, if known")


class ContactIn(Schema):
    children: list[ChildIn] = Field(min_length=1, max_length=10)
    received_at: datetime.datetime | None = Field(
        None, description="Staff only; a partner's contact is received when sent"
    )
    source: str = Field(description="CIN referral-source code, e.g. 6 (police), 2A (schools)")
    referrer_name: str = Field(max_length=120)
    referrer_agency: str = Field("", max_length=160)
    referrer_contact: str = Field("", max_length=200)
    concerns: str = Field(max_length=20_000)
    family_consent: str = Field(description="yes, knows, no or unknown")
    immediate_risk: bool = False


class PartnerContactOut(Schema):
    id: int
    reference: str
    group_id: str
    received_at: datetime.datetime
    child_forename: str
    child_surname: str
    outcome: str


class ContactOut(PartnerContactOut):
    person_id: int | None
    source: str
    state: str
    open_case: bool
    immediate_risk: bool
    rating: str
    rated_at: datetime.datetime | None
    decision_due_at: datetime.datetime | None


def _contact_out(c: Contact, user: User) -> dict[str, object]:
    out: dict[str, object] = {
        "id": c.pk,
        "reference": c.reference,
        "group_id": str(c.group_id),
        "received_at": c.received_at,
        "child_forename": c.child_forename,
        "child_surname": c.child_surname,
        "outcome": c.partner_outcome,
    }
    if not user.is_partner:
        out.update(
            person_id=c.person_id,
            source=c.source,
            state=c.state,
            open_case=c.open_case,
            immediate_risk=c.immediate_risk,
            rating=c.rating,
            rated_at=c.rated_at,
            decision_due_at=c.decision_due_at,
        )
    return out


@router.get(
    "/contacts",
    response=list[ContactOut | PartnerContactOut],
    summary="Contacts you may see (partners: the ones you sent)",
)
@paginate(PageNumberPagination, page_size=25)
def list_contacts(request: HttpRequest) -> list[dict[str, object]]:
    user = _user(request)
    contacts = visible_contacts(user).select_related("decision").order_by("-received_at", "-pk")
    return [_contact_out(c, user) for c in contacts]


@router.post(
    "/contacts",
    response={201: list[ContactOut | PartnerContactOut], **ERRORS},
    summary="Record a contact (one per child, linked by a group id)",
)
def create_contact(request: HttpRequest, payload: ContactIn) -> Status[list[dict[str, object]]]:
    user = _user(request)
    children = []
    for child in payload.children:
        person = None
        if child.person_id is not None:
            if user.is_partner:
                raise ActionError(
                    "Partner agencies cannot choose a child's record", code="forbidden"
                )
            person = get_visible_person_or_404(user, child.person_id)
        children.append(
            actions.ChildAsTyped(
                forename=child.forename,
                surname=child.surname,
                date_of_birth=child.date_of_birth,
                address=child.address,
                person=person,
            )
        )
    received_at = payload.received_at if payload.received_at and not user.is_partner else None
    contacts = actions.record_contact(
        actor=user,
        children=children,
        details=actions.ContactDetails(
            source=payload.source,
            referrer_name=payload.referrer_name,
            referrer_agency=payload.referrer_agency,
            referrer_contact=payload.referrer_contact,
            concerns=payload.concerns,
            family_consent=payload.family_consent,
            immediate_risk=payload.immediate_risk,
        ),
        received_at=received_at or datetime.datetime.now(datetime.UTC),
    )
    return Status(201, [_contact_out(c, user) for c in contacts])


@router.get(
    "/contacts/{contact_id}",
    response={200: ContactOut | PartnerContactOut, 404: ErrorOut},
    summary="One contact (partners: only the outcome of their own)",
)
def get_contact(request: HttpRequest, contact_id: int) -> dict[str, object]:
    user = _user(request)
    contact = _contact(user, contact_id)
    if contact.person is not None and not user.is_partner:
        log_view(user, contact.person, page="API: front door contact", path=request.path)
    return _contact_out(contact, user)


class LinkIn(Schema):
    person_id: int


@router.post("/contacts/{contact_id}/match", response={200: ContactOut, **ERRORS})
def match_contact(request: HttpRequest, contact_id: int, payload: LinkIn) -> dict[str, object]:
    user = _staff(request)
    contact = _contact(user, contact_id)
    person = get_visible_person_or_404(user, payload.person_id)
    return _contact_out(actions.link_contact(actor=user, contact=contact, person=person), user)


class RatingIn(Schema):
    rating: str = Field(description="red, amber, green or blue")
    reason: str = Field(max_length=20_000)
    rated_at: datetime.datetime


@router.post(
    "/contacts/{contact_id}/screening",
    response={200: ContactOut, **ERRORS},
    summary="RAG-rate a contact (MASH screening)",
)
def rate(request: HttpRequest, contact_id: int, payload: RatingIn) -> dict[str, object]:
    user = _staff(request)
    contact = actions.rate_contact(
        actor=user,
        contact=_contact(user, contact_id),
        rating=payload.rating,
        reason=payload.reason,
        rated_at=payload.rated_at,
    )
    return _contact_out(contact, user)


class PartnerRequestIn(Schema):
    agency: str
    agency_detail: str = Field("", max_length=160)
    lawful_basis: str
    question: str = Field("", max_length=20_000)
    sent_at: datetime.datetime


class PartnerRequestOut(Schema):
    id: int
    contact_id: int
    agency: str
    agency_detail: str
    lawful_basis: str
    rating: str
    sent_at: datetime.datetime
    due_at: datetime.datetime | None
    response_at: datetime.datetime | None
    responder: str
    response: str
    withdrawn_at: datetime.datetime | None
    chases: list[datetime.datetime]


def _request_out(r: PartnerRequest) -> dict[str, object]:
    return {
        **{f: getattr(r, f) for f in PartnerRequestOut.model_fields if f not in {"chases"}},
        "chases": [c.chased_at for c in r.chases.all()],
    }


def _partner_request(user: User, request_id: int) -> PartnerRequest:
    found = (
        PartnerRequest.objects.filter(contact__in=visible_contacts(user), pk=request_id)
        .select_related("contact", "contact__person")
        .first()
    )
    if found is None:
        raise Http404
    return found


@router.post(
    "/contacts/{contact_id}/partner-requests",
    response={201: PartnerRequestOut, **ERRORS},
    summary="Ask a partner agency for information",
)
def create_partner_request(
    request: HttpRequest, contact_id: int, payload: PartnerRequestIn
) -> Status[dict[str, object]]:
    user = _staff(request)
    req = actions.request_information(
        actor=user, contact=_contact(user, contact_id), **payload.dict()
    )
    return Status(201, _request_out(req))


@router.get(
    "/partner-requests",
    response={200: list[PartnerRequestOut], **ERRORS},
    summary="Partner requests waiting for a reply (overdue first)",
)
@paginate(PageNumberPagination, page_size=25)
def list_partner_requests(request: HttpRequest, overdue: bool = False) -> list[PartnerRequest]:
    from front_door.queries import partner_board

    user = _staff(request)
    now = datetime.datetime.now(datetime.UTC)
    requests = partner_board(user, now=now).prefetch_related("chases")
    if overdue:
        requests = requests.filter(due_at__lt=now)
    return [_request_out(r) for r in requests]  # type: ignore[misc]


class ResponseIn(Schema):
    responder: str = Field(max_length=160)
    response: str = Field(max_length=20_000)
    response_at: datetime.datetime


@router.post(
    "/partner-requests/{request_id}/response",
    response={200: PartnerRequestOut, **ERRORS},
    summary="Record a partner agency's reply",
)
def respond(request: HttpRequest, request_id: int, payload: ResponseIn) -> dict[str, object]:
    user = _staff(request)
    req = actions.record_response(
        actor=user, request=_partner_request(user, request_id), **payload.dict()
    )
    return _request_out(req)


class ChaseIn(Schema):
    chased_at: datetime.datetime
    note: str = Field("", max_length=250)


@router.post(
    "/partner-requests/{request_id}/chases",
    response={200: PartnerRequestOut, **ERRORS},
    summary="Record a chase",
)
def chase(request: HttpRequest, request_id: int, payload: ChaseIn) -> dict[str, object]:
    user = _staff(request)
    req = _partner_request(user, request_id)
    actions.chase_request(actor=user, request=req, **payload.dict())
    return _request_out(req)


class DecisionIn(Schema):
    level: str
    outcome: str
    rationale: str = Field("", max_length=20_000)
    decided_at: datetime.datetime


class DecisionOut(Schema):
    id: int
    contact_id: int
    level: str
    outcome: str
    rationale: str
    decided_by_id: int
    decided_at: datetime.datetime
    needs_authorisation: bool
    authorised_by_id: int | None
    authorised_at: datetime.datetime | None
    within_target: bool | None
    working_hours_elapsed: float


@router.post(
    "/contacts/{contact_id}/decision",
    response={201: DecisionOut, **ERRORS},
    summary="Record the threshold decision",
)
def decide(request: HttpRequest, contact_id: int, payload: DecisionIn) -> Status[ThresholdDecision]:
    user = _staff(request)
    return Status(
        201, actions.decide(actor=user, contact=_contact(user, contact_id), **payload.dict())
    )


class AuthoriseIn(Schema):
    authorised_at: datetime.datetime
    note: str = Field("", max_length=20_000)


@router.post(
    "/decisions/{decision_id}/authorisation",
    response={200: DecisionOut, **ERRORS},
    summary="Authorise a threshold decision (team manager or head of service)",
)
def authorise(request: HttpRequest, decision_id: int, payload: AuthoriseIn) -> ThresholdDecision:
    user = _staff(request)
    decision = (
        ThresholdDecision.objects.filter(contact__in=visible_contacts(user), pk=decision_id)
        .select_related("contact")
        .first()
    )
    if decision is None:
        raise Http404
    return actions.authorise_decision(actor=user, decision=decision, **payload.dict())


class ReferralIn(Schema):
    referral_date: datetime.date
    source: str = ""
    primary_need: str = ""
    nfa: bool = False


class ReferralOut(Schema):
    id: int
    reference: str
    person_id: int
    contact_id: int | None
    episode_id: int
    referral_date: datetime.date
    source: str
    primary_need: str
    nfa: bool
    re_referral: bool


@router.post(
    "/contacts/{contact_id}/referral",
    response={201: ReferralOut, **ERRORS},
    summary="Accept the contact as a referral (opens the CIN episode)",
)
def accept_referral(request: HttpRequest, contact_id: int, payload: ReferralIn) -> Status[Referral]:
    user = _staff(request)
    contact = _contact(user, contact_id)
    if contact.person is None:
        raise ActionError("Match the contact to a child's record first")
    referral = actions.record_referral(
        actor=user, person=contact.person, contact=contact, **payload.dict()
    )
    return Status(201, referral)


@router.get("/people/{person_id}/referrals", response={200: list[ReferralOut], **ERRORS})
def list_referrals(request: HttpRequest, person_id: int) -> list[Referral]:
    user = _user(request)
    person = get_visible_person_or_404(user, person_id)
    log_view(user, person, page="API: referrals", path=request.path)
    return list(Referral.objects.filter(person=person))


class EarlyHelpIn(Schema):
    started_on: datetime.date
    lead_professional: str = Field(max_length=120)
    organisation: str = Field(max_length=160)
    reason: str = Field(max_length=20_000)
    step_down: bool = False


class EarlyHelpOut(Schema):
    id: int
    person_id: int
    episode_id: int
    route: str
    started_on: datetime.date
    ended_on: datetime.date | None
    lead_professional: str
    organisation: str
    assessment_started_on: datetime.date | None
    assessment_completed_on: datetime.date | None
    reason: str
    end_reason: str


@router.get("/people/{person_id}/early-help", response={200: list[EarlyHelpOut], **ERRORS})
def list_early_help(request: HttpRequest, person_id: int) -> list[EarlyHelpEpisode]:
    user = _user(request)
    person = get_visible_person_or_404(user, person_id)
    log_view(user, person, page="API: early help", path=request.path)
    return list(EarlyHelpEpisode.objects.filter(person=person))


@router.post(
    "/people/{person_id}/early-help",
    response={201: EarlyHelpOut, **ERRORS},
    summary="Start early help (step_down closes the open CIN episode with RC9)",
)
def start_early_help(
    request: HttpRequest, person_id: int, payload: EarlyHelpIn
) -> Status[EarlyHelpEpisode]:
    user = _staff(request)
    person = get_visible_person_or_404(user, person_id)
    data = payload.dict()
    if data.pop("step_down"):
        return Status(201, actions.step_down_to_early_help(actor=user, person=person, **data))
    return Status(201, actions.start_early_help(actor=user, person=person, route="other", **data))
