"""Build the Northbridge demonstration authority: staff, then families, then a summary."""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, fields

from django.db import connection, transaction
from django.db.models import Q

from accounts import actions as account_actions
from accounts.choices import Role
from accounts.models import Team, User
from casework import actions as casework_actions
from casework.choices import AllocationRole, EpisodeKind
from casework.events import bulk_transaction, children_changed, deferred_refresh
from casework.models import Allocation, CaseNote, Episode, Event
from front_door.demo import FrontDoorSummary, generate_front_door_history
from people.choices import PersonKind
from people.models import Address, Person, ProfessionalInvolvement, Relationship
from protection import demo as protection_demo

from .cin_plans import record_cin_plans
from .cohorts import plan_families
from .families import FamilyBuilder
from .identifiers import IdentifierSource
from .staff import build_staff

AUTHORITY = "Northbridge"
FAMILIES_PER_TRANSACTION = 25
# Months of contacts at the full scale-1 rate (about 15,000 a year): the year's referrals
# come through the front door; older ones are the families' own history.
FRONT_DOOR_MONTHS = 12
# Share of the protection module's s47 rate used for history among open children in need
# (the children on plans today are the CP cohort, recorded separately).
HISTORY_S47_SHARE = 0.2
# Children (at scale 1) whose plan was open at the last census date and has ended since.
ENDED_PLANS = 120
REFRESHES_PER_TRANSACTION = 500
# Families loaded before the planner's statistics are first brought up to date, then again
# each time the number has doubled (a handful of ANALYZE runs, even at scale 10).
STATISTICS_FROM = 100


@dataclass(frozen=True)
class Summary:
    scale: float
    seed: int
    today: datetime.date
    seconds: float
    teams: int
    staff: int
    partner_users: int
    children: int
    unborn: int
    adults: int
    open_child_in_need: int
    open_child_protection: int
    open_looked_after: int
    open_private_fostering: int
    open_care_leaver: int
    open_early_help: int
    uasc: int
    closed_episodes: int
    current_allocations: int
    unallocated_to_worker: int
    case_notes: int
    addresses: int
    relationships: int
    professionals: int
    restricted_records: int
    events: int

    def counts(self) -> dict[str, int]:
        """Everything but timing: identical for the same seed, scale and date."""
        skip = {"scale", "seed", "today", "seconds"}
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}

    def describe(self) -> str:
        return (
            f"Loaded {AUTHORITY} at scale {self.scale:g} (seed {self.seed}, today "
            f"{self.today.isoformat()}) in {self.seconds:.1f} s: {self.teams:,} teams, "
            f"{self.staff:,} staff (+{self.partner_users:,} partner users), "
            f"{self.children:,} children ({self.unborn:,} unborn), {self.adults:,} adults; "
            f"open CIN {self.open_child_in_need:,}, CP {self.open_child_protection:,}, "
            f"looked after {self.open_looked_after:,}, private fostering "
            f"{self.open_private_fostering:,}, care leavers {self.open_care_leaver:,}, "
            f"early help {self.open_early_help:,}, UASC {self.uasc:,}; "
            f"{self.closed_episodes:,} closed episodes; {self.current_allocations:,} current "
            f"allocations ({self.unallocated_to_worker:,} awaiting a worker); "
            f"{self.case_notes:,} case notes, {self.addresses:,} addresses, "
            f"{self.relationships:,} relationships, {self.professionals:,} professionals, "
            f"{self.restricted_records:,} restricted records, {self.events:,} events."
        )


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _restrict_some(builder: FamilyBuilder, rng: random.Random, count: int) -> None:
    """A few restricted records (e.g. a staff member's child): visible only to the
    allocated worker and their manager."""
    candidates = builder.restrict_candidates
    for person, team, worker in rng.sample(candidates, min(count, len(candidates))):
        manager = builder.staff.manager_of(team)
        account_actions.restrict_record(
            actor=manager,
            person=person,
            reason=rng.choice(
                (
                    "Child of a member of council staff",
                    "Family member works in children's services",
                    "High-profile family: need-to-know access only",
                )
            ),
            named_users=[worker, manager],
        )


def load(
    *,
    scale: float,
    seed: int,
    today: datetime.date,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Create the whole authority through the actions layer. Deterministic for a seed,
    scale and reference date."""
    started = time.perf_counter()
    say = progress or (lambda message: None)
    # Separate streams, so changing the staff does not reshuffle every family.
    staff_rng = random.Random(f"{seed}:staff")
    family_rng = random.Random(f"{seed}:families")
    with deferred_refresh() as pending:
        with bulk_transaction():
            staff = build_staff(rng=staff_rng, scale=scale)
        say(f"Staff: {len(staff.users)} users in {len(staff.teams)} teams")
        builder = FamilyBuilder(
            rng=family_rng, staff=staff, today=today, ids=IdentifierSource(family_rng)
        )
        plans = plan_families(family_rng, scale)
        done, analysed_at = 0, 0
        for chunk in _chunks(plans, FAMILIES_PER_TRANSACTION):
            with bulk_transaction():
                for plan in chunk:
                    builder.build(plan)
            done += len(chunk)
            if done >= max(2 * analysed_at, STATISTICS_FROM):
                # Each time the families have doubled: see _refresh_statistics.
                _refresh_statistics()
                analysed_at = done
            if done % 500 < FAMILIES_PER_TRANSACTION:
                say(f"Families: {done:,} of {len(plans):,}")
        with bulk_transaction():
            _restrict_some(builder, family_rng, max(1, round(5 * min(scale, 2))))
        _refresh_statistics()
        _protection(builder, random.Random(f"{seed}:protection"), today, scale, say)
        front_door = _front_door(
            builder, random.Random(f"{seed}:front_door"), today, scale, staff.users
        )
        say(
            f"Front door: {front_door.contacts:,} contacts, {front_door.referrals:,} referrals "
            f"in the last {FRONT_DOOR_MONTHS} months"
        )
        cin = record_cin_plans(rng=random.Random(f"{seed}:cin_plans"), today=today)
        say(
            f"Child in need plans: {cin.plans:,} started after assessment, {cin.visits:,} "
            f"visits, {cin.reviews:,} reviews, {len(cin.refused)} refused"
        )
        # Take over the deferred refresh so it runs in transactions of a sensible size.
        # Clocks and other derived data are about children; adults need no refresh.
        touched = sorted(
            Person.objects.filter(pk__in=pending, kind=PersonKind.CHILD).values_list(
                "pk", flat=True
            )
        )
        pending.clear()
    for chunk in _chunks(touched, REFRESHES_PER_TRANSACTION):
        with transaction.atomic():
            children_changed(chunk)
    _refresh_statistics()
    return summarise(scale=scale, seed=seed, today=today, seconds=time.perf_counter() - started)


def _refresh_statistics() -> None:
    """Bring the query planner's table statistics up to date (both databases run a plain
    ANALYZE). A load this size changes every table; without fresh statistics PostgreSQL may
    scan whole tables for a child's few rows, in the later phases and on the first pages,
    until autovacuum (where it is on) catches up. With none at all, it answered the NHS
    number check from the index of unmerged records (every record) and a closing episode's
    overlap check from every episode of its kind, so each family cost more than the last."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _protection(
    builder: FamilyBuilder,
    rng: random.Random,
    today: datetime.date,
    scale: float,
    say: Callable[[str], None],
) -> tuple[protection_demo.DemoStats, protection_demo.DemoStats]:
    """Child protection plans open today for the CP cohort, then s47, conference, CP and CIN
    plan history for other open children in need."""
    chairs = list(User.objects.filter(role=Role.IRO, is_active=True).order_by("pk"))
    with bulk_transaction():
        plans = protection_demo.record_plans(
            rng=rng, today=today, children=builder.on_plan, chairs=chairs
        )
    # Children on a plan at the last census date whose plan has ended since: referred in the
    # year before it, in time for a conference by 31 March.
    march = _last_census_date(today)
    window = (march - datetime.timedelta(days=330), march - datetime.timedelta(days=45))
    candidates = [c for c in builder.in_need if window[0] <= c.referral_date <= window[1]]
    ended_group = rng.sample(candidates, min(len(candidates), round(ENDED_PLANS * scale)))
    with bulk_transaction():
        ended = protection_demo.record_plans(
            rng=rng,
            today=today,
            children=ended_group,
            chairs=chairs,
            ends_between=(march + datetime.timedelta(days=1), march + datetime.timedelta(days=60)),
        )
    chosen = {c.person.pk for c in ended_group}
    with bulk_transaction():
        history = protection_demo.record_journeys(
            rng=rng,
            today=today,
            children=[c for c in builder.in_need if c.person.pk not in chosen],
            chairs=chairs,
            scale=scale * HISTORY_S47_SHARE,
        )
    runs = (plans, ended, history, builder.enquiries)
    say(
        f"Protection: {sum(r.cp_plans for r in runs):,} CP plans "
        f"({sum(r.open_cp_plans for r in runs):,} of them open), "
        f"{sum(r.s47s for r in runs):,} s47 enquiries, {sum(r.icpcs for r in runs):,} initial "
        f"conferences, {history.cin_plans + ended.cin_plans:,} CIN plans, "
        f"{sum(len(r.refused) for r in runs)} journeys refused"
    )
    return plans, history


def _last_census_date(today: datetime.date) -> datetime.date:
    """31 March of the latest complete census year."""
    year = today.year if today >= datetime.date(today.year, 4, 1) else today.year - 1
    return datetime.date(year, 3, 31)


def _front_door(
    builder: FamilyBuilder,
    rng: random.Random,
    today: datetime.date,
    scale: float,
    users: list[User],
) -> FrontDoorSummary:
    """The last months' contacts at the full rate, so the MASH queue, partner board and
    Annex A list 1 are real; the referrals they lead to are taken forward like any other."""
    with bulk_transaction():
        children = list(Person.objects.children().filter(merged_into__isnull=True).order_by("pk"))
        open_cases = set(
            Episode.objects.filter(ended_on__isnull=True)
            .exclude(kind=EpisodeKind.EARLY_HELP)
            .values_list("person_id", flat=True)
        )
        summary = generate_front_door_history(
            rng,
            today,
            children,
            users,
            scale,
            years=FRONT_DOOR_MONTHS / 12,
            open_cases=open_cases,
            on_referral=builder.follow_referral,
        )
        _allocate_new_cases(builder, today)
    return summary


def _allocate_new_cases(builder: FamilyBuilder, today: datetime.date) -> None:
    """Cases the front door opened (referrals, early help) go to an assessment or early help
    team, like every other open case."""
    allocated = Allocation.objects.filter(ended_on__isnull=True).values("person_id")
    episodes = (
        Episode.objects.filter(ended_on__isnull=True)
        .exclude(person_id__in=allocated)
        .select_related("person")
        .order_by("started_on", "pk")
    )
    done: set[int] = set()
    for episode in episodes:
        if episode.person_id in done:
            continue
        done.add(episode.person_id)
        early_help = episode.kind == EpisodeKind.EARLY_HELP
        team = builder._team("early_help" if early_help else "assessment")
        worker = builder._final_worker(team)
        account_role = AllocationRole.EARLY_HELP_WORKER if early_help else None
        casework_actions.allocate(
            actor=builder.staff.manager_of(team),
            person=episode.person,
            team=team,
            worker=worker,
            started_on=episode.started_on,
            reason="Early help agreed" if early_help else "Referral accepted: assessment",
            role=account_role or AllocationRole.SOCIAL_WORKER,
            today=today,
        )
        if worker is not None:
            builder.caseload[worker.pk] += 1


def summarise(*, scale: float, seed: int, today: datetime.date, seconds: float) -> Summary:
    open_episodes = Episode.objects.filter(ended_on__isnull=True)

    def open_count(kind: str) -> int:
        return open_episodes.filter(kind=kind).values("person").distinct().count()

    children = Person.objects.children()
    current = Allocation.objects.filter(ended_on__isnull=True)
    return Summary(
        scale=scale,
        seed=seed,
        today=today,
        seconds=round(seconds, 1),
        teams=Team.objects.count(),
        staff=User.objects.exclude(role=Role.PARTNER_AGENCY).count(),
        partner_users=User.objects.filter(role=Role.PARTNER_AGENCY).count(),
        children=children.count(),
        unborn=children.filter(date_of_birth__isnull=True).count(),
        adults=Person.objects.exclude(kind="child").count(),
        open_child_in_need=open_count(EpisodeKind.CHILD_IN_NEED),
        open_child_protection=open_count(EpisodeKind.CHILD_PROTECTION),
        open_looked_after=open_count(EpisodeKind.LOOKED_AFTER),
        open_private_fostering=open_count(EpisodeKind.PRIVATE_FOSTERING),
        open_care_leaver=open_count(EpisodeKind.CARE_LEAVER),
        open_early_help=open_count(EpisodeKind.EARLY_HELP),
        uasc=children.filter(uasc=True).count(),
        closed_episodes=Episode.objects.filter(ended_on__isnull=False).count(),
        current_allocations=current.count(),
        unallocated_to_worker=current.filter(
            Q(worker__isnull=True), role=AllocationRole.SOCIAL_WORKER
        ).count(),
        case_notes=CaseNote.objects.count(),
        addresses=Address.objects.count(),
        relationships=Relationship.objects.count(),
        professionals=ProfessionalInvolvement.objects.count(),
        restricted_records=Person.objects.filter(is_restricted=True).count(),
        events=Event.objects.count(),
    )
