"""Small builders shared by the clock tests.

Plans and visits are recorded the way a worker records them, through the front door's referral
and protection's actions (strategy discussion → s47 outcome → initial conference, which starts
the CP plan; CP and CIN visits), so the clocks come from the real records.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts import actions as account_actions
from accounts.choices import Role
from accounts.models import Team, User
from casework import actions as casework_actions
from csc.testing import PASSWORD, TODAY, Personas
from front_door import actions as front_door_actions
from front_door.models import Referral
from people import actions as people_actions
from people.models import Person
from protection import actions as protection_actions
from protection.models import CINPlan, CINVisit, CPPlan, CPVisit

D = datetime.date
DAY = datetime.timedelta(days=1)
CIN_START = D(2026, 10, 1)  # Thursday: A5 (20 WD) due 29 Oct, A4 (3 months) 1 Jan 2027
CP_START = D(2026, 11, 2)  # Monday: C4 and C8 (10 WD) due 16 Nov, C6 (3 months) 2 Feb 2027


def referral(personas: Personas, person: Person, day: D) -> Referral:
    """Accept a referral (the MASH officer): opens the child in need episode on `day`."""
    return front_door_actions.record_referral(
        actor=personas.mash,
        person=person,
        referral_date=day,
        source="1A",
        primary_need="N1",
        today=TODAY,
    )


def open_cp(
    personas: Personas,
    person: Person | None = None,
    started_on: D = CP_START,
    *,
    chair: User | None = None,
) -> CPPlan:
    """A CP plan starting on `started_on` (a weekday): the smallest chain protection allows.

    Referral 14 days before; strategy discussion starting a s47 enquiry the next day; outcome
    (conference needed) a week before; the initial conference that makes the plan on the day.
    """
    child = person or personas.child
    referral(personas, child, started_on - 14 * DAY)
    discussion = protection_actions.record_strategy_discussion(
        actor=personas.worker,
        person=child,
        held_at=timezone.make_aware(
            datetime.datetime.combine(started_on - 13 * DAY, datetime.time(10, 0))
        ),
        decision="s47_joint",
        rationale="Bruise with no explanation",
        attendees=[
            protection_actions.Attendee("social_care", "Wendy Worker"),
            protection_actions.Attendee("police", "DC Jones"),
            protection_actions.Attendee("health", "HV Smith"),
            protection_actions.Attendee("education", "Ms Teach"),
        ],
        today=TODAY,
    )
    enquiry = protection_actions.conclude_section47(
        actor=personas.worker,
        section47=discussion.section47,
        outcome="substantiated",
        icpc_needed=True,
        completed_on=started_on - 7 * DAY,
        today=TODAY,
    )
    conference = protection_actions.record_conference(
        actor=personas.worker,
        section47=enquiry,
        held_on=started_on,
        chair=chair or iro(),
        child_views="Wants to stay at home",
        child_views_how="Seen alone at school",
        plan_made=True,
        category="NEG",
        today=TODAY,
    )
    return CPPlan.objects.get(conference=conference)


def open_cin(
    personas: Personas, person: Person | None = None, started_on: D = CIN_START
) -> CINPlan:
    """A referral and a child in need plan both on `started_on`."""
    child = person or personas.child
    referral(personas, child, started_on)
    return protection_actions.start_cin_plan(
        actor=personas.worker, person=child, started_on=started_on, today=TODAY
    )


def iro() -> User:
    """The child protection chair (an independent reviewing officer), made once."""
    existing = User.objects.filter(username="ivy_chair").first()
    if existing is not None:
        return existing
    return account_actions.create_user(
        actor=None,
        username="ivy_chair",
        first_name="Ivy",
        last_name="Chair",
        role=Role.IRO,
        password=PASSWORD,
    )


def visit(
    personas: Personas, day: D, person: Person | None = None, *, seen: bool = True
) -> CPVisit:
    """A child protection visit on the child's open CP plan (child seen alone by default)."""
    plan = CPPlan.objects.get(person=person or personas.child, ended_on__isnull=True)
    return protection_actions.record_cp_visit(
        actor=personas.worker,
        plan=plan,
        visited_on=day,
        seen=seen,
        seen_alone=seen,
        home_seen=True,
        bedroom_seen=seen,
        note="Saw the child at home." if seen else "Nobody home.",
        today=TODAY,
    )


def cin_visit(
    personas: Personas, day: D, person: Person | None = None, *, seen: bool = True
) -> CINVisit:
    plan = CINPlan.objects.get(person=person or personas.child, ended_on__isnull=True)
    return protection_actions.record_cin_visit(
        actor=personas.worker, plan=plan, visited_on=day, seen=seen, seen_alone=seen, today=TODAY
    )


def allocated_child(personas: Personas, n: int, *, team: Team, worker: User | None) -> Person:
    person = people_actions.create_person(
        actor=personas.mash,
        details=people_actions.PersonDetails(
            legal_forename=f"Child{n}",
            legal_surname="Synthetic",
            date_of_birth=datetime.date(2015, 1, 1 + n % 28),
            sex="M",
            gender="1",
            ethnicity="WBRI",
        ),
        today=TODAY,
        confirmed_not_duplicate=True,
    )
    casework_actions.allocate(
        actor=personas.manager,
        person=person,
        team=team,
        worker=worker,
        started_on=datetime.date(2026, 10, 1),
        reason="Synthetic load",
        today=TODAY,
    )
    return person
