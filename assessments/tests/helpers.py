"""Builders shared by the assessment tests."""

from __future__ import annotations

import datetime

from assessments import actions
from assessments.models import Assessment
from csc.testing import Personas
from front_door import actions as front_door_actions
from front_door.models import Referral
from people.models import Person

REFERRAL_DATE = datetime.date(2026, 9, 1)  # Tuesday: A1 (45 WD) due 3 November 2026
START = datetime.date(2026, 9, 3)  # Thursday: K2 (45 WD) due 5 November 2026

FULL = " ".join(["word"] * 60)
CHILD_VOICE = "Amara said: I like school but I get scared when mum and dad shout at night."


def referral(
    personas: Personas, day: datetime.date = REFERRAL_DATE, person: Person | None = None
) -> Referral:
    return front_door_actions.record_referral(
        actor=personas.mash,
        person=person or personas.child,
        referral_date=day,
        source="1A",
        primary_need="N1",
    )


def started(
    personas: Personas, ref: Referral | None = None, started_on: datetime.date = START
) -> Assessment:
    return actions.start_assessment(
        actor=personas.worker, referral=ref or referral(personas), started_on=started_on
    )


def submitted(
    personas: Personas,
    ref: Referral | None = None,
    *,
    started_on: datetime.date = START,
    child_views: str = CHILD_VOICE,
    outcome: str = "CIN_PLAN",
) -> Assessment:
    a = started(personas, ref, started_on)
    sections = {name: FULL for name in actions.SECTION_FIELDS}
    sections["child_views"] = child_views
    actions.save_sections(actor=personas.worker, assessment=a, sections=sections)
    actions.record_child_seen(
        actor=personas.worker,
        assessment=a,
        seen_on=started_on + datetime.timedelta(days=1),
        seen_alone=True,
    )
    actions.record_factors(actor=personas.worker, assessment=a, factors=["3A", "1B"])
    actions.record_outcome(actor=personas.worker, assessment=a, outcome=outcome)
    # Submitted two days after the child was seen, so authorisation dates in the tests follow.
    return actions.submit_assessment(
        actor=personas.worker,
        assessment=a,
        submitted_on=started_on + datetime.timedelta(days=3),
    )


def authorised(
    personas: Personas, a: Assessment, on: datetime.date = datetime.date(2026, 11, 4)
) -> Assessment:
    return actions.authorise_assessment(
        actor=personas.manager, assessment=a, authorised_on=on, confirmed=True
    )
