"""People and homes: children, parents and carers, addresses and professionals."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from accounts.models import Team, User
from people import actions as people_actions
from people.actions import PersonDetails
from people.choices import PersonKind, ProfessionalRole, RelationshipKind
from people.models import Person
from people.names import tokens_for

from . import names
from .cohorts import FamilyPlan
from .dates import age_on, between, days, dob_for_age
from .identifiers import (
    PRIMARY_ESTABLISHMENTS,
    SECONDARY_ESTABLISHMENTS,
    SPECIAL_ESTABLISHMENTS,
    IdentifierSource,
)
from .staff import Staff

# CIN census disability codes and how often each is recorded, relatively.
DISABILITY_FREQUENCY = {
    "AUT": 30,
    "LD": 25,
    "COMM": 15,
    "BEH": 10,
    "MOB": 6,
    "PC": 4,
    "HAND": 2,
    "HEAR": 2,
    "VIS": 2,
    "CON": 1,
    "INC": 1,
    "DDA": 2,
}
DISABILITY_CODES = tuple(DISABILITY_FREQUENCY)
DISABILITY_WEIGHTS = tuple(DISABILITY_FREQUENCY.values())


@dataclass
class Household:
    """Addresses a family has lived at: (moved_in_on, line1, line2, town, postcode)."""

    addresses: list[tuple[datetime.date, str, str, str, str]] = field(default_factory=list)


@dataclass
class ChildRecord:
    person: Person
    unborn: bool = False
    first_name: str = ""
    # (from, author) pairs: who wrote notes on this child when.
    authors: list[tuple[datetime.date, User]] = field(default_factory=list)


class HouseholdBuilder:
    """Writes the people in a family and the facts about them."""

    def __init__(
        self, *, rng: random.Random, staff: Staff, today: datetime.date, ids: IdentifierSource
    ) -> None:
        self.rng = rng
        self.staff = staff
        self.today = today
        self.ids = ids
        self.caseload: dict[int, int] = defaultdict(int)
        self.restrict_candidates: list[tuple[Person, Team, User]] = []
        self.mash = staff.practitioners[staff.teams["MASH"].pk]
        self.demo_worker = staff.demo["worker"]
        self._sounds_by_dob: dict[datetime.date, list[set[str]]] = defaultdict(list)
        self._relations: list[people_actions.Relation] = []

    # ----- people -------------------------------------------------------------------

    def _looks_like_existing(self, details: PersonDetails) -> bool:
        """The people app's likely-duplicate rule (same date of birth and names that
        sound alike), checked against what this load has already created."""
        if details.date_of_birth is None:
            return False
        sounds = {
            t
            for t in tokens_for(details.legal_forename, details.legal_surname)
            if t.startswith("s:")
        }
        surname_sound = {t for t in tokens_for(details.legal_surname) if t.startswith("s:")}
        for tokens in self._sounds_by_dob.get(details.date_of_birth, []):
            if sounds & tokens and (surname_sound & tokens or len(sounds & tokens) >= 2):
                return True
        return False

    def _create(self, details: PersonDetails, *, twin: bool = False) -> Person:
        """Create a person who does not look like anyone already loaded: if they would,
        nudge the date of birth by a few days (keeping the age)."""
        original = details.date_of_birth
        if original is not None and not twin:
            for shift in (0, 1, -1, 2, -2, 3, -3, 5, -5, 8, -8, 13, -13, 21, -21):
                moved = original + days(shift)
                if moved > self.today or age_on(moved, self.today) != age_on(original, self.today):
                    continue
                details.date_of_birth = moved
                if not self._looks_like_existing(details):
                    break
        person = people_actions.create_person(
            actor=self.rng.choice(self.mash),
            details=details,
            # Checked above, in memory: the database check looks through name tokens and
            # slows as the load grows. Twins legitimately share a birthday and surname.
            confirmed_not_duplicate=True,
            today=self.today,
        )
        if person.date_of_birth is not None:
            self._sounds_by_dob[person.date_of_birth].append(
                {
                    t
                    for t in tokens_for(
                        person.legal_forename, person.legal_surname, person.known_as
                    )
                    if t.startswith("s:")
                }
            )
        return person

    def _heritage_details(self, heritage: names.Heritage) -> tuple[str, str]:
        language = names.pick(self.rng, heritage.languages)
        religion = names.pick(self.rng, heritage.religions) if self.rng.random() < 0.6 else ""
        return language, religion

    def _adult(
        self,
        *,
        heritage: names.Heritage,
        sex: str,
        surname: str,
        dob: datetime.date,
        ethnicity: str,
        avoid: set[str] | frozenset[str] = frozenset(),
    ) -> Person:
        rng = self.rng
        pool = [n for n in (heritage.male if sex == "M" else heritage.female) if n not in avoid]
        first = rng.choice(pool)
        language, religion = self._heritage_details(heritage)
        return self._create(
            PersonDetails(
                kind=PersonKind.ADULT,
                legal_forename=first,
                legal_surname=surname,
                date_of_birth=dob,
                sex=sex,
                gender="1" if sex == "M" else "2",
                ethnicity=ethnicity,
                first_language=language,
                interpreter_needed=language != "English" and rng.random() < 0.3,
                religion=religion,
                nhs_number=self.ids.nhs_number() if rng.random() < 0.4 else "",
            )
        )

    def _child_details(
        self,
        *,
        first: str,
        surname: str,
        sex: str,
        dob: datetime.date | None,
        expected: datetime.date | None,
        ethnicity: str,
        language: str,
        religion: str,
        cohort: str,
        uasc: bool = False,
        arrived: datetime.date | None = None,
    ) -> PersonDetails:
        rng = self.rng
        age = age_on(dob, self.today) if dob else None
        if dob is None:
            disabilities: list[str] = []
        elif cohort == "disabled":
            k = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
            disabilities = sorted(set(rng.choices(DISABILITY_CODES, DISABILITY_WEIGHTS, k=k)))
        elif rng.random() < 0.035:
            disabilities = [rng.choices(DISABILITY_CODES, DISABILITY_WEIGHTS)[0]]
        else:
            disabilities = ["NONE"]
        upn, upn_unknown = "", ""
        if age is not None and age >= 5 and rng.random() < (0.5 if uasc else 0.92):
            if uasc and arrived:
                upn = self.ids.upn(
                    school_start_year=arrived.year,
                    establishment=rng.choice(SECONDARY_ESTABLISHMENTS),
                )
            else:
                assert dob is not None
                schools = SPECIAL_ESTABLISHMENTS if cohort == "disabled" else PRIMARY_ESTABLISHMENTS
                upn = self.ids.upn(
                    school_start_year=dob.year + 5, establishment=rng.choice(schools)
                )
        elif uasc:
            upn_unknown = "UN4"
        elif age is None or age < 6:
            upn_unknown = "UN1"
        else:
            upn_unknown = rng.choice(("UN2", "UN6"))
        child_language = (
            ""
            if dob is None
            else (language if language == "English" or rng.random() < 0.6 else "English")
        )
        gender = "0" if sex == "U" else ("1" if sex == "M" else "2")
        if age is not None and age >= 13 and rng.random() < 0.01:
            gender = "9"
        return PersonDetails(
            kind=PersonKind.CHILD,
            legal_forename=first,
            legal_surname=surname,
            date_of_birth=dob,
            expected_date_of_birth=expected,
            sex=sex,
            gender=gender,
            ethnicity=ethnicity,
            first_language=child_language,
            interpreter_needed=(uasc and rng.random() < 0.7)
            or (child_language not in ("", "English") and rng.random() < 0.08),
            religion=religion if dob is not None else "",
            nhs_number=""
            if dob is None or (uasc and rng.random() < 0.6) or rng.random() < 0.06
            else self.ids.nhs_number(),
            upn=upn,
            upn_unknown=upn_unknown,
            uasc=uasc,
            disabilities=disabilities,
        )

    # ----- ages ---------------------------------------------------------------------

    def _eldest_age(self, cohort: str) -> int:
        rng = self.rng
        if cohort == "cp":
            band = rng.choices(
                ((0, 0), (1, 4), (5, 9), (10, 15), (16, 17)), weights=(12, 28, 30, 25, 5)
            )[0]
            return rng.randint(*band)
        if cohort == "lac":
            band = rng.choices(
                ((0, 0), (1, 4), (5, 9), (10, 15), (16, 17)), weights=(5, 13, 18, 39, 25)
            )[0]
            return rng.randint(*band)
        if cohort in ("uasc_lac", "uasc_cin"):
            return rng.choices((14, 15, 16, 17), weights=(5, 20, 35, 40))[0]
        if cohort == "disabled":
            return rng.randint(2, 17)
        if cohort == "adolescent":
            return rng.randint(13, 17)
        if cohort == "pf":
            return rng.randint(11, 17)
        if cohort == "care_leaver":
            return rng.randint(18, 21)
        if cohort == "early_help":
            return rng.randint(0, 15)
        return rng.randint(0, 17)

    def _sibling_dobs(
        self, cohort: str, size: int, reference: datetime.date, eldest_age: int
    ) -> list[datetime.date | None]:
        """Dates of birth, eldest first; None is an unborn child (only as the youngest)."""
        rng = self.rng
        if size > 1:
            eldest_age = max(eldest_age, size)  # room for siblings at least 400 days apart
        dobs: list[datetime.date | None] = [dob_for_age(rng, reference, eldest_age)]
        while len(dobs) < size:
            previous = dobs[-1]
            assert previous is not None
            if rng.random() < 0.02:
                dobs.append(previous)  # twins
                continue
            still_to_come = size - len(dobs) - 1
            room = (reference - previous).days - 400 * still_to_come
            gap = rng.randint(400, max(400, min(1500, room)))
            dobs.append(min(previous + days(gap), reference))
        unborn_chance = {"cp": 0.08, "assessment": 0.06}.get(cohort, 0.0)
        if reference == self.today and rng.random() < unborn_chance:
            if len(dobs) >= size:
                dobs[-1] = None
            else:
                dobs.append(None)
        return dobs

    # ----- addresses, relationships, professionals -------------------------------------

    def _new_address(
        self, moved_in: datetime.date, *, out_of_area: float = 0.0
    ) -> tuple[datetime.date, str, str, str, str]:
        rng = self.rng
        districts = (
            names.OUT_OF_AREA_DISTRICTS if rng.random() < out_of_area else names.HOME_DISTRICTS
        )
        district = rng.choice(sorted(districts))
        line1, line2 = names.street_address(rng)
        return (moved_in, line1, line2, districts[district], names.postcode(rng, district))

    def _household(self, anchor: datetime.date, *, most: int = 3) -> Household:
        """1-3 addresses, the latest moved into before `anchor`."""
        rng = self.rng
        count = rng.choices((1, 2, 3)[:most], weights=(45, 35, 20)[:most])[0]
        moved = anchor - days(rng.randint(30, 2500))
        found = [moved]
        for _ in range(count - 1):
            moved = moved - days(rng.randint(200, 1500))
            found.append(moved)
        return Household([self._new_address(d) for d in reversed(found)])

    def _add_addresses(
        self,
        person: Person,
        addresses: list[tuple[datetime.date, str, str, str, str]],
        born: datetime.date | None,
    ) -> None:
        """Record the addresses someone has lived at since birth, oldest first."""
        dated = [(max(a[0], born) if born else a[0], *a[1:]) for a in addresses]
        kept: list[tuple[datetime.date, str, str, str, str]] = []
        for entry in dated:
            while kept and kept[-1][0] >= entry[0]:
                kept.pop()
            kept.append(entry)
        people_actions.add_addresses(
            actor=None,
            person=person,
            moves=[
                people_actions.Move(
                    line1=line1,
                    line2=line2,
                    town=town,
                    postcode=postcode,
                    moved_in_on=min(moved_in, self.today),
                )
                for moved_in, line1, line2, town, postcode in kept
            ],
            today=self.today,
        )

    def _relate(
        self,
        child: Person,
        other: Person,
        kind: str,
        *,
        lives_with: bool,
        pr: bool = False,
        since: datetime.date | None = None,
    ) -> None:
        """Noted now, recorded with the rest of the family's by `record_relations`."""
        self._relations.append(
            people_actions.Relation(
                person=child,
                other=other,
                kind=kind,
                lives_with=lives_with,
                has_parental_responsibility=pr,
                started_on=since,
            )
        )

    def record_relations(self) -> None:
        people_actions.add_relationships(actor=None, relations=self._relations)
        self._relations = []

    def _professional_name(self) -> tuple[str, str]:
        heritage = self.rng.choice(list(names.HERITAGES.values()))
        first = self.rng.choice(heritage.male + heritage.female)
        return first, self.rng.choice(heritage.surnames)

    def _involvement(
        self, role: str, organisation: str, start: datetime.date, title: str = ""
    ) -> people_actions.Involvement:
        first, last = self._professional_name()
        return people_actions.Involvement(
            name=f"{title}{first} {last}",
            role=role,
            organisation=organisation,
            started_on=start,
            phone=f"020 7946 0{self.rng.randint(0, 999):03d}",  # Ofcom's drama range
            email=f"{first}.{last}@example.org".lower(),
        )

    def _professionals(
        self, child: ChildRecord, *, cohort: str, gp: str, since: datetime.date, limit: int = 3
    ) -> str:
        """GP, school or health visitor and a specialist or two; returns the school name."""
        rng = self.rng
        person = child.person
        dob = person.date_of_birth
        age = age_on(dob, self.today) if dob else None
        start = max(since, dob) if dob else since
        school = "school"
        chosen: list[tuple[str, str, str]] = []
        if age is None:
            chosen.append((ProfessionalRole.MIDWIFE, "Northbridge Maternity Unit", ""))
        elif age < 5:
            chosen.append(
                (ProfessionalRole.HEALTH_VISITOR, "Northbridge Health Visiting Service", "")
            )
        elif age <= 17:
            if cohort == "disabled":
                school = rng.choice(names.SPECIAL_SCHOOLS)
            elif age <= 10:
                school = rng.choice(names.PRIMARY_SCHOOLS)
            else:
                school = rng.choice(names.SECONDARY_SCHOOLS)
            chosen.append((ProfessionalRole.TEACHER, school, ""))
        if rng.random() < 0.85 or not chosen:
            chosen.insert(0, (ProfessionalRole.GP, gp, "Dr "))
        if age is not None and age >= 11 and cohort in ("adolescent", "lac", "cp", "uasc_lac"):
            extra = rng.choices(
                (ProfessionalRole.CAMHS, ProfessionalRole.YOUTH_JUSTICE, ProfessionalRole.POLICE),
                weights=(50, 30, 20),
            )[0]
            org = {
                ProfessionalRole.CAMHS: "Northbridge CAMHS",
                ProfessionalRole.YOUTH_JUSTICE: "Northbridge Youth Justice Service",
                ProfessionalRole.POLICE: "Northbridge Police",
            }[extra]
            if rng.random() < 0.5:
                chosen.append((extra, org, ""))
        involvements = [
            self._involvement(role, organisation, between(rng, start, self.today), title)
            for role, organisation, title in chosen[:limit]
        ]
        people_actions.add_professionals(actor=None, person=person, involvements=involvements)
        return school

    def _parents_heritage(self, ethnicity: str) -> tuple[names.Heritage, names.Heritage]:
        if ethnicity in names.MIXED_HERITAGES:
            a, b = names.MIXED_HERITAGES[ethnicity]
            sides = [
                names.HERITAGES[names.pick(self.rng, a)],
                names.HERITAGES[names.pick(self.rng, b)],
            ]
            self.rng.shuffle(sides)
            return sides[0], sides[1]
        heritage = names.HERITAGES[names.pick(self.rng, names.ETHNICITY_HERITAGES[ethnicity])]
        return heritage, heritage

    _HERITAGE_ETHNICITY = {
        "british": "WBRI",
        "irish": "WIRI",
        "polish": "WOTH",
        "romanian": "WOTH",
        "roma": "WROM",
        "southern_european": "WOTH",
        "turkish": "WOTH",
        "jewish": "WBRI",
        "indian": "AIND",
        "pakistani": "APKN",
        "bangladeshi": "ABAN",
        "tamil": "AOTH",
        "afghan": "AOTH",
        "west_african": "BAFR",
        "somali": "BAFR",
        "eritrean": "BAFR",
        "caribbean": "BCRB",
        "chinese": "CHNE",
        "arab": "OOTH",
        "iranian": "OOTH",
        "latin_american": "OOTH",
    }

    def _make_children(
        self,
        *,
        cohort: str,
        dobs: list[datetime.date | None],
        surname: str,
        heritages: tuple[names.Heritage, names.Heritage],
        ethnicity: str,
        language: str,
        religion: str,
    ) -> list[ChildRecord]:
        rng = self.rng
        children: list[ChildRecord] = []
        used: set[str] = set()
        previous_dob: datetime.date | None = None
        for dob in dobs:
            heritage = rng.choice(heritages)
            expected = None
            if dob is None:
                sex = "U"
                first = "Unborn"
                expected = self.today + days(rng.randint(14, 150))
            else:
                sex = rng.choice("MF")
                pool = [
                    n for n in (heritage.male if sex == "M" else heritage.female) if n not in used
                ]
                first = rng.choice(pool)
                used.add(first)
            details = self._child_details(
                first=first,
                surname=surname,
                sex=sex,
                dob=dob,
                expected=expected,
                ethnicity=ethnicity,
                language=language,
                religion=religion,
                cohort=cohort,
            )
            twin = dob is not None and dob == previous_dob
            person = self._create(details, twin=twin)
            previous_dob = dob
            children.append(
                ChildRecord(
                    person=person, unborn=dob is None, first_name="" if dob is None else first
                )
            )
        return children

    def _link_siblings(self, children: list[ChildRecord]) -> None:
        born = [c for c in children if not c.unborn]
        for a in born:
            for b in born:
                if a is not b:
                    assert a.person.date_of_birth and b.person.date_of_birth
                    self._relate(
                        a.person,
                        b.person,
                        RelationshipKind.SIBLING,
                        lives_with=True,
                        since=max(a.person.date_of_birth, b.person.date_of_birth),
                    )

    def _family_adults(
        self,
        *,
        children: list[ChildRecord],
        heritages: tuple[names.Heritage, names.Heritage],
        surname: str,
        at_home: bool,
        household: Household,
        eldest_dob: datetime.date,
    ) -> str:
        """Mother and/or father (and sometimes a partner or grandparent); returns how
        the main carer is named in notes."""
        rng = self.rng
        mother_h, father_h = heritages
        avoid = {c.first_name for c in children}
        mother_age = rng.randint(17, 40)
        mother_dob = dob_for_age(rng, eldest_dob, mother_age)
        carer_name = "parent"
        home_adults: list[Person] = []
        has_mother = rng.random() < 0.93
        has_father = rng.random() < 0.6 or not has_mother
        mother = father = None
        if has_mother:
            mother_surname = surname if rng.random() < 0.65 else rng.choice(mother_h.surnames)
            mother = self._adult(
                heritage=mother_h,
                sex="F",
                surname=mother_surname,
                dob=mother_dob,
                ethnicity=self._HERITAGE_ETHNICITY[mother_h.key],
                avoid=avoid,
            )
            carer_name = f"Ms {mother.legal_surname} (mother)"
        if has_father:
            father_dob = dob_for_age(rng, eldest_dob, max(18, mother_age + rng.randint(-2, 10)))
            father = self._adult(
                heritage=father_h,
                sex="M",
                surname=surname,
                dob=father_dob,
                ethnicity=self._HERITAGE_ETHNICITY[father_h.key],
                avoid=avoid,
            )
            if mother is None:
                carer_name = f"Mr {father.legal_surname} (father)"
        mother_home = at_home and mother is not None and rng.random() < 0.9
        father_home = at_home and father is not None and (rng.random() < 0.45 or not mother_home)
        extra = None
        if at_home and not mother_home and not father_home:
            grandparent_dob = dob_for_age(rng, eldest_dob, rng.randint(40, 65))
            extra = self._adult(
                heritage=mother_h,
                sex="F",
                surname=surname,
                dob=grandparent_dob,
                ethnicity=self._HERITAGE_ETHNICITY[mother_h.key],
                avoid=avoid,
            )
            carer_name = f"Mrs {extra.legal_surname} (grandmother)"
            extra_kind = RelationshipKind.GRANDPARENT
        elif at_home and mother_home and not father_home and rng.random() < 0.1:
            partner_h = rng.choice(list(names.HERITAGES.values()))
            extra = self._adult(
                heritage=partner_h,
                sex="M",
                surname=rng.choice(partner_h.surnames),
                dob=dob_for_age(rng, self.today, rng.randint(22, 50)),
                ethnicity=self._HERITAGE_ETHNICITY[partner_h.key],
                avoid=avoid,
            )
            extra_kind = RelationshipKind.PARENTS_PARTNER
        for adult, home in ((mother, mother_home), (father, father_home), (extra, at_home)):
            if adult is None:
                continue
            if home:
                home_adults.append(adult)
                # Adults' earlier addresses add little to a child's record; just the current.
                self._add_addresses(adult, household.addresses[-1:], adult.date_of_birth)
            else:
                self._add_addresses(
                    adult, [self._new_address(self.today - days(rng.randint(30, 3000)))], None
                )
        for child in children:
            since = child.person.date_of_birth
            if mother is not None:
                self._relate(
                    child.person,
                    mother,
                    RelationshipKind.MOTHER,
                    lives_with=mother_home,
                    pr=True,
                    since=since,
                )
            if father is not None:
                self._relate(
                    child.person,
                    father,
                    RelationshipKind.FATHER,
                    lives_with=father_home,
                    pr=father_home or rng.random() < 0.6,
                    since=since,
                )
            if extra is not None:
                self._relate(
                    child.person,
                    extra,
                    extra_kind,
                    lives_with=True,
                    since=child.person.date_of_birth,
                )
        return carer_name

    def _start_family(
        self, plan: FamilyPlan, *, reference: datetime.date | None = None
    ) -> tuple[list[ChildRecord], tuple[names.Heritage, names.Heritage], str, datetime.date]:
        rng = self.rng
        reference = reference or self.today
        ethnicity = names.pick(rng, names.ETHNICITY_WEIGHTS)
        heritages = self._parents_heritage(ethnicity)
        surname = rng.choice(heritages[1].surnames)
        language, religion = self._heritage_details(heritages[0])
        eldest_age = self._eldest_age(plan.cohort)
        dobs = self._sibling_dobs(plan.cohort, plan.size, reference, eldest_age)
        children = self._make_children(
            cohort=plan.cohort,
            dobs=dobs,
            surname=surname,
            heritages=heritages,
            ethnicity=ethnicity,
            language=language,
            religion=religion,
        )
        self._link_siblings(children)
        born = [c.person.date_of_birth for c in children if c.person.date_of_birth]
        # Earliest day every born child existed (the youngest's birthday).
        youngest = max(born) if born else self.today - days(rng.randint(7, 60))
        return children, heritages, surname, youngest
