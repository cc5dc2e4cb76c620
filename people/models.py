"""Children, adults, their addresses, relationships and the professionals around them."""

from __future__ import annotations

import datetime

from django.db import models

from .choices import (
    Disability,
    Ethnicity,
    Gender,
    PersonKind,
    ProfessionalRole,
    RelationshipKind,
    Religion,
    Sex,
    UpnUnknown,
)


class PersonQuerySet(models.QuerySet["Person"]):
    def children(self) -> PersonQuerySet:
        return self.filter(kind=PersonKind.CHILD)

    def active(self) -> PersonQuerySet:
        return self.filter(merged_into__isnull=True)


class Person(models.Model):
    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.CHILD)
    legal_forename = models.CharField("Legal first name", max_length=100)
    legal_surname = models.CharField("Legal last name", max_length=100)
    known_as = models.CharField("Known as", max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender = models.CharField(max_length=1, choices=Gender.choices, default=Gender.NOT_KNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    upn = models.CharField("Unique pupil number", max_length=13, blank=True, db_index=True)
    upn_unknown = models.CharField(max_length=3, choices=UpnUnknown.choices, blank=True)
    uasc = models.BooleanField("Unaccompanied asylum-seeking child", default=False)
    uasc_ceased_on = models.DateField(null=True, blank=True)
    is_restricted = models.BooleanField(
        default=False, help_text="Visible only to named users; hidden from everyone else's search."
    )
    restriction_reason = models.CharField(max_length=250, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["legal_surname", "legal_forename", "pk"]
        indexes = [
            models.Index(fields=["kind", "date_of_birth"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["legal_surname", "legal_forename"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.known_as or self.legal_forename
        return f"{first} {self.legal_surname}".strip()

    @property
    def legal_name(self) -> str:
        return f"{self.legal_forename} {self.legal_surname}".strip()

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None

    @property
    def is_child(self) -> bool:
        return self.kind == PersonKind.CHILD

    def age_on(self, day: datetime.date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    @property
    def reference(self) -> str:
        """The record number shown to staff and used as the child's ID in returns."""
        return f"{self.pk:07d}"


class PersonDisability(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disabilities")
    code = models.CharField(max_length=4, choices=Disability.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "code"], name="unique_person_disability")
        ]


class Address(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line1 = models.CharField("Address line 1", max_length=120)
    line2 = models.CharField("Address line 2", max_length=120, blank=True)
    town = models.CharField(max_length=80, blank=True)
    postcode = models.CharField(max_length=10)
    moved_in_on = models.DateField()
    moved_out_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-moved_in_on", "-pk"]
        indexes = [models.Index(fields=["person", "moved_out_on"])]

    def __str__(self) -> str:
        parts = [self.line1, self.line2, self.town, self.postcode]
        return ", ".join(p for p in parts if p)


class Relationship(models.Model):
    """`other` is the `kind` of `person` (e.g. other is the mother of person)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="related_to")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    lives_with = models.BooleanField(default=False, help_text="They share the person's household.")
    has_parental_responsibility = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "ended_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "other", "kind"], name="unique_relationship_kind"
            ),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("other")), name="relationship_not_self"
            ),
        ]


class ProfessionalInvolvement(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="professionals")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=30, choices=ProfessionalRole.choices)
    organisation = models.CharField(max_length=160)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["ended_on", "role", "name"]


class SearchToken(models.Model):
    """Name tokens (normalised and phonetic) so search tolerates spelling and order."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_tokens")
    token = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "person"], name="unique_search_token")
        ]
