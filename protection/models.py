"""Strategy discussions, s47 enquiries, conferences, child protection plans and CIN plans.

Every row hangs from the child's child in need episode (the referral's `casework.Episode`), as
in the CIN census. Rows are written only by `protection.actions`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import (
    EXPECTED_AGENCIES,
    S47_DECISIONS,
    AbuseCategory,
    Agency,
    CINPlanEndReason,
    ConferenceKind,
    CPPlanEndReason,
    ProgressRating,
    ReviewDecision,
    S47Outcome,
    StrategyDecision,
)

USER = settings.AUTH_USER_MODEL


class StrategyDiscussion(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="strategy_discussions"
    )
    episode = models.ForeignKey(
        "casework.Episode", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    held_at = models.DateTimeField()
    decision = models.CharField(max_length=12, choices=StrategyDecision.choices)
    rationale = models.TextField()
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_at", "-pk"]
        indexes = [models.Index(fields=["person", "-held_at"])]

    def __str__(self) -> str:
        return f"Strategy discussion {self.held_on:%-d %b %Y}"

    @property
    def held_on(self) -> datetime.date:
        from django.utils import timezone

        return timezone.localdate(self.held_at)

    @property
    def initiates_s47(self) -> bool:
        return self.decision in S47_DECISIONS

    def missing_agencies(self) -> list[str]:
        """Labels of police / health / education when none of theirs took part."""
        present = {a.agency for a in self.attendees.all()}
        return [Agency(a).label for a in EXPECTED_AGENCIES if a not in present]


class StrategyAttendee(models.Model):
    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="attendees"
    )
    agency = models.CharField(max_length=12, choices=Agency.choices)
    name = models.CharField(max_length=160, blank=True)
    information_shared = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]


class StrategyAction(models.Model):
    """An action agreed at a strategy discussion, with an owner and a deadline (clock SDA)."""

    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(max_length=300)
    owner = models.CharField(max_length=160)
    deadline = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]


class Section47(models.Model):
    """A section 47 enquiry. It starts on the date of the strategy discussion that initiated it."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="s47s")
    episode = models.ForeignKey("casework.Episode", on_delete=models.PROTECT, related_name="+")
    discussion = models.OneToOneField(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="section47"
    )
    started_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=S47Outcome.choices, blank=True)
    icpc_needed = models.BooleanField(null=True, blank=True)
    icpc_not_needed_reason = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["person", "-started_on"])]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.started_on:%-d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.completed_on is None


class TransferIn(models.Model):
    """Notification that a child subject to another authority's CP plan has moved here (C10)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="cp_transfers_in"
    )
    episode = models.ForeignKey("casework.Episode", on_delete=models.PROTECT, related_name="+")
    notified_on = models.DateField()
    from_authority = models.CharField(max_length=120)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-notified_on", "-pk"]


class Conference(models.Model):
    """An initial (after s47) or transfer-in child protection conference."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="cp_conferences"
    )
    episode = models.ForeignKey("casework.Episode", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=ConferenceKind.choices)
    section47 = models.OneToOneField(
        Section47, null=True, blank=True, on_delete=models.CASCADE, related_name="conference"
    )
    transfer = models.OneToOneField(
        TransferIn, null=True, blank=True, on_delete=models.CASCADE, related_name="conference"
    )
    held_on = models.DateField()
    chair = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    child_views = models.TextField()
    child_views_how = models.TextField("How the child's views were gathered")
    plan_made = models.BooleanField()
    category = models.CharField(max_length=3, choices=AbuseCategory.choices, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="initial", section47__isnull=False, transfer__isnull=True)
                | Q(kind="transfer_in", section47__isnull=True, transfer__isnull=False),
                name="conference_initial_or_transfer",
            )
        ]


class ConferenceAttendance(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendance")
    agency = models.CharField(max_length=12, choices=Agency.choices)
    attended = models.BooleanField(default=True)
    report_provided = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]


class CPPlan(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="cp_plans")
    cin_episode = models.ForeignKey(
        "casework.Episode", on_delete=models.PROTECT, related_name="cp_plans"
    )
    episode = models.OneToOneField(
        "casework.Episode",
        on_delete=models.PROTECT,
        related_name="cp_plan",
        help_text="The child protection episode this plan opened.",
    )
    conference = models.OneToOneField(Conference, on_delete=models.PROTECT, related_name="plan")
    started_on = models.DateField(help_text="Always the conference date (CIN census rule 2885).")
    initial_category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    latest_category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    contingency_plan = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=CPPlanEndReason.choices, blank=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "-started_on"]),
            models.Index(fields=["ended_on", "started_on"]),
        ]

    def __str__(self) -> str:
        return f"Child protection plan from {self.started_on:%-d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class CategoryChange(models.Model):
    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="category_changes")
    changed_on = models.DateField()
    from_category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    to_category = models.CharField(max_length=3, choices=AbuseCategory.choices)

    class Meta:
        ordering = ["changed_on", "pk"]


class CoreGroup(models.Model):
    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="core_groups")
    held_on = models.DateField()
    attendees = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "pk"]


class ReviewConference(models.Model):
    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    chair = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    category = models.CharField(max_length=3, choices=AbuseCategory.choices, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "pk"]


class CPVisit(models.Model):
    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField()
    seen = models.BooleanField()
    seen_alone = models.BooleanField(default=False)
    home_seen = models.BooleanField(default=False)
    bedroom_seen = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["visited_on", "pk"]


class CINPlan(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="cin_plans")
    episode = models.ForeignKey(
        "casework.Episode", on_delete=models.PROTECT, related_name="cin_plans"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=CINPlanEndReason.choices, blank=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "-started_on"]),
            models.Index(fields=["ended_on", "started_on"]),
        ]

    def __str__(self) -> str:
        return f"Child in need plan from {self.started_on:%-d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class CINReview(models.Model):
    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "pk"]


class CINVisit(models.Model):
    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField()
    seen = models.BooleanField()
    seen_alone = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["visited_on", "pk"]


class PlanOutcome(models.Model):
    """What must change, by when, and who is responsible. Belongs to one CP or one CIN plan."""

    cp_plan = models.ForeignKey(
        CPPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="outcomes"
    )
    cin_plan = models.ForeignKey(
        CINPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="outcomes"
    )
    what_must_change = models.TextField()
    by_when = models.DateField()
    responsible = models.CharField(max_length=160)

    class Meta:
        ordering = ["by_when", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cp_plan__isnull=False, cin_plan__isnull=True)
                | Q(cp_plan__isnull=True, cin_plan__isnull=False),
                name="outcome_one_plan",
            )
        ]

    @property
    def plan(self) -> CPPlan | CINPlan:
        plan = self.cp_plan or self.cin_plan
        assert plan is not None
        return plan


class OutcomeProgress(models.Model):
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.CASCADE, related_name="progress")
    recorded_on = models.DateField()
    rating = models.CharField(max_length=10, choices=ProgressRating.choices)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["recorded_on", "pk"]


class ManagementDecision(models.Model):
    """A manager's recorded decision on drift (escalation prompt)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="protection_decisions"
    )
    cp_plan = models.ForeignKey(
        CPPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    cin_plan = models.ForeignKey(
        CINPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    decided_on = models.DateField()
    decision = models.TextField()
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_on", "-pk"]
