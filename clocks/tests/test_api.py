"""The clocks API applies the same access rules as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from accounts.models import AccessLogEntry
from csc.testing import Personas

from .helpers import open_cp

pytestmark = pytest.mark.usefixtures("on_today")


def get(user: Any, url: str) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(url)


def test_child_clocks_over_json_are_logged(personas: Personas) -> None:
    open_cp(personas)
    response = get(personas.worker, f"/api/v1/people/{personas.child.pk}/clocks")
    assert response.status_code == 200
    by_rule = {c["rule_id"]: c for c in response.json()}
    assert by_rule["C8"]["state"] == "overdue" and by_rule["C8"]["due_on"] == "2026-11-16"
    assert by_rule["C8"]["title"] == "Child protection visit (child seen)"
    assert AccessLogEntry.objects.filter(person=personas.child, page="API: clocks").exists()


@pytest.mark.parametrize("user_name", ["other_worker", "partner"])
def test_child_clocks_refused_outside_access(personas: Personas, user_name: str) -> None:
    url = f"/api/v1/people/{personas.child.pk}/clocks"
    assert get(getattr(personas, user_name), url).status_code == 404


@pytest.mark.parametrize(
    ("user_name", "status"),
    [
        ("worker", 200),
        ("manager", 200),
        ("head", 200),
        ("director", 200),
        ("other_worker", 403),
        ("partner", 403),
    ],
)
def test_team_overdue_clocks(personas: Personas, user_name: str, status: int) -> None:
    open_cp(personas)
    response = get(
        getattr(personas, user_name), f"/api/v1/teams/{personas.team_a.pk}/overdue-clocks"
    )
    assert response.status_code == status
    if status == 200:
        assert {c["rule_id"] for c in response.json()} == {"C4", "C8"}


def test_unknown_team_is_404(personas: Personas) -> None:
    assert get(personas.director, "/api/v1/teams/999999/overdue-clocks").status_code == 404
