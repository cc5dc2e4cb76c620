"""Children, their families and their history with the service, written through actions.

A family is a sibling group (1-4 children) sharing parents, a household and a history.
Each family belongs to a cohort that decides its story: open child in need, child
protection, looked after, disabled children, adolescents, private fostering,
unaccompanied asylum-seeking children, care leavers, closed cases and early help.
"""

from __future__ import annotations

import datetime

from accounts.models import Team
from assessments.choices import Outcome
from casework.choices import AllocationRole, EpisodeKind
from casework.events import attempt
from csc.errors import ActionError
from people import actions as people_actions
from people.choices import ProfessionalRole, RelationshipKind

from . import names
from .cohorts import COHORT_TEAM, PRIMARY_NEEDS, FamilyPlan
from .dates import DAY, add_years, age_on, between, days, dob_for_age
from .history import OUTCOME_FOR_CLOSURE, CaseHistory
from .household import ChildRecord

# Closed cases by when they closed: the last ~8 months, the year before, and the 3 before that.
CLOSED_RECENCY = (40, 25, 35)
# Share of longer closed cases (not closed straight after assessment) with a s47 enquiry that
# ended without a plan.
CLOSED_S47_SHARE = 0.3
# Share of closed families with a short episode in FLOW_DAYS (days before today) besides
# their main one (the front door and open cases supply the last year's referrals), and the
# share of those episodes' RC7 closures that followed a s47 enquiry.
FLOW_EPISODE_SHARE = 0.5
FLOW_DAYS = (365, 640)
FLOW_S47_SHARE = 1.0


class FamilyBuilder(CaseHistory):
    """Builds one family's story according to its cohort."""

    # ----- families -----------------------------------------------------------------

    def build(self, plan: FamilyPlan) -> None:
        cohort = plan.cohort
        if cohort in ("uasc_lac", "uasc_cin"):
            self._build_uasc(plan)
        elif cohort == "care_leaver":
            self._build_care_leaver(plan)
        elif cohort == "closed":
            self._build_closed(plan)
        elif cohort == "early_help":
            self._build_early_help(plan)
        else:
            self._build_open(plan)
        self.record_relations()

    def _build_open(self, plan: FamilyPlan) -> None:
        rng = self.rng
        today = self.today
        cohort = plan.cohort
        children, heritages, surname, youngest = self._start_family(plan)
        eldest_dob = min(
            (c.person.date_of_birth for c in children if c.person.date_of_birth), default=youngest
        )
        lb = youngest + days(1) if any(not c.unborn for c in children) else youngest
        # The census refuses a referral more than 40 weeks before a birth (rule 8606).
        due_dates = [
            c.person.expected_date_of_birth
            for c in children
            if c.unborn and c.person.expected_date_of_birth
        ]
        if due_dates:
            lb = max(lb, min(due_dates) - days(270))
        lb = min(lb, today)

        def not_before(day: datetime.date) -> datetime.date:
            return min(max(day, lb), today)

        cp_start = lac_start = None
        if cohort == "assessment":
            referral = not_before(today - days(rng.randint(0, 44)))
        elif cohort == "cp":
            cp_start = not_before(today - days(int(rng.triangular(0, 720, 60))))
            referral = not_before(cp_start - days(rng.randint(10, 60)))
            cp_start = max(cp_start, referral)
        elif cohort == "lac":
            lac_start = not_before(today - days(int(rng.triangular(14, 3000, 300))))
            referral = not_before(lac_start - days(rng.randint(0, 500)))
        elif cohort == "disabled":
            referral = not_before(today - days(rng.randint(60, 2000)))
        elif cohort in ("adolescent", "pf"):
            referral = not_before(today - days(rng.randint(20, 700)))
        else:
            referral = not_before(today - days(rng.randint(50, 1100)))

        if cohort != "pf" and rng.random() < 0.22:
            self._prior_episode(children, youngest, referral)

        # Household and family.
        at_home = cohort not in ("lac", "pf")
        anchor = lac_start or referral if not at_home else today
        household = self._household(min(anchor, today))
        if cohort == "lac":
            assert lac_start is not None
            placement = self._new_address(lac_start, out_of_area=0.62)
            child_addresses = [*household.addresses, placement]
        elif cohort == "pf":
            child_addresses = [*household.addresses, self._new_address(referral)]
        else:
            child_addresses = household.addresses
        for child in children:
            self._add_addresses(child.person, child_addresses, child.person.date_of_birth)
        carer = self._family_adults(
            children=children,
            heritages=heritages,
            surname=surname,
            at_home=at_home,
            household=household,
            eldest_dob=eldest_dob,
        )
        if cohort == "lac" and rng.random() < 0.6:
            assert lac_start is not None
            foster_h = rng.choice(list(names.HERITAGES.values()))
            foster = self._adult(
                heritage=foster_h,
                sex=rng.choice("FFFM"),
                surname=rng.choice(foster_h.surnames),
                dob=dob_for_age(rng, today, rng.randint(35, 65)),
                ethnicity=self._HERITAGE_ETHNICITY[foster_h.key],
            )
            self._add_addresses(foster, [child_addresses[-1]], None)
            for child in children:
                self._relate(
                    child.person,
                    foster,
                    RelationshipKind.FOSTER_CARER,
                    lives_with=True,
                    since=lac_start,
                )
            carer = f"{foster.legal_forename} {foster.legal_surname} (foster carer)"
        elif cohort == "lac":
            carer = "residential key worker"
        if cohort == "pf":
            pf_h = rng.choice(list(names.HERITAGES.values()))
            pf_carer = self._adult(
                heritage=pf_h,
                sex="F",
                surname=rng.choice(pf_h.surnames),
                dob=dob_for_age(rng, today, rng.randint(30, 60)),
                ethnicity=self._HERITAGE_ETHNICITY[pf_h.key],
            )
            self._add_addresses(pf_carer, [child_addresses[-1]], None)
            for child in children:
                self._relate(
                    child.person, pf_carer, RelationshipKind.CARER, lives_with=True, since=referral
                )
            carer = f"Ms {pf_carer.legal_surname} (private foster carer)"

        # Episodes: the referral opens the CIN episode; child protection comes later from
        # the protection journeys (strategy discussion, s47, conference, plan).
        need = names.pick(rng, PRIMARY_NEEDS[cohort])
        referrals = {}
        for child in children:
            referrals[child.person.pk] = self._refer(child, referral, need)
            if lac_start is not None and not child.unborn:
                self._open(child, EpisodeKind.LOOKED_AFTER, lac_start)
            if cohort == "pf":
                self._open(child, EpisodeKind.PRIVATE_FOSTERING, referral)

        # Allocation: assessment first, then the team that holds the plan.
        assessment_team = self._team("assessment")
        target = self._team(COHORT_TEAM[cohort])
        transfer = referral + days(rng.randint(25, 50))
        chain: list[tuple[datetime.date, Team]] = [(referral, assessment_team)]
        if cohort == "cp":
            assert cp_start is not None
            chain.append((max(min(transfer, cp_start), referral + DAY), target))
        elif cohort == "lac":
            assert lac_start is not None
            if lac_start > transfer + days(30):
                chain.append((transfer, self._team("locality")))
            chain.append((max(lac_start, referral + DAY), target))
        elif cohort != "assessment":
            chain.append((transfer, target))
        # Some cases change worker within the team over the years.
        last = min(chain[-1][0], today)
        if (today - last).days > 150 and rng.random() < 0.4:
            for _ in range(rng.randint(1, 2)):
                chain.append((between(rng, last + days(30), today), chain[-1][1]))
            chain.sort(key=lambda step: step[0])
        if chain[-1][0] > today:
            chain = [step for step in chain if step[0] <= today] or [(referral, assessment_team)]
        steps = self._steps(chain)
        reasons = ("Referral accepted: assessment",) + ("Transfer of case",) * 4
        self._allocate_chain(children, steps, reasons=reasons)
        final_team, final_worker = steps[-1][1], steps[-1][2]
        outcome = Outcome.STRATEGY_DISCUSSION if cohort == "cp" else Outcome.CIN_PLAN
        for child in children:
            made = self._refer_done(referrals[child.person.pk], outcome.value, final_worker)
            if cohort == "cp":
                self.on_plan.append(made)
            elif cohort in ("cin", "disabled", "adolescent", "assessment"):
                self.in_need.append(made)
        if (
            final_worker is not None
            and cohort in ("cin", "cp", "lac")
            and len(children) == 1  # a restricted child's siblings would be restricted too
            and not children[0].unborn
            and len(self.restrict_candidates) < 200
        ):
            self.restrict_candidates.append((children[0].person, final_team, final_worker))

        # Looked-after 16 and 17 year olds get a personal adviser before they leave care.
        if lac_start is not None:
            for child in children:
                dob = child.person.date_of_birth
                if dob and age_on(dob, today) >= 16 and rng.random() < 0.7:
                    start = max(lac_start, add_years(dob, 16) + days(rng.randint(0, 120)))
                    if start <= today:
                        team = self._team("leaving_care")
                        pa_steps = [(start, team, self._final_worker(team, allow_none=False))]
                        self._allocate_chain(
                            [child],
                            pa_steps,
                            role=AllocationRole.PERSONAL_ADVISER,
                            reasons=("Eligible child: personal adviser",),
                        )

        gp = rng.choice(names.GP_PRACTICES)
        recent = {"cp": 4, "lac": 3, "assessment": 2}.get(cohort, 2)
        for child in children:
            school = self._professionals(child, cohort=cohort, gp=gp, since=referral)
            self._notes(
                child,
                cohort=cohort,
                since=referral,
                recent=recent,
                older=1,
                carer=carer,
                school=school,
            )

    def _build_uasc(self, plan: FamilyPlan) -> None:
        rng = self.rng
        today = self.today
        heritage = names.HERITAGES[names.pick(rng, names.UASC_HERITAGES)]
        ethnicity = names.UASC_ETHNICITY[heritage.key]
        age = self._eldest_age(plan.cohort)
        dob = dob_for_age(rng, today, age)
        arrived = max(add_years(dob, 13), today - days(rng.randint(7, 700)))
        sex = "M" if rng.random() < 0.9 else "F"
        first = rng.choice(heritage.male if sex == "M" else heritage.female)
        language, religion = self._heritage_details(heritage)
        if language == "English":
            language = heritage.languages[0][0]
        details = self._child_details(
            first=first,
            surname=rng.choice(heritage.surnames),
            sex=sex,
            dob=dob,
            expected=None,
            ethnicity=ethnicity,
            language=language,
            religion=religion,
            cohort=plan.cohort,
            uasc=True,
            arrived=arrived,
        )
        details.first_language = language
        child = ChildRecord(person=self._create(details), first_name=first)
        looked_after = plan.cohort == "uasc_lac"
        placement = self._new_address(arrived, out_of_area=0.4)
        self._add_addresses(child.person, [placement], child.person.date_of_birth)
        carer = "supported lodgings provider"
        if looked_after and rng.random() < 0.5:
            foster_h = rng.choice(list(names.HERITAGES.values()))
            foster = self._adult(
                heritage=foster_h,
                sex="F",
                surname=rng.choice(foster_h.surnames),
                dob=dob_for_age(rng, today, rng.randint(35, 65)),
                ethnicity=self._HERITAGE_ETHNICITY[foster_h.key],
            )
            self._add_addresses(foster, [placement], None)
            self._relate(
                child.person, foster, RelationshipKind.FOSTER_CARER, lives_with=True, since=arrived
            )
            carer = f"{foster.legal_forename} {foster.legal_surname} (foster carer)"
        cin_referral = self._refer(child, arrived, "N8")
        if looked_after:
            self._open(child, EpisodeKind.LOOKED_AFTER, arrived)
        steps = self._steps([(arrived, self._team(COHORT_TEAM[plan.cohort]))])
        self._allocate_chain([child], steps, reasons=("Unaccompanied child: accommodated",))
        self._refer_done(cin_referral, Outcome.CIN_PLAN.value, steps[-1][2])
        if looked_after and age >= 16 and rng.random() < 0.7:
            team = self._team("leaving_care")
            start = max(arrived, add_years(dob, 16))
            if start <= today:
                self._allocate_chain(
                    [child],
                    [(start, team, self._final_worker(team, allow_none=False))],
                    role=AllocationRole.PERSONAL_ADVISER,
                    reasons=("Eligible child: personal adviser",),
                )
        school = self._professionals(
            child, cohort=plan.cohort, gp=rng.choice(names.GP_PRACTICES), since=arrived
        )
        self._notes(
            child, cohort=plan.cohort, since=arrived, recent=3, older=1, carer=carer, school=school
        )

    def _build_care_leaver(self, plan: FamilyPlan) -> None:
        rng = self.rng
        children, heritages, surname, _ = self._start_family(plan)
        child = children[0]
        dob = child.person.date_of_birth
        assert dob is not None
        eighteen = add_years(dob, 18)
        lac_start = between(rng, add_years(dob, 12), eighteen - days(120))
        referral = max(dob + DAY, lac_start - days(rng.randint(0, 300)))
        flat = self._new_address(eighteen + days(rng.randint(0, 200)))
        household = self._household(referral)
        placement = self._new_address(lac_start, out_of_area=0.6)
        self._add_addresses(child.person, [*household.addresses, placement, flat], dob)
        if rng.random() < 0.6:
            mother_h = heritages[0]
            mother = self._adult(
                heritage=mother_h,
                sex="F",
                surname=surname,
                dob=dob_for_age(rng, dob, rng.randint(18, 38)),
                ethnicity=self._HERITAGE_ETHNICITY[mother_h.key],
                avoid={child.first_name},
            )
            self._add_addresses(mother, [household.addresses[-1]], None)
            self._relate(
                child.person, mother, RelationshipKind.MOTHER, lives_with=False, pr=False, since=dob
            )
        need = names.pick(rng, PRIMARY_NEEDS["care_leaver"])
        cin = self._refer(child, referral, need)
        lac = self._open(child, EpisodeKind.LOOKED_AFTER, lac_start)
        cic_team = self._team("children_in_care")
        sw_steps = self._steps(
            [(referral, self._team("assessment")), (lac_start, cic_team)], final=False
        )
        sw = self._allocate_chain([child], sw_steps, reasons=("Referral accepted",), current=False)
        pa_team = self._team("leaving_care")
        pa_start = max(lac_start + DAY, add_years(dob, 17) + days(rng.randint(0, 150)))
        pa_start = min(pa_start, eighteen - DAY)
        self._allocate_chain(
            [child],
            [(pa_start, pa_team, self._final_worker(pa_team, allow_none=False))],
            role=AllocationRole.PERSONAL_ADVISER,
            reasons=("Eligible child: personal adviser",),
        )
        self._close(lac, eighteen)
        assessment = self._assess(cin, Outcome.CIN_PLAN.value)
        self._close_cin(cin, assessment, eighteen, "RC7", force=True)
        self._end_allocations(sw, eighteen, "Turned 18: leaving care service continues")
        self._open(child, EpisodeKind.CARE_LEAVER, eighteen)
        child.authors = [a for a in child.authors if a[0] >= pa_start] or child.authors
        gp = self._involvement(ProfessionalRole.GP, rng.choice(names.GP_PRACTICES), eighteen, "Dr ")
        people_actions.add_professionals(actor=None, person=child.person, involvements=[gp])
        self._notes(
            child,
            cohort="care_leaver",
            since=eighteen,
            recent=2,
            older=1,
            carer="personal adviser",
            school="college",
        )

    def _build_closed(self, plan: FamilyPlan) -> None:
        rng = self.rng
        today = self.today
        # Closures follow referrals, which run at a steady rate: most closed cases in the
        # record closed in the last two years (older ones are the long tail of five years).
        ago = rng.choices(
            (rng.randint(1, 235), rng.randint(236, 600), rng.randint(601, 1825)),
            weights=CLOSED_RECENCY,
        )[0]
        closed_on = today - days(ago)
        children, heritages, surname, youngest = self._start_family(plan, reference=closed_on)
        eldest_dob = min(c.person.date_of_birth for c in children if c.person.date_of_birth)
        # Cases that closed in recent months were mostly open at the last census date: longer
        # pieces of work (RC7) more than closures straight after assessment.
        reason = rng.choices(
            ("RC8", "RC9", "RC7", "RC5", "RC3", "RC4", "RC1"),
            weights=(20, 8, 60, 5, 2, 3, 1) if ago <= 235 else (45, 17, 28, 4, 2, 3, 1),
        )[0]
        if reason == "RC1" and age_on(eldest_dob, closed_on) > 6:
            reason = "RC4"
        duration = {
            "RC8": (5, 45),
            "RC9": (10, 45),
            "RC7": (90, 900),
            "RC5": (30, 400),
        }.get(reason, (300, 1500))
        referral = max(youngest + DAY, closed_on - days(rng.randint(*duration)))
        closed_on = max(closed_on, referral)
        household = self._household(closed_on, most=2)
        for child in children:
            self._add_addresses(child.person, household.addresses, child.person.date_of_birth)
        carer = self._family_adults(
            children=children,
            heritages=heritages,
            surname=surname,
            at_home=True,
            household=household,
            eldest_dob=eldest_dob,
        )
        need = names.pick(rng, PRIMARY_NEEDS["closed"])
        long_case = (closed_on - referral).days > 60
        with_lac = reason in ("RC1", "RC3", "RC4") and long_case
        lac_start = referral + days(rng.randint(20, max(21, (closed_on - referral).days // 3)))
        # A third of RC8 closures are referrals closed with no further action; the rest follow
        # an assessment. Child protection history comes from the protection journeys.
        nfa = reason == "RC8" and rng.random() < 0.35
        referrals = [self._refer(child, referral, need, nfa=nfa) for child in children]
        chain: list[tuple[datetime.date, Team]] = [(referral, self._team("assessment"))]
        if long_case:
            if with_lac:
                holder = self._team("locality")
                chain.append((referral + days(rng.randint(15, 19)), holder))
                chain.append((lac_start, self._team("children_in_care")))
            elif need == "N2":
                chain.append((referral + days(rng.randint(20, 45)), self._team("disabled")))
            else:
                chain.append((referral + days(rng.randint(20, 45)), self._team("locality")))
        steps = self._steps([step for step in chain if step[0] <= closed_on], final=False)
        ended = [
            a
            for c in children
            for a in self._allocate_chain(
                [c], steps, reasons=("Referral accepted: assessment",), current=False
            )
        ]
        outcome = OUTCOME_FOR_CLOSURE.get(reason, Outcome.CIN_PLAN.value)
        ends: list[datetime.date] = []
        # The census refuses RC8/RC9 closures once there has been a s47 enquiry (rule 2990).
        enquiry = reason not in ("RC8", "RC9") and rng.random() < CLOSED_S47_SHARE
        for child, cin in zip(children, referrals, strict=True):
            end = referral if nfa else None
            if not nfa:
                assessment = self._assess(cin, outcome, steps[-1][1:] if steps else None)
                if enquiry:
                    self._enquiry(cin, steps[-1][2] if steps else None, closed_on)
                end = self._close_cin(cin, assessment, closed_on, reason)
            if with_lac and not child.unborn:
                lac = self._open(child, EpisodeKind.LOOKED_AFTER, lac_start)
                self._close(lac, max(lac_start, min(end or closed_on, today)), reason)
            if end is not None:
                ends.append(end)
        if len(ends) == len(children):
            # Still being assessed otherwise: the allocation stays.
            closed_on = max(ends)
            self._end_allocations(ended, closed_on, "Case closed")
        gp = rng.choice(names.GP_PRACTICES)
        for child in children:
            limit = 1 if self.rng.random() < 0.6 else 2
            school = self._professionals(child, cohort="closed", gp=gp, since=referral, limit=limit)
            self._closed_notes(
                child, referral=referral, closed_on=closed_on, carer=carer, school=school
            )
        self._flow_episode(children, first=referral, last=closed_on)
        if reason == "RC9" and closed_on + DAY <= today:
            self._early_help(
                children,
                start=closed_on + DAY,
                end=closed_on + days(rng.randint(60, 300)),
                previous_end=closed_on,
            )

    def _flow_episode(
        self, children: list[ChildRecord], *, first: datetime.date, last: datetime.date
    ) -> None:
        """Most of a year's referrals are short episodes (assessed, then closed or stepped
        down): give many closed families one in the year before the front door's, before or
        after their main episode, so the latest census year has the borough's flow."""
        rng = self.rng
        if rng.random() >= FLOW_EPISODE_SHARE or any(c.unborn for c in children):
            return
        born = max(c.person.date_of_birth for c in children if c.person.date_of_birth)
        for _ in range(3):  # a few tries at a time clear of the main episode
            opened_on = self.today - days(rng.randint(*FLOW_DAYS))
            closed_on = opened_on + days(rng.randint(20, 240))
            if opened_on > born and (closed_on + days(30) < first or opened_on > last + days(30)):
                break
        else:
            return
        try:
            with attempt():
                self._short_episode(
                    children, opened_on, min(closed_on, self.today), enquiry_share=FLOW_S47_SHARE
                )
        except ActionError:
            pass  # e.g. the main episode is still open: no second referral

    def _build_early_help(self, plan: FamilyPlan) -> None:
        rng = self.rng
        today = self.today
        children, heritages, surname, youngest = self._start_family(plan)
        eldest_dob = min(c.person.date_of_birth for c in children if c.person.date_of_birth)
        household = self._household(today)
        for child in children:
            self._add_addresses(child.person, household.addresses, child.person.date_of_birth)
        carer = self._family_adults(
            children=children,
            heritages=heritages,
            surname=surname,
            at_home=True,
            household=household,
            eldest_dob=eldest_dob,
        )
        if rng.random() < 0.5:
            start = max(youngest + DAY, today - days(rng.randint(14, 270)))
            start = min(start, today)
            end = today + DAY
        else:
            start = max(youngest + DAY, today - days(rng.randint(200, 1500)))
            end = min(today - DAY, start + days(rng.randint(60, 300)))
            if end < start:
                start, end = min(start, today), today + DAY
        self._early_help(children, start=start, end=end)
        gp = rng.choice(names.GP_PRACTICES)
        for child in children:
            school = self._professionals(child, cohort="early_help", gp=gp, since=start)
            if end > today:
                self._notes(
                    child,
                    cohort="early_help",
                    since=start,
                    recent=2,
                    older=0,
                    carer=carer,
                    school=school,
                )
