"""Runs of the CIN census validator and what each found (the readiness page reads these)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    OK = "ok", "Validated"
    FAILED = "failed", "Could not run"


class RunTrigger(models.TextChoices):
    PAGE = "page", "Readiness page"
    COMMAND = "command", "Scheduled or command line"


class ValidationRun(models.Model):
    """One check of a year's CIN census return by the DfE-rule validator."""

    year = models.PositiveSmallIntegerField(help_text="Collection year (the 31 March it ends on).")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    failure_reason = models.TextField(blank=True)
    trigger = models.CharField(max_length=10, choices=RunTrigger.choices, default=RunTrigger.PAGE)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validator_version = models.CharField(max_length=40, blank=True)
    ruleset = models.CharField(max_length=20, blank=True)
    children = models.PositiveIntegerField(default=0, help_text="Children in the return.")
    error_count = models.PositiveIntegerField(default=0)
    query_count = models.PositiveIntegerField(default=0)
    rules_failed = models.JSONField(
        default=list, blank=True, help_text="Rules that crashed inside the validator."
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["year", "-started_at"])]

    def __str__(self) -> str:
        return f"CIN census {self.year} check at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def ran(self) -> bool:
        return self.status == RunStatus.OK


class ValidationIssue(models.Model):
    """One place the validator flagged: a rule, a child (unless return-level), a module."""

    run = models.ForeignKey(ValidationRun, on_delete=models.CASCADE, related_name="issues")
    rule = models.CharField(max_length=12)
    message = models.TextField()
    is_query = models.BooleanField(default=False)
    child_id = models.CharField("LAchildID", max_length=20, blank=True)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="census_issues",
    )
    module = models.CharField(max_length=40, blank=True, help_text="Census module (table).")
    fields = models.CharField(
        max_length=250, blank=True, help_text="Census items, comma-separated."
    )
    row = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["rule", "child_id", "module", "row", "pk"]
        indexes = [
            models.Index(fields=["run", "rule"]),
            models.Index(fields=["person", "run"]),
        ]

    @property
    def field_list(self) -> list[str]:
        return [f.strip() for f in self.fields.split(",") if f.strip()]
