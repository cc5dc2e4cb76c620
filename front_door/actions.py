"""Writes for the front door. Views, the API, demo data and tests all call these.

Each action is typed, keyword-only and atomic, refuses bad input with an ActionError worded
for a GOV.UK error summary (saving nothing), and ends by writing one Event.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from accounts.choices import Role
from casework import actions as casework_actions
from casework.choices import ClosureReason, EpisodeKind, PrimaryNeed
from casework.events import (
    EventKind,
    atomic_action,
    give_events_to,
    record_event,
    register_kinds,
)
from casework.models import Allocation, Episode
from csc.errors import ActionError
from people import actions as people_actions
from people.models import Person
from timescales import LocalPractice, add_months

from . import practice as fd_practice
from .choices import (
    REFERRAL_OUTCOMES,
    Agency,
    Consent,
    ContactState,
    EarlyHelpEnd,
    EarlyHelpRoute,
    LawfulBasis,
    Outcome,
    Rating,
    ReferralSource,
    levels_of_need,
    outcome_needs_authorisation,
)
from .models import (
    Contact,
    EarlyHelpEpisode,
    PartnerChase,
    PartnerRequest,
    Referral,
    ThresholdDecision,
)

if TYPE_CHECKING:
    from accounts.models import User

register_kinds(
    EventKind("contact_received", "Contact received"),
    EventKind("contact_linked", "Contact matched to the child's record", "record"),
    EventKind("contact_routed", "Contact passed to the allocated worker (open case)"),
    EventKind("contact_rated", "Contact screened (RAG rating)"),
    EventKind("partner_request_sent", "Information requested from a partner agency"),
    EventKind("partner_response_received", "Partner agency replied"),
    EventKind("partner_request_chased", "Partner agency chased"),
    EventKind("partner_request_withdrawn", "Partner request withdrawn"),
    EventKind("threshold_decision", "Threshold decision"),
    EventKind("threshold_decision_authorised", "Threshold decision authorised"),
    EventKind("referral_received", "Referral accepted"),
    EventKind("early_help_started", "Early help started"),
    EventKind("early_help_updated", "Early help assessment updated"),
    EventKind("early_help_ended", "Early help ended"),
    EventKind("partner_deadlines_recomputed", "Partner request deadlines recomputed", "record"),
)

FRONT_DOOR_ROLES = frozenset(
    {Role.MASH_OFFICER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.DIRECTOR}
)
AUTHORISING_ROLES = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})
# Allow for clock drift between a partner's device and the server.
_FUTURE_SLACK = datetime.timedelta(minutes=5)
# A referral is at most 40 weeks before the child's birth or expected birth (a pre-birth
# referral); earlier than that it cannot be about this child. The CIN census refuses it too
# (rule 8606: more than 280 days before the date of birth or expected date of birth).
REFERRAL_BEFORE_BIRTH = datetime.timedelta(days=280)


def works_front_door(user: User | None) -> bool:
    """MASH officers and managers screen and decide. `None` is the system (imports, demo)."""
    if user is None:
        return True
    return user.is_active and (user.role in FRONT_DOOR_ROLES or user.is_superuser)


def _require_front_door(actor: User | None) -> None:
    if not works_front_door(actor):
        raise ActionError("Only MASH officers and managers can do this", code="forbidden")


def _not_future(field: str, at: datetime.datetime, now: datetime.datetime, label: str) -> None:
    if timezone.is_naive(at):
        raise ActionError({field: [f"{label} must include a time zone"]})
    if at > now + _FUTURE_SLACK:
        raise ActionError({field: [f"{label} must be now or in the past"]})


def has_open_case(person: Person) -> bool:
    """An open episode of involvement or a current allocation (timescales F4)."""
    # Asked of every contact, so one small statement: the ORM's EXISTS(..) | EXISTS(..)
    # costs PostgreSQL more to plan (it weighs hashed alternatives) than to run. Plain SQL
    # both databases run alike.
    quote = connection.ops.quote_name
    episodes, allocations = quote(Episode._meta.db_table), quote(Allocation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 WHERE EXISTS (SELECT 1 FROM {episodes} WHERE person_id = %s AND "
            f"ended_on IS NULL) OR EXISTS (SELECT 1 FROM {allocations} WHERE person_id = %s "
            "AND ended_on IS NULL)",
            [person.pk, person.pk],
        )
        return cursor.fetchone() is not None


# --- Contacts ------------------------------------------------------------------------------------


@dataclass
class ChildAsTyped:
    """A child named in a contact, as the referrer gave them; `person` if already matched."""

    forename: str
    surname: str
    date_of_birth: datetime.date | None = None
    address: str = ""
    person: Person | None = None


@dataclass
class ContactDetails:
    source: str
    referrer_name: str
    concerns: str
    family_consent: str
    referrer_agency: str = ""
    referrer_contact: str = ""
    immediate_risk: bool = False

    def clean(self) -> None:
        self.referrer_name = self.referrer_name.strip()
        self.concerns = self.concerns.strip()
        ActionError.collect(
            {
                "source": None
                if self.source in ReferralSource.values
                else "Choose who the contact is from",
                "referrer_name": "Enter the referrer's name" if not self.referrer_name else None,
                "concerns": "Enter the concerns in the referrer's words"
                if not self.concerns
                else None,
                "family_consent": None
                if self.family_consent in Consent.values
                else "Say whether the family knows about the contact and consents",
                "referrer_agency": "Must be 160 characters or fewer"
                if len(self.referrer_agency) > 160
                else None,
                "referrer_contact": "Must be 200 characters or fewer"
                if len(self.referrer_contact) > 200
                else None,
            }
        )


@atomic_action
def record_contact(
    *,
    actor: User,
    children: list[ChildAsTyped],
    details: ContactDetails,
    received_at: datetime.datetime,
    now: datetime.datetime | None = None,
) -> list[Contact]:
    """Record a contact: one row per child, linked by a shared group id.

    Partner agency users may submit (their contacts arrive unmatched); staff may too.
    """
    now = now or timezone.now()
    if not (actor.is_partner or works_front_door(actor)):
        raise ActionError(
            "Only MASH staff and partner agencies can record contacts", code="forbidden"
        )
    details.clean()
    _not_future("received_at", received_at, now, "Date and time received")
    if not children:
        raise ActionError({"children": ["Enter the details of at least one child"]})
    for index, child in enumerate(children):
        child.forename, child.surname = child.forename.strip(), child.surname.strip()
        prefix = "" if index == 0 else f"child{index + 1}_"
        if child.person is None:
            ActionError.collect(
                {
                    f"{prefix}forename": "Enter the child's first name"
                    if not child.forename
                    else None,
                    f"{prefix}surname": "Enter the child's last name"
                    if not child.surname
                    else None,
                    f"{prefix}date_of_birth": "Date of birth must be in the past"
                    if child.date_of_birth and child.date_of_birth > now.date()
                    else None,
                }
            )
        elif actor.is_partner:
            raise ActionError("Partner agencies cannot choose a child's record", code="forbidden")
    group = uuid.uuid4()
    contacts = []
    for child in children:
        person = child.person
        contact = Contact.objects.create(
            group_id=group,
            person=person,
            child_forename=child.forename or (person.legal_forename if person else ""),
            child_surname=child.surname or (person.legal_surname if person else ""),
            child_date_of_birth=child.date_of_birth or (person.date_of_birth if person else None),
            child_address=child.address.strip()[:250],
            received_at=received_at,
            source=details.source,
            referrer_name=details.referrer_name[:120],
            referrer_agency=details.referrer_agency.strip(),
            referrer_contact=details.referrer_contact.strip(),
            concerns=details.concerns,
            family_consent=details.family_consent,
            immediate_risk=details.immediate_risk,
            submitted_by=actor,
            recorded_at=now,
            open_case=has_open_case(person) if person is not None else False,
        )
        record_event(
            kind="contact_received",
            actor=actor,
            person=person,
            summary=f"Contact from {ReferralSource(details.source).label}"
            + (" (immediate risk)" if details.immediate_risk else ""),
            occurred_at=received_at,
            details={"contact_id": contact.pk, "group_id": str(group), "source": details.source},
            subject=contact,
        )
        contacts.append(contact)
    return contacts


def _require_undecided(contact: Contact) -> None:
    if contact.state not in (ContactState.AWAITING_SCREENING, ContactState.SCREENED):
        raise ActionError(f"This contact is already {contact.get_state_display().lower()}")


@atomic_action
def link_contact(*, actor: User | None, contact: Contact, person: Person) -> Contact:
    """Match the contact to an existing child's record. Flags an open case (F4)."""
    _require_front_door(actor)
    _require_undecided(contact)
    if not person.is_child:
        raise ActionError({"person": ["Choose a child's record"]})
    if person.merged_into_id is not None:
        raise ActionError({"person": ["That record has been merged into another"]})
    contact.person = person
    contact.open_case = has_open_case(person)
    contact.save(update_fields=["person", "open_case"])
    # A contact that arrived unmatched (every partner's contact does) was recorded with no
    # child: now that we know whose it is, its receipt belongs in their chronology.
    give_events_to(person, kind="contact_received", subject=contact)
    record_event(
        kind="contact_linked",
        actor=actor,
        person=person,
        summary=f"Contact {contact.reference} matched to this record"
        + (" (open case: pass to the allocated worker)" if contact.open_case else ""),
        occurred_at=contact.received_at,
        details={"contact_id": contact.pk, "open_case": contact.open_case},
        subject=contact,
    )
    return contact


@atomic_action
def create_child_for_contact(
    *,
    actor: User,
    contact: Contact,
    details: people_actions.PersonDetails,
    confirmed_not_duplicate: bool = False,
) -> Person:
    _require_front_door(actor)
    _require_undecided(contact)
    person = people_actions.create_person(
        actor=actor, details=details, confirmed_not_duplicate=confirmed_not_duplicate
    )
    link_contact(actor=actor, contact=contact, person=person)
    return person


@atomic_action
def route_to_allocated_worker(
    *,
    actor: User | None,
    contact: Contact,
    at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> Contact:
    """An open case bypasses MASH screening: pass the contact to the allocated worker (F4)."""
    now = now or timezone.now()
    at = at or now
    _require_front_door(actor)
    _require_undecided(contact)
    _not_future("at", at, now, "Date and time passed on")
    if contact.person is None or not has_open_case(contact.person):
        raise ActionError("Only a contact about a child with an open case can be passed on")
    if at < contact.received_at:
        raise ActionError({"at": ["Date and time passed on must be after the contact arrived"]})
    allocation = (
        Allocation.objects.filter(person=contact.person, ended_on__isnull=True)
        .select_related("worker", "team")
        .order_by("-started_on")
        .first()
    )
    contact.state = ContactState.ROUTED
    contact.routed_to = allocation.worker if allocation else None
    contact.routed_at = at
    contact.save(update_fields=["state", "routed_to", "routed_at"])
    who = (
        f"{allocation.worker or 'unallocated'} ({allocation.team})"
        if allocation
        else "the team holding the open episode"
    )
    record_event(
        kind="contact_routed",
        actor=actor,
        person=contact.person,
        summary=f"Contact {contact.reference} passed to {who}",
        occurred_at=at,
        details={"contact_id": contact.pk, "worker_id": contact.routed_to_id},
        subject=contact,
    )
    return contact


# --- Screening and partner requests -------------------------------------------------------------


@atomic_action
def rate_contact(
    *,
    actor: User | None,
    contact: Contact,
    rating: str,
    reason: str,
    rated_at: datetime.datetime,
    practice: LocalPractice | None = None,
    now: datetime.datetime | None = None,
) -> Contact:
    """Give (or change) the contact's RAG rating; the decision is due by the rating's target."""
    now = now or timezone.now()
    _require_front_door(actor)
    reason = reason.strip()
    ActionError.collect(
        {
            "rating": None if rating in Rating.values else "Choose a RAG rating",
            "reason": "Enter the reason for the rating" if not reason else None,
        }
    )
    _require_undecided(contact)
    _not_future("rated_at", rated_at, now, "Date and time rated")
    if rated_at < contact.received_at:
        raise ActionError({"rated_at": ["The rating must be after the contact was received"]})
    previous = contact.rating
    contact.rating = rating
    contact.rating_reason = reason
    contact.rated_at = rated_at
    contact.rated_by = actor
    contact.decision_due_at = fd_practice.deadline(rated_at, rating, table="rag", practice=practice)
    contact.state = ContactState.SCREENED
    contact.save(
        update_fields=[
            "rating",
            "rating_reason",
            "rated_at",
            "rated_by",
            "decision_due_at",
            "state",
        ]
    )
    record_event(
        kind="contact_rated",
        actor=actor,
        person=contact.person,
        summary=f"Contact {contact.reference} rated {Rating(rating).label.lower()}"
        + (f" (was {previous})" if previous and previous != rating else "")
        + f": {reason[:150]}",
        occurred_at=rated_at,
        details={"contact_id": contact.pk, "rating": rating, "previous": previous},
        subject=contact,
    )
    return contact


@atomic_action
def request_information(
    *,
    actor: User | None,
    contact: Contact,
    agency: str,
    lawful_basis: str,
    sent_at: datetime.datetime,
    agency_detail: str = "",
    question: str = "",
    practice: LocalPractice | None = None,
    now: datetime.datetime | None = None,
) -> PartnerRequest:
    now = now or timezone.now()
    _require_front_door(actor)
    ActionError.collect(
        {
            "agency": None if agency in Agency.values else "Choose the agency to ask",
            "lawful_basis": None
            if lawful_basis in LawfulBasis.values
            else "Choose the lawful basis for sharing",
            "agency_detail": "Must be 160 characters or fewer"
            if len(agency_detail) > 160
            else None,
        }
    )
    _require_undecided(contact)
    if not contact.rating:
        raise ActionError("Give the contact a RAG rating before asking partners")
    if lawful_basis == LawfulBasis.CONSENT and contact.family_consent != Consent.YES:
        raise ActionError(
            {
                "lawful_basis": [
                    "The family has not consented: choose another lawful basis for sharing"
                ]
            }
        )
    _not_future("sent_at", sent_at, now, "Date and time sent")
    if sent_at < contact.received_at:
        raise ActionError({"sent_at": ["The request must be after the contact was received"]})
    request = PartnerRequest.objects.create(
        contact=contact,
        agency=agency,
        agency_detail=agency_detail.strip(),
        lawful_basis=lawful_basis,
        question=question.strip(),
        rating=contact.rating,
        sent_at=sent_at,
        sent_by=actor,
        due_at=fd_practice.deadline(sent_at, contact.rating, table="partner", practice=practice),
    )
    record_event(
        kind="partner_request_sent",
        actor=actor,
        person=contact.person,
        summary=f"Information requested from {request.get_agency_display().lower()}"
        + (f" ({request.agency_detail})" if request.agency_detail else ""),
        occurred_at=sent_at,
        details={"contact_id": contact.pk, "request_id": request.pk, "rating": request.rating},
        subject=request,
    )
    return request


def _require_open_request(request: PartnerRequest) -> None:
    if request.response_at is not None:
        raise ActionError("The agency has already replied to this request")
    if request.withdrawn_at is not None:
        raise ActionError("This request was withdrawn")


@atomic_action
def record_response(
    *,
    actor: User | None,
    request: PartnerRequest,
    responder: str,
    response: str,
    response_at: datetime.datetime,
    now: datetime.datetime | None = None,
) -> PartnerRequest:
    now = now or timezone.now()
    _require_front_door(actor)
    responder, response = responder.strip(), response.strip()
    ActionError.collect(
        {
            "responder": "Enter who replied" if not responder else None,
            "response": "Enter what the agency said" if not response else None,
        }
    )
    _require_open_request(request)
    _not_future("response_at", response_at, now, "Date and time of the reply")
    if response_at < request.sent_at:
        raise ActionError(
            {
                "response_at": [
                    "Date and time of the reply must be after the request was sent "
                    f"({timezone.localtime(request.sent_at):%-d %B %Y %H:%M})"
                ]
            }
        )
    request.responder = responder[:160]
    request.response = response
    request.response_at = response_at
    request.response_recorded_by = actor
    request.save(update_fields=["responder", "response", "response_at", "response_recorded_by"])
    late = request.due_at is not None and response_at > request.due_at
    record_event(
        kind="partner_response_received",
        actor=actor,
        person=request.contact.person,
        summary=f"{request.get_agency_display()} replied" + (" (late)" if late else ""),
        occurred_at=response_at,
        details={"request_id": request.pk, "late": late},
        subject=request,
    )
    return request


@atomic_action
def chase_request(
    *,
    actor: User | None,
    request: PartnerRequest,
    chased_at: datetime.datetime,
    note: str = "",
    now: datetime.datetime | None = None,
) -> PartnerChase:
    now = now or timezone.now()
    _require_front_door(actor)
    _require_open_request(request)
    _not_future("chased_at", chased_at, now, "Date and time chased")
    if chased_at < request.sent_at:
        raise ActionError({"chased_at": ["A chase must be after the request was sent"]})
    if len(note) > 250:
        raise ActionError({"note": ["Note must be 250 characters or fewer"]})
    chase = PartnerChase.objects.create(
        request=request, chased_at=chased_at, chased_by=actor, note=note.strip()
    )
    record_event(
        kind="partner_request_chased",
        actor=actor,
        person=request.contact.person,
        summary=f"{request.get_agency_display()} chased for a reply",
        occurred_at=chased_at,
        details={"request_id": request.pk},
        subject=chase,
    )
    return chase


@atomic_action
def withdraw_request(
    *,
    actor: User | None,
    request: PartnerRequest,
    withdrawn_at: datetime.datetime,
    now: datetime.datetime | None = None,
) -> PartnerRequest:
    now = now or timezone.now()
    _require_front_door(actor)
    _require_open_request(request)
    _not_future("withdrawn_at", withdrawn_at, now, "Date and time withdrawn")
    if withdrawn_at < request.sent_at:
        raise ActionError({"withdrawn_at": ["Must be after the request was sent"]})
    request.withdrawn_at = withdrawn_at
    request.save(update_fields=["withdrawn_at"])
    record_event(
        kind="partner_request_withdrawn",
        actor=actor,
        person=request.contact.person,
        summary=f"Request to {request.get_agency_display().lower()} withdrawn",
        occurred_at=withdrawn_at,
        details={"request_id": request.pk},
        subject=request,
    )
    return request


def recompute_partner_deadlines(*, practice: LocalPractice | None = None) -> int:
    """After the authority changes its targets: new deadlines for open requests (answered and
    withdrawn ones keep theirs), and for contacts still awaiting a decision. Returns how many
    rows changed."""
    practice = practice or fd_practice.authority_practice()
    changed = 0
    with transaction.atomic():
        for request in PartnerRequest.objects.filter(
            response_at__isnull=True, withdrawn_at__isnull=True
        ).select_for_update():
            due = fd_practice.deadline(
                request.sent_at, request.rating, table="partner", practice=practice
            )
            if due != request.due_at:
                request.due_at = due
                request.save(update_fields=["due_at"])
                changed += 1
        for contact in Contact.objects.filter(
            state=ContactState.SCREENED, rated_at__isnull=False
        ).select_for_update():
            assert contact.rated_at is not None
            due = fd_practice.deadline(
                contact.rated_at, contact.rating, table="rag", practice=practice
            )
            if due != contact.decision_due_at:
                contact.decision_due_at = due
                contact.save(update_fields=["decision_due_at"])
                changed += 1
        if changed:
            record_event(
                kind="partner_deadlines_recomputed",
                actor=None,
                person=None,
                summary=f"{changed} front-door deadline(s) recomputed after a change of targets",
                details={"changed": changed},
            )
    return changed


# --- Threshold decisions -------------------------------------------------------------------------


@atomic_action
def decide(
    *,
    actor: User,
    contact: Contact,
    level: str,
    outcome: str,
    rationale: str,
    decided_at: datetime.datetime,
    practice: LocalPractice | None = None,
    now: datetime.datetime | None = None,
) -> ThresholdDecision:
    now = now or timezone.now()
    _require_front_door(actor)
    rationale = rationale.strip()
    ActionError.collect(
        {
            "level": None if level in dict(levels_of_need()) else "Choose the level of need",
            "outcome": None if outcome in Outcome.values else "Choose the outcome",
            "rationale": "Enter the rationale for the decision" if not rationale else None,
        }
    )
    _require_undecided(contact)
    if contact.person is None:
        raise ActionError("Match the contact to a child's record before deciding")
    if not contact.rating:
        raise ActionError("Give the contact a RAG rating before deciding")
    _not_future("decided_at", decided_at, now, "Date and time of the decision")
    if decided_at < contact.received_at:
        raise ActionError({"decided_at": ["The decision must be after the contact was received"]})
    needs = outcome_needs_authorisation(outcome)
    due = contact.decision_due_at
    decision = ThresholdDecision.objects.create(
        contact=contact,
        level=level,
        outcome=outcome,
        rationale=rationale,
        decided_by=actor,
        decided_at=decided_at,
        needs_authorisation=needs,
        within_target=None if due is None else decided_at <= due,
        working_hours_elapsed=Decimal(
            str(
                fd_practice.working_hours_between(
                    contact.received_at, decided_at, practice=practice
                )
            )
        ),
    )
    contact.state = ContactState.AWAITING_AUTHORISATION if needs else ContactState.DECIDED
    contact.save(update_fields=["state"])
    record_event(
        kind="threshold_decision",
        actor=actor,
        person=contact.person,
        summary=f"{Outcome(outcome).label} ({decision.level_label})"
        + (", awaiting authorisation" if needs else ""),
        occurred_at=decided_at,
        details={
            "contact_id": contact.pk,
            "level": level,
            "outcome": outcome,
            "within_target": decision.within_target,
        },
        subject=decision,
    )
    return decision


@atomic_action
def authorise_decision(
    *,
    actor: User,
    decision: ThresholdDecision,
    authorised_at: datetime.datetime,
    note: str = "",
    now: datetime.datetime | None = None,
) -> ThresholdDecision:
    now = now or timezone.now()
    if not actor.is_active or actor.role not in AUTHORISING_ROLES:
        raise ActionError(
            "Only a team manager or head of service can authorise a threshold decision",
            code="forbidden",
        )
    if not decision.needs_authorisation:
        raise ActionError("This decision does not need authorisation")
    if decision.authorised_at is not None:
        raise ActionError("This decision has already been authorised")
    _not_future("authorised_at", authorised_at, now, "Date and time authorised")
    if authorised_at < decision.decided_at:
        raise ActionError({"authorised_at": ["Authorisation must be after the decision"]})
    decision.authorised_by = actor
    decision.authorised_at = authorised_at
    decision.authorisation_note = note.strip()
    decision.save(update_fields=["authorised_by", "authorised_at", "authorisation_note"])
    contact = decision.contact
    contact.state = ContactState.DECIDED
    contact.save(update_fields=["state"])
    record_event(
        kind="threshold_decision_authorised",
        actor=actor,
        person=contact.person,
        summary=f"Threshold decision authorised: {decision.get_outcome_display()}",
        occurred_at=authorised_at,
        details={"decision_id": decision.pk},
        subject=decision,
    )
    return decision


# --- Referrals -----------------------------------------------------------------------------------


def previous_referral(person: Person, referral_date: datetime.date) -> Referral | None:
    """The latest referral for the child in the 12 months before `referral_date`."""
    return (
        Referral.objects.filter(
            person=person,
            referral_date__gte=add_months(referral_date, -12),
            referral_date__lt=referral_date,
        )
        .order_by("-referral_date", "-pk")
        .first()
    )


def _too_long_before_birth(person: Person, referral_date: datetime.date) -> str | None:
    born, expected = person.date_of_birth, person.expected_date_of_birth
    birth = born or expected
    if birth is None or referral_date >= birth - REFERRAL_BEFORE_BIRTH:
        return None
    which = "date of birth" if born else "expected date of birth"
    return (
        f"Referral date cannot be more than 40 weeks before the child's {which} ({birth:%-d %B %Y})"
    )


@atomic_action
def record_referral(
    *,
    actor: User | None,
    person: Person,
    referral_date: datetime.date,
    source: str,
    primary_need: str,
    contact: Contact | None = None,
    nfa: bool = False,
    summary: str = "",
    today: datetime.date | None = None,
) -> Referral:
    """Accept a referral: opens the child's CIN episode (and closes it the same day if NFA)."""
    today = today or timezone.localdate()
    _require_front_door(actor)
    ActionError.collect(
        {
            "source": None if source in ReferralSource.values else "Choose the referral source",
            "primary_need": None
            if primary_need in PrimaryNeed.values
            else "Choose the primary need (N0 to N9)",
            "referral_date": "Referral date must be today or in the past"
            if referral_date > today
            else _too_long_before_birth(person, referral_date),
        }
    )
    if contact is not None:
        if contact.person_id != person.pk:
            raise ActionError("This contact is about another child")
        decision = getattr(contact, "decision", None)
        if decision is None or contact.state != ContactState.DECIDED:
            raise ActionError("The threshold decision must be made and authorised first")
        if decision.outcome not in REFERRAL_OUTCOMES:
            raise ActionError(
                f"The decision was {decision.get_outcome_display().lower()}, not a referral"
            )
        if Referral.objects.filter(contact=contact).exists():
            raise ActionError("This contact has already been accepted as a referral")
        if referral_date < timezone.localdate(contact.received_at):
            raise ActionError(
                {"referral_date": ["Referral date must be on or after the contact date"]}
            )
    previous = previous_referral(person, referral_date)
    episode = casework_actions.open_episode(
        actor=actor,
        person=person,
        kind=EpisodeKind.CHILD_IN_NEED,
        started_on=referral_date,
        primary_need=primary_need,
        summary=summary or "Referral",
        today=today,
    )
    referral = Referral.objects.create(
        person=person,
        contact=contact,
        episode=episode,
        referral_date=referral_date,
        source=source,
        primary_need=primary_need,
        nfa=nfa,
        re_referral=previous is not None,
        previous=previous,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    if nfa:
        # The CIN census records a referral with no further action as ReferralNFA = true, with
        # the CIN episode closing on the referral date. RC8 ("case closed after assessment, no
        # further action") is the nearest closure reason; the census validators accept it with
        # ReferralNFA and the NFA flag on the referral is what returns read.
        casework_actions.close_episode(
            actor=actor,
            episode=episode,
            ended_on=referral_date,
            closure_reason=ClosureReason.RC8,
            today=today,
        )
    record_event(
        kind="referral_received",
        actor=actor,
        person=person,
        summary=f"Referral {referral.reference} from {ReferralSource(source).label}"
        + (" (re-referral within 12 months)" if previous else "")
        + (", no further action" if nfa else ""),
        occurred_at=referral_date,
        details={
            "referral_id": referral.pk,
            "re_referral": referral.re_referral,
            "nfa": nfa,
            "contact_id": contact.pk if contact else None,
        },
        subject=referral,
    )
    return referral


# --- Early help ----------------------------------------------------------------------------------


@atomic_action
def start_early_help(
    *,
    actor: User | None,
    person: Person,
    started_on: datetime.date,
    lead_professional: str,
    organisation: str,
    reason: str,
    route: str = EarlyHelpRoute.FRONT_DOOR,
    contact: Contact | None = None,
    assessment_started_on: datetime.date | None = None,
    assessment_completed_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> EarlyHelpEpisode:
    today = today or timezone.localdate()
    _require_front_door(actor)
    lead_professional, organisation, reason = (
        lead_professional.strip(),
        organisation.strip(),
        reason.strip(),
    )
    ActionError.collect(
        {
            "lead_professional": "Enter the lead professional" if not lead_professional else None,
            "organisation": "Enter the organisation" if not organisation else None,
            "reason": "Enter the reason for early help" if not reason else None,
            "route": None if route in EarlyHelpRoute.values else "Choose how the child came in",
        }
    )
    _check_assessment_dates(started_on, assessment_started_on, assessment_completed_on, today)
    episode = casework_actions.open_episode(
        actor=actor,
        person=person,
        kind=EpisodeKind.EARLY_HELP,
        started_on=started_on,
        summary=reason[:250],
        today=today,
    )
    early_help = EarlyHelpEpisode.objects.create(
        person=person,
        episode=episode,
        route=route,
        contact=contact,
        started_on=started_on,
        lead_professional=lead_professional[:120],
        organisation=organisation[:160],
        assessment_started_on=assessment_started_on,
        assessment_completed_on=assessment_completed_on,
        reason=reason,
    )
    record_event(
        kind="early_help_started",
        actor=actor,
        person=person,
        summary=f"Early help ({EarlyHelpRoute(route).label.lower()}): "
        f"{lead_professional}, {organisation}",
        occurred_at=started_on,
        details={"early_help_id": early_help.pk, "route": route},
        subject=early_help,
    )
    return early_help


def _check_assessment_dates(
    started_on: datetime.date,
    assessment_started_on: datetime.date | None,
    assessment_completed_on: datetime.date | None,
    today: datetime.date,
) -> None:
    ActionError.collect(
        {
            "started_on": "Start date must be today or in the past" if started_on > today else None,
            "assessment_started_on": "Assessment start must be on or after early help started"
            if assessment_started_on and assessment_started_on < started_on
            else None,
            "assessment_completed_on": (
                "Enter the assessment start date first"
                if assessment_completed_on and not assessment_started_on
                else "Assessment completion must be on or after its start"
                if assessment_completed_on
                and assessment_started_on
                and assessment_completed_on < assessment_started_on
                else "Assessment completion must be today or in the past"
                if assessment_completed_on and assessment_completed_on > today
                else None
            ),
        }
    )


@atomic_action
def update_early_help_assessment(
    *,
    actor: User | None,
    early_help: EarlyHelpEpisode,
    assessment_started_on: datetime.date | None,
    assessment_completed_on: datetime.date | None,
    today: datetime.date | None = None,
) -> EarlyHelpEpisode:
    today = today or timezone.localdate()
    _require_front_door(actor)
    _check_assessment_dates(
        early_help.started_on, assessment_started_on, assessment_completed_on, today
    )
    early_help.assessment_started_on = assessment_started_on
    early_help.assessment_completed_on = assessment_completed_on
    early_help.save(update_fields=["assessment_started_on", "assessment_completed_on"])
    record_event(
        kind="early_help_updated",
        actor=actor,
        person=early_help.person,
        summary="Early help assessment "
        + (
            "completed"
            if assessment_completed_on
            else "started"
            if assessment_started_on
            else "cleared"
        ),
        occurred_at=assessment_completed_on or assessment_started_on or today,
        details={"early_help_id": early_help.pk},
        subject=early_help,
    )
    return early_help


@atomic_action
def end_early_help(
    *,
    actor: User | None,
    early_help: EarlyHelpEpisode,
    ended_on: datetime.date,
    end_reason: str,
    today: datetime.date | None = None,
) -> EarlyHelpEpisode:
    today = today or timezone.localdate()
    _require_front_door(actor)
    if end_reason not in EarlyHelpEnd.values:
        raise ActionError({"end_reason": ["Choose why early help ended"]})
    if early_help.ended_on is not None:
        raise ActionError("This early help episode has already ended")
    casework_actions.close_episode(
        actor=actor, episode=early_help.episode, ended_on=ended_on, today=today
    )
    early_help.ended_on = ended_on
    early_help.end_reason = end_reason
    early_help.save(update_fields=["ended_on", "end_reason"])
    record_event(
        kind="early_help_ended",
        actor=actor,
        person=early_help.person,
        summary=f"Early help ended: {EarlyHelpEnd(end_reason).label}",
        occurred_at=ended_on,
        details={"early_help_id": early_help.pk, "end_reason": end_reason},
        subject=early_help,
    )
    return early_help


@atomic_action
def step_down_to_early_help(
    *,
    actor: User | None,
    person: Person,
    started_on: datetime.date,
    lead_professional: str,
    organisation: str,
    reason: str,
    today: datetime.date | None = None,
) -> EarlyHelpEpisode:
    """Close the child's open CIN episode (RC9, referred to early help) and start early help."""
    cin = Episode.objects.filter(
        person=person, kind=EpisodeKind.CHILD_IN_NEED, ended_on__isnull=True
    ).first()
    if cin is not None:
        casework_actions.close_episode(
            actor=actor,
            episode=cin,
            ended_on=started_on,
            closure_reason=ClosureReason.RC9,
            today=today,
        )
    return start_early_help(
        actor=actor,
        person=person,
        started_on=started_on,
        lead_professional=lead_professional,
        organisation=organisation,
        reason=reason,
        route=EarlyHelpRoute.STEP_DOWN,
        today=today,
    )


@atomic_action
def step_up_from_early_help(
    *,
    actor: User,
    early_help: EarlyHelpEpisode,
    at: datetime.datetime,
    concerns: str,
    immediate_risk: bool = False,
    now: datetime.datetime | None = None,
) -> Contact:
    """End early help (stepped up) and put the child through the front door as a contact from
    LA early help (source 5D), matched to their record."""
    now = now or timezone.now()
    _require_front_door(actor)
    if not concerns.strip():
        raise ActionError({"concerns": ["Enter why the child needs social care"]})
    end_early_help(
        actor=actor,
        early_help=early_help,
        ended_on=timezone.localdate(at),
        end_reason=EarlyHelpEnd.STEP_UP,
        today=timezone.localdate(now),
    )
    person = early_help.person
    (contact,) = record_contact(
        actor=actor,
        children=[ChildAsTyped(forename="", surname="", person=person)],
        details=ContactDetails(
            source=ReferralSource.EARLY_HELP,
            referrer_name=early_help.lead_professional,
            referrer_agency=early_help.organisation,
            concerns=concerns,
            family_consent=Consent.YES,
            immediate_risk=immediate_risk,
        ),
        received_at=at,
        now=now,
    )
    # The episode has just closed, so the child has no open case unless another episode runs.
    early_help.step_up_contact = contact
    early_help.save(update_fields=["step_up_contact"])
    return contact
