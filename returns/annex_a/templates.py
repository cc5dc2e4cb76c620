"""Ofsted ILACS Annex A templates as data: sheet names, column headers and cell value formats.

Each template year is one `AnnexATemplate`. A column is `(key, header)`: the builder fills cells
by key, and the header is only what the template calls that column, so a renamed column is a
change here and nowhere else. The 2026 template is the 2024 one with `Gender` renamed `Sex` in
every list (timescales.md §3, LIIA 2026 diff).

To add next year's template: copy the latest with `derive(...)`, giving the year, any renamed
headers, added or removed columns (by list number) and changed value texts, then register it in
`TEMPLATES`. `template_for(as_of)` picks the newest template whose year is not after the
inspection date's year. See docs/annex_a.md.

Headers are copied exactly from timescales.md §3 (the LIIA schema); the Jan 2024 sample
workbook's data sheets differ in places ("Age" for "Age of Child (Years)", "Date of Referral"
for "Date of referral"), and §3 is the stated authority.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

Column = tuple[str, str]  # (key the builder fills, header text in the template)


@dataclass(frozen=True)
class ListSpec:
    number: int
    sheet: str
    title: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [header for _, header in self.columns]

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.columns]


@dataclass(frozen=True)
class AnnexATemplate:
    year: int
    lists: tuple[ListSpec, ...]
    # field -> stored code -> the exact text the template expects in the cell.
    values: Mapping[str, Mapping[str, str]]
    date_format: str = "dd/mm/yyyy"
    # Lists Trellis can fill from the record today (8-11 wait for looked-after, care leaver and
    # adoption records).
    built: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7)
    notes: tuple[str, ...] = field(default=())

    def list_spec(self, number: int) -> ListSpec:
        for spec in self.lists:
            if spec.number == number:
                return spec
        raise KeyError(number)

    def value(self, field_name: str, code: str | None) -> str | None:
        """The cell text for a stored code; None for no code; the code itself if unmapped."""
        if code is None or code == "":
            return None
        return self.values[field_name].get(code, code)

    def derive(
        self,
        *,
        year: int,
        rename_headers: Mapping[str, str] | None = None,
        values: Mapping[str, Mapping[str, str]] | None = None,
        note: str = "",
    ) -> AnnexATemplate:
        """A later year's template: this one with headers renamed and value texts replaced."""
        renames = dict(rename_headers or {})
        lists = tuple(
            replace(
                spec,
                columns=tuple((key, renames.get(header, header)) for key, header in spec.columns),
            )
            for spec in self.lists
        )
        merged = {**self.values, **(values or {})}
        return replace(
            self,
            year=year,
            lists=lists,
            values=merged,
            notes=(*self.notes, note) if note else self.notes,
        )


# --- The 2024 template (LIIA current schema, confirmed against the Jan 2024 sample) ------------

CHILD = (
    ("child_id", "Child Unique ID"),
    ("sex", "Gender"),
    ("ethnicity", "Ethnicity"),
    ("date_of_birth", "Date of Birth"),
    ("age", "Age of Child (Years)"),
)
DISABILITY = ("disability", "Does the Child have a Disability")
ALLOCATED = (("allocated_team", "Allocated Team"), ("allocated_worker", "Allocated Worker"))

LISTS_2024 = (
    ListSpec(
        1,
        "List 1",
        "Contacts",
        (*CHILD, ("contact_date", "Date of Contact"), ("contact_source", "Contact Source")),
    ),
    ListSpec(
        2,
        "List 2",
        "Early help",
        (
            *CHILD,
            ("eh_assessment_start", "Assessment start date"),
            ("eh_assessment_completed", "Assessment completion date"),
            ("eh_organisation", "Organisation completing assessment"),
        ),
    ),
    ListSpec(
        3,
        "List 3",
        "Referrals",
        (
            *CHILD,
            ("referral_date", "Date of referral"),
            ("referral_source", "Referral Source"),
            ("referral_nfa", "Referral NFA?"),
            ("referrals_12m", "Number of Referrals in Last 12 Months"),
            *ALLOCATED,
        ),
    ),
    ListSpec(
        4,
        "List 4",
        "Assessments",
        (
            *CHILD,
            DISABILITY,
            ("assessment_start", "Continuous Assessment Start Date"),
            ("child_seen", "Child Seen During Continuous Assessment"),
            ("assessment_authorised", "Continuous Assessment Date of Authorisation"),
            (
                "requires_support",
                "Was the child assessed as requiring LA children's social care support?",
            ),
            *ALLOCATED,
        ),
    ),
    ListSpec(
        5,
        "List 5",
        "Section 47 enquiries and ICPCs",
        (
            *CHILD,
            DISABILITY,
            ("s47_start", "Strategy discussion initiating Section 47 Enquiry Start Date"),
            ("icpc_unnecessary", "Was an Initial Child Protection Conference deemed unnecessary?"),
            ("icpc_date", "Date of Initial Child Protection Conference"),
            (
                "icpc_plan",
                "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            ),
            ("s47s_12m", "Number of Section 47 Enquiries in the last 12 months"),
            ("icpcs_12m", "Number of ICPCs in the last 12 months"),
            *ALLOCATED,
        ),
    ),
    ListSpec(
        6,
        "List 6",
        "Children in need",
        (
            *CHILD,
            DISABILITY,
            ("cin_start", "CIN Start Date"),
            ("primary_need", "Primary Need Code"),
            ("last_seen", "Date Child Was Last Seen"),
            ("cin_closed", "CIN Closure Date"),
            ("closure_reason", "Reason for Closure"),
            ("case_status", "Case Status"),
            *ALLOCATED,
        ),
    ),
    ListSpec(
        7,
        "List 7",
        "Child protection",
        (
            *CHILD,
            DISABILITY,
            ("cp_start", "Child Protection Plan Start Date"),
            ("initial_category", "Initial Category of Abuse"),
            ("latest_category", "Latest Category of Abuse"),
            ("last_visit", "Date of the Last Statutory Visit"),
            ("seen_alone", "Was the Child Seen Alone?"),
            ("last_review", "Date of latest review conference"),
            ("cp_end", "Child Protection Plan End Date"),
            (
                "epo_6m",
                "Subject to Emergency Protection Order or Protected Under Police Powers in "
                "Last Six Months (Y/N)",
            ),
            ("previous_plans", "Number of Previous Child Protection Plans"),
            *ALLOCATED,
        ),
    ),
    ListSpec(
        8,
        "List 8",
        "Children in care",
        (
            *CHILD,
            (
                "uasc_12m",
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
            ),
            DISABILITY,
            ("lac_start", "Date Started to be Looked After"),
            ("category_of_need", "Child's Category of Need"),
            (
                "second_period_12m",
                "Is this a second or subsequent period of being a Looked After Child within the "
                "last 12 months (Y/N)",
            ),
            ("legal_status_start", "Start date of current legal status"),
            ("legal_status", "Child's Legal Status"),
            ("latest_review", "Date of Latest Statutory Review"),
            ("last_sw_visit", "Date of Last Social Work Visit"),
            ("permanence_plan", "What is the permanence plan for this child?"),
            ("last_iro_contact", "Date of Last IRO Visit / Contact to the Child"),
            ("last_health_assessment", "Date of Last Health Assessment"),
            ("last_dental", "Date of Last Dental Check"),
            ("placements_12m", "Number of Placements in the Last 12 months"),
            ("lac_end", "Date Ceased to be Looked After"),
            ("reason_ceased", "Reason Ceased to be Looked After"),
            ("placement_start", "Start Date of Most Recent Placement"),
            ("placement_type", "Placement Type"),
            ("placement_provider", "Placement Provider"),
            ("placement_postcode", "Placement postcode"),
            ("placement_urn", "URN of Placement"),
            ("placement_location", "Placement Location"),
            ("placement_la", "LA of Placement"),
            (
                "missing_12m",
                "Number of Episodes the Child has been 'Missing' from their Placement in the "
                "last 12 months",
            ),
            (
                "absent_12m",
                "Number of Episodes the Child has been 'Absent' from their Placement in the "
                "last 12 months",
            ),
            (
                "rhi_offered",
                "Was the child offered a Return Interview after their last missing episode (Y/N)?",
            ),
            (
                "rhi_accepted",
                "Did the child accept a Return Interview after their last missing episode (Y/N)?",
            ),
            *ALLOCATED,
        ),
    ),
    ListSpec(
        9,
        "List 9",
        "Care leavers",
        (
            *CHILD,
            (
                "uasc",
                "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
            ),
            DISABILITY,
            *ALLOCATED,
            ("personal_adviser", "Allocated Personal Advisor"),
            ("eligibility", "Eligibility Category"),
            ("pathway_review", "Latest Pathway Plan Review Date"),
            ("in_touch", "LA in Touch"),
            ("latest_contact", "Latest Date of Contact"),
            ("accommodation", "Type of Accommodation"),
            ("accommodation_suitable", "Suitability of Accommodation"),
            ("activity", "Activity Status"),
        ),
    ),
    ListSpec(
        10,
        "List 10",
        "Adoption",
        (
            ("child_id", "Child Unique ID"),
            ("family_id", "Family identifier"),
            ("sex", "Gender"),
            ("ethnicity", "Ethnicity"),
            ("date_of_birth", "Date of Birth"),
            ("age", "Age of Child (Years)"),
            DISABILITY,
            ("entered_care", "Date the Child Entered Care"),
            ("adm_decision", "Date of Decision that Child Should be Placed for Adoption"),
            ("placement_order", "Date of Placement Order"),
            ("matched", "Date of Matching Child and Prospective Adopters"),
            ("placed", "Date Placed for Adoption"),
            ("adoption_order", "Date of Adoption Order"),
            ("adm_reversed", "Date of Decision that Child Should No Longer be Placed for Adoption"),
            ("adm_reversed_reason", "Reason Why Child No Longer Placed for Adoption"),
            (
                "ffa_placed",
                "Date the child was placed for fostering in FFA or concurrent planning placement",
            ),
        ),
    ),
    ListSpec(
        11,
        "List 11",
        "Adopters",
        (
            ("adopter_id", "Individual adopter identifier"),
            ("family_id", "Family identifier"),
            ("sex", "Gender"),
            ("ethnicity", "Ethnicity"),
            ("adopter_disability", "Disability"),
            ("ffa", "Is the (prospective) adopter fostering for adoption?"),
            ("enquiry", "Date enquiry received"),
            ("stage1_start", "Date Stage 1 started"),
            ("stage1_end", "Date Stage 1 ended"),
            ("stage2_start", "Date Stage 2 started"),
            ("stage2_end", "Date Stage 2 ended"),
            ("application", "Date application submitted"),
            ("approved", "Date application approved"),
            ("adopter_matched", "Date adopter matched with child(ren)"),
            ("adopter_placed", "Date child/children placed with adopter(s)"),
            ("children_placed", "No. of children placed"),
            ("adopter_order", "Date of Adoption Order"),
            ("left", "Date of leaving adoption process"),
            ("left_reason", "Reason for leaving adoption process"),
        ),
    ),
)


def _lettered(codes: list[str], texts: Mapping[str, str] | None = None) -> dict[str, str]:
    """Template prefixes a), b), c)… in list order, followed by the code (or its text)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    texts = texts or {}
    return {code: f"{letters[i]}) {texts.get(code, code)}" for i, code in enumerate(codes)}


ETHNICITY = _lettered(
    [
        "WBRI",
        "WIRI",
        "WIRT",
        "WOTH",
        "WROM",
        "MWBC",
        "MWBA",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "AOTH",
        "BCRB",
        "BAFR",
        "BOTH",
        "CHNE",
        "OOTH",
        "REFU",
    ]
)
ETHNICITY["NOBT"] = "s) NOBT"  # REFU and NOBT share the template's s)

# CIN referral-source codes with the template letters (5D "LA early help" is p1)).
SOURCE = {
    "1A": "a) 1A: Individual - family member, relative or carer",
    "1B": "b) 1B: Individual - acquaintance",
    "1C": "c) 1C: Individual - self",
    "1D": "d) 1D: Individual - other",
    "2A": "e) 2A: Schools",
    "2B": "f) 2B: Education services",
    "3A": "g) 3A: Health services - GP",
    "3B": "h) 3B: Health services - health visitor",
    "3C": "i) 3C: Health services - school nurse",
    "3D": "j) 3D: Health services - other primary health services",
    "3E": "k) 3E: Health services - A&E",
    "3F": "l) 3F: Health services - other",
    "4": "m) 4: Housing",
    "5A": "n) 5A: LA services - social care",
    "5B": "o) 5B: LA services - other internal",
    "5C": "p) 5C: LA services - external",
    "5D": "p1) 5D: LA services - early help",
    "6": "q) 6: Police",
    "7": "r) 7: Other legal agency",
    "8": "s) 8: Other",
    "9": "t) 9: Anonymous",
    "10": "u) 10: Unknown",
}

PRIMARY_NEED = {
    "N0": "N0 - Not stated",
    "N1": "N1 - Abuse or neglect",
    "N2": "N2 - Child's disability",
    "N3": "N3 - Parental disability or illness",
    "N4": "N4 - Family in acute stress",
    "N5": "N5 - Family dysfunction",
    "N6": "N6 - Socially unacceptable behaviour",
    "N7": "N7 - Low income",
    "N8": "N8 - Absent parenting",
    "N9": "N9 - Cases other than children in need",
}

CLOSURE_REASON = {
    "RC1": "RC1 - Adopted",
    "RC2": "RC2 - Died",
    "RC3": "RC3 - Child arrangements order",
    "RC4": "RC4 - Special guardianship order",
    "RC5": "RC5 - Transferred to another local authority",
    "RC6": "RC6 - Transferred to adult social care",
    "RC7": "RC7 - Services ceased for any other reason, including child no longer in need",
    "RC8": "RC8 - Case closed after assessment, no further action",
    "RC9": "RC9 - Case closed after assessment, referred to early help",
}

VALUES_2024: dict[str, dict[str, str]] = {
    # Person.sex codes (M / F / U); "d) Neither" has no stored code yet.
    "sex": {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"},
    "ethnicity": ETHNICITY,
    "source": SOURCE,
    "yes_no": {"yes": "a) Yes", "no": "b) No", "unknown": "c) Unknown"},
    "primary_need": PRIMARY_NEED,
    "closure_reason": CLOSURE_REASON,
    "case_status": {
        "looked_after": "a) Looked after child",
        "cp_plan": "b) Child Protection plan",
        "cin_plan": "c) Child in need plan",
        "assessment": "d) Open assessment",
        "closed": "e) Closed episode",
    },
    "abuse_category": {
        "NEG": "a) Neglect",
        "PHY": "b) Physical abuse",
        "SAB": "c) Sexual abuse",
        "EMO": "d) Emotional abuse",
        "MUL": "e) Multiple/not recommended",
    },
}

TEMPLATE_2024 = AnnexATemplate(year=2024, lists=LISTS_2024, values=VALUES_2024)

TEMPLATE_2026 = TEMPLATE_2024.derive(
    year=2026,
    rename_headers={"Gender": "Sex"},
    note="2026: the column Gender is renamed Sex in every list (LIIA 2026 diff).",
)

TEMPLATES: dict[int, AnnexATemplate] = {t.year: t for t in (TEMPLATE_2024, TEMPLATE_2026)}


def template_for(as_of: datetime.date, year: int | None = None) -> AnnexATemplate:
    """The template for an inspection date: `year` if given, else the newest not after it."""
    if year is not None:
        if year not in TEMPLATES:
            known = ", ".join(str(y) for y in sorted(TEMPLATES))
            raise KeyError(f"No Annex A template for {year} (known: {known})")
        return TEMPLATES[year]
    eligible = [y for y in TEMPLATES if y <= as_of.year]
    return TEMPLATES[max(eligible) if eligible else min(TEMPLATES)]
