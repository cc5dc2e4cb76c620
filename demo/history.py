"""A child's history with the service: episodes, allocations and case notes."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from accounts.choices import Role
from accounts.models import Team, User
from assessments.choices import Outcome
from assessments.demo import generate_assessments
from assessments.models import Assessment
from casework import actions as casework_actions
from casework.actions import Handover
from casework.choices import AllocationRole, NoteKind
from casework.models import Allocation, Episode
from front_door import actions as front_door_actions
from front_door.choices import EarlyHelpEnd, EarlyHelpRoute
from front_door.choices import Outcome as FrontDoorOutcome
from front_door.demo import SOURCE_WEIGHTS
from front_door.models import Referral
from protection.actions import close_cin_episode
from protection.demo import DemoChild, DemoStats, record_enquiry
from timescales import load_calendar

from . import names
from .cohorts import PRIMARY_NEEDS
from .dates import age_on, between, days
from .household import ChildRecord, HouseholdBuilder
from .note_texts import note_text

REFERRAL_SOURCES = tuple((code, weight) for code, weight in SOURCE_WEIGHTS.items() if weight)
# How the assessment ends for a case that closes with each reason: RC8 follows an assessment
# with no further action and RC9 a step down to early help (both close on authorisation).
EARLY_HELP_SERVICES = (
    "Northbridge Family Hub (North)",
    "Northbridge Family Hub (South)",
    "Targeted Youth Support",
    "Parenting and family support",
)
EARLY_HELP_REASONS = (
    "Parenting support and routines at home",
    "School attendance and engagement",
    "Parental mental health: support for the family",
    "Housing and money worries affecting the children",
    "Conflict at home between parents",
)
# Share of s47 enquiries without a plan that still go to an initial conference.
ENQUIRY_ICPC_SHARE = 0.25
OUTCOME_FOR_CLOSURE = {"RC8": Outcome.NFA.value, "RC9": Outcome.EARLY_HELP.value}


class CaseHistory(HouseholdBuilder):
    """Writes episodes, allocation chains and notes for the children of a family."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Children for the protection journeys once every family exists: those to be on a
        # child protection plan today, and other open children in need (CIN plans, history).
        self.on_plan: list[DemoChild] = []
        self.in_need: list[DemoChild] = []
        self.managers_by_team = {
            team_id: [manager] for team_id, manager in self.staff.managers.items()
        }
        self.assessments = 0
        self.calendar = load_calendar()
        self.chairs = [u for u in self.staff.users if u.role == Role.IRO and u.is_active]
        # s47 enquiries that ended without a plan, in closed cases' histories.
        self.enquiries = DemoStats()

    # ----- allocation ----------------------------------------------------------------

    def _team(self, function: str) -> Team:
        return self.rng.choice(self.staff.teams_by_function[function])

    def _any_worker(self, team: Team) -> User:
        return self.rng.choice(self.staff.practitioners[team.pk])

    def _final_worker(self, team: Team, *, allow_none: bool = True) -> User | None:
        """Who holds the case now: the less busy of two colleagues (a few wait)."""
        if allow_none and self.rng.random() < 0.03:
            return None
        workers = list(self.staff.practitioners[team.pk])
        if self.demo_worker in workers and self.caseload[self.demo_worker.pk] >= 18:
            workers.remove(self.demo_worker)
        a, b = self.rng.choice(workers), self.rng.choice(workers)
        return a if self.caseload[a.pk] <= self.caseload[b.pk] else b

    def _allocate_chain(
        self,
        children: list[ChildRecord],
        steps: Sequence[tuple[datetime.date, Team, User | None]],
        *,
        role: str = AllocationRole.SOCIAL_WORKER,
        reasons: tuple[str, ...] = (),
        current: bool = True,
    ) -> list[Allocation]:
        """Allocate each child through the steps in order, as one history; returns each
        child's current (last) allocation."""
        last: list[Allocation] = []
        handovers = []
        for i, (start, team, worker) in enumerate(steps):
            if i > 0 and team == steps[i - 1][1]:
                reason = "Change of worker within the team"
            else:
                reason = reasons[i] if i < len(reasons) else "Transfer of case"
            handovers.append(Handover(self.staff.manager_of(team), team, worker, start, reason))
        for child in children:
            if handovers:
                made = casework_actions.allocate_history(
                    person=child.person, steps=handovers, role=role, today=self.today
                )
                last.append(made[-1])
            child.authors.extend(
                (day, who or self.staff.manager_of(team)) for day, team, who in steps
            )
            if current and steps and steps[-1][2] is not None:
                self.caseload[steps[-1][2].pk] += 1
        return last

    def _steps(
        self, dates_teams: list[tuple[datetime.date, Team]], *, final: bool = True
    ) -> list[tuple[datetime.date, Team, User | None]]:
        """Workers for a chain of (date, team): the last one chosen for caseload balance."""
        cleaned: list[tuple[datetime.date, Team]] = []
        for day, team in dates_teams:
            if day > self.today:
                continue
            if cleaned and day <= cleaned[-1][0]:
                cleaned[-1] = (cleaned[-1][0], team)
            else:
                cleaned.append((day, team))
        steps: list[tuple[datetime.date, Team, User | None]] = []
        for i, (day, team) in enumerate(cleaned):
            is_last = i == len(cleaned) - 1
            worker = self._final_worker(team) if (final and is_last) else self._any_worker(team)
            steps.append((day, team, worker))
        return steps

    # ----- episodes -----------------------------------------------------------------

    def _open(self, child: ChildRecord, kind: str, start: datetime.date, need: str = "") -> Episode:
        return casework_actions.open_episode(
            actor=None,
            person=child.person,
            kind=kind,
            started_on=start,
            primary_need=need,
            today=self.today,
        )

    def _refer(
        self, child: ChildRecord, start: datetime.date, need: str, *, nfa: bool = False
    ) -> Referral:
        """The referral that opens a child in need episode (closed the same day if NFA)."""
        source = "5C" if need == "N8" and self.rng.random() < 0.3 else None
        return front_door_actions.record_referral(
            actor=None,
            person=child.person,
            referral_date=start,
            source=source or names.pick(self.rng, REFERRAL_SOURCES),
            primary_need=need or "N0",
            nfa=nfa,
            today=self.today,
        )

    def _assess(
        self,
        referral: Referral,
        outcome: str,
        allocated: tuple[Team, User | None] | None = None,
    ) -> Assessment | None:
        """The single assessment after a referral, with the outcome the story needs;
        `allocated` is the child's current (team, worker), if known."""
        made = generate_assessments(
            rng=self.rng,
            today=self.today,
            referrals=[referral],
            workers_by_team=self.staff.practitioners,
            managers_by_team=self.managers_by_team,
            outcomes={referral.pk: outcome},
            fresh=True,
            allocated=(allocated[0].pk, allocated[1]) if allocated else None,
        )
        self.assessments += len(made)
        return made[0] if made else None

    def _refer_done(self, referral: Referral, outcome: str, worker: User | None) -> DemoChild:
        """Assess an open case's referral; the child is then ready for protection journeys."""
        self._assess(referral, outcome)
        return DemoChild(
            person=referral.person,
            episode=referral.episode,
            referral_date=referral.referral_date,
            worker=worker,
        )

    def _close_cin(
        self,
        referral: Referral,
        assessment: Assessment | None,
        planned: datetime.date,
        reason: str,
        *,
        force: bool = False,
    ) -> datetime.date | None:
        """Close the referral's CIN episode on `planned`, or when the assessment was authorised
        if later (an NFA or early help outcome has closed it already). Returns the closure date,
        or None if the episode stays open (assessment unfinished and not `force`)."""
        # Both are the objects the actions updated (the assessment's authorisation closes
        # the referral's episode in place), so there is nothing to read back.
        episode = referral.episode
        if episode.ended_on is not None:
            return episode.ended_on
        end = planned
        if assessment is not None:
            if assessment.authorised_on is not None:
                end = max(end, assessment.authorised_on)
            elif not force:
                return None
            else:
                end = max(end, assessment.submitted_on or assessment.started_on)
        if end > self.today:
            if not force:
                return None
            end = self.today
        if reason in ("RC8", "RC9") and (assessment is None or assessment.authorised_on is None):
            reason = "RC7"  # RC8/RC9 only follow a completed assessment with that outcome
        close_cin_episode(
            actor=None,
            episode=episode,
            ended_on=end,
            closure_reason=reason,
            today=self.today,
            check_access=False,
        )
        return end

    def _close(self, episode: Episode, end: datetime.date, reason: str = "") -> None:
        casework_actions.close_episode(
            actor=None, episode=episode, ended_on=end, closure_reason=reason, today=self.today
        )

    def _end_allocations(
        self, allocations: list[Allocation], end: datetime.date, reason: str
    ) -> None:
        for allocation in allocations:
            casework_actions.end_allocation(
                actor=self.staff.manager_of(allocation.team),
                allocation=allocation,
                ended_on=max(end, allocation.started_on),
                reason=reason,
            )

    # ----- case notes ---------------------------------------------------------------

    def _notes(
        self,
        child: ChildRecord,
        *,
        cohort: str,
        since: datetime.date,
        recent: int,
        older: int,
        carer: str,
        school: str,
    ) -> None:
        rng = self.rng
        if not child.authors:
            return
        today = self.today
        dates = [between(rng, max(since, today - days(90)), today) for _ in range(recent)]
        if since < today - days(120):
            dates += [
                between(rng, max(since, today - days(540)), today - days(91)) for _ in range(older)
            ]
        dob = child.person.date_of_birth
        age = age_on(dob, today) if dob else None
        weights = {
            "cp": (60, 15, 25, 0),
            "lac": (50, 20, 20, 10),
            "uasc_lac": (50, 20, 20, 10),
            "assessment": (70, 20, 10, 0),
            "care_leaver": (40, 50, 10, 0),
        }.get(cohort, (50, 25, 15, 10))
        entries: list[casework_actions.NoteEntry] = []
        for day in sorted(dates):
            kind = rng.choices(
                (NoteKind.VISIT, NoteKind.PHONE, NoteKind.MEETING, NoteKind.LETTER), weights
            )[0]
            seen: bool | None = None
            alone: bool | None = None
            with_whom = carer
            if kind == NoteKind.VISIT:
                seen = not child.unborn and rng.random() < 0.93
                alone = bool(seen and age is not None and age >= 5 and rng.random() < 0.75)
                with_whom = f"{child.first_name}, {carer}" if seen else carer
            elif kind == NoteKind.MEETING:
                with_whom = f"{carer}, {school}, health, social worker"
            author = child.authors[0][1]
            for start, who in child.authors:
                if start <= day:
                    author = who
            text = note_text(
                rng,
                kind,
                cohort=cohort,
                child=child.first_name or "Baby",
                carer=carer,
                school=school,
                seen=seen,
                alone=alone,
                unborn=child.unborn,
            )
            entries.append(
                casework_actions.NoteEntry(author, kind, day, text, with_whom, seen, alone)
            )
        casework_actions.add_case_notes(
            person=child.person,
            notes=entries,
            today=today,
            # Each author is (or was) the allocated worker; the loader skips the visibility
            # query, which would always pass.
            check_access=False,
        )

    def _prior_episode(
        self, children: list[ChildRecord], youngest: datetime.date, before: datetime.date
    ) -> None:
        """An earlier referral that closed: re-referrals are common."""
        rng = self.rng
        closed_on = before - days(rng.randint(60, 900))
        opened_on = closed_on - days(rng.randint(10, 200))
        if opened_on <= youngest or any(c.unborn for c in children):
            return
        # Short of time for an assessment before the next referral: no further action.
        self._short_episode(
            children, opened_on, closed_on, nfa_anyway=(before - opened_on).days < 150
        )

    def _short_episode(
        self,
        children: list[ChildRecord],
        opened_on: datetime.date,
        closed_on: datetime.date,
        *,
        nfa_anyway: bool = False,
        enquiry_share: float = 0.0,
    ) -> None:
        """A referral that is assessed (or not) and closed again without a plan: most
        referrals in a year end like this. Some longer ones (`enquiry_share` of RC7
        closures) have a s47 enquiry that ends without a plan."""
        rng = self.rng
        reason = rng.choices(("RC8", "RC7", "RC9"), weights=(45, 40, 15))[0]
        nfa = nfa_anyway or (reason == "RC8" and rng.random() < 0.3)
        # The census refuses RC8/RC9 closures once there has been a s47 enquiry (rule 2990).
        enquiry = reason == "RC7" and not nfa and rng.random() < enquiry_share
        need = names.pick(rng, PRIMARY_NEEDS["closed"])
        team = self._team("assessment")
        steps = [(opened_on, team, self._any_worker(team))]
        for child in children:
            referral = self._refer(child, opened_on, need, nfa=nfa)
            allocations = self._allocate_chain(
                [child], steps, reasons=("Referral accepted",), current=False
            )
            end = opened_on
            if not nfa:
                outcome = OUTCOME_FOR_CLOSURE.get(reason, Outcome.CIN_PLAN.value)
                assessment = self._assess(referral, outcome, steps[0][1:])
                if enquiry:
                    self._enquiry(referral, steps[0][2], closed_on)
                end = self._close_cin(referral, assessment, closed_on, reason, force=True) or end
            self._end_allocations(allocations, end, "Case closed")

    def follow_referral(self, referral: Referral, decision: str) -> None:
        """Take forward a referral the front door accepted, as most of a year's referrals go:
        to an assessment team, assessed, a s47 enquiry that ends without a plan when the
        decision was a strategy discussion, then closed; or still open if that is yet to come."""
        if referral.nfa:
            return
        rng = self.rng
        strategy = decision == FrontDoorOutcome.STRATEGY
        # The census refuses RC8/RC9 closures once there has been a s47 enquiry (rule 2990).
        reason = "RC7" if strategy else rng.choices(("RC8", "RC7", "RC9"), weights=(45, 40, 15))[0]
        opened_on = referral.referral_date
        planned = opened_on + days(rng.randint(20, 240))
        still_open = planned > self.today
        team = self._team("assessment")
        worker = self._final_worker(team) if still_open else self._any_worker(team)
        allocation = casework_actions.allocate(
            actor=self.staff.manager_of(team),
            person=referral.person,
            team=team,
            worker=worker,
            started_on=opened_on,
            reason="Referral accepted: assessment",
            today=self.today,
        )
        outcome = OUTCOME_FOR_CLOSURE.get(reason, Outcome.CIN_PLAN.value)
        assessment = self._assess(referral, outcome, (team, worker))
        if strategy:
            self._enquiry(referral, worker, min(planned, self.today))
        # An outcome of no further action or early help closed it on authorisation.
        end = referral.episode.ended_on
        if end is None and not still_open:
            end = self._close_cin(referral, assessment, planned, reason, force=True)
        if end is not None:
            self._end_allocations([allocation], end, "Case closed")
        elif worker is not None:
            self.caseload[worker.pk] += 1

    def _enquiry(self, referral: Referral, worker: User | None, latest: datetime.date) -> None:
        """A s47 enquiry during the referral's episode that ends without a plan."""
        record_enquiry(
            self.rng,
            self.calendar,
            DemoChild(referral.person, referral.episode, referral.referral_date, worker),
            today=self.today,
            latest=latest,
            chairs=self.chairs,
            conference=self.rng.random() < ENQUIRY_ICPC_SHARE,
            stats=self.enquiries,
        )

    def _closed_notes(
        self,
        child: ChildRecord,
        *,
        referral: datetime.date,
        closed_on: datetime.date,
        carer: str,
        school: str,
    ) -> None:
        rng = self.rng
        author = child.authors[-1][1] if child.authors else self.mash[0]
        dob = child.person.date_of_birth
        age = age_on(dob, referral) if dob else 0
        alone = age >= 5 and rng.random() < 0.7
        visit_on = between(rng, referral, closed_on)
        visit = note_text(
            rng,
            "visit",
            cohort="closed",
            child=child.first_name,
            carer=carer,
            school=school,
            seen=True,
            alone=alone,
        )
        entries = [
            casework_actions.NoteEntry(
                actor=child.authors[0][1] if child.authors else author,
                kind=NoteKind.VISIT,
                occurred_on=visit_on,
                text=visit,
                with_whom=f"{child.first_name}, {carer}",
                child_seen=True,
                seen_alone=alone,
            )
        ]
        if rng.random() < 0.3:
            entries.append(
                casework_actions.NoteEntry(
                    actor=author,
                    kind=NoteKind.LETTER,
                    occurred_on=closed_on,
                    text=f"Closure letter sent to {carer}. Case closed; family know how to "
                    "contact the service if things change.",
                    with_whom=carer,
                )
            )
        # Written as the workers allocated at the time.
        casework_actions.add_case_notes(
            person=child.person, notes=entries, today=self.today, check_access=False
        )

    def _early_help(
        self,
        children: list[ChildRecord],
        *,
        start: datetime.date,
        end: datetime.date,
        previous_end: datetime.date | None = None,
    ) -> None:
        """An early help episode with its assessment; `previous_end` is the social care
        episode it steps down from, if any."""
        still_open = end >= self.today
        team = self._team("early_help")
        worker = self._final_worker(team) if still_open else self._any_worker(team)
        rng = self.rng
        # The early help assessment: mostly started within a fortnight, done within 6 weeks.
        assessed = start + days(rng.randint(0, 14))
        completed = assessed + days(rng.randint(10, 45))
        lead = worker or self.staff.manager_of(team)
        for child in children:
            early_help = front_door_actions.start_early_help(
                actor=None,
                person=child.person,
                started_on=start,
                lead_professional=lead.get_full_name(),
                organisation=rng.choice(EARLY_HELP_SERVICES),
                reason=rng.choice(EARLY_HELP_REASONS),
                route=EarlyHelpRoute.STEP_DOWN if previous_end else EarlyHelpRoute.OTHER,
                assessment_started_on=assessed if assessed <= self.today else None,
                assessment_completed_on=completed if completed <= min(end, self.today) else None,
                today=self.today,
            )
            allocations = self._allocate_chain(
                [child],
                [(start, team, worker)],
                role=AllocationRole.EARLY_HELP_WORKER,
                reasons=("Early help assessment agreed",),
                current=still_open,
            )
            if not still_open:
                front_door_actions.end_early_help(
                    actor=None,
                    early_help=early_help,
                    ended_on=end,
                    end_reason=EarlyHelpEnd.COMPLETED,
                    today=self.today,
                )
                self._end_allocations(allocations, end, "Early help plan completed")
