"""Reads for assessment pages: reassessment checks, the manager's queue, the summary panel."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from accounts.access import visible_people
from accounts.models import User
from people.models import Person
from timescales import add_months

from .choices import AssessmentState
from .models import Assessment
from .quality import Completeness, completeness

REASSESSMENT_MONTHS = 12


def previous_within_12_months(assessment: Assessment) -> datetime.date | None:
    """The latest authorisation date of another of the child's assessments in the 12 months
    before this one started, or None."""
    found = previous_for_many([assessment])
    return found.get(assessment.pk)


def previous_for_many(assessments: Iterable[Assessment]) -> dict[int, datetime.date]:
    """The same for a page of assessments, in one query."""
    items = list(assessments)
    if not items:
        return {}
    earliest = min(add_months(a.started_on, -REASSESSMENT_MONTHS) for a in items)
    latest = max(a.started_on for a in items)
    rows = list(
        Assessment.objects.filter(
            person_id__in={a.person_id for a in items},
            state=AssessmentState.AUTHORISED,
            authorised_on__gte=earliest,
            authorised_on__lte=latest,
        ).values_list("pk", "person_id", "authorised_on")
    )
    found: dict[int, datetime.date] = {}
    authorised = [(pk, pid, day) for pk, pid, day in rows if day is not None]
    for a in items:
        window_start = add_months(a.started_on, -REASSESSMENT_MONTHS)
        dates = [
            day
            for pk, person_id, day in authorised
            if person_id == a.person_id and pk != a.pk and window_start <= day <= a.started_on
        ]
        if dates:
            found[a.pk] = max(dates)
    return found


def summary_for(assessment: Assessment) -> Completeness:
    return completeness(assessment, previous_authorised_on=previous_within_12_months(assessment))


def with_summaries(assessments: Iterable[Assessment]) -> list[tuple[Assessment, Completeness]]:
    items = list(assessments)
    previous = previous_for_many(items)
    return [(a, completeness(a, previous_authorised_on=previous.get(a.pk))) for a in items]


def for_child(person: Person) -> QuerySet[Assessment]:
    return Assessment.objects.filter(person=person).select_related(
        "worker", "authorised_by", "referral"
    )


def awaiting_authorisation(user: User) -> QuerySet[Assessment]:
    """Submitted assessments for children this manager may see (their teams' children)."""
    return (
        Assessment.objects.filter(
            state=AssessmentState.SUBMITTED, person__in=visible_people(user).values("pk")
        )
        .select_related("person", "worker", "referral")
        .order_by("submitted_on", "pk")
    )


def assessment_panel(person: Person, user: Any) -> SafeString:
    """Summary panel on the child's record: the current or latest assessment."""
    latest = Assessment.objects.filter(person=person).select_related("worker").first()
    if latest is None:
        body = format_html('<p class="govuk-body">{}</p>', "No assessments recorded")
    else:
        state = latest.get_state_display()
        if latest.is_authorised and latest.authorised_on:
            state += f" on {latest.authorised_on:%-d %b %Y}: {latest.get_outcome_display()}"
        body = format_html(
            '<p class="govuk-body"><a class="govuk-link" href="{}">Assessment {}</a>, started {} '
            "by {}. {}.</p>",
            reverse("assessments:detail", args=[person.pk, latest.pk]),
            latest.reference,
            f"{latest.started_on:%-d %b %Y}",
            latest.worker,
            state,
        )
    return format_html(
        '<h2 class="govuk-heading-m">Assessments</h2>{}'
        '<p class="govuk-body"><a class="govuk-link" href="{}">All assessments</a></p>',
        body,
        reverse("assessments:child", args=[person.pk]),
    )
