"""Coded values for assessments: CIN census assessment factors, outcomes and states."""

from __future__ import annotations

from django.db import models


class AssessmentState(models.TextChoices):
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Awaiting authorisation"
    AUTHORISED = "authorised", "Authorised"


class Outcome(models.TextChoices):
    """The decision at the end of the assessment (SSD assessment outcome, simple list)."""

    NFA = "NFA", "No further action"
    CIN_PLAN = "CIN_PLAN", "Child in need plan"
    STRATEGY_DISCUSSION = "STRATEGY_DISCUSSION", "Strategy discussion"
    EARLY_HELP = "EARLY_HELP", "Step down to early help"
    OTHER = "OTHER", "Other"


class Factor(models.TextChoices):
    """CIN census `AssessmentFactors` (2024-25 onwards; 18A and 19A are retired)."""

    F1A = "1A", "Alcohol misuse by the child"
    F1B = "1B", "Alcohol misuse by a parent or carer"
    F1C = "1C", "Alcohol misuse by another person in the household"
    F2A = "2A", "Drug misuse by the child"
    F2B = "2B", "Drug misuse by a parent or carer"
    F2C = "2C", "Drug misuse by another person in the household"
    F3A = "3A", "Domestic abuse: the child is the subject"
    F3B = "3B", "Domestic abuse: a parent or carer is the subject"
    F3C = "3C", "Domestic abuse: another person in the household is the subject"
    F4A = "4A", "Mental health of the child"
    F4B = "4B", "Mental health of a parent or carer"
    F4C = "4C", "Mental health of another person in the family or household"
    F5A = "5A", "Learning disability of the child"
    F5B = "5B", "Learning disability of a parent or carer"
    F5C = "5C", "Learning disability of another person in the family or household"
    F6A = "6A", "Physical disability or illness of the child"
    F6B = "6B", "Physical disability or illness of a parent or carer"
    F6C = "6C", "Physical disability or illness of another person in the family or household"
    F7A = "7A", "Young carer"
    F8B = "8B", "Privately fostered: overseas child intending to return"
    F8C = "8C", "Privately fostered: overseas child intending to stay"
    F8D = "8D", "Privately fostered: UK child in an educational placement"
    F8E = "8E", "Privately fostered: UK child in an alternative family arrangement"
    F8F = "8F", "Privately fostered: other"
    F9A = "9A", "Unaccompanied asylum-seeking child"
    F10A = "10A", "Going or being missing"
    F11A = "11A", "Child sexual exploitation"
    F12A = "12A", "Trafficking"
    F13A = "13A", "Gangs"
    F14A = "14A", "Socially unacceptable behaviour"
    F15A = "15A", "Self-harm"
    F16A = "16A", "Neglect"
    F17A = "17A", "Emotional abuse"
    F18B = "18B", "Physical abuse by another child"
    F18C = "18C", "Physical abuse by an adult"
    F19B = "19B", "Sexual abuse by another child"
    F19C = "19C", "Sexual abuse by an adult"
    F20 = "20", "Other"
    F21 = "21", "No factors identified"
    F22A = "22A", "Female genital mutilation (FGM)"
    F23A = "23A", "Abuse linked to faith or belief"
    F24A = "24A", "Child criminal exploitation"


# "21" says there is nothing else; the census refuses it with any other code (rule 8869).
NO_FACTORS = Factor.F21.value

# An authorised outcome that ends the child's involvement closes the CIN episode with the census
# closure reason: NFA → RC8 ("case closed after assessment, no further action"), early help →
# RC9 ("case closed after assessment, referred to early help"). CIN plan, strategy discussion and
# "other" leave the episode open for the work that follows.
CLOSING_OUTCOMES = {Outcome.NFA.value: "RC8", Outcome.EARLY_HELP.value: "RC9"}


def factor_labels(codes: list[str]) -> list[str]:
    labels = dict(Factor.choices)
    return [f"{code} {labels.get(code, '')}".strip() for code in codes]


def factor_sort_key(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits or 0), code)
