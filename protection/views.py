"""Pages: the child's s47 / CP / CIN journey, a form per record, team plans, drift."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import visible_people
from accounts.decorators import child_page, staff_user
from accounts.models import User
from people.models import Person
from ui.views import action_form_page

from . import actions, forms
from .models import CINPlan, CPPlan, PlanOutcome, Section47, StrategyAction, TransferIn
from .queries import (
    child_journey,
    drifting_plans,
    flag_page,
    open_cin_plans,
    open_cp_plans,
    with_flag_data,
)


def _yes(value: str) -> bool:
    return value == "yes"


def _form_page(
    request: HttpRequest,
    person: Person,
    form: forms.ProtectionForm,
    *,
    back: str | None = None,
    **page: Any,
) -> HttpResponse:
    return action_form_page(
        request, person, form, back=back or reverse("protection:child", args=[person.pk]), **page
    )


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@child_page("Child protection and CIN")
def child(request: HttpRequest, person: Person) -> HttpResponse:
    today = timezone.localdate()
    context = child_journey(person, today)
    context.update(
        {
            "person": person,
            "today": today,
            "child_section": "protection",
            "open_cin_episode": actions.open_cin_episode(person),
            "is_manager": _user(request).is_manager,
        }
    )
    return render(request, "protection/child.html", context)


@child_page("Record strategy discussion")
def strategy_discussion(request: HttpRequest, person: Person) -> HttpResponse:
    form = forms.StrategyDiscussionForm(request.POST or None)

    def save(d: dict[str, Any]) -> object:
        discussion = actions.record_strategy_discussion(
            actor=_user(request),
            person=person,
            held_at=form.held_at(),
            decision=d["decision"],
            rationale=d["rationale"],
            attendees=form.attendees(),
            actions=form.agreed_actions(),
        )
        missing = discussion.missing_agencies()
        if missing:
            messages.warning(request, f"{', '.join(missing)} did not take part")
        return discussion

    return _form_page(
        request,
        person,
        form,
        heading="Record a strategy discussion",
        button="Save strategy discussion",
        save=save,
        success="Strategy discussion saved",
        field_map={"held_at": "held_on", "attendees": "agencies"},
    )


@child_page("Complete strategy discussion action")
def complete_action(request: HttpRequest, person: Person, action_id: int) -> HttpResponse:
    action = get_object_or_404(StrategyAction, pk=action_id, discussion__person=person)
    form = forms.CompleteActionForm(request.POST or None)
    return _form_page(
        request,
        person,
        form,
        heading="Mark action as completed",
        intro=f"{action.description} ({action.owner})",
        button="Save",
        save=lambda d: actions.complete_strategy_action(
            actor=_user(request), action=action, completed_on=d["completed_on"]
        ),
        success="Action marked as completed",
    )


@child_page("Record section 47 outcome")
def s47_outcome(request: HttpRequest, person: Person, s47_id: int) -> HttpResponse:
    s47 = get_object_or_404(Section47, pk=s47_id, person=person)
    form = forms.Section47OutcomeForm(request.POST or None)
    return _form_page(
        request,
        person,
        form,
        heading="Record the outcome of the section 47 enquiry",
        intro=f"Enquiry started {s47.started_on:%-d %B %Y}, the date of the strategy discussion",
        button="Save outcome",
        save=lambda d: actions.conclude_section47(
            actor=_user(request),
            section47=s47,
            outcome=d["outcome"],
            icpc_needed=_yes(d["icpc_needed"]),
            icpc_not_needed_reason=d["icpc_not_needed_reason"],
            completed_on=d["completed_on"],
        ),
        success="Section 47 outcome saved",
    )


def _conference_save(
    request: HttpRequest, form: forms.ConferenceForm, **target: Any
) -> Callable[[dict[str, Any]], object]:
    def save(d: dict[str, Any]) -> object:
        return actions.record_conference(
            actor=_user(request),
            held_on=d["held_on"],
            chair=d["chair"],
            child_views=d["child_views"],
            child_views_how=d["child_views_how"],
            plan_made=_yes(d["plan_made"]),
            category=d["category"],
            contingency_plan=d["contingency_plan"],
            attendance=form.attendance(),
            **target,
        )

    return save


@child_page("Record initial child protection conference")
def initial_conference(request: HttpRequest, person: Person, s47_id: int) -> HttpResponse:
    s47 = get_object_or_404(Section47, pk=s47_id, person=person)
    form = forms.ConferenceForm(request.POST or None)
    return _form_page(
        request,
        person,
        form,
        heading="Record the initial child protection conference",
        intro="A child protection plan starts on the date of the conference.",
        button="Save conference",
        save=_conference_save(request, form, section47=s47),
        success="Conference saved",
        field_map={"attendance": "attended"},
    )


@child_page("Record transfer in")
def transfer_in(request: HttpRequest, person: Person) -> HttpResponse:
    form = forms.TransferInForm(request.POST or None)
    return _form_page(
        request,
        person,
        form,
        heading="Record a child protection transfer in",
        button="Save",
        save=lambda d: actions.record_transfer_in(actor=_user(request), person=person, **d),
        success="Transfer in saved",
    )


@child_page("Record transfer-in conference")
def transfer_conference(request: HttpRequest, person: Person, transfer_id: int) -> HttpResponse:
    transfer = get_object_or_404(TransferIn, pk=transfer_id, person=person)
    form = forms.ConferenceForm(request.POST or None)
    return _form_page(
        request,
        person,
        form,
        heading="Record the transfer-in conference",
        intro=f"Notified by {transfer.from_authority} on {transfer.notified_on:%-d %B %Y}",
        button="Save conference",
        save=_conference_save(request, form, transfer=transfer),
        success="Conference saved",
        field_map={"attendance": "attended"},
    )


@child_page("Child protection plan")
def cp_plan(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    get_object_or_404(CPPlan, pk=plan_id, person=person)
    today = timezone.localdate()
    journey = child_journey(person, today)
    plan = next(p for p in journey["cp_plans"] if p.pk == plan_id)
    return render(
        request,
        "protection/cp_plan.html",
        {"person": person, "plan": plan, "today": today, "child_section": "protection"},
    )


@child_page("Child in need plan")
def cin_plan(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    get_object_or_404(CINPlan, pk=plan_id, person=person)
    today = timezone.localdate()
    journey = child_journey(person, today)
    plan = next(p for p in journey["cin_plans"] if p.pk == plan_id)
    return render(
        request,
        "protection/cin_plan.html",
        {"person": person, "plan": plan, "today": today, "child_section": "protection"},
    )


def _cp(person: Person, plan_id: int) -> CPPlan:
    return get_object_or_404(CPPlan.objects.select_related("person"), pk=plan_id, person=person)


def _cin(person: Person, plan_id: int) -> CINPlan:
    return get_object_or_404(CINPlan.objects.select_related("person"), pk=plan_id, person=person)


@child_page("Record core group")
def core_group(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    plan = _cp(person, plan_id)
    return _form_page(
        request,
        person,
        forms.CoreGroupForm(request.POST or None),
        heading="Record a core group meeting",
        button="Save core group",
        save=lambda d: actions.record_core_group(actor=_user(request), plan=plan, **d),
        success="Core group saved",
        back=reverse("protection:cp_plan", args=[person.pk, plan.pk]),
    )


@child_page("Record review conference")
def review_conference(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    plan = _cp(person, plan_id)
    return _form_page(
        request,
        person,
        forms.ReviewConferenceForm(request.POST or None),
        heading="Record a review child protection conference",
        button="Save review",
        save=lambda d: actions.record_review_conference(actor=_user(request), plan=plan, **d),
        success="Review conference saved",
        back=reverse("protection:cp_plan", args=[person.pk, plan.pk]),
    )


@child_page("Record child protection visit")
def cp_visit(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    plan = _cp(person, plan_id)

    def save(d: dict[str, Any]) -> object:
        return actions.record_cp_visit(
            actor=_user(request), plan=plan, **{**d, "seen": _yes(d["seen"])}
        )

    return _form_page(
        request,
        person,
        forms.CPVisitForm(request.POST or None),
        heading="Record a child protection visit",
        button="Save visit",
        save=save,
        success="Visit saved",
        back=reverse("protection:cp_plan", args=[person.pk, plan.pk]),
    )


@child_page("Update contingency plan")
def contingency(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    plan = _cp(person, plan_id)
    form = forms.ContingencyForm(
        request.POST or None, initial={"contingency_plan": plan.contingency_plan}
    )
    return _form_page(
        request,
        person,
        form,
        heading="Contingency plan",
        button="Save contingency plan",
        save=lambda d: actions.update_contingency_plan(actor=_user(request), plan=plan, **d),
        success="Contingency plan saved",
        back=reverse("protection:cp_plan", args=[person.pk, plan.pk]),
    )


@child_page("End child protection plan")
def end_cp(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    plan = _cp(person, plan_id)
    return _form_page(
        request,
        person,
        forms.EndCPPlanForm(request.POST or None),
        heading="End the child protection plan",
        button="End plan",
        save=lambda d: actions.end_cp_plan(actor=_user(request), plan=plan, **d),
        success="Child protection plan ended",
    )


@child_page("Start child in need plan")
def start_cin(request: HttpRequest, person: Person) -> HttpResponse:
    return _form_page(
        request,
        person,
        forms.StartCINPlanForm(request.POST or None),
        heading="Start a child in need plan",
        button="Start plan",
        save=lambda d: actions.start_cin_plan(actor=_user(request), person=person, **d),
        success="Child in need plan started",
    )


@child_page("Record child in need review")
def cin_review(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    plan = _cin(person, plan_id)
    return _form_page(
        request,
        person,
        forms.CINReviewForm(request.POST or None),
        heading="Record a child in need review",
        button="Save review",
        save=lambda d: actions.record_cin_review(actor=_user(request), plan=plan, **d),
        success="Review saved",
        back=reverse("protection:cin_plan", args=[person.pk, plan.pk]),
    )


@child_page("Record child in need visit")
def cin_visit(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    plan = _cin(person, plan_id)

    def save(d: dict[str, Any]) -> object:
        return actions.record_cin_visit(
            actor=_user(request), plan=plan, **{**d, "seen": _yes(d["seen"])}
        )

    return _form_page(
        request,
        person,
        forms.CINVisitForm(request.POST or None),
        heading="Record a child in need visit",
        button="Save visit",
        save=save,
        success="Visit saved",
        back=reverse("protection:cin_plan", args=[person.pk, plan.pk]),
    )


@child_page("End child in need plan")
def end_cin(request: HttpRequest, person: Person, plan_id: int) -> HttpResponse:
    plan = _cin(person, plan_id)
    return _form_page(
        request,
        person,
        forms.EndCINPlanForm(request.POST or None),
        heading="End the child in need plan",
        button="End plan",
        save=lambda d: actions.end_cin_plan(actor=_user(request), plan=plan, **d),
        success="Child in need plan ended",
    )


@child_page("Add plan outcome")
def add_outcome(request: HttpRequest, person: Person, kind: str, plan_id: int) -> HttpResponse:
    if kind not in ("cp", "cin"):
        raise Http404("No record found")
    plan: CPPlan | CINPlan = _cp(person, plan_id) if kind == "cp" else _cin(person, plan_id)
    back = reverse(f"protection:{kind}_plan", args=[person.pk, plan.pk])
    return _form_page(
        request,
        person,
        forms.OutcomeForm(request.POST or None),
        heading="Add an outcome to the plan",
        intro="Say what must change for the child, by when, and who is responsible.",
        button="Save outcome",
        save=lambda d: actions.add_outcome(actor=_user(request), plan=plan, **d),
        success="Outcome saved",
        back=back,
    )


@child_page("Record progress on outcome")
def progress(request: HttpRequest, person: Person, outcome_id: int) -> HttpResponse:
    outcome = get_object_or_404(
        PlanOutcome.objects.select_related("cp_plan__person", "cin_plan__person"), pk=outcome_id
    )
    if outcome.plan.person_id != person.pk:
        raise Http404("No record found")
    kind = "cp" if outcome.cp_plan_id else "cin"
    return _form_page(
        request,
        person,
        forms.ProgressForm(request.POST or None),
        heading="Record progress",
        intro=outcome.what_must_change,
        button="Save progress",
        save=lambda d: actions.record_progress(actor=_user(request), outcome=outcome, **d),
        success="Progress saved",
        back=reverse(f"protection:{kind}_plan", args=[person.pk, outcome.plan.pk]),
    )


@child_page("Close child in need episode")
def close_case(request: HttpRequest, person: Person) -> HttpResponse:
    episode = actions.open_cin_episode(person)
    if episode is None:
        messages.info(request, "This child has no open child in need episode")
        return redirect("protection:child", pk=person.pk)
    return _form_page(
        request,
        person,
        forms.CloseEpisodeForm(request.POST or None),
        heading="Close the child in need episode",
        intro="Any open child in need plan ends on the closure date.",
        button="Close case",
        save=lambda d: actions.close_cin_episode(actor=_user(request), episode=episode, **d),
        success="Case closed",
    )


@child_page("Record management decision")
def drift_decision(request: HttpRequest, person: Person) -> HttpResponse:
    user = _user(request)
    if not user.is_manager:
        raise PermissionDenied
    plan_kind, _, plan_id = request.GET.get("plan", "").partition(":")
    cp = CPPlan.objects.filter(person=person, pk=plan_id).first() if plan_kind == "cp" else None
    cin = CINPlan.objects.filter(person=person, pk=plan_id).first() if plan_kind == "cin" else None
    return _form_page(
        request,
        person,
        forms.DriftDecisionForm(request.POST or None),
        heading="Record a management decision",
        button="Save decision",
        save=lambda d: actions.record_drift_decision(
            actor=user, person=person, cp_plan=cp, cin_plan=cin, **d
        ),
        success="Management decision saved",
        back=reverse("protection:drift"),
    )


def team_plans(request: HttpRequest) -> HttpResponse:
    """Children on CP or CIN plans whom the user may see, with flags; one page at a time."""
    user = staff_user(request)
    request.nav_section = "team"  # type: ignore[attr-defined]
    today = timezone.localdate()
    kind = "cin" if request.GET.get("plan") == "cin" else "cp"
    people = visible_people(user)
    plans: Any = open_cin_plans(people) if kind == "cin" else open_cp_plans(people)
    # Prefetching applies to the page's slice only, so the query count does not grow.
    page = Paginator(with_flag_data(plans), settings.TRELLIS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    flag_page(list(page), today)
    return render(
        request,
        "protection/team_plans.html",
        {"page": page, "kind": kind, "query": f"plan={kind}", "today": today},
    )


def drift(request: HttpRequest) -> HttpResponse:
    """Escalation prompt: plans with no progress across two reviews, or CP plans past 18 months."""
    user = staff_user(request)
    if not user.is_manager:
        raise PermissionDenied
    request.nav_section = "team"  # type: ignore[attr-defined]
    today = timezone.localdate()
    rows = drifting_plans(visible_people(user), today)
    page = Paginator(rows, settings.TRELLIS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "protection/drift.html", {"page": page, "query": "", "today": today})
