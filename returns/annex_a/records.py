"""Load what Annex A lists 1-7 need from the record, as plain rows (no model instances).

`load(as_of)` runs a fixed number of queries (chunked only for very large id lists) and returns
an `AnnexARecord` that the pure builder turns into the lists. Nothing dated after the
inspection date is loaded as having happened: the builder also blanks later dates, so a past
inspection date gives the lists as they stood that day.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from assessments.models import Assessment
from casework.choices import AllocationRole, EpisodeKind
from casework.models import Allocation, CaseNote, Episode
from front_door.models import Contact, EarlyHelpEpisode, Referral
from people.models import Person, PersonDisability
from protection.choices import ConferenceKind
from protection.models import (
    CategoryChange,
    CINPlan,
    CINVisit,
    Conference,
    CPPlan,
    CPVisit,
    ReviewConference,
    Section47,
)
from timescales import add_months

CHUNK = 5000


@dataclass(frozen=True)
class Child:
    pk: int
    reference: str
    sex: str
    ethnicity: str
    date_of_birth: datetime.date | None
    disability: str  # "yes", "no" or "unknown"


@dataclass(frozen=True)
class ContactRow:
    pk: int
    person_id: int | None
    received_on: datetime.date
    source: str
    typed_date_of_birth: datetime.date | None


@dataclass(frozen=True)
class EarlyHelpRow:
    pk: int
    person_id: int
    started_on: datetime.date
    ended_on: datetime.date | None
    assessment_started_on: datetime.date | None
    assessment_completed_on: datetime.date | None
    organisation: str


@dataclass(frozen=True)
class ReferralRow:
    pk: int
    person_id: int
    referral_date: datetime.date
    source: str
    nfa: bool


@dataclass(frozen=True)
class AssessmentRow:
    pk: int
    person_id: int
    started_on: datetime.date
    child_seen_on: datetime.date | None
    authorised_on: datetime.date | None
    outcome: str


@dataclass(frozen=True)
class S47Row:
    pk: int
    person_id: int
    started_on: datetime.date
    completed_on: datetime.date | None
    icpc_needed: bool | None
    icpc_on: datetime.date | None
    icpc_plan: bool | None


@dataclass(frozen=True)
class EpisodeRow:
    pk: int
    person_id: int
    started_on: datetime.date
    ended_on: datetime.date | None
    primary_need: str
    closure_reason: str


@dataclass(frozen=True)
class PlanRow:
    pk: int
    person_id: int
    started_on: datetime.date
    ended_on: datetime.date | None


@dataclass(frozen=True)
class CPPlanRow:
    pk: int
    person_id: int
    started_on: datetime.date
    ended_on: datetime.date | None
    initial_category: str


@dataclass(frozen=True)
class AllocationRow:
    person_id: int
    started_on: datetime.date
    ended_on: datetime.date | None
    pk: int
    team: str
    worker: str


@dataclass
class AnnexARecord:
    as_of: datetime.date
    children: dict[int, Child] = field(default_factory=dict)
    contacts: list[ContactRow] = field(default_factory=list)
    early_help: list[EarlyHelpRow] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)
    s47s: list[S47Row] = field(default_factory=list)
    # Initial conferences (not transfer-in): (person_id, held_on, section47_id).
    icpcs: list[tuple[int, datetime.date, int]] = field(default_factory=list)
    cin_episodes: list[EpisodeRow] = field(default_factory=list)
    cp_plans: list[CPPlanRow] = field(default_factory=list)
    # Start dates of every CP plan of the children in List 7 (for previous-plan counts).
    cp_plan_starts: dict[int, list[datetime.date]] = field(default_factory=dict)
    # (plan_id, changed_on, to_category) in date order.
    category_changes: list[tuple[int, datetime.date, str]] = field(default_factory=list)
    last_review: dict[int, datetime.date] = field(default_factory=dict)
    # plan_id -> (visited_on, seen_alone) of the latest visit on or before the date.
    last_cp_visit: dict[int, tuple[datetime.date, bool]] = field(default_factory=dict)
    last_seen: dict[int, datetime.date] = field(default_factory=dict)
    # Open on the inspection date, per child: for List 6 case status.
    looked_after_on_date: set[int] = field(default_factory=set)
    cp_plan_on_date: set[int] = field(default_factory=set)
    cin_plan_on_date: set[int] = field(default_factory=set)
    assessment_on_date: set[int] = field(default_factory=set)
    allocations: list[AllocationRow] = field(default_factory=list)


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(set(ids))
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _in_chunks(qs: QuerySet[Any], field_name: str, ids: Iterable[int]) -> Iterator[Any]:
    for chunk in _chunks(ids):
        yield from qs.filter(**{f"{field_name}__in": chunk})


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def open_on(day: datetime.date) -> Q:
    """Started on or before `day` and not ended before it."""
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


def load(as_of: datetime.date) -> AnnexARecord:
    six = add_months(as_of, -6)
    year_before_six = add_months(six, -12)
    rec = AnnexARecord(as_of=as_of)

    # List 1: contacts received in the window (unmatched contacts have no person).
    contacts = Contact.objects.filter(
        received_at__gte=_day_start(six), received_at__lt=_day_start(as_of + datetime.timedelta(1))
    ).values_list("pk", "person_id", "received_at", "source", "child_date_of_birth")
    rec.contacts = [
        ContactRow(pk, person, timezone.localdate(at), source, dob)
        for pk, person, at, source, dob in contacts
    ]

    # List 2: early help assessments started in the window, and episodes open on the date.
    rec.early_help = [
        EarlyHelpRow(*row)
        for row in EarlyHelpEpisode.objects.filter(started_on__lte=as_of)
        .filter(
            Q(assessment_started_on__gte=six, assessment_started_on__lte=as_of) | open_on(as_of)
        )
        .values_list(
            "pk",
            "person_id",
            "started_on",
            "ended_on",
            "assessment_started_on",
            "assessment_completed_on",
            "organisation",
        )
    ]

    # List 3: referrals in the window, and the 12 months before it for the counts.
    rec.referrals = [
        ReferralRow(*row)
        for row in Referral.objects.filter(
            referral_date__gte=year_before_six, referral_date__lte=as_of
        ).values_list("pk", "person_id", "referral_date", "source", "nfa")
    ]

    # List 4: assessments open at any point in the window.
    rec.assessments = [
        AssessmentRow(*row)
        for row in Assessment.objects.filter(started_on__lte=as_of)
        .filter(Q(authorised_on__isnull=True) | Q(authorised_on__gte=six))
        .values_list("pk", "person_id", "started_on", "child_seen_on", "authorised_on", "outcome")
    ]

    # List 5: enquiries started in the window or open at its start, plus the 12 months before
    # the window for the counts; and initial conferences over the same span.
    rec.s47s = [
        S47Row(*row)
        for row in Section47.objects.filter(started_on__lte=as_of)
        .filter(
            Q(started_on__gte=year_before_six)
            | Q(completed_on__isnull=True)
            | Q(completed_on__gte=six)
        )
        .values_list(
            "pk",
            "person_id",
            "started_on",
            "completed_on",
            "icpc_needed",
            "conference__held_on",
            "conference__plan_made",
        )
    ]
    rec.icpcs = list(
        Conference.objects.filter(
            kind=ConferenceKind.INITIAL, held_on__gte=year_before_six, held_on__lte=as_of
        ).values_list("person_id", "held_on", "section47_id")
    )

    # List 6: CIN episodes open at any point in the window, except referrals closed with no
    # further action (children who were only referred).
    nfa = Referral.objects.filter(episode=OuterRef("pk"), nfa=True)
    rec.cin_episodes = [
        EpisodeRow(*row)
        for row in Episode.objects.filter(kind=EpisodeKind.CHILD_IN_NEED, started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=six))
        .exclude(Exists(nfa))
        .values_list("pk", "person_id", "started_on", "ended_on", "primary_need", "closure_reason")
    ]
    cin_people = {e.person_id for e in rec.cin_episodes}
    rec.looked_after_on_date = set(
        Episode.objects.filter(open_on(as_of), kind=EpisodeKind.LOOKED_AFTER).values_list(
            "person_id", flat=True
        )
    )
    rec.cp_plan_on_date = set(
        CPPlan.objects.filter(open_on(as_of)).values_list("person_id", flat=True)
    )
    rec.cin_plan_on_date = set(
        CINPlan.objects.filter(open_on(as_of)).values_list("person_id", flat=True)
    )
    rec.assessment_on_date = set(
        Assessment.objects.filter(started_on__lte=as_of)
        .filter(Q(authorised_on__isnull=True) | Q(authorised_on__gt=as_of))
        .values_list("person_id", flat=True)
    )
    rec.last_seen = _last_seen(cin_people, as_of)

    # List 7: plans open on the date or ended in the window.
    rec.cp_plans = [
        CPPlanRow(*row)
        for row in CPPlan.objects.filter(started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=six))
        .values_list("pk", "person_id", "started_on", "ended_on", "initial_category")
    ]
    plan_ids = [p.pk for p in rec.cp_plans]
    for person_id, started_on in _in_chunks(
        CPPlan.objects.values_list("person_id", "started_on"),
        "person_id",
        {p.person_id for p in rec.cp_plans},
    ):
        rec.cp_plan_starts.setdefault(person_id, []).append(started_on)
    changes = sorted(
        _in_chunks(
            CategoryChange.objects.filter(changed_on__lte=as_of).values_list(
                "plan_id", "changed_on", "pk", "to_category"
            ),
            "plan_id",
            plan_ids,
        )
    )
    rec.category_changes = [(plan, day, category) for plan, day, _pk, category in changes]
    rec.last_review = dict(
        _in_chunks(
            ReviewConference.objects.filter(held_on__lte=as_of)
            .values("plan_id")
            .annotate(last=Max("held_on"))
            .values_list("plan_id", "last"),
            "plan_id",
            plan_ids,
        )
    )
    visits = sorted(
        _in_chunks(
            CPVisit.objects.filter(visited_on__lte=as_of).values_list(
                "plan_id", "visited_on", "pk", "seen_alone"
            ),
            "plan_id",
            plan_ids,
        )
    )
    for plan_id, visited_on, _pk, alone in visits:
        rec.last_cp_visit[plan_id] = (visited_on, alone)

    # The children, their disability and who they were allocated to on the date.
    people = (
        {c.person_id for c in rec.contacts if c.person_id is not None}
        | {e.person_id for e in rec.early_help}
        | {r.person_id for r in rec.referrals}
        | {a.person_id for a in rec.assessments}
        | {s.person_id for s in rec.s47s}
        | cin_people
        | {p.person_id for p in rec.cp_plans}
    )
    rec.children = _children(people)
    rec.allocations = [
        AllocationRow(pid, start, end, pk, team or "", _name(first, last, username))
        for pid, start, end, pk, team, first, last, username in _in_chunks(
            Allocation.objects.filter(
                open_on(as_of), role=AllocationRole.SOCIAL_WORKER
            ).values_list(
                "person_id",
                "started_on",
                "ended_on",
                "pk",
                "team__name",
                "worker__first_name",
                "worker__last_name",
                "worker__username",
            ),
            "person_id",
            people,
        )
    ]
    return rec


def _name(first: str | None, last: str | None, username: str | None) -> str:
    full = f"{first or ''} {last or ''}".strip()
    return full or (username or "")


def _children(ids: set[int]) -> dict[int, Child]:
    codes: dict[int, set[str]] = {}
    for person_id, code in _in_chunks(
        PersonDisability.objects.values_list("person_id", "code"), "person_id", ids
    ):
        codes.setdefault(person_id, set()).add(code)
    children = {}
    for pk, sex, ethnicity, dob in _in_chunks(
        Person.objects.values_list("pk", "sex", "ethnicity", "date_of_birth"), "pk", ids
    ):
        recorded = codes.get(pk)
        disability = "unknown" if not recorded else ("no" if recorded == {"NONE"} else "yes")
        children[pk] = Child(pk, f"{pk:07d}", sex, ethnicity, dob, disability)
    return children


def _last_seen(people: set[int], as_of: datetime.date) -> dict[int, datetime.date]:
    """The latest date each child was seen: assessments, CP and CIN visits, case notes."""
    sources: list[QuerySet[Any]] = [
        Assessment.objects.filter(child_seen_on__lte=as_of)
        .values("person_id")
        .annotate(last=Max("child_seen_on"))
        .values_list("person_id", "last"),
        CPVisit.objects.filter(seen=True, visited_on__lte=as_of)
        .values("plan__person_id")
        .annotate(last=Max("visited_on"))
        .values_list("plan__person_id", "last"),
        CINVisit.objects.filter(seen=True, visited_on__lte=as_of)
        .values("plan__person_id")
        .annotate(last=Max("visited_on"))
        .values_list("plan__person_id", "last"),
        CaseNote.objects.filter(child_seen=True, occurred_on__lte=as_of)
        .values("person_id")
        .annotate(last=Max("occurred_on"))
        .values_list("person_id", "last"),
    ]
    fields = ["person_id", "plan__person_id", "plan__person_id", "person_id"]
    seen: dict[int, datetime.date] = {}
    for qs, name in zip(sources, fields, strict=True):
        for person_id, last in _in_chunks(qs, name, people):
            if last is not None and (person_id not in seen or last > seen[person_id]):
                seen[person_id] = last
    return seen
