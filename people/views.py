from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import get_visible_person_or_404, visible_people
from accounts.decorators import child_page, staff_user
from casework.queries import child_summary
from csc.errors import ActionError
from ui.forms import apply_action_error
from ui.views import action_form_page

from . import actions
from .forms import (
    AddressForm,
    MergeForm,
    PersonForm,
    ProfessionalForm,
    RelationshipForm,
    SearchForm,
)
from .models import Person
from .queries import search_people


def search(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    request.nav_section = "search"  # type: ignore[attr-defined]
    form = SearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        results = search_people(
            visible_people(user),
            name=d["name"],
            date_of_birth=d["date_of_birth"],
            nhs_number=d["nhs_number"],
            upn=d["upn"],
        ).prefetch_related("addresses")
        page = Paginator(results, settings.TRELLIS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/search.html",
        {"form": form, "page": page, "query": query.urlencode(), "today": timezone.localdate()},
    )


def create(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    request.nav_section = "search"  # type: ignore[attr-defined]
    form = PersonForm(request.POST or None)
    candidates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        try:
            person = actions.create_person(
                actor=user,
                details=form.details(),
                confirmed_not_duplicate=form.cleaned_data.get("confirm_new", False),
            )
        except actions.DuplicatePersonError as exc:
            candidates = [
                p for p in exc.candidates if visible_people(user).filter(pk=p.pk).exists()
            ]
            hidden = len(exc.candidates) - len(candidates)
            form.add_error(
                "confirm_new",
                "This person may already have a record. Check the possible matches"
                + (f" ({hidden} you cannot open)" if hidden else "")
                + ", then confirm this is a different person",
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, f"Record created for {person.legal_name}")
            return redirect("people:record", pk=person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "candidates": candidates, "creating": True},
    )


@child_page("Child record")
def record(request: HttpRequest, person: Person) -> HttpResponse:
    return render(request, "people/record.html", child_summary(person, request.user))


@child_page("Edit personal details")
def edit(request: HttpRequest, person: Person) -> HttpResponse:
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    form.fields.pop("confirm_new")
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_person(actor=request.user, person=person, details=form.details())  # type: ignore[arg-type]
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, "Personal details saved")
            return redirect("people:record", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@child_page("Add address")
def add_address(request: HttpRequest, person: Person) -> HttpResponse:
    user = staff_user(request)
    return action_form_page(
        request,
        person,
        AddressForm(request.POST or None),
        heading="Add a new address",
        button="Save address",
        save=lambda d: actions.add_address(actor=user, person=person, **d),
        success="Address saved",
        back=reverse("people:record", args=[person.pk]),
    )


@child_page("Add relationship")
def add_relationship(request: HttpRequest, person: Person) -> HttpResponse:
    user = staff_user(request)

    def save(d: dict[str, Any]) -> object:
        other = visible_people(user).filter(pk=d["other_id"]).first()
        if other is None:
            raise ActionError({"other_id": ["No record with that number that you can see"]})
        return actions.add_relationship(
            actor=user,
            person=person,
            other=other,
            kind=d["kind"],
            lives_with=d["lives_with"],
            has_parental_responsibility=d["has_parental_responsibility"],
            started_on=d["started_on"],
        )

    return action_form_page(
        request,
        person,
        RelationshipForm(request.POST or None),
        heading="Add a family member or relationship",
        button="Save relationship",
        save=save,
        success="Relationship saved",
        back=reverse("people:record", args=[person.pk]),
        field_map={"other": "other_id"},
    )


@child_page("Add professional")
def add_professional(request: HttpRequest, person: Person) -> HttpResponse:
    user = staff_user(request)
    return action_form_page(
        request,
        person,
        ProfessionalForm(request.POST or None),
        heading="Add a professional involved",
        button="Save professional",
        save=lambda d: actions.add_professional(actor=user, person=person, **d),
        success="Professional saved",
        back=reverse("people:record", args=[person.pk]),
    )


def merge(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not user.is_administrator:
        raise PermissionDenied
    request.nav_section = "admin"  # type: ignore[attr-defined]
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            keep = get_visible_person_or_404(user, d["keep_id"])
            other = get_visible_person_or_404(user, d["merge_id"])
        except Exception:
            form.add_error(None, "Enter two record numbers that exist")
        else:
            try:
                actions.merge_people(actor=user, keep=keep, merge=other, reason=d["reason"])
            except ActionError as exc:
                apply_action_error(form, exc, {"merge": "merge_id"})
            else:
                messages.success(request, f"Record {other.reference} merged into {keep.reference}")
                return redirect("people:record", pk=keep.pk)
    return render(request, "people/merge.html", {"form": form})
