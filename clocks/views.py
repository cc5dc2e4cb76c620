"""Clock screens: a child's clocks, the service overview and drill-down, the rules, settings."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import child_scope
from accounts.decorators import child_page, staff_user
from accounts.models import Team, User
from csc.errors import ActionError
from people.models import Person
from timescales import CATALOGUE, STATUSES
from ui.forms import apply_action_error

from . import actions
from .forms import LateReasonForm, PracticeForm
from .models import AuthorityPractice, Clock
from .practice import current_practice
from .queries import Now, child_clocks, overdue_list, overdue_summary, rows
from .recompute import recompute_everyone

SERVICE_ROLES = {"head_of_service", "director", "performance_analyst", "administrator"}


def _service_user(request: HttpRequest) -> User:
    user = staff_user(request)
    if user.role not in SERVICE_ROLES and not user.is_superuser:
        raise PermissionDenied
    request.nav_section = "service"  # type: ignore[attr-defined]
    return user


def _admin(request: HttpRequest) -> User:
    user = staff_user(request)
    if not user.is_administrator:
        raise PermissionDenied
    request.nav_section = "admin"  # type: ignore[attr-defined]
    return user


@child_page("Clocks")
def child(request: HttpRequest, person: Person) -> HttpResponse:
    open_rows, done = child_clocks(person, Now.current())
    return render(
        request,
        "clocks/child.html",
        {"person": person, "open_rows": open_rows, "done": done, "statuses": STATUSES},
    )


@child_page("Record a reason for lateness")
def late_reason(request: HttpRequest, person: Person, clock_id: int) -> HttpResponse:
    clock = get_object_or_404(Clock, pk=clock_id, person=person)
    row = rows([clock], Now.current())[0]
    form = LateReasonForm(request.POST or None, initial={"reason": clock.late_reason})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_late_reason(
                actor=request.user,  # type: ignore[arg-type]
                clock=clock,
                reason=form.cleaned_data["reason"],
            )
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(request, "Reason for lateness saved")
            return redirect("clocks:child", pk=person.pk)
    return render(request, "clocks/late_reason.html", {"person": person, "row": row, "form": form})


def service(request: HttpRequest) -> HttpResponse:
    user = _service_user(request)
    now = Now.current()
    by_rule, by_team = overdue_summary(child_scope(user), now)
    names = dict(
        Team.objects.filter(pk__in=[r["team_id"] for r in by_team]).values_list("pk", "name")
    )
    for row in by_team:
        row["team"] = names.get(row["team_id"])  # type: ignore[call-overload]
    return render(
        request,
        "clocks/service.html",
        {"by_rule": by_rule, "by_team": by_team, "today": now.today},
    )


def service_overdue(request: HttpRequest) -> HttpResponse:
    user = _service_user(request)
    now = Now.current()
    rule_id = request.GET.get("rule", "")
    team_param = request.GET.get("team", "")
    team = None
    if team_param and team_param != "none":
        if not team_param.isdigit():
            raise Http404
        team = get_object_or_404(Team, pk=int(team_param))
    found = overdue_list(
        child_scope(user),
        now,
        rule_id=rule_id,
        team_id=team.pk if team else None,
        unallocated=team_param == "none",
    )
    page = Paginator(found, settings.TRELLIS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "clocks/service_overdue.html",
        {
            "page": page,
            "page_rows": rows(page, now),
            "query": query.urlencode(),
            "rule": next((r for r in CATALOGUE if r.id == rule_id), None),
            "rule_id": rule_id,
            "team": team,
            "unallocated": team_param == "none",
        },
    )


def rules(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    practice = current_practice()
    catalogue = [
        {
            "rule": r,
            "limit": r.limit.describe(),
            "local": practice.limit_for(r).describe() if practice.limit_for(r) != r.limit else "",
            "status": STATUSES.get(r.status, r.status),
        }
        for r in CATALOGUE
    ]
    return render(
        request,
        "clocks/rules.html",
        {"catalogue": catalogue, "practice": practice, "can_edit": user.is_administrator},
    )


def practice_settings(request: HttpRequest) -> HttpResponse:
    user = _admin(request)
    form = PracticeForm(request.POST or None, practice=current_practice())
    if request.method == "POST" and form.is_valid():
        assert form.practice is not None
        try:
            actions.update_practice(actor=user, practice=form.practice)
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(
                request,
                "Local practice saved. Clocks have not been recomputed yet: recompute them "
                "below (or run `python manage.py recompute_clocks`) to apply the change.",
            )
            return redirect("clocks:practice")
    row = AuthorityPractice.objects.filter(pk=1).select_related("updated_by").first()
    return render(
        request,
        "clocks/practice.html",
        {
            "form": form,
            "row": row,
            "rag_rows": form.target_rows("rag"),
            "partner_rows": form.target_rows("partner"),
        },
    )


@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    _admin(request)
    result = recompute_everyone()
    messages.success(
        request,
        f"Clocks recomputed for {result.people} children: {result.changes} changed.",
    )
    return redirect("clocks:practice")
