"""Synthetic child protection and child in need journeys for the demo authority.

Everything is written through `protection.actions` (with `check_access=False`: the demo is the
system), so the records, events and clocks are exactly what real use produces. The demo loader
should wrap calls in `casework.events.deferred_refresh()` so each child's clocks are recomputed
once at the end.

- `record_journeys(...)` spreads journeys over many children at roughly the rates of a large
  authority at scale 1: about 1,000 s47 enquiries and 300 initial conferences a year, most
  conferences within 15 working days, and about 196 children on plans on `today` (the mix of
  plan lengths gives some open 18 months or more and a few open 2 years or more, when the
  children's referrals are old enough). Many other children in need get a CIN plan with reviews
  and visits, and some episodes close with an RC code.
- `record_full_journey(...)` records one complete journey (strategy discussion → s47 → ICPC →
  CP plan → core groups → visits → review ending the plan → step-down CIN plan → closure). Tests
  use it.

The children passed in must each have an open child in need episode (from their referral) and
no child protection episode of their own: this module opens and closes CP episodes itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from accounts.models import User
from assessments.models import Assessment
from casework.actions import end_allocation
from casework.choices import ClosureReason
from casework.events import attempt
from casework.models import Allocation, Episode
from csc.errors import ActionError
from people.models import Person
from timescales import WorkingDayCalendar, add_months, load_calendar

from . import actions
from .choices import (
    AbuseCategory,
    Agency,
    CINPlanEndReason,
    CPPlanEndReason,
    ProgressRating,
    ReviewDecision,
    S47Outcome,
    StrategyDecision,
)
from .models import CINPlan, CPPlan

DAY = datetime.timedelta(days=1)
# Rates per year at scale 1 (a large authority; DfE CIN census orders of magnitude).
S47_PER_YEAR = 1000
ICPC_PER_YEAR = 300
# Share of initial conferences that decide on a plan.
PLAN_RATE = 0.85
CATEGORY_WEIGHTS = {"NEG": 50, "EMO": 35, "PHY": 7, "SAB": 4, "MUL": 4}


@dataclass(frozen=True)
class DemoChild:
    """A child with an open CIN episode from a referral, and their allocated worker."""

    person: Person
    episode: Episode
    referral_date: datetime.date
    worker: User | None


@dataclass
class DemoStats:
    strategy_discussions: int = 0
    s47s: int = 0
    icpcs: int = 0
    cp_plans: int = 0
    open_cp_plans: int = 0
    cin_plans: int = 0
    closures: int = 0
    refused: list[str] = field(default_factory=list)


@dataclass
class Journey:
    """What `record_full_journey` created."""

    cp_plan: CPPlan | None
    cin_plan: CINPlan | None
    closed: bool


def _weekday(day: datetime.date, cal: WorkingDayCalendar) -> datetime.date:
    while not cal.is_working_day(day):
        day += DAY
    return day


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _category(rng: random.Random) -> str:
    return rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]


def _attendees(rng: random.Random, full: bool) -> list[actions.Attendee]:
    agencies = [Agency.SOCIAL_CARE, Agency.POLICE, Agency.HEALTH, Agency.EDUCATION]
    if not full:
        agencies = [a for a in agencies if a == Agency.SOCIAL_CARE or rng.random() < 0.4]
    notes = {
        Agency.SOCIAL_CARE: "History of referrals and the current concerns summarised.",
        Agency.POLICE: "Police checks on the adults in the household shared.",
        Agency.HEALTH: "Health visitor and GP records checked; missed appointments noted.",
        Agency.EDUCATION: "Attendance and the school's observations of the child shared.",
    }
    return [actions.Attendee(agency=a, name="", information_shared=notes[a]) for a in agencies]


def _progress_round(
    rng: random.Random, plan: CPPlan | CINPlan, on: datetime.date, actor: User | None, stuck: bool
) -> None:
    for outcome in plan.outcomes.all():
        rating = ProgressRating.NONE if stuck else rng.choice(list(ProgressRating)[:3])
        actions.record_progress(
            actor=actor,
            outcome=outcome,
            recorded_on=on,
            rating=rating,
            note="Reviewed with the family and the core group.",
            today=on,
            check_access=False,
        )


def _add_outcomes(rng: random.Random, plan: CPPlan | CINPlan, actor: User | None) -> None:
    texts = [
        (
            "Parents keep the home safe and clean enough for the children",
            "Parents, with family support worker",
        ),
        ("Child attends school at least 95% of the time", "Parents and school"),
        ("Parent engages with substance misuse service", "Parent, with the recovery service"),
        ("Child's health appointments are kept", "Parents and health visitor"),
    ]
    for what, who in rng.sample(texts, rng.randint(2, 3)):
        actions.add_outcome(
            actor=actor,
            plan=plan,
            what_must_change=what,
            by_when=add_months(plan.started_on, rng.choice([3, 6])),
            responsible=who,
            check_access=False,
        )


def _cp_plan_life(
    rng: random.Random,
    cal: WorkingDayCalendar,
    plan: CPPlan,
    *,
    end_by: datetime.date,
    today: datetime.date,
    actor: User | None,
    chairs: Sequence[User],
) -> None:
    """Core groups, visits and reviews from the plan start to `end_by` (or today, if open)."""
    _add_outcomes(rng, plan, actor)
    stuck = rng.random() < 0.15  # plans that drift: no progress recorded at reviews
    horizon = min(end_by, today)
    # Core groups: first within 10 WD mostly, then every 4-6 weeks, with occasional gaps.
    first = cal.add_working_days(
        plan.started_on, 10 if rng.random() < 0.88 else rng.randint(11, 16)
    )
    day = first
    while day <= horizon:
        actions.record_core_group(
            actor=actor,
            plan=plan,
            held_on=day,
            attendees="Parents, school, health visitor",
            notes="Plan reviewed by the core group.",
            today=today,
            check_access=False,
        )
        day = _weekday(day + datetime.timedelta(weeks=rng.choice([4, 5, 6, 6, 8])), cal)
    # Visits: every 10 working days mostly.
    day = cal.add_working_days(plan.started_on, rng.randint(2, 8))
    while day <= horizon:
        seen = rng.random() < 0.95
        actions.record_cp_visit(
            actor=actor,
            plan=plan,
            visited_on=day,
            seen=seen,
            seen_alone=seen and rng.random() < 0.7,
            home_seen=rng.random() < 0.9,
            bedroom_seen=rng.random() < 0.6,
            note="Visit to the family home.",
            today=today,
            check_access=False,
        )
        day = cal.add_working_days(day, rng.choice([8, 9, 10, 10, 10, 12, 15, 20]))
    # Reviews: 3 months, then 6-monthly; a few late. The one on or after end_by ends the plan.
    review = _weekday(add_months(plan.started_on, 3) - DAY * rng.randint(0, 10), cal)
    if rng.random() < 0.1:
        review = _weekday(review + DAY * rng.randint(5, 20), cal)
    while review <= today:
        ending = review >= end_by
        category = plan.latest_category if rng.random() < 0.9 else _category(rng)
        _progress_round(rng, plan, review, actor, stuck)
        actions.record_review_conference(
            actor=actor,
            plan=plan,
            held_on=review,
            chair=rng.choice(chairs),
            decision=ReviewDecision.END if ending else ReviewDecision.CONTINUE,
            category=category,
            notes="Conference considered the reports and the child's views.",
            end_reason=rng.choice(
                [CPPlanEndReason.NO_LONGER_AT_RISK, CPPlanEndReason.STEP_DOWN_CIN]
            )
            if ending
            else "",
            today=today,
            check_access=False,
        )
        if ending:
            return
        review = _weekday(add_months(review, 6) - DAY * rng.randint(0, 14), cal)


def _cin_plan_life(
    rng: random.Random,
    cal: WorkingDayCalendar,
    plan: CINPlan,
    *,
    end_by: datetime.date,
    today: datetime.date,
    actor: User | None,
) -> None:
    _add_outcomes(rng, plan, actor)
    horizon = min(end_by, today)
    day = cal.add_working_days(plan.started_on, rng.randint(3, 15))
    while day <= horizon:
        seen = rng.random() < 0.93
        actions.record_cin_visit(
            actor=actor,
            plan=plan,
            visited_on=day,
            seen=seen,
            seen_alone=seen and rng.random() < 0.55,
            note="Visit at home.",
            today=today,
            check_access=False,
        )
        day = cal.add_working_days(day, rng.choice([15, 20, 20, 20, 25, 30, 40]))
    review = _weekday(add_months(plan.started_on, 3) + DAY * rng.randint(-7, 14), cal)
    while review <= horizon:
        _progress_round(rng, plan, review, actor, rng.random() < 0.1)
        actions.record_cin_review(
            actor=actor,
            plan=plan,
            held_on=review,
            notes="Plan reviewed with the family.",
            today=today,
            check_access=False,
        )
        review = _weekday(add_months(review, 3) + DAY * rng.randint(-7, 14), cal)
    if end_by <= today:
        actions.end_cin_plan(
            actor=actor,
            plan=plan,
            ended_on=max(end_by, plan.started_on),
            reason=CINPlanEndReason.NEEDS_MET,
            today=today,
            check_access=False,
        )


def record_full_journey(
    *,
    person: Person,
    worker: User | None,
    chair: User,
    start: datetime.date,
    today: datetime.date,
    plan_months: int = 3,
    close: bool = True,
    rng: random.Random | None = None,
) -> Journey:
    """One child's whole journey from a strategy discussion on `start` (a working day after
    the referral). The CP plan ends at the first review (`plan_months` after the conference),
    a CIN plan follows, and the case closes with RC7 three months later if `close`."""
    rng = rng or random.Random(person.pk)
    cal = load_calendar()
    start = _weekday(start, cal)
    discussion = actions.record_strategy_discussion(
        actor=worker,
        person=person,
        held_at=_at(start, 10),
        decision=StrategyDecision.S47_JOINT,
        rationale="Injury to the child with an inconsistent explanation: joint enquiry needed.",
        attendees=_attendees(rng, full=True),
        actions=[actions.AgreedAction("Police checks on all adults", "Police", start + 2 * DAY)],
        today=today,
        check_access=False,
    )
    s47 = discussion.section47
    actions.conclude_section47(
        actor=worker,
        section47=s47,
        outcome=S47Outcome.SUBSTANTIATED,
        icpc_needed=True,
        completed_on=start + 5 * DAY,
        today=today,
        check_access=False,
    )
    icpc = cal.add_working_days(start, 12)
    conference = actions.record_conference(
        actor=worker,
        section47=s47,
        held_on=icpc,
        chair=chair,
        child_views="Says they feel safe at school and worried at home.",
        child_views_how="Seen alone at school with a trusted teacher.",
        plan_made=True,
        category=AbuseCategory.PHY,
        attendance=[actions.Attendance(a) for a in Agency.values],
        contingency_plan="If there is a further injury, a strategy discussion the same day.",
        today=today,
        check_access=False,
    )
    plan = CPPlan.objects.get(conference=conference)
    # Ends at the first review conference on or after this day (reviews fall up to 10 days
    # before the 3-month mark).
    end_by = add_months(icpc, plan_months) - 15 * DAY
    _cp_plan_life(rng, cal, plan, end_by=end_by, today=today, actor=worker, chairs=[chair])
    plan.refresh_from_db()
    cin = None
    closed = False
    if plan.ended_on is not None and plan.ended_on <= today:
        cin = actions.start_cin_plan(
            actor=worker,
            person=person,
            started_on=plan.ended_on,
            today=today,
            check_access=False,
        )
        close_on = add_months(plan.ended_on, 3)
        _cin_plan_life(rng, cal, cin, end_by=close_on, today=today, actor=worker)
        episode = actions.open_cin_episode(person)
        if close and close_on <= today and episode is not None:
            actions.close_cin_episode(
                actor=worker,
                episode=episode,
                ended_on=close_on,
                closure_reason=ClosureReason.RC7,
                today=today,
                check_access=False,
            )
            _case_closed(person, close_on, actor=worker)
            closed = True
        cin.refresh_from_db()
    return Journey(cp_plan=plan, cin_plan=cin, closed=closed)


def _plan_length_months(rng: random.Random) -> int:
    """Most plans end within a year; some last 18 months or more, a few over 2 years."""
    return rng.choices([4, 7, 10, 14, 19, 26], weights=[22, 28, 22, 14, 10, 4])[0]


def record_journeys(
    *,
    rng: random.Random,
    today: datetime.date,
    children: Sequence[DemoChild],
    chairs: Sequence[User],
    scale: float = 1.0,
) -> DemoStats:
    """Record s47, conference, CP and CIN journeys for `children` (see the module docstring).

    The number of enquiries aims at `S47_PER_YEAR * scale` per year of history covered by the
    children's referral dates (at most 3 years); a journey that an action refuses (for example,
    dates that no longer fit) is skipped and listed in `stats.refused`.
    """
    cal = load_calendar()
    stats = DemoStats()
    eligible = [
        c for c in children if c.referral_date <= today - 14 * DAY and c.episode.ended_on is None
    ]
    if not eligible or not chairs:
        return stats
    earliest = min(c.referral_date for c in eligible)
    years = min(3.0, max(1.0, (today - earliest).days / 365.25))
    p_s47 = min(0.8, S47_PER_YEAR * scale * years / len(eligible))
    p_icpc = ICPC_PER_YEAR / S47_PER_YEAR
    for child in eligible:
        before = dataclasses.replace(stats)
        try:
            with attempt():
                if rng.random() < p_s47:
                    _protection_journey(rng, cal, child, today, chairs, p_icpc, stats)
                elif rng.random() < 0.55:
                    _cin_journey(rng, cal, child, today, stats)
        except ActionError as exc:
            stats = before  # the journey was rolled back, so its counts go too
            stats.refused.append(f"{child.person.pk}: {exc}")
    stats.open_cp_plans = CPPlan.objects.filter(
        person__in=[c.person for c in eligible], ended_on__isnull=True
    ).count()
    return stats


def record_plans(
    *,
    rng: random.Random,
    today: datetime.date,
    children: Sequence[DemoChild],
    chairs: Sequence[User],
    ends_between: tuple[datetime.date, datetime.date] | None = None,
) -> DemoStats:
    """A full journey for each child ending on a child protection plan still open on `today`
    (the demo's "on a plan" cohort): strategy discussion, s47, ICPC, plan, core groups,
    visits and reviews. Children whose conference would fall after `today` get as far as
    the dates allow. With `ends_between`, each plan is to end instead at the first review
    from a day in that range (then a child in need plan follows, often)."""
    cal = load_calendar()
    stats = DemoStats()
    for child in children:
        if child.episode.ended_on is not None or not chairs:
            continue
        ends_by = None
        if ends_between is not None:
            first, last = ends_between
            ends_by = first + DAY * rng.randint(0, max(0, (last - first).days))
        before = dataclasses.replace(stats)
        try:
            with attempt():
                _protection_journey(
                    rng,
                    cal,
                    child,
                    today,
                    chairs,
                    1.0,
                    stats,
                    force_plan=True,
                    plan_ends_by=ends_by,
                )
        except ActionError as exc:
            stats = before  # the journey was rolled back, so its counts go too
            stats.refused.append(f"{child.person.pk}: {exc}")
    stats.open_cp_plans = CPPlan.objects.filter(
        person__in=[c.person for c in children], ended_on__isnull=True
    ).count()
    return stats


def record_enquiry(
    rng: random.Random,
    cal: WorkingDayCalendar,
    child: DemoChild,
    *,
    today: datetime.date,
    latest: datetime.date,
    chairs: Sequence[User],
    conference: bool,
    stats: DemoStats,
) -> bool:
    """A strategy discussion and s47 enquiry that ends without a plan (most do), for an
    episode that closes on `latest`: the s47 concludes no conference is needed or, with
    `conference`, an initial conference decides against a plan. Nothing is recorded if it
    would not fit before `latest`; returns whether it was."""
    sd_day = _weekday(child.referral_date + DAY * rng.randint(0, 10), cal)
    completed = sd_day + DAY * rng.randint(3, 12)
    icpc = max(cal.add_working_days(sd_day, rng.randint(8, 15)), _weekday(completed, cal))
    if (icpc if conference else completed) > min(latest, today) or not chairs:
        return False
    discussion = actions.record_strategy_discussion(
        actor=child.worker,
        person=child.person,
        held_at=_at(sd_day, rng.randint(9, 16)),
        decision=StrategyDecision.S47_SINGLE if rng.random() < 0.6 else StrategyDecision.S47_JOINT,
        rationale="Reasonable cause to suspect the child is suffering significant harm.",
        attendees=_attendees(rng, rng.random() < 0.7),
        today=today,
        check_access=False,
    )
    actions.conclude_section47(
        actor=child.worker,
        section47=discussion.section47,
        outcome=S47Outcome.LIKELY_HARM
        if conference
        else rng.choice([S47Outcome.NOT_SUBSTANTIATED, S47Outcome.SUBSTANTIATED]),
        icpc_needed=conference,
        completed_on=completed,
        icpc_not_needed_reason=""
        if conference
        else "Risks can be managed with the family's agreement and support.",
        today=today,
        check_access=False,
    )
    stats.strategy_discussions += 1
    stats.s47s += 1
    if conference:
        actions.record_conference(
            actor=child.worker,
            section47=discussion.section47,
            held_on=icpc,
            chair=rng.choice(chairs),
            child_views="Told the social worker about home and school.",
            child_views_how="Seen alone at school",
            plan_made=False,
            attendance=[
                actions.Attendance(a, True, rng.random() < 0.7)
                for a in Agency.values
                if a != Agency.OTHER
            ],
            today=today,
            check_access=False,
        )
        stats.icpcs += 1
    return True


def _protection_journey(
    rng: random.Random,
    cal: WorkingDayCalendar,
    child: DemoChild,
    today: datetime.date,
    chairs: Sequence[User],
    p_icpc: float,
    stats: DemoStats,
    force_plan: bool = False,
    plan_ends_by: datetime.date | None = None,
) -> None:
    actor = child.worker
    sd_day = _weekday(child.referral_date + DAY * rng.randint(0, 15), cal)
    if sd_day > today:
        return
    full = rng.random() < 0.75
    decision = StrategyDecision.S47_JOINT if rng.random() < 0.5 else StrategyDecision.S47_SINGLE
    discussion = actions.record_strategy_discussion(
        actor=actor,
        person=child.person,
        held_at=_at(sd_day, rng.randint(9, 16)),
        decision=decision,
        rationale="Reasonable cause to suspect the child is suffering significant harm.",
        attendees=_attendees(rng, full),
        actions=[
            actions.AgreedAction(
                "See the child within 24 hours", "Allocated social worker", sd_day + DAY
            ),
            actions.AgreedAction("Share health records", "Health", sd_day + 3 * DAY),
        ],
        today=today,
        check_access=False,
    )
    stats.strategy_discussions += 1
    stats.s47s += 1
    for act in discussion.actions.all():
        done = act.deadline + DAY * rng.choice([0, 0, 0, 1, 3])
        if done <= today and rng.random() < 0.9:
            actions.complete_strategy_action(
                actor=actor, action=act, completed_on=done, today=today, check_access=False
            )
    s47 = discussion.section47
    needed = force_plan or rng.random() < p_icpc / 0.95
    completed = sd_day + DAY * rng.randint(3, 14)
    if completed > today:
        return
    actions.conclude_section47(
        actor=actor,
        section47=s47,
        outcome=S47Outcome.LIKELY_HARM
        if needed
        else rng.choice([S47Outcome.NOT_SUBSTANTIATED, S47Outcome.SUBSTANTIATED]),
        icpc_needed=needed,
        completed_on=completed,
        icpc_not_needed_reason="" if needed else "Risks can be managed under a child in need plan.",
        today=today,
        check_access=False,
    )
    if not needed:
        if rng.random() < 0.6:
            _cin_journey(rng, cal, child, today, stats, start=completed)
        return
    wd = rng.randint(8, 15) if rng.random() < 0.82 else rng.randint(16, 25)
    icpc = max(cal.add_working_days(sd_day, wd), _weekday(completed, cal))
    if icpc > today:
        return
    plan_made = force_plan or rng.random() < PLAN_RATE
    category = _category(rng)
    conference = actions.record_conference(
        actor=actor,
        section47=s47,
        held_on=icpc,
        chair=rng.choice(chairs),
        child_views="Told the social worker what life at home is like.",
        child_views_how=rng.choice(
            ["Seen alone at school", "Through an advocate", "Three houses tool at home"]
        ),
        plan_made=plan_made,
        category=category if plan_made else "",
        attendance=[
            actions.Attendance(a, True, rng.random() < 0.7)
            for a in Agency.values
            if a != Agency.OTHER
        ],
        contingency_plan="Strategy discussion the same day if the plan is not followed.",
        today=today,
        check_access=False,
    )
    stats.icpcs += 1
    if not plan_made:
        return
    plan = CPPlan.objects.get(conference=conference)
    stats.cp_plans += 1
    end_by = add_months(icpc, _plan_length_months(rng))
    if plan_ends_by is not None:
        end_by = max(plan_ends_by, icpc + DAY)  # ends at the first review from then
    elif force_plan:
        end_by = max(end_by, today + 365 * DAY)  # still on the plan on `today`
    _cp_plan_life(rng, cal, plan, end_by=end_by, today=today, actor=actor, chairs=chairs)
    plan.refresh_from_db()
    if plan.ended_on is not None and rng.random() < 0.6:
        _cin_journey(rng, cal, child, today, stats, start=plan.ended_on)


def _case_closed(person: Person, ended_on: datetime.date, *, actor: User | None) -> None:
    """The child leaves the worker's caseload when their last open case closes."""
    if Episode.objects.filter(person=person, ended_on__isnull=True).exists():
        return
    for allocation in Allocation.objects.filter(person=person, ended_on__isnull=True):
        end_allocation(
            actor=actor,
            allocation=allocation,
            ended_on=max(ended_on, allocation.started_on),
            reason="Case closed",
        )


def _cin_journey(
    rng: random.Random,
    cal: WorkingDayCalendar,
    child: DemoChild,
    today: datetime.date,
    stats: DemoStats,
    start: datetime.date | None = None,
) -> None:
    start = start or child.referral_date + DAY * rng.randint(20, 50)
    # The plan follows the authorised assessment (A3: mostly within 10 working days), not
    # before it.
    authorised = (
        # By person first: the planner then reads the child's few assessments by index
        # rather than scanning every assessment for the episode's.
        Assessment.objects.filter(
            person=child.person, referral__episode=child.episode, authorised_on__isnull=False
        )
        .order_by("authorised_on")
        .values_list("authorised_on", flat=True)
        .first()
    )
    if authorised is not None and start < authorised:
        start = cal.add_working_days(authorised, rng.randint(0, 10))
    if start > today:
        return
    plan = actions.start_cin_plan(
        actor=child.worker, person=child.person, started_on=start, today=today, check_access=False
    )
    stats.cin_plans += 1
    end_by = add_months(start, rng.choice([4, 6, 9, 12, 18]))
    _cin_plan_life(rng, cal, plan, end_by=end_by, today=today, actor=child.worker)
    if end_by <= today and rng.random() < 0.7:
        close_on = min(today, end_by + DAY * rng.randint(0, 20))
        actions.close_cin_episode(
            actor=child.worker,
            episode=child.episode,
            ended_on=close_on,
            # Not RC8/RC9: those mean closed straight after the assessment, and the census
            # (rule 2990) rejects them once there has been a plan, s47 or conference.
            closure_reason=rng.choice(
                [ClosureReason.RC7, ClosureReason.RC7, ClosureReason.RC7, ClosureReason.RC5]
            ),
            today=today,
            check_access=False,
        )
        _case_closed(child.person, close_on, actor=child.worker)
        stats.closures += 1
