"""The whole journey, through the pages and through the API, on the chronology and the clocks."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from accounts.actions import issue_api_token
from accounts.models import User
from casework.models import Episode
from casework.queries import chronology
from clocks.models import Clock
from csc.testing import PASSWORD, Personas
from protection.models import CINPlan, CPPlan, Section47, StrategyAction

from .helpers import referral

D = datetime.date
pytestmark = pytest.mark.django_db


def date_fields(name: str, day: D) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def post(client: Client, url: str, data: dict[str, Any]) -> None:
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def clock_states(person_id: int) -> dict[str, list[str]]:
    states: dict[str, list[str]] = {}
    for c in Clock.objects.filter(person_id=person_id).order_by("started_on", "pk"):
        states.setdefault(c.rule_id, []).append(c.state)
    return states


def test_journey_through_the_pages(personas: Personas, chair: User) -> None:
    child = personas.child
    referral(personas, D(2026, 6, 1))
    web = signed_in(personas.worker)
    base = f"/protection/child/{child.pk}/"
    page = web.get(base)
    assert page.status_code == 200
    assert "Record a strategy discussion" in page.content.decode()

    post(
        web,
        base + "strategy-discussions/new",
        {
            **date_fields("held_on", D(2026, 6, 2)),
            "held_time": "10:30",
            "agencies": ["social_care", "education"],
            "social_care_name": "Wendy Worker",
            "social_care_information": "Previous referrals",
            "education_information": "Attendance falling",
            "decision": "s47_single",
            "rationale": "Injury with no explanation",
            "action_1_description": "Child medical",
            "action_1_owner": "Paediatrician",
            **date_fields("action_1_deadline", D(2026, 6, 3)),
        },
    )
    s47 = Section47.objects.get(person=child)
    assert s47.started_on == D(2026, 6, 2)
    html = web.get(base).content.decode()
    assert "govuk-warning-text" in html
    assert "Police, Health did not take part in this strategy discussion" in html

    action = StrategyAction.objects.get()
    post(web, base + f"actions/{action.pk}/done", date_fields("completed_on", D(2026, 6, 3)))
    post(
        web,
        base + f"s47/{s47.pk}/outcome",
        {
            "outcome": "likely_harm",
            "icpc_needed": "yes",
            **date_fields("completed_on", D(2026, 6, 9)),
        },
    )
    post(
        web,
        base + f"s47/{s47.pk}/conference",
        {
            **date_fields("held_on", D(2026, 6, 19)),
            "chair": str(chair.pk),
            "attended": ["social_care", "police", "health"],
            "reports": ["health"],
            "child_views": "Misses her dad",
            "child_views_how": "Seen alone at school",
            "plan_made": "yes",
            "category": "PHY",
            "contingency_plan": "Strategy discussion the same day",
        },
    )
    plan = CPPlan.objects.get(person=child)
    assert plan.started_on == D(2026, 6, 19)
    assert plan.episode.kind == "child_protection" and plan.episode.ended_on is None
    plan_url = base + f"cp-plans/{plan.pk}/"
    assert "Physical abuse" in web.get(plan_url).content.decode()
    post(web, plan_url + "core-groups/new", {**date_fields("held_on", D(2026, 6, 26))})
    post(web, plan_url + "core-groups/new", {**date_fields("held_on", D(2026, 7, 31))})
    post(
        web,
        plan_url + "visits/new",
        {**date_fields("visited_on", D(2026, 6, 24)), "seen": "yes", "seen_alone": "on"},
    )
    post(
        web,
        base + f"cp-plans/{plan.pk}/outcomes/new",
        {
            "what_must_change": "No further injuries",
            **date_fields("by_when", D(2026, 9, 1)),
            "responsible": "Parents",
        },
    )
    outcome = plan.outcomes.get()
    post(
        web,
        base + f"outcomes/{outcome.pk}/progress",
        {**date_fields("recorded_on", D(2026, 8, 1)), "rating": "some", "note": "Better"},
    )
    # Before the review: C2, C4 met; C6 and C8 were running (C8 now overdue, no visit since June).
    states = clock_states(child.pk)
    assert states["C2"] == ["met"] and states["C4"] == ["met"]
    assert states["C6"] == ["overdue"]
    assert states["C8"][0] == "met" and states["C8"][-1] == "overdue"
    post(
        web,
        plan_url + "reviews/new",
        {
            **date_fields("held_on", D(2026, 9, 14)),
            "chair": str(chair.pk),
            "decision": "end",
            "end_reason": "step_down_cin",
        },
    )
    plan.refresh_from_db()
    assert plan.ended_on == D(2026, 9, 14)
    assert Episode.objects.get(pk=plan.episode_id).ended_on == D(2026, 9, 14)

    post(web, base + "cin-plans/new", date_fields("started_on", D(2026, 9, 14)))
    cin = CINPlan.objects.get(person=child)
    cin_url = base + f"cin-plans/{cin.pk}/"
    post(web, cin_url + "visits/new", {**date_fields("visited_on", D(2026, 9, 21)), "seen": "yes"})
    post(web, cin_url + "reviews/new", date_fields("held_on", D(2026, 10, 14)))
    post(
        web,
        base + "close",
        {**date_fields("ended_on", D(2026, 11, 16)), "closure_reason": "RC7"},
    )
    cin.refresh_from_db()
    assert cin.ended_on == D(2026, 11, 16) and cin.end_reason == "case_closed"
    episode = Episode.objects.get(person=child, kind="child_in_need")
    assert (episode.ended_on, episode.closure_reason) == (D(2026, 11, 16), "RC7")

    kinds = set(chronology(child).values_list("kind", flat=True))
    assert {
        "referral_received",
        "strategy_discussion",
        "strategy_action_done",
        "s47_concluded",
        "cp_conference",
        "cp_plan_started",
        "cp_core_group",
        "cp_visit",
        "plan_outcome_progress",
        "cp_review",
        "cp_plan_ended",
        "cin_plan_started",
        "cin_visit",
        "cin_review",
        "cin_plan_ended",
        "episode_closed",
    } <= kinds
    states = clock_states(child.pk)
    assert states["C2"] == ["met"]
    assert states["C4"] == ["met"]
    assert states["C6"] == ["met"]
    assert states["SDA"] == ["met"]
    assert "running" not in {s for v in states.values() for s in v}
    assert "overdue" not in states["A4"] + states["A5"]
    # The summary panel shows nothing open now; the child page still renders.
    assert web.get(f"/people/{child.pk}/").status_code == 200
    assert web.get(base).status_code == 200


def api_client(personas: Personas, user: User) -> Client:
    _, key = issue_api_token(actor=personas.admin, user=user, name="Test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_journey_through_the_api(personas: Personas, chair: User) -> None:
    child = personas.child
    referral(personas, D(2026, 6, 1))
    api = api_client(personas, personas.worker)
    base = f"/api/v1/people/{child.pk}/"

    def send(path: str, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
        response = api.post(base + path, body, content_type="application/json")
        assert response.status_code == status, response.content
        data: dict[str, Any] = response.json()
        return data

    refused = api.post(
        base + "strategy-discussions",
        {"held_at": "2026-06-02T10:00:00+01:00", "decision": "s47_joint", "attendees": []},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "rationale" in refused.json()["errors"]
    send(
        "strategy-discussions",
        {
            "held_at": "2026-06-02T10:00:00+01:00",
            "decision": "s47_joint",
            "rationale": "Disclosure at school",
            "attendees": [{"agency": a} for a in ("social_care", "police", "health", "education")],
            "actions": [
                {"description": "ABE interview", "owner": "Police", "deadline": "2026-06-05"}
            ],
        },
    )
    discussions = api.get(base + "strategy-discussions").json()
    assert discussions[0]["missing_agencies"] == []
    s47_id = discussions[0]["section47_id"]
    send(
        f"section47s/{s47_id}/outcome",
        {"outcome": "substantiated", "icpc_needed": True, "completed_on": "2026-06-08"},
        200,
    )
    made = send(
        f"section47s/{s47_id}/conference",
        {
            "held_on": "2026-06-19",
            "chair_id": chair.pk,
            "child_views": "Scared",
            "child_views_how": "Advocate",
            "plan_made": True,
            "category": "SAB",
            "attendance": [{"agency": "police", "report_provided": True}],
        },
    )
    plan_id = made["cp_plan_id"]
    send(f"cp-plans/{plan_id}/core-groups", {"held_on": "2026-06-30"})
    send(f"cp-plans/{plan_id}/visits", {"visited_on": "2026-06-25", "seen": True})
    send(
        f"cp-plans/{plan_id}/outcomes",
        {"what_must_change": "Safe contact", "by_when": "2026-09-01", "responsible": "Mum"},
    )
    send(
        f"cp-plans/{plan_id}/reviews",
        {"held_on": "2026-09-11", "chair_id": chair.pk, "decision": "continue", "category": "MUL"},
    )
    bad = api.post(
        base + f"cp-plans/{plan_id}/visits",
        {"visited_on": "2026-12-01", "seen": True},
        content_type="application/json",
    )
    assert bad.status_code == 400
    send(f"cp-plans/{plan_id}/end", {"ended_on": "2026-10-01", "reason": "no_longer_at_risk"}, 200)
    plans = api.get(base + "cp-plans").json()
    assert plans[0]["latest_category"] == "MUL" and plans[0]["ended_on"] == "2026-10-01"
    assert len(plans[0]["reviews"]) == 1 and len(plans[0]["outcomes"]) == 1
    cin = send("cin-plans", {"started_on": "2026-10-01"})
    send(f"cin-plans/{cin['id']}/visits", {"visited_on": "2026-10-08", "seen": True})
    send(f"cin-plans/{cin['id']}/reviews", {"held_on": "2026-11-02"})
    send("cin-closure", {"ended_on": "2026-11-13", "closure_reason": "RC9"}, 200)
    assert api.get(base + "cin-plans").json()[0]["ended_on"] == "2026-11-13"
    assert api.get(base + "section47s").json()[0]["completed_on"] == "2026-06-08"
    assert api.get(base + "conferences").json()[0]["category"] == "SAB"
    states = clock_states(child.pk)
    assert states["C2"] == ["met"] and states["C4"] == ["met"] and states["C6"] == ["met"]
    assert "running" not in {s for v in states.values() for s in v}
