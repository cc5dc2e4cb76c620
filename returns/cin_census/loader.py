"""Read the record for a CIN census year into plain dataclasses (records.py): the only ORM code.

A fixed number of queries whatever the size of the authority (one per kind of row, each
filtered by a subquery of the year's child in need episodes), so it runs the same on SQLite and
PostgreSQL and needs no parameter lists.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet

from assessments.models import Assessment
from casework.choices import EpisodeKind
from casework.models import Episode
from front_door.models import Referral
from people.choices import PersonKind
from people.models import Person, PersonDisability
from protection.choices import ConferenceKind
from protection.models import (
    CategoryChange,
    CINPlan,
    Conference,
    CPPlan,
    ReviewConference,
    Section47,
)

from .config import census_period
from .records import (
    AssessmentRecord,
    CensusRecord,
    ChildRecord,
    CINPlanRecord,
    CPPlanRecord,
    EpisodeRecord,
    ReferralRecord,
    Section47Record,
)


def year_episodes(year: int) -> QuerySet[Episode]:
    """Child in need episodes open at any point in the collection year, on live child records."""
    start, end = census_period(year)
    return Episode.objects.filter(
        kind=EpisodeKind.CHILD_IN_NEED,
        started_on__lte=end,
        person__kind=PersonKind.CHILD,
        person__merged_into__isnull=True,
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))


def _group(rows: Any, key: str) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def load_record(year: int) -> CensusRecord:
    episodes = year_episodes(year)
    people = Person.objects.filter(pk__in=episodes.values("person_id"))
    plans = CPPlan.objects.filter(cin_episode__in=episodes)

    referrals: dict[int, ReferralRecord] = {}
    for r in (
        Referral.objects.filter(episode__in=episodes)
        .order_by("referral_date", "pk")
        .values("episode_id", "referral_date", "source", "primary_need", "nfa")
    ):
        referrals.setdefault(
            r["episode_id"],
            ReferralRecord(r["referral_date"], r["source"], r["primary_need"], r["nfa"]),
        )
    assessments = _group(
        Assessment.objects.filter(referral__episode__in=episodes)
        .order_by("started_on", "pk")
        .values("referral__episode_id", "started_on", "authorised_on", "factors"),
        "referral__episode_id",
    )
    cin_plans = _group(
        CINPlan.objects.filter(episode__in=episodes)
        .order_by("started_on", "pk")
        .values("episode_id", "started_on", "ended_on"),
        "episode_id",
    )
    section47s = _group(
        Section47.objects.filter(episode__in=episodes)
        .order_by("started_on", "pk")
        .values("episode_id", "started_on", "completed_on", "icpc_needed", "conference__held_on"),
        "episode_id",
    )
    transfer_ins = _group(
        Conference.objects.filter(kind=ConferenceKind.TRANSFER_IN, episode__in=episodes)
        .order_by("held_on", "pk")
        .values("episode_id", "held_on"),
        "episode_id",
    )
    changes = _group(
        CategoryChange.objects.filter(plan__in=plans)
        .order_by("changed_on", "pk")
        .values("plan_id", "changed_on", "to_category"),
        "plan_id",
    )
    reviews = _group(
        ReviewConference.objects.filter(plan__in=plans)
        .order_by("held_on", "pk")
        .values("plan_id", "held_on"),
        "plan_id",
    )
    cp_plans: dict[int, list[CPPlanRecord]] = defaultdict(list)
    for p in plans.order_by("started_on", "pk").values(
        "pk", "cin_episode_id", "started_on", "ended_on", "initial_category", "latest_category"
    ):
        cp_plans[p["cin_episode_id"]].append(
            CPPlanRecord(
                started_on=p["started_on"],
                initial_category=p["initial_category"],
                latest_category=p["latest_category"],
                ended_on=p["ended_on"],
                category_changes=tuple(
                    (c["changed_on"], c["to_category"]) for c in changes.get(p["pk"], [])
                ),
                review_dates=tuple(r["held_on"] for r in reviews.get(p["pk"], [])),
            )
        )
    cp_starts = _group(
        CPPlan.objects.filter(person__in=people).values("person_id", "started_on"), "person_id"
    )
    disabilities = _group(
        PersonDisability.objects.filter(person__in=people)
        .order_by("code")
        .values("person_id", "code"),
        "person_id",
    )

    episodes_by_person: dict[int, list[EpisodeRecord]] = defaultdict(list)
    for e in episodes.order_by("started_on", "pk").values(
        "pk", "person_id", "started_on", "ended_on", "closure_reason", "primary_need"
    ):
        pk = e["pk"]
        episodes_by_person[e["person_id"]].append(
            EpisodeRecord(
                started_on=e["started_on"],
                ended_on=e["ended_on"],
                closure_reason=e["closure_reason"],
                primary_need=e["primary_need"],
                referral=referrals.get(pk),
                assessments=tuple(
                    AssessmentRecord(
                        started_on=a["started_on"],
                        authorised_on=a["authorised_on"],
                        factors=tuple(str(f) for f in (a["factors"] or [])),
                    )
                    for a in assessments.get(pk, [])
                ),
                cin_plans=tuple(
                    CINPlanRecord(p["started_on"], p["ended_on"]) for p in cin_plans.get(pk, [])
                ),
                section47s=tuple(
                    Section47Record(
                        started_on=s["started_on"],
                        completed_on=s["completed_on"],
                        icpc_needed=s["icpc_needed"],
                        conference_on=s["conference__held_on"],
                    )
                    for s in section47s.get(pk, [])
                ),
                transfer_in_conferences=tuple(c["held_on"] for c in transfer_ins.get(pk, [])),
                cp_plans=tuple(cp_plans.get(pk, [])),
            )
        )

    children = []
    for row in people.order_by("pk").values(
        "pk",
        "sex",
        "ethnicity",
        "date_of_birth",
        "expected_date_of_birth",
        "date_of_death",
        "upn",
        "upn_unknown",
    ):
        pk = row["pk"]
        children.append(
            ChildRecord(
                person_id=pk,
                reference=Person(pk=pk).reference,
                sex=row["sex"],
                ethnicity=row["ethnicity"],
                date_of_birth=row["date_of_birth"],
                expected_date_of_birth=row["expected_date_of_birth"],
                date_of_death=row["date_of_death"],
                upn=row["upn"],
                upn_unknown=row["upn_unknown"],
                disabilities=tuple(d["code"] for d in disabilities.get(pk, [])),
                episodes=tuple(episodes_by_person.get(pk, [])),
                cp_plan_starts=tuple(sorted(c["started_on"] for c in cp_starts.get(pk, []))),
            )
        )
    return CensusRecord(year=year, children=tuple(children))
