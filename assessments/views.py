"""Assessment screens. Thin: load with a permission check, validate a form, call one action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.decorators import child_page
from accounts.models import User
from csc.errors import ActionError
from front_door.models import Referral
from people.models import Person
from ui.forms import apply_action_error

from . import actions
from .choices import AssessmentState, factor_labels
from .forms import (
    AuthoriseForm,
    ChildSeenForm,
    FactorsForm,
    OutcomeForm,
    ReturnForm,
    SectionsForm,
    StartForm,
    SubmitForm,
)
from .models import Assessment
from .quality import SECTIONS
from .queries import awaiting_authorisation, for_child, summary_for, with_summaries


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _assessment(person: Person, assessment_id: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("worker", "authorised_by", "referral__episode", "person"),
        pk=assessment_id,
        person=person,
    )


@child_page("Assessments")
def child_list(request: HttpRequest, person: Person) -> HttpResponse:
    page = Paginator(for_child(person), settings.TRELLIS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assessments/child_list.html",
        {"person": person, "page": page, "rows": with_summaries(page), "query": ""},
    )


def _startable_referrals(person: Person) -> Any:
    return Referral.objects.filter(person=person, nfa=False, episode__ended_on__isnull=True)


@child_page("Start an assessment")
def start(request: HttpRequest, person: Person) -> HttpResponse:
    referrals = _startable_referrals(person)
    form = StartForm(request.POST or None, referrals=referrals)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = actions.start_assessment(
                actor=_user(request),
                referral=form.cleaned_data["referral"],
                started_on=form.cleaned_data["started_on"],
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, "Assessment started")
            return redirect("assessments:detail", pk=person.pk, assessment_id=assessment.pk)
    return render(
        request,
        "assessments/start.html",
        {"person": person, "form": form, "has_referrals": referrals.exists()},
    )


@child_page("Assessment")
def detail(request: HttpRequest, person: Person, assessment_id: int) -> HttpResponse:
    assessment = _assessment(person, assessment_id)
    user = _user(request)
    summary = summary_for(assessment)
    sections = [
        (label, getattr(assessment, name), status)
        for (name, label, _), status in zip(SECTIONS, summary.sections, strict=True)
    ]
    return render(
        request,
        "assessments/detail.html",
        {
            "person": person,
            "assessment": assessment,
            "summary": summary,
            "sections": sections,
            "factor_labels": factor_labels(assessment.factors),
            "can_authorise": actions.can_authorise(user)
            and assessment.state == AssessmentState.SUBMITTED,
            "submit_form": SubmitForm(initial={"submitted_on": timezone.localdate()}),
        },
    )


def _edit_page(
    request: HttpRequest,
    person: Person,
    assessment_id: int,
    *,
    form_class: type[Any],
    initial: Callable[[Assessment], dict[str, Any]],
    save: Callable[[Any, Assessment, User], object],
    title: str,
    template: str = "assessments/form.html",
    fields: list[str] | None = None,
    done: str = "Saved",
) -> HttpResponse:
    assessment = _assessment(person, assessment_id)
    form = form_class(request.POST or None, initial=initial(assessment))
    if request.method == "POST" and form.is_valid():
        try:
            save(form, assessment, _user(request))
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("assessments:detail", pk=person.pk, assessment_id=assessment.pk)
    return render(
        request,
        template,
        {
            "person": person,
            "assessment": assessment,
            "form": form,
            "title": title,
            "fields": [form[name] for name in (fields or list(form.fields))],
            "summary": summary_for(assessment),
        },
    )


def _interpreter(value: bool | None) -> str:
    if value is None:
        return ""
    return "yes" if value else "no"


@child_page("Edit assessment sections")
def edit_sections(request: HttpRequest, person: Person, assessment_id: int) -> HttpResponse:
    def initial(a: Assessment) -> dict[str, Any]:
        values: dict[str, Any] = {name: getattr(a, name) for name, _, _ in SECTIONS}
        values["language"] = a.language
        values["interpreter_used"] = _interpreter(a.interpreter_used)
        return values

    def save(form: SectionsForm, a: Assessment, user: User) -> None:
        actions.save_sections(actor=user, assessment=a, sections=form.section_values())

    return _edit_page(
        request,
        person,
        assessment_id,
        form_class=SectionsForm,
        initial=initial,
        save=save,
        title="Assessment sections",
        template="assessments/sections.html",
        done="Draft saved",
    )


@child_page("Record child seen")
def child_seen(request: HttpRequest, person: Person, assessment_id: int) -> HttpResponse:
    def initial(a: Assessment) -> dict[str, Any]:
        return {
            "seen_on": a.child_seen_on,
            "seen_alone": _interpreter(a.seen_alone),
            "seen_with": a.seen_with,
        }

    def save(form: ChildSeenForm, a: Assessment, user: User) -> None:
        actions.record_child_seen(
            actor=user,
            assessment=a,
            seen_on=form.cleaned_data["seen_on"],
            seen_alone=form.seen_alone_value(),
            seen_with=form.cleaned_data["seen_with"],
        )

    return _edit_page(
        request,
        person,
        assessment_id,
        form_class=ChildSeenForm,
        initial=initial,
        save=save,
        title="Record when the child was seen",
        fields=["seen_on", "seen_alone"],
        done="Child seen recorded",
    )


@child_page("Record assessment factors")
def factors(request: HttpRequest, person: Person, assessment_id: int) -> HttpResponse:
    def save(form: FactorsForm, a: Assessment, user: User) -> None:
        actions.record_factors(actor=user, assessment=a, factors=form.cleaned_data["factors"])

    return _edit_page(
        request,
        person,
        assessment_id,
        form_class=FactorsForm,
        initial=lambda a: {"factors": a.factors},
        save=save,
        title="Assessment factors",
        done="Factors saved",
    )


@child_page("Record assessment outcome")
def outcome(request: HttpRequest, person: Person, assessment_id: int) -> HttpResponse:
    def save(form: OutcomeForm, a: Assessment, user: User) -> None:
        actions.record_outcome(
            actor=user,
            assessment=a,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["outcome_reason"],
        )

    return _edit_page(
        request,
        person,
        assessment_id,
        form_class=OutcomeForm,
        initial=lambda a: {"outcome": a.outcome, "outcome_reason": a.outcome_reason},
        save=save,
        title="Outcome of the assessment",
        done="Outcome saved",
    )


@require_POST
@child_page("Submit assessment")
def submit(request: HttpRequest, person: Person, assessment_id: int) -> HttpResponse:
    assessment = _assessment(person, assessment_id)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
        return redirect("assessments:detail", pk=person.pk, assessment_id=assessment.pk)
    try:
        actions.submit_assessment(
            actor=_user(request),
            assessment=assessment,
            submitted_on=form.cleaned_data["submitted_on"],
        )
    except ActionError as exc:
        for message in exc.errors.values():
            for text in message:
                messages.error(request, text)
    else:
        messages.success(request, "Assessment submitted for authorisation")
    return redirect("assessments:detail", pk=person.pk, assessment_id=assessment.pk)


@child_page("Authorise assessment")
def authorise(request: HttpRequest, person: Person, assessment_id: int) -> HttpResponse:
    user = _user(request)
    if not actions.can_authorise(user):
        raise PermissionDenied(actions.NOT_MANAGER)
    assessment = _assessment(person, assessment_id)
    form = AuthoriseForm(request.POST or None, initial={"authorised_on": timezone.localdate()})
    return_form = ReturnForm(prefix="return")
    if request.method == "POST" and form.is_valid():
        try:
            actions.authorise_assessment(
                actor=user,
                assessment=assessment,
                authorised_on=form.cleaned_data["authorised_on"],
                confirmed=form.cleaned_data["confirmed"],
                note=form.cleaned_data["note"],
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, "Assessment authorised")
            return redirect("assessments:detail", pk=person.pk, assessment_id=assessment.pk)
    return render(
        request,
        "assessments/authorise.html",
        {
            "person": person,
            "assessment": assessment,
            "form": form,
            "return_form": return_form,
            "summary": summary_for(assessment),
            "factor_labels": factor_labels(assessment.factors),
        },
    )


@require_POST
@child_page("Return assessment")
def return_to_worker(request: HttpRequest, person: Person, assessment_id: int) -> HttpResponse:
    user = _user(request)
    if not actions.can_authorise(user):
        raise PermissionDenied(actions.NOT_MANAGER)
    assessment = _assessment(person, assessment_id)
    form = ReturnForm(request.POST, prefix="return")
    if form.is_valid():
        try:
            actions.return_assessment(
                actor=user, assessment=assessment, reason=form.cleaned_data["reason"]
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, "Assessment returned to the worker")
            return redirect("assessments:detail", pk=person.pk, assessment_id=assessment.pk)
    return render(
        request,
        "assessments/authorise.html",
        {
            "person": person,
            "assessment": assessment,
            "form": AuthoriseForm(initial={"authorised_on": timezone.localdate()}),
            "return_form": form,
            "summary": summary_for(assessment),
            "factor_labels": factor_labels(assessment.factors),
        },
    )


def awaiting(request: HttpRequest) -> HttpResponse:
    """Manager's list: assessments awaiting authorisation for children in their teams."""
    user = request.user
    if not isinstance(user, User) or not actions.can_authorise(user):
        raise PermissionDenied
    request.nav_section = "team"  # type: ignore[attr-defined]
    page = Paginator(awaiting_authorisation(user), settings.TRELLIS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assessments/awaiting.html",
        {"page": page, "rows": with_summaries(page), "query": ""},
    )
