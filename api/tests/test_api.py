from __future__ import annotations

import pytest
from django.test import Client

from accounts.actions import issue_api_token
from accounts.models import AccessLogEntry
from casework.models import CaseNote
from csc.errors import ActionError
from csc.testing import Personas
from people.models import Person


def token_client(personas: Personas, user_name: str = "worker") -> Client:
    _, key = issue_api_token(actor=personas.admin, user=getattr(personas, user_name), name="Test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.mark.django_db
def test_openapi_document_is_published(client: Client) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "Trellis API"
    paths = doc["paths"]
    for path in (
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/people/{person_id}/relationships",
        "/api/v1/people/{person_id}/allocations",
        "/api/v1/people/{person_id}/notes",
        "/api/v1/people/{person_id}/events",
    ):
        assert path in paths


@pytest.mark.django_db
def test_token_authentication(personas: Personas) -> None:
    client = token_client(personas)
    response = client.get(f"/api/v1/people/{personas.child.pk}")
    assert response.status_code == 200
    assert response.json()["legal_surname"] == "Testington"
    assert Client(HTTP_AUTHORIZATION="Bearer not-a-key").get("/api/v1/people").status_code == 401


@pytest.mark.django_db
def test_only_administrators_issue_tokens(personas: Personas) -> None:
    with pytest.raises(ActionError):
        issue_api_token(actor=personas.manager, user=personas.worker, name="x")


@pytest.mark.django_db
def test_create_a_note_through_the_api(personas: Personas) -> None:
    client = token_client(personas)
    response = client.post(
        f"/api/v1/people/{personas.child.pk}/notes",
        {
            "kind": "visit",
            "occurred_on": "2026-11-18",
            "text": "Home visit",
            "child_seen": True,
            "seen_alone": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["child_seen"] is True
    events = client.get(f"/api/v1/people/{personas.child.pk}/events").json()["items"]
    assert [e["summary"] for e in events if e["kind"] == "case_note"] == ["Visit: Home visit"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type", "status", "field"),
    [
        ("{not json", "application/json", 400, None),
        ('{"kind": "visit"}', "application/json", 422, "occurred_on"),
        (
            '{"kind": "visit", "occurred_on": "31/02/2026", "text": "x"}',
            "application/json",
            422,
            "occurred_on",
        ),
        (
            '{"kind": "visit", "occurred_on": "2026-11-18", "text": "x"}',
            "application/json",
            400,
            "child_seen",
        ),
        (
            '{"kind": "fax", "occurred_on": "2026-11-18", "text": "x"}',
            "application/json",
            400,
            "kind",
        ),
        (
            '{"kind": "phone", "occurred_on": "2099-01-01", "text": "x"}',
            "application/json",
            400,
            "occurred_on",
        ),
        ("[]", "application/json", 422, None),
    ],
)
def test_malformed_payloads_get_a_machine_readable_4xx(
    personas: Personas, body: str, content_type: str, status: int, field: str | None
) -> None:
    client = token_client(personas)
    response = client.post(
        f"/api/v1/people/{personas.child.pk}/notes", body, content_type=content_type
    )
    assert response.status_code == status, response.content
    payload = response.json()
    assert ("code" in payload and "errors" in payload) or "detail" in payload
    if field:
        assert field in payload["errors"]
    assert not CaseNote.objects.exists()


@pytest.mark.django_db
def test_create_person_validation_and_duplicates(personas: Personas) -> None:
    client = token_client(personas, "mash")
    bad = client.post(
        "/api/v1/people",
        {"legal_forename": "Ava", "legal_surname": "Example", "nhs_number": "1234567890"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "nhs_number" in bad.json()["errors"]
    dup = client.post(
        "/api/v1/people",
        {"legal_forename": "Amara", "legal_surname": "Testington", "date_of_birth": "2016-05-14"},
        content_type="application/json",
    )
    assert dup.status_code == 409
    assert dup.json()["code"] == "duplicate"
    assert Person.objects.filter(legal_surname="Testington", kind="child").count() == 1


@pytest.mark.django_db
def test_api_reads_of_a_child_are_logged_and_refused_for_others(personas: Personas) -> None:
    assert (
        token_client(personas, "other_worker")
        .get(f"/api/v1/people/{personas.child.pk}/notes")
        .status_code
        == 404
    )
    token_client(personas).get(f"/api/v1/people/{personas.child.pk}/notes")
    assert AccessLogEntry.objects.filter(page="API: case notes", user=personas.worker).count() == 1
