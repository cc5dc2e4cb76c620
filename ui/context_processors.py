"""Primary navigation, built from what the signed-in user may use."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    section: str
    allowed: str  # "all", "staff", "managers", "senior", "front_door", "performance", "admin"


# Later capabilities add their sections here as they are built.
NAV_ITEMS = (
    NavItem("My work", "casework:my_work", "my_work", "staff"),
    NavItem("Team", "casework:team", "team", "managers"),
    NavItem("Service", "clocks:service", "service", "senior"),
    NavItem("Front door", "front_door:queue", "front_door", "front_door"),
    NavItem("Search", "people:search", "search", "staff"),
    NavItem("Performance", "performance:home", "performance", "performance"),
    NavItem("Admin", "accounts:admin_home", "admin", "admin"),
)


def _allowed(item: NavItem, user: object) -> bool:
    if item.allowed == "all":
        return True
    if getattr(user, "is_partner", False):
        return False
    role = getattr(user, "role", "")
    if item.allowed == "managers":
        return bool(getattr(user, "is_manager", False))
    if item.allowed == "senior":
        return role in {"head_of_service", "director", "performance_analyst", "administrator"}
    if item.allowed == "performance":
        return role in {
            "performance_analyst",
            "head_of_service",
            "director",
            "team_manager",
            "administrator",
            "qa_auditor",
        }
    if item.allowed == "front_door":
        return role in {"mash_officer", "team_manager", "head_of_service", "director"}
    if item.allowed == "admin":
        return bool(getattr(user, "is_administrator", False))
    return True


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        current = getattr(request, "nav_section", "")
        for item in NAV_ITEMS:
            if not _allowed(item, user):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"label": item.label, "url": url, "active": item.section == current})
    return {
        "nav_items": items,
        "service_name": settings.TRELLIS_SERVICE_NAME,
        "authority_name": settings.TRELLIS_AUTHORITY_NAME,
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.TRELLIS_SESSION_WARNING_SECONDS,
    }
