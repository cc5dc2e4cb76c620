"""Single (child and family) assessments: one per referral at a time, authorised by a manager."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import AssessmentState, Outcome


class Assessment(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="assessments"
    )
    referral = models.ForeignKey(
        "front_door.Referral", on_delete=models.PROTECT, related_name="assessments"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments"
    )
    started_on = models.DateField("Start date")
    state = models.CharField(
        max_length=12, choices=AssessmentState.choices, default=AssessmentState.DRAFT
    )

    # Sections (quality.SECTIONS names them and says what each should cover).
    lived_experience = models.TextField("The child's lived experience", blank=True)
    child_views = models.TextField("The child's wishes and feelings", blank=True)
    history = models.TextField("History and chronology", blank=True)
    parenting_capacity = models.TextField("Parenting capacity", blank=True)
    family_environment = models.TextField("Family and environment", blank=True)
    identity = models.TextField("Identity and diversity", blank=True)
    partner_contributions = models.TextField("Contributions from partner agencies", blank=True)
    analysis = models.TextField("Analysis of risk and strengths", blank=True)
    # Identity and diversity, structured.
    language = models.CharField("Language used in the assessment", max_length=60, blank=True)
    interpreter_used = models.BooleanField(null=True, blank=True)

    # The child seen during the assessment.
    child_seen_on = models.DateField("Date the child was seen", null=True, blank=True)
    seen_alone = models.BooleanField(null=True, blank=True)
    seen_with = models.CharField("Who else was there", max_length=250, blank=True)

    factors = models.JSONField(
        default=list, blank=True, help_text="CIN census AssessmentFactors codes, e.g. ['1B', '3A']."
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField("Reasons for the outcome", blank=True)

    submitted_on = models.DateField(null=True, blank=True)
    authorised_on = models.DateField("Authorisation date", null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    authorisation_note = models.TextField(blank=True)
    returned_reason = models.TextField(
        blank=True, help_text="Why the manager last sent it back for more work."
    )

    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "-started_on"]),
            models.Index(fields=["state", "submitted_on"]),
            models.Index(fields=["person", "state", "authorised_on"]),
        ]

    def __str__(self) -> str:
        return f"Assessment {self.reference}"

    @property
    def reference(self) -> str:
        return f"A{self.pk:07d}"

    @property
    def is_authorised(self) -> bool:
        return self.state == AssessmentState.AUTHORISED

    @property
    def is_editable(self) -> bool:
        return self.state == AssessmentState.DRAFT
