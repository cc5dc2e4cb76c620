"""Every page and API endpoint about a child, for every persona.

Expected outcomes: the allocated worker, a same-team colleague, their manager, the head of
service over the area and service-wide roles may see the child; a worker in another team
and a partner agency user get 404 (the record's existence is not revealed); anonymous
users are sent to sign in (pages) or get 401 (API).
"""

from __future__ import annotations

import pytest
from django.test import Client

from csc.testing import Personas

ALLOWED = ["worker", "colleague", "manager", "head", "director", "mash", "admin"]
REFUSED = ["other_worker", "partner"]

CHILD_PAGES = [
    "/people/{pk}/",
    "/people/{pk}/edit/",
    "/people/{pk}/addresses/new/",
    "/people/{pk}/relationships/new/",
    "/people/{pk}/professionals/new/",
    "/people/{pk}/chronology/",
    "/people/{pk}/notes/",
    "/people/{pk}/notes/new/",
    "/people/{pk}/allocation/",
]
CHILD_API = [
    "/api/v1/people/{pk}",
    "/api/v1/people/{pk}/relationships",
    "/api/v1/people/{pk}/allocations",
    "/api/v1/people/{pk}/notes",
    "/api/v1/people/{pk}/events",
]


def client_for(personas: Personas, name: str) -> Client:
    client = Client()
    user = personas.by_name(name)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url", CHILD_PAGES + CHILD_API)
@pytest.mark.parametrize("persona", ALLOWED)
def test_allowed_personas_see_the_child(personas: Personas, persona: str, url: str) -> None:
    response = client_for(personas, persona).get(url.format(pk=personas.child.pk))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", CHILD_PAGES + CHILD_API)
@pytest.mark.parametrize("persona", REFUSED)
def test_refused_personas_get_404(personas: Personas, persona: str, url: str) -> None:
    response = client_for(personas, persona).get(url.format(pk=personas.child.pk))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", CHILD_PAGES)
def test_anonymous_is_sent_to_sign_in(personas: Personas, url: str) -> None:
    response = Client().get(url.format(pk=personas.child.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", CHILD_API)
def test_anonymous_api_is_unauthenticated(personas: Personas, url: str) -> None:
    response = Client().get(url.format(pk=personas.child.pk))
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


@pytest.mark.django_db
@pytest.mark.parametrize("url", CHILD_PAGES + CHILD_API)
@pytest.mark.parametrize(
    "persona", ["colleague", "manager", "head", "director", "mash", "admin", "other_worker"]
)
def test_restricted_child_is_404_to_everyone_not_named(
    personas: Personas, persona: str, url: str
) -> None:
    response = client_for(personas, persona).get(url.format(pk=personas.restricted_child.pk))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", CHILD_PAGES + CHILD_API)
def test_restricted_child_is_visible_to_the_named_worker(personas: Personas, url: str) -> None:
    response = client_for(personas, "worker").get(url.format(pk=personas.restricted_child.pk))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["director", "mash", "manager", "colleague", "admin"])
def test_restricted_child_never_appears_in_search(personas: Personas, persona: str) -> None:
    client = client_for(personas, persona)
    page = client.get("/people/search/", {"name": "Robin Hiddenfield"})
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 0
    assert f"/people/{personas.restricted_child.pk}/" not in page.content.decode()
    api = client.get("/api/v1/people", {"name": "Hiddenfield"})
    assert api.json()["count"] == 0


@pytest.mark.django_db
def test_restricted_child_appears_in_search_for_the_named_worker(personas: Personas) -> None:
    page = client_for(personas, "worker").get("/people/search/", {"name": "Hiddenfield"})
    assert "Robin Hiddenfield" in page.content.decode()


# Pages that are not about one child.
GENERAL_PAGES = {
    "/my-work/": {"worker": 200, "manager": 200, "head": 200, "partner": 403, "admin": 200},
    "/team/": {"worker": 403, "manager": 200, "head": 200, "partner": 403, "director": 200},
    "/people/search/": {"worker": 200, "mash": 200, "partner": 403},
    "/people/new/": {"worker": 200, "mash": 200, "partner": 403},
    "/people/merge/": {"worker": 403, "manager": 403, "admin": 200, "partner": 403},
    "/accounts/admin/": {"worker": 403, "manager": 403, "admin": 200},
    "/accounts/admin/access-log/": {"worker": 403, "director": 403, "admin": 200},
    "/front-door/partner/": {"partner": 200, "worker": 403},
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "persona", "status"),
    [(url, p, s) for url, expected in GENERAL_PAGES.items() for p, s in expected.items()],
)
def test_general_pages(personas: Personas, url: str, persona: str, status: int) -> None:
    assert client_for(personas, persona).get(url).status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(GENERAL_PAGES))
def test_general_pages_need_sign_in(personas: Personas, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_partner_cannot_write_through_the_api(personas: Personas) -> None:
    client = client_for(personas, "partner")
    response = client.post(
        "/api/v1/people",
        {"legal_forename": "A", "legal_surname": "B"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.get("/api/v1/people").json()["count"] == 0


@pytest.mark.django_db
def test_other_team_worker_cannot_add_a_note(personas: Personas) -> None:
    client = client_for(personas, "other_worker")
    response = client.post(
        f"/people/{personas.child.pk}/notes/new/",
        {
            "kind": "phone",
            "occurred_on_0": "1",
            "occurred_on_1": "11",
            "occurred_on_2": "2026",
            "text": "Should not be saved",
        },
    )
    assert response.status_code == 404
    assert not personas.child.notes.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    [
        "worker",
        "colleague",
        "other_worker",
        "manager",
        "head",
        "director",
        "mash",
        "partner",
        "admin",
    ],
)
def test_child_scope_agrees_with_visible_people(personas: Personas, persona: str) -> None:
    from accounts.access import child_scope, visible_people
    from casework.models import Allocation

    user = personas.by_name(persona)
    assert user is not None
    children = {personas.child.pk, personas.restricted_child.pk}
    seen = set(visible_people(user).filter(pk__in=children).values_list("pk", flat=True))
    # Allocations belong to a child, like clocks do: the scope picks the same children.
    scoped = set(
        Allocation.objects.filter(child_scope(user), person_id__in=children).values_list(
            "person_id", flat=True
        )
    )
    assert scoped == seen
