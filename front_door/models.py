"""Contacts, MASH screening, partner information requests, threshold decisions, referrals and
early help episodes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casework.choices import PrimaryNeed

from .choices import (
    Agency,
    Consent,
    ContactState,
    EarlyHelpEnd,
    EarlyHelpRoute,
    LawfulBasis,
    Outcome,
    Rating,
    ReferralSource,
    level_label,
)

User = settings.AUTH_USER_MODEL


class Contact(models.Model):
    """One child's contact. A family contact is one row per child sharing a `group_id`."""

    group_id = models.UUIDField(db_index=True)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        help_text="The child's record, once the MASH officer has matched or created it.",
    )
    # The child as the referrer typed them (kept after matching, for the audit trail).
    child_forename = models.CharField(max_length=100)
    child_surname = models.CharField(max_length=100)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_address = models.CharField(max_length=250, blank=True)

    received_at = models.DateTimeField()
    source = models.CharField(max_length=2, choices=ReferralSource.choices)
    referrer_name = models.CharField(max_length=120)
    referrer_agency = models.CharField(max_length=160, blank=True)
    referrer_contact = models.CharField("Referrer's phone or email", max_length=200, blank=True)
    concerns = models.TextField(help_text="The concerns in the referrer's words.")
    family_consent = models.CharField(max_length=10, choices=Consent.choices)
    immediate_risk = models.BooleanField(default=False)

    state = models.CharField(
        max_length=12, choices=ContactState.choices, default=ContactState.AWAITING_SCREENING
    )
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    # Matching, and routing of open cases to the allocated worker (F4).
    open_case = models.BooleanField(default=False)
    routed_to = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    routed_at = models.DateTimeField(null=True, blank=True)

    # MASH screening (RAG).
    rating = models.CharField(max_length=5, choices=Rating.choices, blank=True)
    rating_reason = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    rated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_due_at = models.DateTimeField(
        null=True, blank=True, help_text="From the authority's RAG target for the rating (F3)."
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "received_at"]),
            models.Index(fields=["person", "-received_at"]),
            models.Index(fields=["submitted_by", "-received_at"]),
        ]

    def __str__(self) -> str:
        return f"Contact {self.pk} about {self.child_name}"

    @property
    def child_name(self) -> str:
        if self.person_id is not None:
            return self.person.display_name  # type: ignore[union-attr]
        return f"{self.child_forename} {self.child_surname}".strip()

    @property
    def reference(self) -> str:
        return f"C{self.pk:07d}"

    @property
    def partner_outcome(self) -> str:
        """What the partner who submitted it is told: the final outcome, nothing more."""
        if self.state == ContactState.ROUTED:
            return "Passed to the child's allocated social worker"
        decision = getattr(self, "decision", None)
        if decision is None or self.state != ContactState.DECIDED:
            return "Being considered by the MASH"
        return str(decision.get_outcome_display())


class PartnerRequest(models.Model):
    """A MASH request to a partner agency for what it knows about the child."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="requests")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    agency_detail = models.CharField(
        "Team or person asked", max_length=160, blank=True, help_text="For example, CAIT"
    )
    lawful_basis = models.CharField(max_length=15, choices=LawfulBasis.choices)
    question = models.TextField(blank=True)
    rating = models.CharField(max_length=5, choices=Rating.choices)
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField(
        null=True, blank=True, help_text="From the partner target for the rating (F3P)."
    )
    response_at = models.DateTimeField(null=True, blank=True)
    responder = models.CharField("Who replied", max_length=160, blank=True)
    response = models.TextField(blank=True)
    response_recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        indexes = [
            models.Index(fields=["response_at", "withdrawn_at", "due_at"]),
            models.Index(fields=["agency", "due_at"]),
        ]

    @property
    def is_open(self) -> bool:
        return self.response_at is None and self.withdrawn_at is None


class PartnerChase(models.Model):
    request = models.ForeignKey(PartnerRequest, on_delete=models.CASCADE, related_name="chases")
    chased_at = models.DateTimeField()
    chased_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=250, blank=True)

    class Meta:
        ordering = ["chased_at", "pk"]


class ThresholdDecision(models.Model):
    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="decision")
    level = models.CharField("Level of need", max_length=10)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    rationale = models.TextField()
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    needs_authorisation = models.BooleanField(default=False)
    authorised_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorisation_note = models.TextField(blank=True)
    # Timeliness, recorded when the decision is made.
    within_target = models.BooleanField(
        null=True, blank=True, help_text="Empty when the rating has no target (blue)."
    )
    working_hours_elapsed = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        indexes = [
            models.Index(fields=["decided_at"]),
            models.Index(fields=["needs_authorisation"]),
        ]

    @property
    def level_label(self) -> str:
        return level_label(self.level)

    @property
    def awaiting_authorisation(self) -> bool:
        return self.needs_authorisation and self.authorised_at is None


class Referral(models.Model):
    """A contact accepted by children's social care: opens the child's CIN episode."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    contact = models.OneToOneField(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="referral"
    )
    episode = models.ForeignKey(
        "casework.Episode", on_delete=models.PROTECT, related_name="referrals"
    )
    referral_date = models.DateField()
    source = models.CharField(max_length=2, choices=ReferralSource.choices)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices)
    nfa = models.BooleanField("Referral no further action", default=False)
    re_referral = models.BooleanField(
        default=False, help_text="Another referral for this child in the 12 months before."
    )
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-referral_date", "-pk"]
        indexes = [models.Index(fields=["person", "-referral_date"])]

    @property
    def reference(self) -> str:
        return f"R{self.pk:07d}"


class EarlyHelpEpisode(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="early_help_episodes"
    )
    episode = models.OneToOneField(
        "casework.Episode", on_delete=models.PROTECT, related_name="early_help"
    )
    route = models.CharField(max_length=12, choices=EarlyHelpRoute.choices)
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    lead_professional = models.CharField(max_length=120)
    organisation = models.CharField(max_length=160)
    assessment_started_on = models.DateField(null=True, blank=True)
    assessment_completed_on = models.DateField(null=True, blank=True)
    reason = models.TextField()
    end_reason = models.CharField(max_length=12, choices=EarlyHelpEnd.choices, blank=True)
    step_up_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["person", "-started_on"])]
