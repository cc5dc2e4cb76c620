"""Synthetic assessments for the demonstration authority, recorded through the actions.

    generate_assessments(
        rng=random.Random(...), today=date, referrals=[Referral, ...],
        workers_by_team={team_id: [User, ...]}, managers_by_team={team_id: [User, ...]},
    ) -> list[Assessment]

For each referral that was not closed with no further action (and has no assessment yet) it
starts an assessment a few working days after the referral, by the child's allocated worker (or
a worker in the child's team), and takes it as far as `today` allows: most are authorised within
45 working days, some late, about one in five is "thin" (the child's views missing, short
sections). Outcomes are spread across child in need plan, no further action, early help and
strategy discussion. NFA and early help outcomes close the CIN episode (see the actions).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import random
from collections.abc import Iterable, Mapping, Sequence

from accounts.models import User
from casework.models import Allocation
from front_door.models import Referral
from timescales import load_calendar

from . import actions
from .choices import Outcome
from .models import Assessment

_calendar = functools.lru_cache(maxsize=1)(load_calendar)

OUTCOME_WEIGHTS = (
    (Outcome.CIN_PLAN, 40),
    (Outcome.NFA, 25),
    (Outcome.EARLY_HELP, 20),
    (Outcome.STRATEGY_DISCUSSION, 10),
    (Outcome.OTHER, 5),
)
FACTOR_POOL = ("1B", "2B", "3A", "3B", "4B", "4A", "16A", "17A", "18C", "14A", "10A", "7A")

_PHRASES = (
    "The family were seen together at home and the worker also spoke with the school.",
    "Mother described the pressures of caring for the children on a low income.",
    "The home was warm and clean, with food in the cupboards and toys in the living room.",
    "Records show two earlier contacts about arguments between the adults.",
    "The child is settled at school, attends well and has two close friends.",
    "Father has engaged with the alcohol service and attends appointments.",
    "Grandmother lives nearby and offers childcare three days a week.",
    "The health visitor reports that development checks are up to date.",
    "There are concerns about the impact of shouting at night on the child's sleep.",
    "The family's faith community is an important source of support.",
)
_VOICES = (
    "I like it when mum takes me to the park. I don't like it when they shout.",
    "I want to stay living with my mum and see my dad at weekends.",
    "School is the best bit. I worry about my little brother at home.",
    "Sometimes I stay in my room with headphones so I can't hear.",
)


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(_PHRASES) for _ in range(sentences))


def _worker(
    referral: Referral,
    team_id: int | None,
    workers_by_team: Mapping[int, Sequence[User]],
    rng: random.Random,
) -> User | None:
    pool = workers_by_team.get(team_id or -1) or next(iter(workers_by_team.values()), [])
    return rng.choice(list(pool)) if pool else None


def generate_assessments(
    *,
    rng: random.Random,
    today: datetime.date,
    referrals: Iterable[Referral],
    workers_by_team: Mapping[int, Sequence[User]],
    managers_by_team: Mapping[int, Sequence[User]],
    outcomes: Mapping[int, str] | None = None,
    fresh: bool = False,
    allocated: tuple[int | None, User | None] | None = None,
) -> list[Assessment]:
    """`outcomes` (referral pk -> Outcome) fixes the outcome for those referrals, so the demo
    loader can keep a child's planned story (e.g. an open CIN case is not closed by NFA).
    `fresh` says the referrals were just recorded and nothing else touches their episodes
    meanwhile, which saves two reads each; `allocated` (team id, worker) is the children's
    current allocation when the caller knows it, which saves another."""
    calendar = _calendar()
    made: list[Assessment] = []
    for referral in referrals:
        if referral.nfa or (not fresh and referral.assessments.exists()):
            continue
        if allocated is None:
            allocation = (
                Allocation.objects.filter(person_id=referral.person_id, ended_on__isnull=True)
                .select_related("worker")
                .first()
            )
            team_id, worker = (
                (allocation.team_id, allocation.worker) if allocation else (None, None)
            )
        else:
            team_id, worker = allocated
        worker = worker or _worker(referral, team_id, workers_by_team, rng)
        managers = managers_by_team.get(team_id or -1) or next(iter(managers_by_team.values()), [])
        started_on = calendar.add_working_days(referral.referral_date, rng.randint(0, 5))
        if started_on > today or worker is None:
            continue
        if referral.episode.ended_on is not None and referral.episode.ended_on < started_on:
            continue
        thin = rng.random() < 0.2
        late = rng.random() < 0.15
        duration = rng.randint(46, 70) if late else rng.randint(10, 44)
        seen_on = calendar.add_working_days(started_on, rng.randint(0, 7 if thin else 4))
        sections = {
            name: _text(rng, 2 if thin else rng.randint(4, 7)) for name in actions.SECTION_FIELDS
        }
        sections["child_views"] = "" if thin else rng.choice(_VOICES)
        if thin:
            sections["history"] = ""
        seen = None
        if seen_on <= today:
            alone = rng.random() < 0.7
            seen = actions.ChildSeen(seen_on, alone, "" if alone else "Mother")
        record = actions.AssessmentRecord(
            worker=worker, started_on=started_on, sections=sections, seen=seen
        )
        done_on = calendar.add_working_days(started_on, duration)
        submitted_on = calendar.add_working_days(started_on, max(1, duration - rng.randint(1, 5)))
        if submitted_on <= today:
            record = _completed(rng, record, referral, submitted_on, outcomes)
            if not fresh:
                referral.episode.refresh_from_db()
            # A manager signs it off unless that date is still to come (or the case closed).
            if done_on <= today and managers and referral.episode.ended_on is None:
                record = dataclasses.replace(
                    record, authorised_by=rng.choice(list(managers)), authorised_on=done_on
                )
        made.append(actions.record_assessment(referral=referral, record=record, today=today))
    return made


def _completed(
    rng: random.Random,
    record: actions.AssessmentRecord,
    referral: Referral,
    submitted_on: datetime.date,
    outcomes: Mapping[int, str] | None,
) -> actions.AssessmentRecord:
    """Factors and outcome (the story's, where it fixes one), submitted for authorisation."""
    outcome: str = rng.choices(
        [o for o, _ in OUTCOME_WEIGHTS], weights=[w for _, w in OUTCOME_WEIGHTS]
    )[0]
    if outcomes and referral.pk in outcomes:
        outcome = outcomes[referral.pk]
    return dataclasses.replace(
        record,
        factors=sorted(set(rng.sample(FACTOR_POOL, rng.randint(1, 3)))),
        outcome=outcome,
        outcome_reason="Other: referred to the family support service"
        if outcome == Outcome.OTHER
        else "",
        submitted_on=submitted_on,
    )
