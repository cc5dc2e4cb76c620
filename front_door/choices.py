"""Coded values for the front door. Codes are stored; labels are shown."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReferralSource(models.TextChoices):
    """CIN census referral-source codes (timescales.md §3, Contact Source / Referral Source)."""

    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance (including neighbours and child minders)"
    SELF = "1C", "Individual: self"
    OTHER_INDIVIDUAL = "1D", "Individual: other"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    GP = "3A", "Health services: GP"
    HEALTH_VISITOR = "3B", "Health services: health visitor"
    SCHOOL_NURSE = "3C", "Health services: school nurse"
    OTHER_PRIMARY_HEALTH = "3D", "Health services: other primary health services"
    A_AND_E = "3E", "Health services: A&E (emergency department)"
    OTHER_HEALTH = "3F", "Health services: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "LA services: social care"
    OTHER_INTERNAL = "5B", "LA services: other internal"
    EXTERNAL_LA = "5C", "LA services: external (another local authority)"
    EARLY_HELP = "5D", "LA services: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency"
    OTHER = "8", "Other"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class Rating(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


RATING_TAG = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}


class ContactState(models.TextChoices):
    AWAITING_SCREENING = "new", "Awaiting screening"
    SCREENED = "screened", "Screened, awaiting decision"
    AWAITING_AUTHORISATION = "authorising", "Decision awaiting authorisation"
    DECIDED = "decided", "Decided"
    ROUTED = "routed", "Passed to allocated worker (open case)"


OPEN_CONTACT_STATES = (ContactState.AWAITING_SCREENING, ContactState.SCREENED)


class Consent(models.TextChoices):
    YES = "yes", "Yes, the family knows and consents"
    KNOWS_NOT_CONSENTED = "knows", "The family knows but has not consented"
    NO = "no", "No, the family does not know"
    UNKNOWN = "unknown", "Not known"


class Agency(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    OTHER = "other", "Other"


class LawfulBasis(models.TextChoices):
    CONSENT = "consent", "Consent of the family"
    SAFEGUARDING = (
        "safeguarding",
        ("Safeguarding without consent (Data Protection Act 2018, sch. 8 para. 4)"),
    )
    S47 = "s47", "Section 47 enquiry (Children Act 1989)"
    S17 = "s17", "Section 17 assessment (Children Act 1989)"
    PUBLIC_TASK = "public_task", "Public task (UK GDPR art. 6(1)(e))"


class Outcome(models.TextChoices):
    NFA = "nfa", "No further action"
    ADVICE = "advice", "Information and advice"
    EARLY_HELP = "early_help", "Early help"
    REFERRAL = "referral", "Referral to children's social care for assessment"
    STRATEGY = "strategy", "Strategy discussion or immediate protection"


# Outcomes after which the contact may be accepted as a referral.
REFERRAL_OUTCOMES = (Outcome.REFERRAL, Outcome.STRATEGY)


class EarlyHelpRoute(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door decision"
    STEP_DOWN = "step_down", "Stepped down from social care"
    OTHER = "other", "Other (universal services, self-referral)"


class EarlyHelpEnd(models.TextChoices):
    COMPLETED = "completed", "Needs met, support completed"
    STEP_UP = "step_up", "Stepped up to children's social care"
    DISENGAGED = "disengaged", "Family withdrew consent or disengaged"
    MOVED = "moved", "Moved out of the area"
    OTHER = "other", "Other"


# The authority's continuum of need (timescales.md §5.1); override with TRELLIS_LEVELS_OF_NEED.
DEFAULT_LEVELS_OF_NEED: tuple[tuple[str, str], ...] = (
    ("1", "Level 1: universal, no additional needs"),
    ("2", "Level 2: early help, emerging or additional needs"),
    ("3", "Level 3: targeted, complex needs (child in need)"),
    ("4", "Level 4: acute, specialist or statutory (child protection)"),
)


def levels_of_need() -> list[tuple[str, str]]:
    configured = getattr(settings, "TRELLIS_LEVELS_OF_NEED", None) or DEFAULT_LEVELS_OF_NEED
    return [(str(code), str(label)) for code, label in configured]


def level_label(code: str) -> str:
    return dict(levels_of_need()).get(code, code)


# Manager authorisation of threshold decisions (TRELLIS_THRESHOLD_AUTHORISATION, default on).
# When on, decisions with these outcomes wait for a team manager or head of service:
# referrals and strategy discussions commit statutory work, and no-further-action decisions
# are where thresholds are applied inconsistently (Ofsted, para. 21).
DEFAULT_AUTHORISED_OUTCOMES = (Outcome.NFA, Outcome.REFERRAL, Outcome.STRATEGY)


def outcome_needs_authorisation(outcome: str) -> bool:
    if not getattr(settings, "TRELLIS_THRESHOLD_AUTHORISATION", True):
        return False
    outcomes = getattr(
        settings, "TRELLIS_THRESHOLD_AUTHORISATION_OUTCOMES", DEFAULT_AUTHORISED_OUTCOMES
    )
    return outcome in {str(o) for o in outcomes}
