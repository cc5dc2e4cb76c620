"""Child in need plans for open children in need whose assessment decided on one.

The families and protection journeys give every open child in need an authorised assessment,
most with the outcome "CIN plan", but only the children routed through the protection journeys
get a plan. This starts the plan for the rest, through `protection.actions`, a few working days
after the assessment was authorised (mostly within the 10 working days of A3, some late), and
records a realistic recent pattern that keeps the load small: one or two outcomes, the last
visit or two (the latest 0 to 35 working days ago, so some A5 visit clocks are overdue) and, for
plans open long enough, the latest review (mostly within 3 months, some overdue: A4).

Children on a child protection plan or looked after on `today` are left alone: they are on
those plans instead.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from dataclasses import dataclass, field

from accounts.models import User
from assessments.choices import Outcome
from assessments.models import Assessment
from casework.choices import EpisodeKind
from casework.events import attempt, bulk_transaction
from casework.models import Allocation, Episode
from csc.errors import ActionError
from protection import actions
from protection.models import CINPlan, CPPlan
from timescales import WorkingDayCalendar, add_months, load_calendar

DAY = datetime.timedelta(days=1)
PLANS_PER_TRANSACTION = 200

OUTCOMES = (
    ("Child attends school at least 95% of the time", "Parents and school"),
    ("Child's health and dental appointments are kept", "Parents and health visitor"),
    ("Parents use the family support offered to manage routines", "Parents, with family support"),
    ("Child has a safe, consistent bedtime routine", "Parents"),
    ("Parent engages with the mental health service", "Parent, with their GP"),
)


@dataclass
class CINPlanStats:
    plans: int = 0
    visits: int = 0
    reviews: int = 0
    refused: list[str] = field(default_factory=list)


def _weekday_on_or_before(day: datetime.date, cal: WorkingDayCalendar) -> datetime.date:
    while not cal.is_working_day(day):
        day -= DAY
    return day


def _working_days_before(day: datetime.date, n: int, cal: WorkingDayCalendar) -> datetime.date:
    """The working day n working days before `day` (a working day itself when n is 0)."""
    day = _weekday_on_or_before(day, cal)
    while n > 0:
        day -= DAY
        if cal.is_working_day(day):
            n -= 1
    return day


def _candidates(today: datetime.date) -> list[tuple[Assessment, Episode]]:
    """The latest authorised assessment of each open child in need episode whose outcome is a
    CIN plan, for children with no CIN plan in that episode, no open CP plan and no open
    looked-after episode on `today`."""
    open_cin = Episode.objects.filter(kind=EpisodeKind.CHILD_IN_NEED, ended_on__isnull=True)
    looked_after = Episode.objects.filter(
        kind=EpisodeKind.LOOKED_AFTER, started_on__lte=today, ended_on__isnull=True
    ).values("person_id")
    on_cp_plan = CPPlan.objects.filter(ended_on__isnull=True).values("person_id")
    with_cin_plan = CINPlan.objects.values("episode_id")
    latest: dict[int, Assessment] = {}
    assessments = (
        Assessment.objects.filter(
            authorised_on__isnull=False,
            authorised_on__lte=today,
            referral__episode__in=open_cin,
        )
        .exclude(person_id__in=looked_after)
        .exclude(person_id__in=on_cp_plan)
        .exclude(referral__episode_id__in=with_cin_plan)
        .select_related("referral__episode", "person")
        .order_by("referral__episode_id", "authorised_on", "pk")
    )
    for assessment in assessments:
        latest[assessment.referral.episode_id] = assessment
    return [
        (a, a.referral.episode)
        for _, a in sorted(latest.items())
        if a.outcome == Outcome.CIN_PLAN
        and a.authorised_on is not None
        and a.referral.episode.started_on <= a.authorised_on
    ]


def record_cin_plans(*, rng: random.Random, today: datetime.date) -> CINPlanStats:
    """Start and keep up a CIN plan for each candidate (see the module docstring). A plan an
    action refuses (for example, an earlier CP plan ending after the start date) is skipped and
    listed in `stats.refused`."""
    cal = load_calendar()
    stats = CINPlanStats()
    candidates = _candidates(today)
    workers: dict[int, User | None] = {}
    for allocation in (
        Allocation.objects.filter(
            person_id__in=[a.person_id for a, _ in candidates], ended_on__isnull=True
        )
        .select_related("worker")
        .order_by("started_on", "pk")
    ):
        if allocation.worker is not None:
            workers[allocation.person_id] = allocation.worker
    for start in range(0, len(candidates), PLANS_PER_TRANSACTION):
        with bulk_transaction():
            for assessment, _episode in candidates[start : start + PLANS_PER_TRANSACTION]:
                actor = workers.get(assessment.person_id)
                before = dataclasses.replace(stats)
                try:
                    with attempt():
                        _plan(rng, cal, assessment, actor, today, stats)
                except ActionError as exc:
                    stats = before  # the plan was rolled back, so its counts go too
                    stats.refused.append(f"{assessment.person_id}: {exc}")
    return stats


def _plan(
    rng: random.Random,
    cal: WorkingDayCalendar,
    assessment: Assessment,
    actor: User | None,
    today: datetime.date,
    stats: CINPlanStats,
) -> None:
    authorised = assessment.authorised_on
    assert authorised is not None
    # Mostly within A3's 10 working days; some late.
    wd = rng.randint(0, 10) if rng.random() < 0.85 else rng.randint(11, 15)
    started = cal.add_working_days(authorised, wd)
    if started > today:
        return  # not started yet: A3 is still running
    plan = actions.start_cin_plan(
        actor=actor, person=assessment.person, started_on=started, today=today, check_access=False
    )
    stats.plans += 1
    for what, who in rng.sample(OUTCOMES, 1 if rng.random() < 0.6 else 2):
        actions.add_outcome(
            actor=actor,
            plan=plan,
            what_must_change=what,
            by_when=add_months(started, rng.choice([3, 6])),
            responsible=who,
            check_access=False,
        )
    # The latest visit: 0-35 working days ago, about a fifth more than A5's 20.
    ago = rng.randint(0, 20) if rng.random() < 0.75 else rng.randint(21, 35)
    last_visit = _working_days_before(today, ago, cal)
    if last_visit >= started:
        earlier = _working_days_before(last_visit, rng.choice([10, 15, 20, 20, 25]), cal)
        for day in (earlier, last_visit):
            if day < started:
                continue
            # The latest visit saw the child; now and then an earlier one did not.
            seen = day == last_visit or rng.random() < 0.92
            actions.record_cin_visit(
                actor=actor,
                plan=plan,
                visited_on=day,
                seen=seen,
                seen_alone=seen and rng.random() < 0.7,
                note="Visit at home.",
                today=today,
                check_access=False,
            )
            stats.visits += 1
    elif started < today and rng.random() < 0.5:
        # A recent plan: the first visit a few days in.
        first = min(today, cal.add_working_days(started, rng.randint(1, 5)))
        actions.record_cin_visit(
            actor=actor,
            plan=plan,
            visited_on=first,
            seen=True,
            seen_alone=rng.random() < 0.7,
            note="First visit under the plan.",
            today=today,
            check_access=False,
        )
        stats.visits += 1
    # The latest review: within the last 3 months for most plans open long enough, some older.
    if add_months(started, 2) <= today:
        months_ago = rng.uniform(0, 2.9) if rng.random() < 0.82 else rng.uniform(3.1, 5)
        review = _weekday_on_or_before(today - DAY * round(months_ago * 30.4), cal)
        if started < review <= today:
            actions.record_cin_review(
                actor=actor,
                plan=plan,
                held_on=review,
                notes="Plan reviewed with the family.",
                today=today,
                check_access=False,
            )
            stats.reviews += 1
