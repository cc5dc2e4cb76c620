"""What the CIN census builder reads: the child's record as plain frozen dataclasses.

`loader.load_record(year)` fills these from the database; tests may build them by hand. They hold
the record as it is, with no census rules applied: choosing what falls in the census year, and how
it is coded, is the builder's job.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReferralRecord:
    referral_date: datetime.date
    source: str
    primary_need: str
    nfa: bool


@dataclass(frozen=True)
class AssessmentRecord:
    started_on: datetime.date
    authorised_on: datetime.date | None = None
    factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class CINPlanRecord:
    started_on: datetime.date
    ended_on: datetime.date | None = None


@dataclass(frozen=True)
class Section47Record:
    """`started_on` is the date of the strategy discussion that began the enquiry."""

    started_on: datetime.date
    completed_on: datetime.date | None = None
    icpc_needed: bool | None = None
    conference_on: datetime.date | None = None


@dataclass(frozen=True)
class CPPlanRecord:
    started_on: datetime.date
    initial_category: str
    latest_category: str
    ended_on: datetime.date | None = None
    # (date, new category) for each change of category at a review.
    category_changes: tuple[tuple[datetime.date, str], ...] = ()
    review_dates: tuple[datetime.date, ...] = ()


@dataclass(frozen=True)
class EpisodeRecord:
    """One child in need episode (the census's CINdetails) and everything hanging from it."""

    started_on: datetime.date
    ended_on: datetime.date | None = None
    closure_reason: str = ""
    primary_need: str = ""
    referral: ReferralRecord | None = None
    assessments: tuple[AssessmentRecord, ...] = ()
    cin_plans: tuple[CINPlanRecord, ...] = ()
    section47s: tuple[Section47Record, ...] = ()
    # Dates of transfer-in conferences (an ICPC held without a s47 in this episode).
    transfer_in_conferences: tuple[datetime.date, ...] = ()
    cp_plans: tuple[CPPlanRecord, ...] = ()


@dataclass(frozen=True)
class ChildRecord:
    person_id: int
    reference: str
    sex: str
    ethnicity: str
    date_of_birth: datetime.date | None = None
    expected_date_of_birth: datetime.date | None = None
    date_of_death: datetime.date | None = None
    upn: str = ""
    upn_unknown: str = ""
    disabilities: tuple[str, ...] = ()
    episodes: tuple[EpisodeRecord, ...] = ()
    # Start dates of every CP plan the child has had here (for NumberOfPreviousCPP).
    cp_plan_starts: tuple[datetime.date, ...] = ()


@dataclass(frozen=True)
class CensusRecord:
    year: int
    children: tuple[ChildRecord, ...] = field(default=())
