"""Statutory returns pages: the CIN census download and its readiness (validator findings)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .access import returns_user
from .cin_census.config import census_period, collection_year_for
from .cin_census.readiness import (
    group_issues,
    latest_completed_run,
    latest_run,
    run_issues,
    trend,
)
from .cin_census.service import export_xml, file_name
from .cin_census.validation import validate_year
from .models import RunStatus, RunTrigger

# Years offered on the page: the one in progress and the two before it.
YEARS_SHOWN = 3


def _years() -> list[int]:
    current = collection_year_for(timezone.localdate())
    return [current - i for i in range(YEARS_SHOWN)]


def _check_year(year: int) -> None:
    current = collection_year_for(timezone.localdate())
    if not 2000 <= year <= current:
        raise Http404("No such collection year")


def _period_label(year: int) -> str:
    start, end = census_period(year)
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


def cin_census(request: HttpRequest) -> HttpResponse:
    returns_user(request)
    request.nav_section = "performance"  # type: ignore[attr-defined]
    years = [
        {
            "year": year,
            "period": _period_label(year),
            "name": f"{year - 1}-{str(year)[2:]}",
            "latest": latest_run(year),
        }
        for year in _years()
    ]
    return render(request, "returns/cin_census.html", {"years": years})


def cin_census_download(request: HttpRequest, year: int) -> HttpResponse:
    returns_user(request)
    _check_year(year)
    response = HttpResponse(export_xml(year), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name(year)}"'
    return response


def cin_census_readiness(request: HttpRequest, year: int) -> HttpResponse:
    user = returns_user(request)
    _check_year(year)
    request.nav_section = "performance"  # type: ignore[attr-defined]
    latest = latest_run(year)
    completed = latest_completed_run(year)
    groups = group_issues(run_issues(completed), user) if completed else []
    return render(
        request,
        "returns/cin_readiness.html",
        {
            "year": year,
            "name": f"{year - 1}-{str(year)[2:]}",
            "period": _period_label(year),
            "latest": latest,
            "completed": completed,
            "failed": latest if latest and latest.status == RunStatus.FAILED else None,
            "errors": [g for g in groups if not g.is_query],
            "queries": [g for g in groups if g.is_query],
            "runs": trend(year),
        },
    )


@require_POST
def cin_census_validate(request: HttpRequest, year: int) -> HttpResponse:
    user = returns_user(request)
    _check_year(year)
    run = validate_year(year, user=user, trigger=RunTrigger.PAGE)
    if run.status == RunStatus.OK:
        messages.success(
            request,
            f"Checked {run.children} children: {run.error_count} errors and "
            f"{run.query_count} queries",
        )
    else:
        messages.error(request, f"The check could not run. {run.failure_reason}")
    return redirect("returns:cin_census_readiness", year=year)
