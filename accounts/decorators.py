from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .access import get_visible_person_or_404, log_view
from .models import User


def child_page(page: str) -> Callable[..., Callable[..., HttpResponse]]:
    """Load the person the user may see (404 otherwise) and log each view of the page."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
            person = get_visible_person_or_404(request.user, pk)
            if request.method == "GET" and not request.headers.get("HX-Request"):
                log_view(request.user, person, page=page, path=request.path)  # type: ignore[arg-type]
            return view(request, person, *args, **kwargs)

        return wrapper

    return decorator


def staff_user(request: HttpRequest) -> User:
    """The signed-in member of staff; partner agency users are refused (403)."""
    user = request.user
    if not isinstance(user, User) or user.is_partner:
        raise PermissionDenied
    return user
