"""Stored clocks (one row per child per running or finished clock) and the authority's practice.

Clock rows are derived data: `clocks.recompute` rewrites them from the child's record whenever
an action touches the child. Only the late reason is written by people, so it is kept across
recomputation (matched on person, rule, thread key and start date).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class AuthorityPractice(models.Model):
    """This authority's `timescales.LocalPractice`, as JSON. One row (pk=1)."""

    values = models.JSONField(default=dict, blank=True, help_text="LocalPractice.to_mapping()")
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "authority practice settings"


class ClockState(models.TextChoices):
    RUNNING = "running", "Running"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    MET = "met", "Met"
    MET_LATE = "met_late", "Met late"
    CANCELLED = "cancelled", "Cancelled"


class Clock(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="clocks")
    rule_id = models.CharField(max_length=20)
    key = models.CharField(max_length=80, help_text="The thread: e.g. cp:12 for CP plan 12.")
    started_on = models.DateField()
    started_at = models.DateTimeField(null=True, blank=True, help_text="Hour rules only.")
    due_on = models.DateField(help_text="For hour rules, the London date of due_at.")
    due_at = models.DateTimeField(null=True, blank=True, help_text="Hour rules only.")
    stopped_on = models.DateField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    # As computed at the last recompute. Open states go stale overnight: lists derive
    # overdue / due soon from due_on, stopped_on and today instead (see clocks.states).
    state = models.CharField(max_length=10, choices=ClockState.choices)
    late_reason = models.TextField(blank=True)
    late_reason_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    late_reason_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "rule_id", "key"]
        indexes = [
            models.Index(fields=["person", "started_on"], name="clock_person"),
            models.Index(
                fields=["due_on"], condition=Q(stopped_on__isnull=True), name="clock_open_due"
            ),
            models.Index(fields=["rule_id", "state"], name="clock_rule_state"),
            models.Index(fields=["state", "stopped_on"], name="clock_state_stopped"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.key} from {self.started_on}"

    @property
    def is_open(self) -> bool:
        return self.stopped_on is None
