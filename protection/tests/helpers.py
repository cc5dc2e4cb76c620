"""Builders shared by the protection tests. Dates sit before TODAY (20 November 2026)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from csc.testing import Personas
from front_door import actions as front_door_actions
from front_door.models import Referral
from people.models import Person
from protection import actions
from protection.models import CPPlan, Section47

D = datetime.date
REFERRAL_DATE = D(2026, 6, 1)  # Monday
SD_DATE = D(2026, 6, 2)  # Tuesday: C2 (15 WD) due 23 June 2026
ICPC_DATE = D(2026, 6, 19)  # Friday, 13 working days later


def referral(personas: Personas, day: D = REFERRAL_DATE, person: Person | None = None) -> Referral:
    return front_door_actions.record_referral(
        actor=personas.mash,
        person=person or personas.child,
        referral_date=day,
        source="1A",
        primary_need="N1",
    )


def at(day: D, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


ALL_AGENCIES = [
    actions.Attendee("social_care", "Wendy Worker", "History"),
    actions.Attendee("police", "DC Jones", "No police record"),
    actions.Attendee("health", "HV Smith", "Missed appointments"),
    actions.Attendee("education", "Ms Teach", "Attendance 80%"),
]


def s47(personas: Personas, day: D = SD_DATE, person: Person | None = None) -> Section47:
    sd = actions.record_strategy_discussion(
        actor=personas.worker,
        person=person or personas.child,
        held_at=at(day),
        decision="s47_joint",
        rationale="Bruise with no explanation",
        attendees=ALL_AGENCIES,
    )
    return sd.section47


def concluded(personas: Personas, day: D = SD_DATE, person: Person | None = None) -> Section47:
    enquiry = s47(personas, day, person)
    return actions.conclude_section47(
        actor=personas.worker,
        section47=enquiry,
        outcome="substantiated",
        icpc_needed=True,
        completed_on=day + datetime.timedelta(days=5),
    )


def cp_plan(
    personas: Personas,
    chair: User,
    *,
    sd_day: D = SD_DATE,
    icpc: D = ICPC_DATE,
    person: Person | None = None,
    category: str = "NEG",
) -> CPPlan:
    enquiry = concluded(personas, sd_day, person)
    conference = actions.record_conference(
        actor=personas.worker,
        section47=enquiry,
        held_on=icpc,
        chair=chair,
        child_views="Wants to stay at home",
        child_views_how="Seen alone at school",
        plan_made=True,
        category=category,
    )
    return CPPlan.objects.get(conference=conference)
