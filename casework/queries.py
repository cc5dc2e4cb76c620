"""Reads for casework pages: the child summary, chronology, caseloads."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from people.models import Person, Relationship

from .events import record_kinds
from .models import Allocation, Episode, Event

# Other apps add panels to the child record page (status, plans, clocks) here.
SUMMARY_PANELS: list[Any] = []


def child_warnings(person: Person, today: datetime.date) -> list[str]:
    warnings = []
    if person.is_restricted:
        warnings.append("Restricted record: only named staff can see it")
    if person.date_of_death:
        warnings.append(f"Died on {person.date_of_death:%-d %B %Y}")
    if person.is_unborn:
        warnings.append(f"Unborn child, expected {person.expected_date_of_birth:%-d %B %Y}")
    if person.interpreter_needed:
        language = person.first_language or "their first language"
        warnings.append(f"Interpreter needed ({language})")
    if person.uasc and not person.uasc_ceased_on:
        warnings.append("Unaccompanied asylum-seeking child")
    return warnings


def child_summary(person: Person, user: Any) -> dict[str, Any]:
    today = timezone.localdate()
    relationships = list(
        Relationship.objects.filter(person=person, ended_on__isnull=True)
        .select_related("other")
        .order_by("-lives_with", "kind")
    )
    allocations = list(
        Allocation.objects.filter(person=person, ended_on__isnull=True).select_related(
            "team", "worker"
        )
    )
    context: dict[str, Any] = {
        "person": person,
        "today": today,
        "age": person.age_on(today),
        "address": person.addresses.filter(moved_out_on__isnull=True).first(),
        "household": [r for r in relationships if r.lives_with],
        "family": [r for r in relationships if not r.lives_with],
        "professionals": list(person.professionals.filter(ended_on__isnull=True)),
        "disabilities": list(person.disabilities.all()),
        "open_episodes": list(person.episodes.filter(ended_on__isnull=True)),
        "past_episodes": list(person.episodes.filter(ended_on__isnull=False)[:10]),
        "allocations": allocations,
        "warnings": child_warnings(person, today),
        "recent_events": list(chronology(person).select_related("actor")[:6]),
        "panels": [panel(person, user) for panel in SUMMARY_PANELS],
    }
    return context


def chronology(
    person: Person,
    *,
    kinds: list[str] | None = None,
    significant_only: bool = False,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Event]:
    events = Event.objects.filter(person=person).exclude(kind__in=record_kinds())
    if kinds:
        events = events.filter(kind__in=kinds)
    if significant_only:
        events = events.filter(significant=True)
    tz = timezone.get_current_timezone()
    if date_from:
        events = events.filter(
            occurred_at__gte=datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz)
        )
    if date_to:
        end = datetime.datetime.combine(
            date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        events = events.filter(occurred_at__lt=end)
    return events.order_by("-occurred_at", "-pk")


def caseload(user: User) -> QuerySet[Person]:
    """Children currently allocated to this worker."""
    return (
        Person.objects.active()
        .filter(allocations__worker=user, allocations__ended_on__isnull=True)
        .distinct()
    )


def team_caseloads(team_ids: list[int]) -> QuerySet[User]:
    return (
        User.objects.filter(team_id__in=team_ids, is_active=True)
        .annotate(
            open_cases=Count(
                "allocations", filter=Q(allocations__ended_on__isnull=True), distinct=True
            )
        )
        .select_related("team")
        .order_by("team__name", "last_name")
    )


def unallocated_in_teams(team_ids: list[int]) -> QuerySet[Allocation]:
    return (
        Allocation.objects.filter(team_id__in=team_ids, ended_on__isnull=True, worker__isnull=True)
        .select_related("person", "team")
        .order_by("started_on")
    )


def open_episode_kinds(person_ids: list[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for pid, label in Episode.objects.filter(
        person_id__in=person_ids, ended_on__isnull=True
    ).values_list("person_id", "kind"):
        result.setdefault(pid, []).append(label)
    return result
