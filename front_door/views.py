"""Front-door pages: the MASH queue, contact pages and their actions, the partner board,
decisions awaiting authorisation, a child's front-door history, consistency of thresholds, and
the partner agency's own pages."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import can_view, log_view, visible_people, visible_team_ids
from accounts.decorators import child_page
from accounts.models import User
from casework import actions as casework_actions
from casework.forms import AllocateForm
from csc.errors import ActionError
from people.actions import DuplicatePersonError
from people.forms import PersonForm
from people.models import Person
from people.queries import likely_duplicates
from timescales import add_months
from ui.forms import apply_action_error

from . import actions, queries
from .choices import RATING_TAG, REFERRAL_OUTCOMES, Agency, ContactState, Rating
from .forms import (
    AuthoriseForm,
    ChaseForm,
    ContactForm,
    DecisionForm,
    EarlyHelpForm,
    EndEarlyHelpForm,
    LinkForm,
    PeriodForm,
    RateForm,
    ReferralForm,
    RequestForm,
    ResponseForm,
    StepUpForm,
    WithdrawForm,
)
from .models import Contact, EarlyHelpEpisode, PartnerRequest, Referral, ThresholdDecision
from .practice import authority_practice, describe_target


def _front_door_user(request: HttpRequest) -> User:
    user = request.user
    if isinstance(user, User) and user.is_partner:
        # Partners learn nothing about contacts or children but their own (404, not 403).
        raise Http404
    if not isinstance(user, User) or not actions.works_front_door(user):
        raise PermissionDenied
    request.nav_section = "front_door"  # type: ignore[attr-defined]
    return user


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, settings.TRELLIS_PAGE_SIZE).get_page(request.GET.get("page"))


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def remaining(due: datetime.datetime | None, now: datetime.datetime) -> dict[str, Any] | None:
    """Time left (or overdue by) in words, for a deadline."""
    if due is None:
        return None
    delta = due - now
    overdue = delta.total_seconds() < 0
    minutes = int(abs(delta.total_seconds()) // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days}d"] if days else []
    parts.append(f"{hours}h {minutes:02d}m")
    text = " ".join(parts)
    return {"overdue": overdue, "text": f"Overdue by {text}" if overdue else f"{text} left"}


# --- Lists ---------------------------------------------------------------------------------------


def queue(request: HttpRequest) -> HttpResponse:
    user = _front_door_user(request)
    rating = request.GET.get("rating", "")
    if rating not in {"", "unrated", *Rating.values}:
        rating = ""
    page = _page(request, queries.queue(user, rating=rating))
    now = timezone.now()
    rows = [{"contact": c, "remaining": remaining(c.decision_due_at, now)} for c in page]
    counts = queries.queue_counts(user)
    filters = [
        ("", "All", sum(counts.values())),
        ("unrated", "Not yet rated", counts.get("unrated", 0)),
    ]
    filters += [(r, label, counts.get(r, 0)) for r, label in Rating.choices]
    return render(
        request,
        "front_door/queue.html",
        {
            "page": page,
            "rows": rows,
            "rating": rating,
            "filters": filters,
            "query": _query(request),
            "tags": RATING_TAG,
        },
    )


def partner_board(request: HttpRequest) -> HttpResponse:
    user = _front_door_user(request)
    agency = request.GET.get("agency", "")
    if agency not in Agency.values:
        agency = ""
    now = timezone.now()
    page = _page(request, queries.partner_board(user, agency=agency, now=now))
    rows = [{"request": r, "remaining": remaining(r.due_at, now)} for r in page]
    labels = dict(Agency.choices)
    counts = [
        {**c, "label": labels.get(c["agency"], c["agency"])}
        for c in queries.board_counts(user, now=now)
    ]
    return render(
        request,
        "front_door/partner_board.html",
        {
            "page": page,
            "rows": rows,
            "agency": agency,
            "counts": counts,
            "agencies": Agency.choices,
            "query": _query(request),
            "tags": RATING_TAG,
        },
    )


def authorisations(request: HttpRequest) -> HttpResponse:
    user = _front_door_user(request)
    page = _page(request, queries.awaiting_authorisation(user))
    return render(
        request,
        "front_door/authorisations.html",
        {
            "page": page,
            "query": _query(request),
            "can_authorise": user.role in actions.AUTHORISING_ROLES,
        },
    )


def consistency(request: HttpRequest) -> HttpResponse:
    user = _front_door_user(request)
    today = timezone.localdate()
    default = {"date_from": add_months(today, -3), "date_to": today}
    form = PeriodForm(request.GET or None, initial=default)
    start, end = default["date_from"], default["date_to"]
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    return render(
        request,
        "front_door/consistency.html",
        {"form": form, "start": start, "end": end, **queries.consistency(user, start, end)},
    )


# --- Contacts ------------------------------------------------------------------------------------


def contact_new(request: HttpRequest) -> HttpResponse:
    user = _front_door_user(request)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contacts = actions.record_contact(
                actor=user, children=form.children(), details=form.details(), received_at=form.at()
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, f"Contact recorded for {len(contacts)} child(ren)")
            return redirect("front_door:contact", pk=contacts[0].pk)
    return render(request, "front_door/contact_form.html", {"form": form, "partner": False})


def _contact(user: User, pk: int) -> Contact:
    contact = (
        queries.visible_contacts(user)
        .select_related("person", "submitted_by", "rated_by", "routed_to")
        .filter(pk=pk)
        .first()
    )
    if contact is None:
        raise Http404("No contact found")
    return contact


def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _front_door_user(request)
    contact = _contact(user, pk)
    if contact.person is not None:
        log_view(user, contact.person, page="Front door contact", path=request.path)
    now = timezone.now()
    requests = list(
        contact.requests.select_related("sent_by").prefetch_related("chases__chased_by")
    )
    decision = (
        ThresholdDecision.objects.filter(contact=contact)
        .select_related("decided_by", "authorised_by")
        .first()
    )
    referral = Referral.objects.filter(contact=contact).select_related("episode").first()
    candidates: list[Person] = []
    if contact.person is None:
        visible = visible_people(user)
        candidates = [
            p
            for p in likely_duplicates(
                forename=contact.child_forename,
                surname=contact.child_surname,
                date_of_birth=contact.child_date_of_birth,
            )
            if visible.filter(pk=p.pk).exists()
        ]
    siblings = list(
        Contact.objects.filter(group_id=contact.group_id)
        .exclude(pk=contact.pk)
        .select_related("person")
    )
    practice = authority_practice()
    return render(
        request,
        "front_door/contact.html",
        {
            "contact": contact,
            "requests": [{"request": r, "remaining": remaining(r.due_at, now)} for r in requests],
            "decision": decision,
            "referral": referral,
            "candidates": candidates,
            "siblings": siblings,
            "remaining": remaining(contact.decision_due_at, now),
            "open": contact.state in (ContactState.AWAITING_SCREENING, ContactState.SCREENED),
            "can_refer": decision is not None
            and contact.state == ContactState.DECIDED
            and decision.outcome in REFERRAL_OUTCOMES
            and referral is None,
            "can_authorise": decision is not None
            and decision.awaiting_authorisation
            and user.role in actions.AUTHORISING_ROLES,
            "target": describe_target(contact.rating, table="rag", practice=practice)
            if contact.rating
            else "",
            "tags": RATING_TAG,
            "person_visible": contact.person is not None and can_view(user, contact.person),
        },
    )


@dataclass(frozen=True)
class FormAction:
    heading: str
    button: str
    form: Callable[..., forms.Form]
    run: Callable[[User, Any, forms.Form], Any]
    done: str


def _run_link(user: User, contact: Contact, form: forms.Form) -> Any:
    person = visible_people(user).filter(pk=form.cleaned_data["person_id"]).first()
    if person is None:
        raise ActionError({"person_id": ["No record with that number that you can see"]})
    return actions.link_contact(actor=user, contact=contact, person=person)


def _run_create_child(user: User, contact: Contact, form: forms.Form) -> Any:
    assert isinstance(form, PersonForm)
    return actions.create_child_for_contact(
        actor=user,
        contact=contact,
        details=form.details(),
        confirmed_not_duplicate=form.cleaned_data.get("confirm_new", False),
    )


def _new_child_form(data: Any, contact: Contact) -> PersonForm:
    return PersonForm(
        data,
        initial={
            "kind": "child",
            "legal_forename": contact.child_forename,
            "legal_surname": contact.child_surname,
            "date_of_birth": contact.child_date_of_birth,
        },
    )


def _run_rate(user: User, contact: Contact, form: Any) -> Any:
    d = form.cleaned_data
    return actions.rate_contact(
        actor=user, contact=contact, rating=d["rating"], reason=d["reason"], rated_at=form.at()
    )


def _run_request(user: User, contact: Contact, form: Any) -> Any:
    d = form.cleaned_data
    return actions.request_information(
        actor=user,
        contact=contact,
        agency=d["agency"],
        agency_detail=d["agency_detail"],
        lawful_basis=d["lawful_basis"],
        question=d["question"],
        sent_at=form.at(),
    )


def _run_decide(user: User, contact: Contact, form: Any) -> Any:
    d = form.cleaned_data
    return actions.decide(
        actor=user,
        contact=contact,
        level=d["level"],
        outcome=d["outcome"],
        rationale=d["rationale"],
        decided_at=form.at(),
    )


def _run_referral(user: User, contact: Contact, form: Any) -> Any:
    d = form.cleaned_data
    if contact.person is None:
        raise ActionError("Match the contact to a child's record first")
    return actions.record_referral(
        actor=user,
        person=contact.person,
        contact=contact,
        referral_date=d["referral_date"],
        source=d["source"],
        primary_need=d["primary_need"],
        nfa=d["nfa"],
    )


def _run_early_help(user: User, contact: Contact, form: Any) -> Any:
    d = form.cleaned_data
    if contact.person is None:
        raise ActionError("Match the contact to a child's record first")
    return actions.start_early_help(
        actor=user,
        person=contact.person,
        contact=contact,
        started_on=d["started_on"],
        lead_professional=d["lead_professional"],
        organisation=d["organisation"],
        reason=d["reason"],
        assessment_started_on=d["assessment_started_on"],
        assessment_completed_on=d["assessment_completed_on"],
    )


def _referral_form(data: Any, contact: Contact) -> ReferralForm:
    return ReferralForm(
        data,
        initial={"referral_date": timezone.localdate(), "source": contact.source},
    )


def _early_help_form(data: Any, contact: Contact) -> EarlyHelpForm:
    form = EarlyHelpForm(data, initial={"started_on": timezone.localdate()})
    del form.fields["step_down"]
    return form


CONTACT_ACTIONS: dict[str, FormAction] = {
    "link": FormAction(
        "Match to an existing record",
        "Match",
        lambda d, c: LinkForm(d),
        _run_link,
        "Contact matched",
    ),
    "create-child": FormAction(
        "Create the child's record",
        "Create record",
        _new_child_form,
        _run_create_child,
        "Record created and matched",
    ),
    "rate": FormAction(
        "Screen the contact (RAG rating)",
        "Save rating",
        lambda d, c: RateForm(d),
        _run_rate,
        "Rating saved",
    ),
    "request": FormAction(
        "Ask a partner agency for information",
        "Send request",
        lambda d, c: RequestForm(d),
        _run_request,
        "Request recorded",
    ),
    "decide": FormAction(
        "Threshold decision",
        "Record decision",
        lambda d, c: DecisionForm(d),
        _run_decide,
        "Decision recorded",
    ),
    "referral": FormAction(
        "Accept as a referral",
        "Accept referral",
        _referral_form,
        _run_referral,
        "Referral accepted",
    ),
    "early-help": FormAction(
        "Start early help",
        "Start early help",
        _early_help_form,
        _run_early_help,
        "Early help started",
    ),
}


def contact_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _front_door_user(request)
    spec = CONTACT_ACTIONS.get(action)
    if spec is None:
        raise Http404
    contact = _contact(user, pk)
    form = spec.form(request.POST or None, contact)
    candidates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = spec.run(user, contact, form)
        except DuplicatePersonError as exc:
            candidates = [p for p in exc.candidates if can_view(user, p)]
            form.add_error(
                None,
                "This child may already have a record: match to it, or confirm this is "
                "a different child",
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, spec.done)
            if isinstance(result, Referral):
                return redirect("front_door:allocate", pk=result.pk)
            return redirect("front_door:contact", pk=contact.pk)
    return render(
        request,
        "front_door/action_form.html",
        {
            "form": form,
            "contact": contact,
            "heading": spec.heading,
            "button": spec.button,
            "candidates": candidates,
            "back": reverse("front_door:contact", args=[contact.pk]),
        },
    )


def route(request: HttpRequest, pk: int) -> HttpResponse:
    user = _front_door_user(request)
    if request.method != "POST":
        raise Http404
    contact = _contact(user, pk)
    try:
        actions.route_to_allocated_worker(actor=user, contact=contact)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Contact passed to the allocated worker")
    return redirect("front_door:contact", pk=contact.pk)


def _request(user: User, pk: int) -> PartnerRequest:
    request = (
        PartnerRequest.objects.filter(contact__in=queries.visible_contacts(user), pk=pk)
        .select_related("contact", "contact__person")
        .first()
    )
    if request is None:
        raise Http404
    return request


def _run_respond(user: User, req: PartnerRequest, form: Any) -> Any:
    d = form.cleaned_data
    return actions.record_response(
        actor=user,
        request=req,
        responder=d["responder"],
        response=d["response"],
        response_at=form.at(),
    )


def _run_chase(user: User, req: PartnerRequest, form: Any) -> Any:
    return actions.chase_request(
        actor=user, request=req, chased_at=form.at(), note=form.cleaned_data["note"]
    )


def _run_withdraw(user: User, req: PartnerRequest, form: Any) -> Any:
    return actions.withdraw_request(actor=user, request=req, withdrawn_at=form.at())


REQUEST_ACTIONS: dict[str, FormAction] = {
    "respond": FormAction(
        "Record the agency's reply",
        "Save reply",
        lambda d, r: ResponseForm(d),
        _run_respond,
        "Reply recorded",
    ),
    "chase": FormAction(
        "Record a chase", "Save chase", lambda d, r: ChaseForm(d), _run_chase, "Chase recorded"
    ),
    "withdraw": FormAction(
        "Withdraw the request",
        "Withdraw",
        lambda d, r: WithdrawForm(d),
        _run_withdraw,
        "Request withdrawn",
    ),
}


def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _front_door_user(request)
    spec = REQUEST_ACTIONS.get(action)
    if spec is None:
        raise Http404
    req = _request(user, pk)
    form = spec.form(request.POST or None, req)
    if request.method == "POST" and form.is_valid():
        try:
            spec.run(user, req, form)
        except ActionError as exc:
            apply_action_error(
                form,
                exc,
                {"response_at": "at_date", "chased_at": "at_date", "withdrawn_at": "at_date"},
            )
        else:
            messages.success(request, spec.done)
            return redirect("front_door:contact", pk=req.contact_id)
    return render(
        request,
        "front_door/action_form.html",
        {
            "form": form,
            "contact": req.contact,
            "heading": f"{spec.heading}: {req.get_agency_display()}",
            "button": spec.button,
            "back": reverse("front_door:contact", args=[req.contact_id]),
        },
    )


def authorise(request: HttpRequest, pk: int) -> HttpResponse:
    user = _front_door_user(request)
    decision = get_object_or_404(
        ThresholdDecision.objects.select_related("contact", "contact__person", "decided_by"),
        pk=pk,
        contact__in=queries.visible_contacts(user),
    )
    if user.role not in actions.AUTHORISING_ROLES:
        raise PermissionDenied
    form = AuthoriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.authorise_decision(
                actor=user,
                decision=decision,
                authorised_at=form.at(),
                note=form.cleaned_data["note"],
            )
        except ActionError as exc:
            apply_action_error(form, exc, {"authorised_at": "at_date"})
        else:
            messages.success(request, "Decision authorised")
            return redirect("front_door:contact", pk=decision.contact_id)
    return render(
        request,
        "front_door/action_form.html",
        {
            "form": form,
            "contact": decision.contact,
            "decision": decision,
            "heading": "Authorise the threshold decision",
            "button": "Authorise",
            "back": reverse("front_door:contact", args=[decision.contact_id]),
        },
    )


def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _front_door_user(request)
    referral = get_object_or_404(Referral.objects.select_related("person"), pk=pk)
    if not can_view(user, referral.person):
        raise Http404
    team_ids = None if user.is_service_wide else visible_team_ids(user)
    form = AllocateForm(
        request.POST or None,
        team_ids=team_ids,
        initial={"reason": f"Referral {referral.reference}"},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            casework_actions.allocate(
                actor=user,
                person=referral.person,
                team=d["team"],
                worker=d["worker"],
                role=d["role"],
                started_on=d["started_on"],
                reason=d["reason"],
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, "Referral allocated")
            return redirect("front_door:history", pk=referral.person_id)
    return render(
        request,
        "front_door/action_form.html",
        {
            "form": form,
            "person": referral.person,
            "heading": f"Allocate referral {referral.reference}",
            "button": "Allocate",
            "back": reverse("front_door:history", args=[referral.person_id]),
        },
    )


# --- The child's front-door history and early help -----------------------------------------------


@child_page("Front door history")
def history(request: HttpRequest, person: Person) -> HttpResponse:
    contacts = list(
        Contact.objects.filter(person=person)
        .select_related("decision", "decision__decided_by", "rated_by")
        .prefetch_related(Prefetch("requests", queryset=PartnerRequest.objects.order_by("sent_at")))
        .order_by("-received_at", "-pk")
    )
    user = request.user
    return render(
        request,
        "front_door/history.html",
        {
            "person": person,
            "contacts": contacts,
            "referrals": list(
                Referral.objects.filter(person=person).select_related("episode", "previous")
            ),
            "early_help": list(EarlyHelpEpisode.objects.filter(person=person)),
            "can_act": actions.works_front_door(user) if isinstance(user, User) else False,
            "tags": RATING_TAG,
            "child_section": "front_door",
        },
    )


@child_page("Start early help")
def early_help_new(request: HttpRequest, person: Person) -> HttpResponse:
    user = _front_door_user(request)
    form = EarlyHelpForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["step_down"]:
                eh = actions.step_down_to_early_help(
                    actor=user,
                    person=person,
                    started_on=d["started_on"],
                    lead_professional=d["lead_professional"],
                    organisation=d["organisation"],
                    reason=d["reason"],
                )
                if d["assessment_started_on"] or d["assessment_completed_on"]:
                    actions.update_early_help_assessment(
                        actor=user,
                        early_help=eh,
                        assessment_started_on=d["assessment_started_on"],
                        assessment_completed_on=d["assessment_completed_on"],
                    )
            else:
                actions.start_early_help(
                    actor=user,
                    person=person,
                    started_on=d["started_on"],
                    lead_professional=d["lead_professional"],
                    organisation=d["organisation"],
                    reason=d["reason"],
                    route="other",
                    assessment_started_on=d["assessment_started_on"],
                    assessment_completed_on=d["assessment_completed_on"],
                )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, "Early help started")
            return redirect("front_door:history", pk=person.pk)
    return render(
        request,
        "front_door/action_form.html",
        {
            "form": form,
            "person": person,
            "heading": "Start early help",
            "button": "Start early help",
            "back": reverse("front_door:history", args=[person.pk]),
        },
    )


def early_help_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _front_door_user(request)
    eh = get_object_or_404(EarlyHelpEpisode.objects.select_related("person", "episode"), pk=pk)
    if not can_view(user, eh.person) or action not in {"end", "step-up"}:
        raise Http404
    form: forms.Form = (
        EndEarlyHelpForm(request.POST or None)
        if action == "end"
        else StepUpForm(request.POST or None)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if action == "end":
                actions.end_early_help(
                    actor=user, early_help=eh, ended_on=d["ended_on"], end_reason=d["end_reason"]
                )
                done = redirect("front_door:history", pk=eh.person_id)
            else:
                assert isinstance(form, StepUpForm)
                contact = actions.step_up_from_early_help(
                    actor=user,
                    early_help=eh,
                    at=form.at(),
                    concerns=d["concerns"],
                    immediate_risk=d["immediate_risk"],
                )
                done = redirect("front_door:contact", pk=contact.pk)
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(
                request, "Early help ended" if action == "end" else "Stepped up: contact created"
            )
            return done
    return render(
        request,
        "front_door/action_form.html",
        {
            "form": form,
            "person": eh.person,
            "heading": "End early help" if action == "end" else "Step up to children's social care",
            "button": "Save",
            "back": reverse("front_door:history", args=[eh.person_id]),
        },
    )


# --- Partner agencies ----------------------------------------------------------------------------


def _partner(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_partner:
        raise PermissionDenied
    return user


def partner_home(request: HttpRequest) -> HttpResponse:
    user = _partner(request)
    contacts = (
        queries.visible_contacts(user).select_related("decision").order_by("-received_at", "-pk")
    )
    return render(
        request,
        "front_door/partner_home.html",
        {"page": _page(request, contacts), "query": _query(request)},
    )


def partner_new(request: HttpRequest) -> HttpResponse:
    user = _partner(request)
    form = ContactForm(
        request.POST or None,
        partner=True,
        initial={"referrer_agency": user.agency, "referrer_name": str(user)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            contacts = actions.record_contact(
                actor=user,
                children=form.children(),
                details=form.details(),
                received_at=timezone.now(),
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, f"Contact sent. Your reference is {contacts[0].reference}")
            return redirect("front_door:partner_contact", pk=contacts[0].pk)
    return render(request, "front_door/contact_form.html", {"form": form, "partner": True})


def partner_contact(request: HttpRequest, pk: int) -> HttpResponse:
    user = _partner(request)
    contact = queries.visible_contacts(user).select_related("decision").filter(pk=pk).first()
    if contact is None:
        raise Http404
    return render(request, "front_door/partner_contact.html", {"contact": contact})
