"""Write the CIN census tree as the XML the DfE collects (COLLECT) and the validator reads.

- No namespace; root `<Message>` with `Header` and `Children`, elements in the DfE schema order.
- Dates `YYYY-MM-DD`; Header DateTime `YYYY-MM-DDTHH:MM:SS`.
- Booleans as `1` / `0` (xs:boolean allows both spellings; the validator's rules 2885 and 8740
  recognise only the digits, so digits let every rule check the return).
- Optional items are left out rather than written empty.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from . import tree


def _date(day: datetime.date) -> str:
    return day.isoformat()


def _bool(value: bool) -> str:
    return "1" if value else "0"


def _add(parent: ET.Element, tag: str, value: str | None) -> None:
    if value is not None and value != "":
        ET.SubElement(parent, tag).text = value


def _add_date(parent: ET.Element, tag: str, day: datetime.date | None) -> None:
    if day is not None:
        _add(parent, tag, _date(day))


def _header(parent: ET.Element, header: tree.Header) -> None:
    el = ET.SubElement(parent, "Header")
    details = ET.SubElement(el, "CollectionDetails")
    _add(details, "Collection", header.collection)
    _add(details, "Year", str(header.year))
    _add_date(details, "ReferenceDate", header.reference_date)
    source = ET.SubElement(el, "Source")
    _add(source, "SourceLevel", header.source_level)
    _add(source, "LEA", header.lea)
    _add(source, "SoftwareCode", header.software_code)
    _add(source, "Release", header.release)
    _add(source, "SerialNo", header.serial_no)
    _add(source, "DateTime", header.generated_at.strftime("%Y-%m-%dT%H:%M:%S"))


def _identifiers(parent: ET.Element, ids: tree.ChildIdentifiers) -> None:
    el = ET.SubElement(parent, "ChildIdentifiers")
    _add(el, "LAchildID", ids.la_child_id)
    _add(el, "UPN", ids.upn)
    _add(el, "UPNunknown", ids.upn_unknown)
    _add_date(el, "PersonBirthDate", ids.birth_date)
    _add_date(el, "ExpectedPersonBirthDate", ids.expected_birth_date)
    _add(el, "Sex", ids.sex)
    _add_date(el, "PersonDeathDate", ids.death_date)


def _characteristics(parent: ET.Element, chars: tree.ChildCharacteristics) -> None:
    el = ET.SubElement(parent, "ChildCharacteristics")
    _add(el, "Ethnicity", chars.ethnicity)
    if chars.disabilities:
        disabilities = ET.SubElement(el, "Disabilities")
        for code in chars.disabilities:
            _add(disabilities, "Disability", code)


def _assessment(parent: ET.Element, a: tree.Assessment) -> None:
    el = ET.SubElement(parent, "Assessments")
    _add_date(el, "AssessmentActualStartDate", a.actual_start)
    _add_date(el, "AssessmentAuthorisationDate", a.authorisation)
    if a.factors:
        factors = ET.SubElement(el, "FactorsIdentifiedAtAssessment")
        for code in a.factors:
            _add(factors, "AssessmentFactors", code)


def _cin_plan(parent: ET.Element, p: tree.CINPlan) -> None:
    el = ET.SubElement(parent, "CINPlanDates")
    _add_date(el, "CINPlanStartDate", p.start)
    _add_date(el, "CINPlanEndDate", p.end)


def _section47(parent: ET.Element, s: tree.Section47) -> None:
    el = ET.SubElement(parent, "Section47")
    _add_date(el, "S47ActualStartDate", s.actual_start)
    _add_date(el, "InitialCPCtarget", s.initial_cpc_target)
    _add_date(el, "DateOfInitialCPC", s.initial_cpc)
    _add(el, "ICPCnotRequired", _bool(s.icpc_not_required))


def _cp_plan(parent: ET.Element, p: tree.ChildProtectionPlan) -> None:
    el = ET.SubElement(parent, "ChildProtectionPlans")
    _add_date(el, "CPPstartDate", p.start)
    _add_date(el, "CPPendDate", p.end)
    _add(el, "InitialCategoryOfAbuse", p.initial_category)
    _add(el, "LatestCategoryOfAbuse", p.latest_category)
    _add(el, "NumberOfPreviousCPP", str(p.previous_plans))
    if p.review_dates:
        reviews = ET.SubElement(el, "Reviews")
        for day in p.review_dates:
            _add_date(reviews, "CPPreviewDate", day)


def _cin_details(parent: ET.Element, d: tree.CINDetails) -> None:
    el = ET.SubElement(parent, "CINdetails")
    _add_date(el, "CINreferralDate", d.referral_date)
    _add(el, "ReferralSource", d.referral_source)
    _add(el, "PrimaryNeedCode", d.primary_need)
    _add_date(el, "CINclosureDate", d.closure_date)
    _add(el, "ReasonForClosure", d.closure_reason)
    _add_date(el, "DateOfInitialCPC", d.initial_cpc)
    for a in d.assessments:
        _assessment(el, a)
    for p in d.cin_plans:
        _cin_plan(el, p)
    for s in d.section47s:
        _section47(el, s)
    _add(el, "ReferralNFA", _bool(d.referral_nfa))
    for cp in d.cp_plans:
        _cp_plan(el, cp)


def to_element(census: tree.CINCensus) -> ET.Element:
    root = ET.Element("Message")
    _header(root, census.header)
    children = ET.SubElement(root, "Children")
    for child in census.children:
        el = ET.SubElement(children, "Child")
        _identifiers(el, child.identifiers)
        _characteristics(el, child.characteristics)
        for details in child.cin_details:
            _cin_details(el, details)
    return root


def write_census(census: tree.CINCensus) -> bytes:
    """The return as UTF-8 XML bytes, indented two spaces, ending with a newline."""
    root = to_element(census)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
