from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import visible_team_ids
from accounts.decorators import child_page, staff_user
from accounts.models import User
from clocks.queries import Now, due_clocks_by_person, order_by_urgency, team_clocks
from csc.errors import ActionError
from people.models import Person
from ui.forms import apply_action_error

from . import actions
from .choices import EpisodeKind
from .events import chronology_kinds
from .forms import AllocateForm, CaseNoteForm, ChronologyFilterForm
from .models import Allocation, CaseNote, Event
from .queries import caseload, chronology, open_episode_kinds, team_caseloads, unallocated_in_teams


@child_page("Chronology")
def chronology_view(request: HttpRequest, person: Person) -> HttpResponse:
    kinds = [(k.kind, k.label) for k in chronology_kinds()]
    form = ChronologyFilterForm(request.GET or None, kinds=kinds)
    events = chronology(person)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        events = chronology(
            person,
            kinds=d["kind"] or None,
            significant_only=d["significant"],
            date_from=d["date_from"],
            date_to=d["date_to"],
        )
    page = Paginator(events.select_related("actor"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "casework/chronology.html",
        {"person": person, "form": form, "page": page, "query": query.urlencode()},
    )


@require_POST
@child_page("Mark chronology entry")
def mark_significant(request: HttpRequest, person: Person, event_id: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=event_id, person=person)
    significant = request.POST.get("significant") == "1"
    actions.mark_significant(actor=request.user, event=event, significant=significant)  # type: ignore[arg-type]
    if request.headers.get("HX-Request"):
        return render(
            request, "casework/_significant_toggle.html", {"person": person, "event": event}
        )
    return redirect("casework:chronology", pk=person.pk)


@child_page("Case notes")
def notes(request: HttpRequest, person: Person) -> HttpResponse:
    page = Paginator(CaseNote.objects.filter(person=person).select_related("author"), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "casework/notes.html", {"person": person, "page": page, "query": ""})


@child_page("Add case note")
def add_note(request: HttpRequest, person: Person) -> HttpResponse:
    form = CaseNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        child_seen, seen_alone = form.flags()
        try:
            actions.add_case_note(
                actor=request.user,  # type: ignore[arg-type]
                person=person,
                kind=form.cleaned_data["kind"],
                occurred_on=form.cleaned_data["occurred_on"],
                with_whom=form.cleaned_data["with_whom"],
                text=form.cleaned_data["text"],
                child_seen=child_seen,
                seen_alone=seen_alone,
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, "Case note saved")
            response = redirect("casework:notes", pk=person.pk)
            response["Location"] += f"?saved=note-{person.pk}"
            return response
    return render(request, "casework/note_form.html", {"person": person, "form": form})


@child_page("Allocation")
def allocations(request: HttpRequest, person: Person) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    can_allocate = user.is_manager or user.is_service_wide
    form = None
    if can_allocate:
        team_ids = (
            None if user.is_service_wide or user.role == "director" else visible_team_ids(user)
        )
        form = AllocateForm(request.POST or None, team_ids=team_ids)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                actions.allocate(
                    actor=user,
                    person=person,
                    team=d["team"],
                    worker=d["worker"],
                    role=d["role"],
                    started_on=d["started_on"],
                    reason=d["reason"],
                )
            except ActionError as exc:
                apply_action_error(form, exc)
            else:
                messages.success(request, "Allocation saved")
                return redirect("casework:allocations", pk=person.pk)
    elif request.method == "POST":
        raise PermissionDenied
    history = Allocation.objects.filter(person=person).select_related("team", "worker")
    return render(
        request,
        "casework/allocations.html",
        {"person": person, "history": history, "form": form},
    )


def my_work(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    request.nav_section = "my_work"  # type: ignore[attr-defined]
    now = Now.current()
    children = order_by_urgency(caseload(user)).prefetch_related("addresses")
    page = Paginator(children, settings.TRELLIS_PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [p.pk for p in page]
    kinds = open_episode_kinds(ids)
    due = due_clocks_by_person(ids, now)
    labels = dict(EpisodeKind.choices)
    rows = [
        {
            "person": p,
            "episodes": [labels.get(k, k) for k in kinds.get(p.pk, [])],
            "clocks": due.get(p.pk, []),
        }
        for p in page
    ]
    return render(
        request,
        "casework/my_work.html",
        {"page": page, "rows": rows, "query": "", "horizon": now.horizon, "today": now.today},
    )


def team(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not user.is_manager:
        raise PermissionDenied
    request.nav_section = "team"  # type: ignore[attr-defined]
    team_ids = visible_team_ids(user)
    now = Now.current()
    clocks = team_clocks(team_ids, now)
    # A large team's lists are long: each is shown a page at a time, with its own page
    # number in the query string so that paging one list keeps the others where they are.
    size = settings.TRELLIS_PAGE_SIZE
    children = Paginator(clocks.by_child, size).get_page(request.GET.get("page"))
    not_seen = Paginator(clocks.not_seen, size).get_page(request.GET.get("not_seen_page"))
    late = Paginator(clocks.late, size).get_page(request.GET.get("late_page"))
    return render(
        request,
        "casework/team.html",
        {
            "workers": team_caseloads(team_ids),
            "unallocated": unallocated_in_teams(team_ids)[:50],
            "clocks": clocks,
            "page": children,
            "query": _query_without(request, "page"),
            "not_seen": not_seen,
            "not_seen_query": _query_without(request, "not_seen_page"),
            "late": late,
            "late_query": _query_without(request, "late_page"),
            "horizon": now.horizon,
            "month_start": now.month_start,
        },
    )


def _query_without(request: HttpRequest, name: str) -> str:
    """The request's query string less one parameter (a list's page number)."""
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()
