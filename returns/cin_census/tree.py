"""The CIN census return as a tree of frozen dataclasses, one per XML module (DfE layout).

The builder produces it; the writer turns it into XML in the DfE element order. Field names say
which census item each holds (the item name is in the comment where it differs).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Header:
    year: int  # Year (the year of the ReferenceDate)
    reference_date: datetime.date  # ReferenceDate, 31 March
    lea: str  # LEA: the 3-digit DfE LA number
    software_code: str
    release: str
    serial_no: str
    generated_at: datetime.datetime  # DateTime (local time, no zone)
    collection: str = "CIN"
    source_level: str = "L"


@dataclass(frozen=True)
class ChildIdentifiers:
    la_child_id: str  # LAchildID
    sex: str  # Sex: M / F / U
    upn: str | None = None
    upn_unknown: str | None = None  # UPNunknown: UN1-UN7
    birth_date: datetime.date | None = None  # PersonBirthDate
    expected_birth_date: datetime.date | None = None  # ExpectedPersonBirthDate
    death_date: datetime.date | None = None  # PersonDeathDate


@dataclass(frozen=True)
class ChildCharacteristics:
    ethnicity: str
    disabilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assessment:
    actual_start: datetime.date  # AssessmentActualStartDate
    authorisation: datetime.date | None = None  # AssessmentAuthorisationDate
    factors: tuple[str, ...] = ()  # FactorsIdentifiedAtAssessment/AssessmentFactors


@dataclass(frozen=True)
class CINPlan:
    start: datetime.date  # CINPlanStartDate
    end: datetime.date | None = None  # CINPlanEndDate


@dataclass(frozen=True)
class Section47:
    actual_start: datetime.date  # S47ActualStartDate
    icpc_not_required: bool  # ICPCnotRequired
    initial_cpc_target: datetime.date | None = None  # InitialCPCtarget
    initial_cpc: datetime.date | None = None  # DateOfInitialCPC


@dataclass(frozen=True)
class ChildProtectionPlan:
    start: datetime.date  # CPPstartDate
    initial_category: str  # InitialCategoryOfAbuse
    latest_category: str  # LatestCategoryOfAbuse
    previous_plans: int  # NumberOfPreviousCPP
    end: datetime.date | None = None  # CPPendDate
    review_dates: tuple[datetime.date, ...] = ()  # Reviews/CPPreviewDate


@dataclass(frozen=True)
class CINDetails:
    referral_date: datetime.date  # CINreferralDate
    referral_source: str  # ReferralSource
    referral_nfa: bool  # ReferralNFA
    primary_need: str | None = None  # PrimaryNeedCode
    closure_date: datetime.date | None = None  # CINclosureDate
    closure_reason: str | None = None  # ReasonForClosure
    initial_cpc: datetime.date | None = None  # DateOfInitialCPC (no s47 in the episode)
    assessments: tuple[Assessment, ...] = ()
    cin_plans: tuple[CINPlan, ...] = ()
    section47s: tuple[Section47, ...] = ()
    cp_plans: tuple[ChildProtectionPlan, ...] = ()


@dataclass(frozen=True)
class Child:
    person_id: int  # not written: links validator findings back to the record
    identifiers: ChildIdentifiers
    characteristics: ChildCharacteristics
    cin_details: tuple[CINDetails, ...]


@dataclass(frozen=True)
class CINCensus:
    header: Header
    children: tuple[Child, ...]

    def person_ids_by_child_id(self) -> dict[str, int]:
        return {c.identifiers.la_child_id: c.person_id for c in self.children}
