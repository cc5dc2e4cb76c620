"""Who may use the statutory returns pages: performance analysts and senior leaders."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.choices import Role
from accounts.models import User

RETURNS_ROLES = frozenset(
    {Role.PERFORMANCE_ANALYST, Role.HEAD_OF_SERVICE, Role.DIRECTOR, Role.ADMINISTRATOR}
)


def can_use_returns(user: object) -> bool:
    if not isinstance(user, User) or not user.is_active or user.is_partner:
        return False
    return user.is_superuser or user.role in RETURNS_ROLES


def returns_user(request: HttpRequest) -> User:
    """The signed-in user if they may use the returns pages; 403 for everyone else."""
    user = request.user
    if not can_use_returns(user):
        raise PermissionDenied
    assert isinstance(user, User)
    return user
