"""Writes about staff, teams, sign-in and restricted records."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone

from casework.events import EventKind, atomic_action, record_event, register_kinds
from csc.errors import ActionError
from people.models import Person

from .choices import Role, TeamKind
from .models import ApiToken, RestrictedAccessGrant, Team, User

register_kinds(
    EventKind("team_created", "Team created", "record"),
    EventKind("user_created", "User created", "record"),
    EventKind("restricted_access_granted", "Access to restricted record granted", "record"),
    EventKind("record_restricted", "Record restricted", "record"),
    EventKind("api_token_issued", "API token issued", "record"),
)


@atomic_action
def create_team(
    *, actor: User | None, name: str, kind: str = TeamKind.TEAM, parent: Team | None = None
) -> Team:
    name = name.strip()
    ActionError.collect(
        {
            "name": "Enter the team's name" if not name else None,
            "parent": "A team must sit in a service area"
            if kind == TeamKind.TEAM and parent is None
            else None,
        }
    )
    if Team.objects.filter(name__iexact=name).exists():
        raise ActionError({"name": ["A team with this name already exists"]})
    team = Team.objects.create(name=name, kind=kind, parent=parent)
    record_event(
        kind="team_created", actor=actor, person=None, summary=f"Team {name} created", subject=team
    )
    return team


@atomic_action
def create_user(
    *,
    actor: User | None,
    username: str,
    first_name: str,
    last_name: str,
    role: str,
    password: str | None,
    team: Team | None = None,
    email: str = "",
    job_title: str = "",
    agency: str = "",
) -> User:
    if role not in Role.values:
        raise ActionError({"role": ["Choose a role from the list"]})
    ActionError.collect(
        {
            "username": "Enter a username" if not username.strip() else None,
            "agency": "Enter the partner's agency"
            if role == Role.PARTNER_AGENCY and not agency.strip()
            else None,
        }
    )
    if User.objects.filter(username__iexact=username).exists():
        raise ActionError({"username": ["That username is already taken"]})
    user = User(
        username=username.strip(),
        first_name=first_name,
        last_name=last_name,
        role=role,
        team=team,
        email=email,
        job_title=job_title or Role(role).label,
        agency=agency,
        is_staff=role == Role.ADMINISTRATOR,
    )
    if password is None:
        # Accounts that sign in through the authority's identity provider, or generated ones.
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    record_event(
        kind="user_created",
        actor=actor,
        person=None,
        summary=f"User {user.username} created ({Role(role).label})",
        subject=user,
    )
    return user


def is_locked(user: User, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return user.locked_until is not None and user.locked_until > now


@atomic_action
def record_failed_login(*, username: str) -> User | None:
    """Count a failed sign-in; lock the account after too many in a row."""
    user = User.objects.select_for_update().filter(username__iexact=username).first()
    if user is None:
        return None
    now = timezone.now()
    if user.locked_until and user.locked_until <= now:
        user.failed_logins = 0
        user.locked_until = None
    user.failed_logins += 1
    if user.failed_logins >= settings.TRELLIS_LOCKOUT_ATTEMPTS:
        user.locked_until = now + datetime.timedelta(minutes=settings.TRELLIS_LOCKOUT_MINUTES)
    user.save(update_fields=["failed_logins", "locked_until"])
    return user


def record_successful_login(*, user: User) -> None:
    if user.failed_logins or user.locked_until:
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["failed_logins", "locked_until"])


@atomic_action
def restrict_record(*, actor: User, person: Person, reason: str, named_users: list[User]) -> None:
    if not actor.is_administrator and not actor.is_manager:
        raise ActionError(
            "Only managers and administrators can restrict a record", code="forbidden"
        )
    if not reason.strip():
        raise ActionError({"reason": ["Enter why the record is restricted"]})
    if not named_users:
        raise ActionError({"named_users": ["Name at least one person who may see the record"]})
    person.is_restricted = True
    person.restriction_reason = reason.strip()
    person.save(update_fields=["is_restricted", "restriction_reason"])
    for user in named_users:
        RestrictedAccessGrant.objects.get_or_create(
            person=person,
            user=user,
            defaults={"granted_by": actor, "granted_at": timezone.now(), "reason": reason},
        )
    record_event(
        kind="record_restricted",
        actor=actor,
        person=person,
        summary="Record restricted to named users",
        details={"users": sorted(u.username for u in named_users)},
        subject=person,
    )


@atomic_action
def grant_restricted_access(
    *, actor: User, person: Person, user: User, reason: str
) -> RestrictedAccessGrant:
    if not RestrictedAccessGrant.objects.filter(person=person, user=actor).exists():
        raise ActionError("Only someone named on this record can name others", code="forbidden")
    grant, _ = RestrictedAccessGrant.objects.get_or_create(
        person=person,
        user=user,
        defaults={"granted_by": actor, "granted_at": timezone.now(), "reason": reason},
    )
    record_event(
        kind="restricted_access_granted",
        actor=actor,
        person=person,
        summary=f"{user} named on restricted record",
        subject=grant,
    )
    return grant


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@atomic_action
def issue_api_token(*, actor: User, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token row and the key, which is shown once and never stored."""
    if not actor.is_administrator:
        raise ActionError("Only administrators can issue API tokens", code="forbidden")
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name or "Integration",
        key_hash=hash_token(key),
        prefix=key[:8],
        created_at=timezone.now(),
    )
    record_event(
        kind="api_token_issued",
        actor=actor,
        person=None,
        summary=f"API token {token.prefix}… issued to {user.username}",
        subject=token,
    )
    return token, key
