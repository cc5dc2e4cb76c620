"""A small hand-built authority for the CIN census 2026 (1 April 2025 to 31 March 2026).

One child per journey shape, each recorded through the actions with explicit dates, as a
worker and their managers would record it. `TODAY` is after the year end, so the record also
holds things that happened after 31 March, which the return must leave out.

    key  journey
    G01  unborn child: referral in February, assessment authorised after 31 March
    G02  referral with no further action (school age, no UPN)
    G03  assessment only, "no factors", closed RC8 on authorisation
    G04  CIN plan after an assessment, still open
    G05  s47 with no conference (ICPC not required), CIN plan, case closed RC7
    G06  s47 → ICPC → CP plan with two reviews (category changed at the first)
    G07  transfer-in conference → CP plan ended at review → CIN plan
    G08  disabled child with a CIN plan
    --   not in the return: a referral closed before the year, and one after it
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accounts import actions as account_actions
from accounts.choices import Role
from accounts.models import User
from assessments import actions as assessment_actions
from assessments.models import Assessment
from casework import actions as casework_actions
from csc.testing import PASSWORD, Personas
from front_door import actions as front_door_actions
from front_door.models import Referral
from people import actions as people_actions
from people.identifiers import upn_check_letter
from people.models import Person
from protection import actions as protection_actions
from protection.models import CPPlan, Section47

D = datetime.date
YEAR = 2026
TODAY = D(2026, 4, 20)
GENERATED_AT = timezone.make_aware(datetime.datetime(2026, 4, 20, 9, 30))


def upn(serial: str) -> str:
    """A valid UPN for LA 302 (characters 2-4) with the DfE check letter."""
    rest = f"302{serial}"
    assert len(rest) == 12
    return upn_check_letter(rest) + rest


@dataclass
class GoldenSet:
    children: dict[str, Person]  # key (G01…) → child
    outside: list[Person]
    chair: User
    cp_plan: CPPlan  # G06's plan

    def key_for(self, reference: str) -> str:
        for key, person in self.children.items():
            if person.reference == reference:
                return key
        raise KeyError(reference)


def at(day: D, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


ATTENDEES = [
    protection_actions.Attendee("social_care", "Allocated worker", "History and concerns"),
    protection_actions.Attendee("police", "DC Example", "Police checks"),
    protection_actions.Attendee("health", "Health visitor", "Health records"),
    protection_actions.Attendee("education", "School DSL", "Attendance and observations"),
]


class Builder:
    def __init__(self, personas: Personas) -> None:
        self.p = personas
        self.chair = account_actions.create_user(
            actor=None,
            username="ivy_chair",
            first_name="Ivy",
            last_name="Chair",
            role=Role.IRO,
            password=PASSWORD,
        )

    def child(self, forename: str, surname: str, **details: object) -> Person:
        person = people_actions.create_person(
            actor=self.p.mash,
            details=people_actions.PersonDetails(
                legal_forename=forename,
                legal_surname=surname,
                **details,  # type: ignore[arg-type]
            ),
            today=TODAY,
        )
        casework_actions.allocate(
            actor=self.p.manager,
            person=person,
            team=self.p.team_a,
            worker=self.p.worker,
            started_on=D(2025, 4, 1),
            reason="Golden set",
            today=TODAY,
        )
        return person

    def referral(
        self, person: Person, day: D, source: str, need: str, nfa: bool = False
    ) -> Referral:
        return front_door_actions.record_referral(
            actor=self.p.mash,
            person=person,
            referral_date=day,
            source=source,
            primary_need=need,
            nfa=nfa,
            today=TODAY,
        )

    def assessment(
        self,
        referral: Referral,
        start: D,
        authorised: D | None,
        factors: list[str],
        outcome: str,
        reason: str = "",
    ) -> Assessment:
        a = assessment_actions.start_assessment(
            actor=self.p.worker, referral=referral, started_on=start, today=TODAY
        )
        assessment_actions.record_factors(actor=self.p.worker, assessment=a, factors=factors)
        assessment_actions.record_outcome(
            actor=self.p.worker, assessment=a, outcome=outcome, reason=reason
        )
        if authorised is not None:
            assessment_actions.submit_assessment(
                actor=self.p.worker, assessment=a, submitted_on=authorised, today=TODAY
            )
            assessment_actions.authorise_assessment(
                actor=self.p.manager,
                assessment=a,
                authorised_on=authorised,
                confirmed=True,
                today=TODAY,
            )
        return a

    def cin_plan(self, person: Person, start: D) -> None:
        protection_actions.start_cin_plan(
            actor=self.p.worker, person=person, started_on=start, today=TODAY
        )

    def s47(self, person: Person, day: D, icpc_needed: bool, concluded: D) -> Section47:
        discussion = protection_actions.record_strategy_discussion(
            actor=self.p.worker,
            person=person,
            held_at=at(day),
            decision="s47_joint",
            rationale="Injury with no consistent explanation",
            attendees=ATTENDEES,
            today=TODAY,
        )
        return protection_actions.conclude_section47(
            actor=self.p.worker,
            section47=discussion.section47,
            outcome="likely_harm" if icpc_needed else "not_substantiated",
            icpc_needed=icpc_needed,
            completed_on=concluded,
            icpc_not_needed_reason="" if icpc_needed else "Needs can be met with a CIN plan",
            today=TODAY,
        )

    def review(
        self, plan: CPPlan, day: D, decision: str = "continue", category: str = "", end: str = ""
    ) -> None:
        protection_actions.record_review_conference(
            actor=self.p.worker,
            plan=plan,
            held_on=day,
            chair=self.chair,
            decision=decision,
            category=category,
            end_reason=end,
            today=TODAY,
        )


def build_golden_set(personas: Personas) -> GoldenSet:
    b = Builder(personas)
    kids: dict[str, Person] = {}

    # G01 unborn: the assessment is authorised after 31 March, so it is open in the return.
    g01 = kids["G01"] = b.child("Unborn", "Baby", expected_date_of_birth=D(2026, 6, 20))
    r = b.referral(g01, D(2026, 2, 10), "3B", "N1")
    b.assessment(r, D(2026, 2, 11), D(2026, 4, 10), ["4B"], "CIN_PLAN")

    # G02 referral with no further action.
    g02 = kids["G02"] = b.child(
        "Nadia", "Nofurther", date_of_birth=D(2015, 9, 1), sex="F", gender="2"
    )
    b.referral(g02, D(2025, 11, 4), "1A", "N4", nfa=True)

    # G03 assessment only, closed RC8 by the authorised "no further action" outcome.
    g03 = kids["G03"] = b.child(
        "Arlo",
        "Assessed",
        date_of_birth=D(2012, 3, 15),
        sex="M",
        gender="1",
        ethnicity="WIRI",
        upn=upn("123425003"),
    )
    r = b.referral(g03, D(2025, 5, 6), "2A", "N5")
    b.assessment(r, D(2025, 5, 7), D(2025, 6, 10), ["21"], "NFA")

    # G04 CIN plan.
    g04 = kids["G04"] = b.child(
        "Cara",
        "Planned",
        date_of_birth=D(2017, 7, 1),
        sex="F",
        gender="2",
        ethnicity="MWBA",
        upn=upn("123425004"),
    )
    r = b.referral(g04, D(2025, 6, 2), "3A", "N3")
    b.assessment(r, D(2025, 6, 3), D(2025, 7, 14), ["4B", "6B"], "CIN_PLAN")
    b.cin_plan(g04, D(2025, 7, 15))

    # G05 s47 with no conference (ICPC not required), then a CIN plan; case closed RC7.
    g05 = kids["G05"] = b.child(
        "Sami",
        "Enquiry",
        date_of_birth=D(2014, 1, 20),
        sex="M",
        gender="1",
        ethnicity="AIND",
        upn=upn("123425005"),
    )
    r = b.referral(g05, D(2025, 9, 1), "6", "N1")
    b.s47(g05, D(2025, 9, 2), icpc_needed=False, concluded=D(2025, 9, 10))
    b.assessment(r, D(2025, 9, 3), D(2025, 10, 1), ["3A"], "CIN_PLAN")
    b.cin_plan(g05, D(2025, 10, 2))
    episode = protection_actions.open_cin_episode(g05)
    assert episode is not None
    protection_actions.close_cin_episode(
        actor=personas.worker,
        episode=episode,
        ended_on=D(2026, 1, 15),
        closure_reason="RC7",
        today=TODAY,
    )

    # G06 s47 → ICPC → CP plan; reviews in July (category now emotional abuse) and January.
    g06 = kids["G06"] = b.child(
        "Priya", "Protected", date_of_birth=D(2019, 5, 5), sex="F", gender="2", ethnicity="BAFR"
    )
    r = b.referral(g06, D(2025, 4, 14), "6", "N1")
    b.assessment(r, D(2025, 4, 15), D(2025, 5, 20), ["3A", "16A"], "STRATEGY_DISCUSSION")
    s47 = b.s47(g06, D(2025, 4, 16), icpc_needed=True, concluded=D(2025, 4, 25))
    conference = protection_actions.record_conference(
        actor=personas.worker,
        section47=s47,
        held_on=D(2025, 5, 7),
        chair=b.chair,
        child_views="Wants things to be calmer at home.",
        child_views_how="Seen alone at school",
        plan_made=True,
        category="NEG",
        today=TODAY,
    )
    plan = CPPlan.objects.get(conference=conference)
    b.review(plan, D(2025, 7, 30), category="EMO")
    b.review(plan, D(2026, 1, 28))

    # G07 transfer-in conference; the plan ends at its first review and a CIN plan follows.
    g07 = kids["G07"] = b.child(
        "Theo",
        "Transferred",
        date_of_birth=D(2010, 10, 10),
        sex="M",
        gender="1",
        ethnicity="WOTH",
        upn=upn("123425007"),
    )
    r = b.referral(g07, D(2025, 8, 4), "5C", "N1")
    b.assessment(
        r, D(2025, 8, 5), D(2025, 9, 15), ["18C"], "OTHER", "The conference decides the plan"
    )
    transfer = protection_actions.record_transfer_in(
        actor=personas.worker,
        person=g07,
        notified_on=D(2025, 8, 4),
        from_authority="Anyshire County Council",
        today=TODAY,
    )
    conference = protection_actions.record_conference(
        actor=personas.worker,
        transfer=transfer,
        held_on=D(2025, 8, 20),
        chair=b.chair,
        child_views="Misses his old school.",
        child_views_how="Seen alone at home",
        plan_made=True,
        category="PHY",
        today=TODAY,
    )
    transfer_plan = CPPlan.objects.get(conference=conference)
    b.review(transfer_plan, D(2025, 11, 12), decision="end", end="step_down_cin")
    b.cin_plan(g07, D(2025, 11, 12))

    # G08 disabled child with a CIN plan.
    g08 = kids["G08"] = b.child(
        "Dana",
        "Disabled",
        date_of_birth=D(2011, 2, 2),
        sex="F",
        gender="2",
        ethnicity="WBRI",
        upn=upn("123425008"),
        disabilities=["LD", "AUT", "COMM"],
    )
    r = b.referral(g08, D(2025, 10, 6), "2A", "N2")
    b.assessment(r, D(2025, 10, 7), D(2025, 11, 20), ["5A", "6A"], "CIN_PLAN")
    b.cin_plan(g08, D(2025, 11, 21))

    # Not in the 2026 return: closed before 1 April 2025, and referred after 31 March 2026.
    before = b.child("Olly", "Before", date_of_birth=D(2013, 1, 1), sex="M", gender="1")
    b.referral(before, D(2025, 3, 3), "1A", "N4", nfa=True)
    after = b.child("Ada", "After", date_of_birth=D(2016, 1, 1), sex="F", gender="2")
    b.referral(after, D(2026, 4, 2), "2A", "N1")

    return GoldenSet(children=kids, outside=[before, after], chair=b.chair, cp_plan=plan)
