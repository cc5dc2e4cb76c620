"""Episodes of involvement, allocations, case notes and the Event log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from accounts.models import Team

from .choices import AllocationRole, ClosureReason, EpisodeKind, NoteKind, PrimaryNeed


class Episode(models.Model):
    """A period of involvement (early help, CIN, CP, looked after, …) with a child."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="episodes")
    kind = models.CharField(max_length=20, choices=EpisodeKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)
    summary = models.CharField(max_length=250, blank=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "ended_on"]),
            models.Index(fields=["kind", "ended_on", "started_on"]),
        ]

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class Allocation(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="allocations"
    )
    role = models.CharField(
        max_length=20, choices=AllocationRole.choices, default=AllocationRole.SOCIAL_WORKER
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=250)
    end_reason = models.CharField(max_length=250, blank=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "ended_on"]),
            models.Index(fields=["worker", "ended_on"]),
            models.Index(fields=["team", "ended_on"]),
        ]


class CaseNote(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=NoteKind.choices)
    occurred_on = models.DateField()
    with_whom = models.CharField("Who was involved", max_length=250, blank=True)
    child_seen = models.BooleanField(null=True, blank=True)
    seen_alone = models.BooleanField(null=True, blank=True)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["person", "-occurred_on"])]


class Event(models.Model):
    """One row per action: the audit trail, and the source of the child's chronology."""

    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=60)
    occurred_at = models.DateTimeField(help_text="When it happened in the child's life.")
    recorded_at = models.DateTimeField(help_text="When it was written down.")
    summary = models.CharField(max_length=300)
    details = models.JSONField(default=dict, blank=True)
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.BigIntegerField(null=True, blank=True)
    significant = models.BooleanField(default=False)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-occurred_at"]),
            models.Index(fields=["kind", "-occurred_at"]),
            # Events recorded before their child was known (a contact's receipt), found by
            # subject when the contact is matched; without it PostgreSQL walked every event
            # of that kind for each match.
            models.Index(
                fields=["subject_type", "subject_id"],
                condition=models.Q(person__isnull=True),
                name="casework_event_unmatched_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.summary}"
