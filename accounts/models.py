"""Users, the team hierarchy, restricted-record grants, API tokens and the access log."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from .choices import MANAGER_ROLES, SERVICE_WIDE_ROLES, Role, TeamKind


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=TeamKind.choices, default=TeamKind.TEAM)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def subtree_ids(self) -> list[int]:
        """This team and every team below it (hierarchies are shallow: area → team)."""
        ids = [self.pk]
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Team.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            ids.extend(frontier)
        return ids


class User(AbstractUser):
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.SOCIAL_WORKER)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    job_title = models.CharField(max_length=120, blank=True)
    agency = models.CharField(
        max_length=120, blank=True, help_text="For partner agency users: the agency they work for."
    )
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_service_wide(self) -> bool:
        return self.role in SERVICE_WIDE_ROLES

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER_AGENCY

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR or self.is_superuser


class RestrictedAccessGrant(models.Model):
    """A named user allowed to see a restricted child's record."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="access_grants"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="restricted_grants")
    granted_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField()
    reason = models.CharField(max_length=250)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="unique_restricted_grant")
        ]


class AccessLogEntry(models.Model):
    """One row each time someone views part of a child's record."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    page = models.CharField(max_length=200)
    path = models.CharField(max_length=400)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-at"]),
            models.Index(fields=["user", "-at"]),
        ]


class ApiToken(models.Model):
    """Token for integration users. Only a hash of the key is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=120)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
