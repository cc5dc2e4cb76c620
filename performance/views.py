"""Performance pages: the key measures with their monthly series, and the children behind each
figure (only those the viewer may see)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from accounts.access import visible_people
from accounts.models import User

from .links import links_for
from .measures import (
    MEASURES,
    PER_10000,
    Measure,
    MeasureResult,
    Period,
    child_population,
    collection_year_of,
    compute,
    compute_series,
)

# The roles the "Performance" navigation item is shown to (ui.context_processors).
PERFORMANCE_ROLES = frozenset(
    {
        "performance_analyst",
        "head_of_service",
        "director",
        "team_manager",
        "administrator",
        "qa_auditor",
    }
)


def _performance_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or user.is_partner:
        raise PermissionDenied
    if user.role not in PERFORMANCE_ROLES and not user.is_superuser:
        raise PermissionDenied
    request.nav_section = "performance"  # type: ignore[attr-defined]
    return user


def display(measure: Measure, result: MeasureResult) -> str:
    if result.value is None:
        return "No data"
    if measure.unit == PER_10000:
        return f"{result.value:,.1f}"
    return f"{result.value:.1f}%"


def _children_url(measure: Measure, period: Period, which: str = "numerator") -> str:
    url = reverse(
        "performance:children", args=[measure.id, period.start.isoformat(), period.end.isoformat()]
    )
    return f"{url}?set={which}"


def _cell(measure: Measure, period: Period, result: MeasureResult) -> dict[str, Any]:
    return {
        "text": display(measure, result),
        "result": result,
        "period": period,
        "url": _children_url(measure, period),
        "denominator_url": None
        if measure.unit == PER_10000
        else _children_url(measure, period, "denominator"),
    }


def home(request: HttpRequest) -> HttpResponse:
    user = _performance_user(request)
    today = timezone.localdate()
    year = collection_year_of(today)
    last = Period.collection_year(year - 1)
    current = Period(Period.collection_year(year).start, today)
    months_last, months_current = last.months(), current.months()
    periods = [last, current, *months_last, *months_current]
    rows = []
    for measure in MEASURES.values():
        results = compute_series(measure.id, periods)
        cells = [_cell(measure, p, r) for p, r in zip(periods, results, strict=True)]
        rows.append(
            {
                "measure": measure,
                "target": measure.current_target(),
                "last": cells[0],
                "current": cells[1],
                "headline": cells[:2],
                "months_last": cells[2 : 2 + len(months_last)],
                "months_current": cells[2 + len(months_last) :],
            }
        )
    return render(
        request,
        "performance/home.html",
        {
            "rows": rows,
            "last": last,
            "current": current,
            "months_last": months_last,
            "months_current": months_current,
            "population": child_population(),
            "return_links": links_for(user),
        },
    )


def children(request: HttpRequest, measure_id: str, start: str, end: str) -> HttpResponse:
    user = _performance_user(request)
    measure = MEASURES.get(measure_id)
    if measure is None:
        raise Http404("No such measure")
    try:
        period = Period.parse(start, end)
    except ValueError as exc:
        raise Http404("Not a period") from exc
    which = request.GET.get("set", "numerator")
    if which not in {"numerator", "denominator"} or (
        which == "denominator" and measure.unit == PER_10000
    ):
        raise Http404("Not a list of children")
    result = compute(measure.id, period)
    ids = result.child_ids_numerator if which == "numerator" else result.child_ids_denominator
    people = (
        visible_people(user)
        .filter(pk__in=sorted(ids))
        .order_by("legal_surname", "legal_forename", "pk")
        .only("pk", "legal_forename", "legal_surname", "known_as", "date_of_birth")
    )
    page = Paginator(people, settings.TRELLIS_PAGE_SIZE).get_page(request.GET.get("page"))
    label = measure.numerator_label if which == "numerator" else measure.denominator_label
    return render(
        request,
        "performance/children.html",
        {
            "measure": measure,
            "period": period,
            "result": result,
            "figure": display(measure, result),
            "which": which,
            "label": label,
            "page": page,
            "total": len(ids),
            "hidden": len(ids) - page.paginator.count,
            "query": f"set={which}",
            "numerator_url": _children_url(measure, period),
            "denominator_url": None
            if measure.unit == PER_10000
            else _children_url(measure, period, "denominator"),
        },
    )
