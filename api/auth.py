from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from accounts.actions import hash_token
from accounts.models import ApiToken, User


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` for integration users."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class StaffSession(SessionAuth):
    """Signed-in browser sessions (CSRF-checked for writes by Ninja)."""


AUTH = [TokenAuth(), StaffSession()]
