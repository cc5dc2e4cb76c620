"""Who may see and write: pages and API 404 for other teams and partners; bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.actions import issue_api_token
from accounts.models import AccessLogEntry, User
from casework import actions as casework_actions
from csc.testing import PASSWORD, Personas
from people import actions as people_actions
from protection.models import CPPlan

from .helpers import cp_plan, referral

D = datetime.date
pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_other_team_and_partner_get_404(personas: Personas, chair: User) -> None:
    referral(personas)
    plan = cp_plan(personas, chair)
    base = f"/protection/child/{personas.child.pk}/"
    for url in (base, base + f"cp-plans/{plan.pk}/", base + "strategy-discussions/new"):
        assert signed_in(personas.worker).get(url).status_code == 200
        assert signed_in(personas.other_worker).get(url).status_code == 404
        assert signed_in(personas.partner).get(url).status_code == 404
    for name in ("other_worker", "partner"):
        _, key = issue_api_token(actor=personas.admin, user=getattr(personas, name), name="t")
        api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        url = f"/api/v1/people/{personas.child.pk}/cp-plans"
        assert api.get(url).status_code == 404
        posted = api.post(
            f"/api/v1/people/{personas.child.pk}/cp-plans/{plan.pk}/visits",
            {"visited_on": "2026-07-01", "seen": True},
            content_type="application/json",
        )
        assert posted.status_code == 404
    assert not plan.visits.exists()


def test_reads_are_logged(personas: Personas, chair: User) -> None:
    referral(personas)
    cp_plan(personas, chair)
    signed_in(personas.worker).get(f"/protection/child/{personas.child.pk}/")
    _, key = issue_api_token(actor=personas.admin, user=personas.worker, name="t")
    Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(f"/api/v1/people/{personas.child.pk}/cp-plans")
    pages = set(AccessLogEntry.objects.filter(person=personas.child).values_list("page", flat=True))
    assert {"Child protection and CIN", "API: child protection plans"} <= pages


def test_drift_page_is_for_managers(personas: Personas) -> None:
    assert signed_in(personas.worker).get("/protection/drift/").status_code == 403
    assert signed_in(personas.manager).get("/protection/drift/").status_code == 200


def _child_on_plan(personas: Personas, chair: User, n: int) -> None:
    child = people_actions.create_person(
        actor=personas.mash,
        details=people_actions.PersonDetails(
            legal_forename=f"Child{n}",
            legal_surname="Planfield",
            date_of_birth=D(2015, 1, 1 + n),
            sex="M",
            gender="1",
            ethnicity="WBRI",
        ),
    )
    casework_actions.allocate(
        actor=personas.manager,
        person=child,
        team=personas.team_a,
        worker=personas.worker,
        started_on=D(2026, 5, 1),
        reason="New referral",
    )
    referral(personas, person=child)
    cp_plan(personas, chair, person=child)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_counts_are_bounded(personas: Personas, chair: User) -> None:
    manager = signed_in(personas.manager)
    _child_on_plan(personas, chair, 1)
    few = {u: _queries(manager, u) for u in ("/protection/plans/", "/protection/drift/")}
    for n in range(2, 6):
        _child_on_plan(personas, chair, n)
    assert CPPlan.objects.count() == 5
    for url, count in few.items():
        assert _queries(manager, url) == count
    page = manager.get("/protection/plans/").content.decode()
    assert "5 open child protection plans" in page
    assert (
        signed_in(personas.other_worker)
        .get("/protection/plans/")
        .content.decode()
        .count("Planfield")
        == 0
    )
