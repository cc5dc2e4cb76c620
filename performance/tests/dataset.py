"""A small fixed record for the measure and Annex A tests, built through the actions.

Measured collection year: 1 April 2025 to 31 March 2026. Annex A inspection date: 31 March
2026 (6-month window from 30 September 2025). Time is frozen at the personas' TODAY
(20 November 2026), so every date here is in the past.

Children and what happens to them:
- A: NFA referral 10 Jan 2025; referral 2 Jun 2025 (re-referral); assessment 3 Jun, authorised
  exactly 45 WD later (CIN plan); s47 1 Sep 2025, ICPC 16 WD later, no plan.
- B: NFA referral 1 Mar 2024; referral 1 May 2025 (not a re-referral: 14 months); assessment
  started 2 Mar 2026, authorised 15 Apr 2026 (after the year and the inspection date).
- C: referral 1 Jul 2025; assessment 2 Jul, authorised 46 WD later with NFA (closes the
  episode early Sep 2025); referral 1 Dec 2025 (re-referral).
- D: referral 1 Mar 2025; assessment 3 Mar 2025 authorised 10 Apr 2025 (CIN plan); s47 6 May
  2025, ICPC 15 WD later (28 May 2025) with a plan; reviews 20 Aug 2025 and 18 Feb 2026
  (all on time); allocated to Team B.
- E: referral 1 Aug 2025; CP transfer-in notified 5 Aug, transfer-in conference 20 Aug 2025
  with a plan; no reviews; plan ended 10 Feb 2026.
- F: referral 1 Dec 2022; s47 20 Dec 2022, ICPC 10 Jan 2023, plan ended 10 Jun 2025 (over 2
  years); s47 1 Oct 2025, ICPC 15 Oct 2025 (10 WD) with a second plan; first review 20 Jan
  2026 (late: due 15 Jan).
- G: referral 5 Jan 2026; assessment 6 Jan 2026 authorised 20 Feb 2026 (CIN plan); s47 12 Jan
  2026, ICPC 15 WD later (2 Feb 2026) with a plan; allocated to Team A's worker from 5 Jan
  2026, reallocated to the colleague on 1 May 2026.
- H: early help from 1 Nov 2025, assessment 3 Nov to 20 Nov 2025.
- I: early help from 1 Jan 2024, still open, no assessment in the window.
- J: early help 1 Jan 2025 to 1 Mar 2025 (outside the window).
Contacts: G on 2 Jan 2026; G and A together on 3 Feb 2026; an unmatched child on 4 Mar 2026;
A on 1 Jan 2025 (outside the window).
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
from people.models import Person
from protection import actions as protection_actions
from protection.models import Conference, CPPlan, Section47
from timescales import load_calendar

D = datetime.date
CAL = load_calendar()


@dataclass
class Dataset:
    children: dict[str, Person]
    plans: dict[str, CPPlan]
    chair: User
    analyst: User


def at(day: D, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def child(p: Personas, name: str, dob: D, sex: str = "F", **extra: object) -> Person:
    return people_actions.create_person(
        actor=p.mash,
        details=people_actions.PersonDetails(
            legal_forename=f"Child{name}",
            legal_surname=f"Fixture{name}son",
            date_of_birth=dob,
            sex=sex,
            ethnicity="WBRI",
            **extra,  # type: ignore[arg-type]
        ),
    )


def referral(p: Personas, person: Person, day: D, nfa: bool = False) -> Referral:
    return front_door_actions.record_referral(
        actor=p.mash, person=person, referral_date=day, source="2A", primary_need="N1", nfa=nfa
    )


def assessment(
    p: Personas, ref: Referral, start: D, authorised: D, outcome: str = "CIN_PLAN"
) -> Assessment:
    a = assessment_actions.start_assessment(
        actor=p.worker, referral=ref, started_on=start, worker=p.worker
    )
    assessment_actions.record_child_seen(
        actor=p.worker, assessment=a, seen_on=start, seen_alone=True
    )
    assessment_actions.record_factors(
        actor=p.worker, assessment=a, factors=["21"] if outcome == "NFA" else ["3B"]
    )
    assessment_actions.record_outcome(actor=p.worker, assessment=a, outcome=outcome)
    assessment_actions.submit_assessment(actor=p.worker, assessment=a, submitted_on=authorised)
    return assessment_actions.authorise_assessment(
        actor=p.manager, assessment=a, authorised_on=authorised, confirmed=True
    )


def s47(p: Personas, person: Person, day: D) -> Section47:
    discussion = protection_actions.record_strategy_discussion(
        actor=None,
        person=person,
        held_at=at(day),
        decision="s47_joint",
        rationale="Injury with no explanation",
        attendees=[protection_actions.Attendee("police", "DC Jones", "Checks")],
        check_access=False,
    )
    enquiry = discussion.section47
    return protection_actions.conclude_section47(
        actor=None,
        section47=enquiry,
        outcome="substantiated",
        icpc_needed=True,
        completed_on=day + datetime.timedelta(days=3),
        check_access=False,
    )


def icpc(chair: User, enquiry: Section47, day: D, plan: bool = True) -> Conference:
    return protection_actions.record_conference(
        actor=None,
        section47=enquiry,
        held_on=day,
        chair=chair,
        child_views="Wants to be safe",
        child_views_how="Seen alone",
        plan_made=plan,
        category="NEG" if plan else "",
        check_access=False,
    )


def review(chair: User, plan: CPPlan, day: D) -> None:
    protection_actions.record_review_conference(
        actor=None, plan=plan, held_on=day, chair=chair, decision="continue", check_access=False
    )


def contact(p: Personas, people: list[Person | None], day: D) -> None:
    front_door_actions.record_contact(
        actor=p.mash,
        children=[
            front_door_actions.ChildAsTyped(
                forename="" if person else "Unmatched",
                surname="" if person else "Typedchild",
                date_of_birth=None if person else D(2019, 6, 1),
                person=person,
            )
            for person in people
        ],
        details=front_door_actions.ContactDetails(
            source="6",
            referrer_name="PC Smith",
            concerns="Police attended a domestic incident",
            family_consent="unknown",
        ),
        received_at=at(day),
    )


def early_help(
    p: Personas, person: Person, start: D, assessed: tuple[D, D] | None, end: D | None = None
) -> None:
    eh = front_door_actions.start_early_help(
        actor=p.mash,
        person=person,
        started_on=start,
        lead_professional="Sam Lead",
        organisation="Northbridge Family Hub",
        reason="Support with routines",
        assessment_started_on=assessed[0] if assessed else None,
        assessment_completed_on=assessed[1] if assessed else None,
    )
    if end:
        front_door_actions.end_early_help(
            actor=p.mash, early_help=eh, ended_on=end, end_reason="completed"
        )


def build(p: Personas) -> Dataset:
    chair = account_actions.create_user(
        actor=None,
        username="ivy_chair",
        first_name="Ivy",
        last_name="Chair",
        role=Role.IRO,
        password=PASSWORD,
    )
    analyst = account_actions.create_user(
        actor=None,
        username="ana_analyst",
        first_name="Ana",
        last_name="Analyst",
        role=Role.PERFORMANCE_ANALYST,
        password=PASSWORD,
    )
    c = {
        name: child(p, name, dob, disabilities={"A": ["AUT"], "B": ["NONE"]}.get(name, []))
        for name, dob in {
            "A": D(2015, 4, 1),
            "B": D(2012, 4, 1),
            "C": D(2018, 3, 31),
            "D": D(2010, 12, 25),
            "E": D(2016, 6, 30),
            "F": D(2011, 1, 1),
            "G": D(2020, 4, 1),
            "H": D(2017, 9, 9),
            "I": D(2014, 2, 2),
            "J": D(2013, 3, 3),
        }.items()
    }
    plans: dict[str, CPPlan] = {}

    # A
    referral(p, c["A"], D(2025, 1, 10), nfa=True)
    ref_a = referral(p, c["A"], D(2025, 6, 2))
    assessment(p, ref_a, D(2025, 6, 3), CAL.add_working_days(D(2025, 6, 3), 45))
    icpc(chair, s47(p, c["A"], D(2025, 9, 1)), CAL.add_working_days(D(2025, 9, 1), 16), False)

    # B
    referral(p, c["B"], D(2024, 3, 1), nfa=True)
    ref_b = referral(p, c["B"], D(2025, 5, 1))
    assessment(p, ref_b, D(2026, 3, 2), D(2026, 4, 15))

    # C
    ref_c = referral(p, c["C"], D(2025, 7, 1))
    assessment(p, ref_c, D(2025, 7, 2), CAL.add_working_days(D(2025, 7, 2), 46), "NFA")
    referral(p, c["C"], D(2025, 12, 1))

    # D (allocated to Team B)
    casework_actions.allocate(
        actor=p.manager,
        person=c["D"],
        team=p.team_b,
        worker=p.other_worker,
        started_on=D(2025, 3, 1),
        reason="Referral",
    )
    ref_d = referral(p, c["D"], D(2025, 3, 1))
    assessment(p, ref_d, D(2025, 3, 3), D(2025, 4, 10))
    conf = icpc(chair, s47(p, c["D"], D(2025, 5, 6)), CAL.add_working_days(D(2025, 5, 6), 15))
    plans["D"] = CPPlan.objects.get(conference=conf)
    review(chair, plans["D"], D(2025, 8, 20))
    review(chair, plans["D"], D(2026, 2, 18))

    # E: transfer in
    referral(p, c["E"], D(2025, 8, 1))
    transfer = protection_actions.record_transfer_in(
        actor=None,
        person=c["E"],
        notified_on=D(2025, 8, 5),
        from_authority="Southborough",
        check_access=False,
    )
    conf = protection_actions.record_conference(
        actor=None,
        transfer=transfer,
        held_on=D(2025, 8, 20),
        chair=chair,
        child_views="Settling in",
        child_views_how="Seen at school",
        plan_made=True,
        category="EMO",
        check_access=False,
    )
    plans["E"] = CPPlan.objects.get(conference=conf)
    protection_actions.end_cp_plan(
        actor=None,
        plan=plans["E"],
        ended_on=D(2026, 2, 10),
        reason="no_longer_at_risk",
        check_access=False,
    )

    # F: a plan over 2 years, then a second plan
    referral(p, c["F"], D(2022, 12, 1))
    conf = icpc(chair, s47(p, c["F"], D(2022, 12, 20)), D(2023, 1, 10))
    plans["F1"] = CPPlan.objects.get(conference=conf)
    protection_actions.end_cp_plan(
        actor=None,
        plan=plans["F1"],
        ended_on=D(2025, 6, 10),
        reason="no_longer_at_risk",
        check_access=False,
    )
    conf = icpc(chair, s47(p, c["F"], D(2025, 10, 1)), D(2025, 10, 15))
    plans["F2"] = CPPlan.objects.get(conference=conf)
    review(chair, plans["F2"], D(2026, 1, 20))

    # G (allocated to Team A's worker, reallocated after the inspection date)
    casework_actions.allocate(
        actor=p.manager,
        person=c["G"],
        team=p.team_a,
        worker=p.worker,
        started_on=D(2026, 1, 5),
        reason="Referral",
    )
    ref_g = referral(p, c["G"], D(2026, 1, 5))
    assessment(p, ref_g, D(2026, 1, 6), D(2026, 2, 20))
    conf = icpc(chair, s47(p, c["G"], D(2026, 1, 12)), CAL.add_working_days(D(2026, 1, 12), 15))
    plans["G"] = CPPlan.objects.get(conference=conf)
    casework_actions.allocate(
        actor=p.manager,
        person=c["G"],
        team=p.team_a,
        worker=p.colleague,
        started_on=D(2026, 5, 1),
        reason="Worker left the team",
    )

    # Early help
    early_help(p, c["H"], D(2025, 11, 1), (D(2025, 11, 3), D(2025, 11, 20)))
    early_help(p, c["I"], D(2024, 1, 1), None)
    early_help(p, c["J"], D(2025, 1, 1), (D(2025, 1, 2), D(2025, 1, 20)), end=D(2025, 3, 1))

    # Contacts
    contact(p, [c["G"]], D(2026, 1, 2))
    contact(p, [c["G"], c["A"]], D(2026, 2, 3))
    contact(p, [None], D(2026, 3, 4))
    contact(p, [c["A"]], D(2025, 1, 1))
    return Dataset(children=c, plans=plans, chair=chair, analyst=analyst)
