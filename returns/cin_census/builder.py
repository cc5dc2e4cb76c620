"""Build the CIN census return from the record: a pure function, no database, no clock.

    build_census(record, options=..., generated_at=..., calendar=...) -> tree.CINCensus

The census describes the year as it stood on the ReferenceDate (31 March). So for a year that
has ended, anything after 31 March is left out: a plan that ended in May is still open in the
return, a conference held in April is not yet held. The population and windows follow the DfE
rules as the validator checks them (shared/reference/returns/FORMATS.md):

- a child is in the return if any of their child in need episodes was open at some point between
  1 April and 31 March; each such episode is one CINdetails;
- an episode closed after 31 March is open in the return (no closure date or reason);
- assessments, CIN plans, CP plans and s47 enquiries are included if they were open at some
  point in the year, and left out if they had finished before 1 April (8696, 4013, 8930, 8715);
- an assessment authorised after 31 March is in progress (no authorisation date, no factors:
  factors belong to completed assessments only, 8614);
- a s47 with an initial conference records the conference date in the Section47 module; an ICPC
  held without a s47 in the episode (a transfer-in conference) goes in CINdetails (2884, 2885);
- review dates are those held in the year; the latest category of abuse is the one in force on
  31 March;
- an unborn child has ExpectedPersonBirthDate only and Sex U (8525Q, 8750); a child born after
  31 March is unborn in that year's return;
- a child with no UPN gets a UPNunknown code: the reason recorded on their record when it fits,
  otherwise UN7 when every episode is a referral with no further action (8772), UN1 under school
  age, and the school-age code at school age (8770Q) — codes configurable in CensusOptions.

Anything recorded that breaks a census rule (a referral with no further action that has a CIN
plan, say) is written as recorded, so the validator reports it against the child to be fixed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from timescales import WorkingDayCalendar

from . import tree
from .config import CensusOptions, census_period
from .records import (
    AssessmentRecord,
    CensusRecord,
    ChildRecord,
    CINPlanRecord,
    CPPlanRecord,
    EpisodeRecord,
    Section47Record,
)

DISABILITY_ORDER = (
    "NONE",
    "MOB",
    "HAND",
    "PC",
    "INC",
    "COMM",
    "LD",
    "HEAR",
    "VIS",
    "BEH",
    "CON",
    "AUT",
    "DDA",
)


def _overlaps(
    started: datetime.date,
    ended: datetime.date | None,
    start: datetime.date,
    end: datetime.date,
) -> bool:
    return started <= end and (ended is None or ended >= start)


def _by_end(day: datetime.date | None, end: datetime.date) -> datetime.date | None:
    """A date that had happened by the ReferenceDate, else None."""
    return day if day is not None and day <= end else None


def school_age_cut_off(end: datetime.date) -> datetime.date:
    """Children born on or before this date are of school age for the census (rule 8770Q)."""
    return datetime.date(end.year - 6, 8, 31)


def _assessment(a: AssessmentRecord, end: datetime.date) -> tree.Assessment:
    authorised = _by_end(a.authorised_on, end)
    return tree.Assessment(
        actual_start=a.started_on,
        authorisation=authorised,
        factors=tuple(a.factors) if authorised else (),
    )


def _cin_plan(p: CINPlanRecord, end: datetime.date) -> tree.CINPlan:
    return tree.CINPlan(start=p.started_on, end=_by_end(p.ended_on, end))


def _s47_finished(s: Section47Record) -> datetime.date | None:
    """When the enquiry's census story ended: its ICPC, or its conclusion that none was needed."""
    if s.conference_on is not None:
        return s.conference_on
    if s.icpc_needed is False:
        return s.completed_on
    return None


def _section47(
    s: Section47Record,
    end: datetime.date,
    options: CensusOptions,
    calendar: WorkingDayCalendar | None,
) -> tree.Section47:
    target = None
    if calendar is not None and options.icpc_target_working_days is not None:
        target = calendar.add_working_days(s.started_on, options.icpc_target_working_days)
    not_required = s.icpc_needed is False and _by_end(s.completed_on, end) is not None
    return tree.Section47(
        actual_start=s.started_on,
        icpc_not_required=not_required,
        initial_cpc_target=target,
        initial_cpc=_by_end(s.conference_on, end),
    )


def _cp_plan(
    p: CPPlanRecord, child: ChildRecord, start: datetime.date, end: datetime.date
) -> tree.ChildProtectionPlan:
    # The category in force on 31 March: replay the changes made at reviews up to then.
    latest = p.latest_category
    if p.category_changes:
        latest = p.initial_category
        for changed_on, category in sorted(p.category_changes):
            if changed_on <= end:
                latest = category
    reviews = tuple(sorted(d for d in p.review_dates if start <= d <= end and d > p.started_on))
    return tree.ChildProtectionPlan(
        start=p.started_on,
        initial_category=p.initial_category,
        latest_category=latest,
        previous_plans=sum(1 for d in child.cp_plan_starts if d < p.started_on),
        end=_by_end(p.ended_on, end),
        review_dates=reviews,
    )


def _cin_details(
    e: EpisodeRecord,
    child: ChildRecord,
    start: datetime.date,
    end: datetime.date,
    options: CensusOptions,
    calendar: WorkingDayCalendar | None,
) -> tree.CINDetails:
    referral = e.referral
    nfa = bool(referral and referral.nfa)
    need = (referral.primary_need if referral else "") or e.primary_need
    closed_on = _by_end(e.ended_on, end)
    reason = None
    if closed_on is not None:
        reason = (options.nfa_closure_reason if nfa else "") or e.closure_reason or None
    section47s = tuple(
        _section47(s, end, options, calendar)
        for s in sorted(e.section47s, key=lambda s: s.started_on)
        if _overlaps(s.started_on, _s47_finished(s), start, end)
    )
    # A transfer-in conference in the year: an ICPC without a s47 in this episode.
    transfer_ins = [d for d in e.transfer_in_conferences if start <= d <= end]
    return tree.CINDetails(
        referral_date=referral.referral_date if referral else e.started_on,
        referral_source=(referral.source if referral else "") or options.default_referral_source,
        referral_nfa=nfa,
        primary_need=(need or None) if (not nfa or options.nfa_primary_need) else None,
        closure_date=closed_on,
        closure_reason=reason,
        initial_cpc=max(transfer_ins) if transfer_ins else None,
        assessments=tuple(
            _assessment(a, end)
            for a in sorted(e.assessments, key=lambda a: a.started_on)
            if _overlaps(a.started_on, a.authorised_on, start, end)
        ),
        cin_plans=tuple(
            _cin_plan(p, end)
            for p in sorted(e.cin_plans, key=lambda p: p.started_on)
            if _overlaps(p.started_on, p.ended_on, start, end)
        ),
        section47s=section47s,
        cp_plans=tuple(
            _cp_plan(p, child, start, end)
            for p in sorted(e.cp_plans, key=lambda p: p.started_on)
            if _overlaps(p.started_on, p.ended_on, start, end)
        ),
    )


def _upn_unknown(
    child: ChildRecord,
    born: bool,
    details: Iterable[tree.CINDetails],
    end: datetime.date,
    options: CensusOptions,
) -> str:
    all_nfa = all(d.referral_nfa for d in details)
    school_age = (
        born
        and child.date_of_birth is not None
        and (child.date_of_birth <= school_age_cut_off(end))
    )
    recorded = child.upn_unknown
    if all_nfa and options.upn_unknown_nfa_only:
        return options.upn_unknown_nfa_only
    if recorded and recorded != "UN7" and not (school_age and recorded == "UN1"):
        return recorded
    return options.upn_unknown_school_age if school_age else options.upn_unknown_under_school_age


def _disabilities(child: ChildRecord, born: bool, options: CensusOptions) -> tuple[str, ...]:
    if not born:
        return ()
    codes = list(dict.fromkeys(child.disabilities))
    if not codes:
        return (options.no_disability_code,) if options.no_disability_code else ()
    order = {code: i for i, code in enumerate(DISABILITY_ORDER)}
    return tuple(sorted(codes, key=lambda c: (order.get(c, len(order)), c)))


def build_child(
    child: ChildRecord,
    *,
    year: int,
    options: CensusOptions,
    calendar: WorkingDayCalendar | None = None,
) -> tree.Child | None:
    """The child's census entry, or None if no child in need episode was open in the year."""
    start, end = census_period(year)
    episodes = sorted(
        (e for e in child.episodes if _overlaps(e.started_on, e.ended_on, start, end)),
        key=lambda e: (e.started_on, e.ended_on or datetime.date.max),
    )
    if not episodes:
        return None
    details = tuple(_cin_details(e, child, start, end, options, calendar) for e in episodes)
    born = child.date_of_birth is not None and child.date_of_birth <= end
    upn = child.upn.strip() if born else ""
    identifiers = tree.ChildIdentifiers(
        la_child_id=child.reference,
        sex=child.sex if born else "U",
        upn=upn or None,
        upn_unknown=None if upn else _upn_unknown(child, born, details, end, options),
        birth_date=child.date_of_birth if born else None,
        expected_birth_date=None if born else (child.expected_date_of_birth or child.date_of_birth),
        death_date=_by_end(child.date_of_death, end),
    )
    return tree.Child(
        person_id=child.person_id,
        identifiers=identifiers,
        characteristics=tree.ChildCharacteristics(
            ethnicity=child.ethnicity or "NOBT",
            disabilities=_disabilities(child, born, options),
        ),
        cin_details=details,
    )


def build_census(
    record: CensusRecord,
    *,
    options: CensusOptions,
    generated_at: datetime.datetime,
    calendar: WorkingDayCalendar | None = None,
) -> tree.CINCensus:
    """The whole return for `record.year`. `generated_at` is the Header DateTime (local)."""
    _, end = census_period(record.year)
    children = []
    for child in sorted(record.children, key=lambda c: c.reference):
        built = build_child(child, year=record.year, options=options, calendar=calendar)
        if built is not None:
            children.append(built)
    header = tree.Header(
        year=record.year,
        reference_date=end,
        lea=options.la_code,
        software_code=options.software_code,
        release=options.release,
        serial_no=options.serial_no,
        generated_at=generated_at.replace(tzinfo=None, microsecond=0),
    )
    return tree.CINCensus(header=header, children=tuple(children))
