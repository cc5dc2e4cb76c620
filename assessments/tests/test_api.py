from __future__ import annotations

import pytest
from django.test import Client

from accounts.actions import issue_api_token
from accounts.models import AccessLogEntry
from assessments.choices import AssessmentState
from assessments.models import Assessment
from csc.testing import Personas

from .helpers import referral, started, submitted

pytestmark = pytest.mark.django_db


def api(personas: Personas, who: str = "worker") -> Client:
    _, key = issue_api_token(actor=personas.admin, user=getattr(personas, who), name="Test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_start_update_submit_and_authorise_over_the_api(personas: Personas) -> None:
    ref = referral(personas)
    worker = api(personas)
    response = worker.post(
        f"/api/v1/people/{personas.child.pk}/assessments",
        {"referral_id": ref.pk, "started_on": "2026-09-03"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["completeness"]["child_views_missing"] is True
    url = f"/api/v1/assessments/{body['id']}"

    response = worker.patch(
        url + "/sections",
        {
            "child_views": "I feel safe at nan's house.",
            "history": "Two previous referrals in 2024.",
            "child_seen_on": "2026-09-04",
            "seen_alone": True,
            "factors": ["1B", "3A"],
            "outcome": "CIN_PLAN",
            "submit": True,
            "submitted_on": "2026-11-02",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "submitted"
    assert body["factors"] == ["1B", "3A"]
    assert body["completeness"]["child_views_missing"] is False

    # A worker may not authorise: 403, and nothing changes.
    response = worker.post(
        url + "/authorise",
        {"authorised_on": "2026-11-04", "confirmed": True},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "team manager" in response.json()["errors"]["__all__"][0]
    assert Assessment.objects.get().state == AssessmentState.SUBMITTED

    response = api(personas, "manager").post(
        url + "/authorise",
        {"authorised_on": "2026-11-04", "confirmed": True},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "authorised"


def test_bad_dates_are_refused_as_json(personas: Personas) -> None:
    a = started(personas)
    response = api(personas).post(
        f"/api/v1/assessments/{a.pk}/sections",
        {"child_seen_on": "2026-09-01", "seen_alone": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "seen_on" in response.json()["errors"]


def test_reads_are_logged(personas: Personas) -> None:
    a = started(personas)
    client = api(personas)
    assert client.get(f"/api/v1/assessments/{a.pk}").status_code == 200
    assert client.get(f"/api/v1/people/{personas.child.pk}/assessments").json()[0]["id"] == a.pk
    assert AccessLogEntry.objects.filter(person=personas.child, page="API: assessment").exists()


@pytest.mark.parametrize("who", ["other_worker", "partner"])
def test_other_team_and_partners_get_404(personas: Personas, who: str) -> None:
    a = submitted(personas)
    client = api(personas, who)
    assert client.get(f"/api/v1/assessments/{a.pk}").status_code == 404
    assert client.get(f"/api/v1/people/{personas.child.pk}/assessments").status_code == 404
    response = client.patch(
        f"/api/v1/assessments/{a.pk}/sections",
        {"history": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    response = client.post(
        f"/api/v1/assessments/{a.pk}/authorise",
        {"authorised_on": "2026-11-04", "confirmed": True},
        content_type="application/json",
    )
    assert response.status_code == 404
