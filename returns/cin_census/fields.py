"""Where each CIN census item is recorded in Trellis, so a finding links to the page to fix it.

`FIELD_LABELS` names census items in words; `MODULE_PAGES` maps a census module (the validator's
table) to the child's page that holds it, with a field-level override where the item lives
elsewhere than the rest of its module (CIN closure is recorded on the protection page, the
referral on the front door history).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Page:
    url_name: str  # takes the person's pk
    label: str


CHILD_DETAILS = Page("people:edit", "Child's details")
REFERRALS = Page("front_door:history", "Contacts and referrals")
ASSESSMENTS = Page("assessments:child", "Assessments")
PROTECTION = Page("protection:child", "Child protection and child in need plans")
RECORD = Page("people:record", "Child's record")

MODULE_PAGES: dict[str, Page] = {
    "ChildIdentifiers": CHILD_DETAILS,
    "ChildCharacteristics": CHILD_DETAILS,
    "Disabilities": CHILD_DETAILS,
    "CINdetails": REFERRALS,
    "Assessments": ASSESSMENTS,
    "AssessmentFactorsList": ASSESSMENTS,
    "CINplanDates": PROTECTION,
    "Section47": PROTECTION,
    "ChildProtectionPlans": PROTECTION,
    "Reviews": PROTECTION,
}

FIELD_PAGES: dict[str, Page] = {
    "CINclosureDate": PROTECTION,
    "ReasonForClosure": PROTECTION,
    "DateOfInitialCPC": PROTECTION,
    "AssessmentActualStartDate": ASSESSMENTS,
    "AssessmentAuthorisationDate": ASSESSMENTS,
    "AssessmentFactors": ASSESSMENTS,
    "S47ActualStartDate": PROTECTION,
    "CINPlanStartDate": PROTECTION,
    "CINPlanEndDate": PROTECTION,
    "CPPstartDate": PROTECTION,
    "CPPendDate": PROTECTION,
    "CPPreviewDate": PROTECTION,
    "PersonBirthDate": CHILD_DETAILS,
    "ExpectedPersonBirthDate": CHILD_DETAILS,
    "PersonDeathDate": CHILD_DETAILS,
    "Disability": CHILD_DETAILS,
}

FIELD_LABELS: dict[str, str] = {
    "LAchildID": "Record number",
    "UPN": "Unique pupil number",
    "FormerUPN": "Former unique pupil number",
    "UPNunknown": "Reason the UPN is not known",
    "PersonBirthDate": "Date of birth",
    "ExpectedPersonBirthDate": "Expected date of birth",
    "Sex": "Sex",
    "PersonDeathDate": "Date of death",
    "Ethnicity": "Ethnicity",
    "Disability": "Disabilities",
    "CINreferralDate": "Referral date",
    "ReferralSource": "Referral source",
    "PrimaryNeedCode": "Primary need",
    "CINclosureDate": "Case closure date",
    "ReasonForClosure": "Reason for closure",
    "DateOfInitialCPC": "Date of the initial child protection conference",
    "ReferralNFA": "Referral with no further action",
    "CINdetailsID": "Child in need episode",
    "AssessmentActualStartDate": "Assessment start date",
    "AssessmentAuthorisationDate": "Assessment authorisation date",
    "AssessmentFactors": "Assessment factors",
    "CINPlanStartDate": "Child in need plan start date",
    "CINPlanEndDate": "Child in need plan end date",
    "S47ActualStartDate": "Section 47 start (strategy discussion date)",
    "InitialCPCtarget": "Initial conference target date",
    "ICPCnotRequired": "Initial conference not required",
    "CPPstartDate": "Child protection plan start date",
    "CPPendDate": "Child protection plan end date",
    "InitialCategoryOfAbuse": "Initial category of abuse",
    "LatestCategoryOfAbuse": "Latest category of abuse",
    "NumberOfPreviousCPP": "Number of previous child protection plans",
    "CPPreviewDate": "Child protection review date",
}


def field_label(item: str) -> str:
    return FIELD_LABELS.get(item, item)


def page_for(module: str, item: str | None = None) -> Page:
    if item and item in FIELD_PAGES:
        return FIELD_PAGES[item]
    return MODULE_PAGES.get(module, RECORD)


def page_url(page: Page, person_id: int) -> str:
    return reverse(page.url_name, args=[person_id])
