"""Reads about people: search and likely duplicates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .identifiers import normalise_nhs_number
from .models import Person, SearchToken
from .names import query_token_groups, tokens_for


def search_people(
    base: QuerySet[Person],
    *,
    name: str = "",
    date_of_birth: datetime.date | None = None,
    nhs_number: str = "",
    upn: str = "",
) -> QuerySet[Person]:
    """Filter `base` (already limited to what the user may see) by any of the terms."""
    people = base
    if nhs_number:
        people = people.filter(nhs_number=normalise_nhs_number(nhs_number))
    if upn:
        people = people.filter(upn=upn.strip().upper())
    if date_of_birth:
        people = people.filter(
            Q(date_of_birth=date_of_birth) | Q(expected_date_of_birth=date_of_birth)
        )
    for group in query_token_groups(name):
        # Each word must match some name part, as written or as it sounds; order is free.
        people = people.filter(
            pk__in=SearchToken.objects.filter(token__in=group).values("person_id")
        )
    return people


def likely_duplicates(
    *,
    forename: str,
    surname: str,
    date_of_birth: datetime.date | None,
    nhs_number: str = "",
    kind: str | None = None,
    exclude_ids: Iterable[int] = (),
) -> list[Person]:
    """People who are probably the same: same NHS number, or names that sound alike
    with the same date of birth."""
    found: dict[int, Person] = {}
    nhs = normalise_nhs_number(nhs_number)
    active = Person.objects.active().exclude(pk__in=list(exclude_ids))
    if nhs:
        for p in active.filter(nhs_number=nhs):
            found[p.pk] = p
    if date_of_birth:
        sounds = {t for t in tokens_for(forename, surname) if t.startswith("s:")}
        if sounds:
            same_day = active.filter(date_of_birth=date_of_birth)
            if kind:
                same_day = same_day.filter(kind=kind)
            candidates = same_day.filter(
                pk__in=SearchToken.objects.filter(token__in=sounds).values("person_id")
            )
            surname_sound = {t for t in tokens_for(surname) if t.startswith("s:")}
            for p in candidates.prefetch_related("search_tokens"):
                tokens = {t.token for t in p.search_tokens.all()}
                if surname_sound & tokens or len(sounds & tokens) >= 2:
                    found[p.pk] = p
    return list(found.values())
