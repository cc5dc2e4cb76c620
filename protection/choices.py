"""Coded values for child protection and child in need plans (CIN census codes where they exist)."""

from django.db import models


class Agency(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    SOCIAL_CARE = "social_care", "Children's social care"
    OTHER = "other", "Other"


# Working Together 2023: a strategy discussion should involve police, health and education
# (with children's social care). Their absence is shown as a warning, not refused.
EXPECTED_AGENCIES = (Agency.POLICE, Agency.HEALTH, Agency.EDUCATION)


class StrategyDecision(models.TextChoices):
    S47_SINGLE = "s47_single", "Section 47 enquiry: single agency (children's social care)"
    S47_JOINT = "s47_joint", "Section 47 enquiry: joint with police"
    NO_S47 = "no_s47", "No section 47 enquiry"
    OTHER = "other", "Other"


S47_DECISIONS = (StrategyDecision.S47_SINGLE, StrategyDecision.S47_JOINT)


class S47Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", "Concerns substantiated"
    NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"
    LIKELY_HARM = "likely_harm", "Child likely to suffer significant harm"


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    TRANSFER_IN = "transfer_in", "Transfer-in conference"


class AbuseCategory(models.TextChoices):
    """CIN census InitialCategoryOfAbuse / LatestCategoryOfAbuse."""

    NEG = "NEG", "Neglect"
    PHY = "PHY", "Physical abuse"
    SAB = "SAB", "Sexual abuse"
    EMO = "EMO", "Emotional abuse"
    MUL = "MUL", "Multiple categories"


class ProgressRating(models.TextChoices):
    NONE = "none", "No progress"
    SOME = "some", "Some progress"
    GOOD = "good", "Good progress"
    ACHIEVED = "achieved", "Achieved"


# Ratings that count as progress for the drift flags.
PROGRESS_RATINGS = (ProgressRating.SOME, ProgressRating.GOOD, ProgressRating.ACHIEVED)


class ReviewDecision(models.TextChoices):
    CONTINUE = "continue", "Continue the child protection plan"
    END = "end", "End the child protection plan"


class CPPlanEndReason(models.TextChoices):
    NO_LONGER_AT_RISK = "no_longer_at_risk", "Child no longer at risk of significant harm"
    STEP_DOWN_CIN = "step_down_cin", "Stepped down to a child in need plan"
    LOOKED_AFTER = "looked_after", "Child became looked after"
    MOVED = "moved", "Child moved to another local authority"
    AGE = "age", "Child reached 18"
    DIED = "died", "Child died"
    OTHER = "other", "Other"


class CINPlanEndReason(models.TextChoices):
    NEEDS_MET = "needs_met", "Needs met, no longer a child in need"
    CP_PLAN = "cp_plan", "Child protection plan started"
    STEP_DOWN = "step_down", "Stepped down to early help"
    LOOKED_AFTER = "looked_after", "Child became looked after"
    CASE_CLOSED = "case_closed", "Child in need episode closed"
    OTHER = "other", "Other"
