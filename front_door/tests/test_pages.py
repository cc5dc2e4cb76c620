"""Front-door pages: who may open them, what partners see, and bounded query counts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from csc.testing import Personas
from front_door import actions
from front_door.models import Contact
from people.models import Person

from .conftest import NOW, at

PAGES = [
    "front_door:queue",
    "front_door:requests",
    "front_door:authorisations",
    "front_door:consistency",
]


@pytest.mark.parametrize("url_name", PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("mash", 200),
        ("manager", 200),
        ("head", 200),
        ("director", 200),
        ("other_worker", 403),
        ("worker", 403),
    ],
)
def test_list_page_permissions(
    client: Client, personas: Personas, url_name: str, who: str, status: int
) -> None:
    client.force_login(personas.by_name(who))  # type: ignore[arg-type]
    assert client.get(reverse(url_name)).status_code == status


@pytest.mark.parametrize("url_name", PAGES)
def test_anonymous_is_sent_to_login(client: Client, url_name: str, db: None) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "contact_status", "history_status"),
    [
        ("mash", 200, 200),
        ("manager", 200, 200),
        ("worker", 403, 200),  # allocated worker may read the child's history, not work the queue
        ("other_worker", 403, 404),
        ("partner", 404, 404),
    ],
)
def test_contact_and_history_permissions(
    client: Client,
    personas: Personas,
    make_contact: Callable[..., Contact],
    who: str,
    contact_status: int,
    history_status: int,
) -> None:
    contact = make_contact(personas.child, rating="amber")
    client.force_login(personas.by_name(who))  # type: ignore[arg-type]
    assert (
        client.get(reverse("front_door:contact", args=[contact.pk])).status_code == contact_status
    )
    assert (
        client.get(reverse("front_door:history", args=[personas.child.pk])).status_code
        == history_status
    )


def test_anonymous_contact_page_redirects(
    client: Client, personas: Personas, make_contact: Callable[..., Contact]
) -> None:
    contact = make_contact(personas.child)
    assert client.get(reverse("front_door:contact", args=[contact.pk])).status_code == 302


def test_partner_submits_and_sees_only_their_outcome(
    client: Client,
    personas: Personas,
    make_contact: Callable[..., Contact],
    new_child: Callable[..., Person],
) -> None:
    client.force_login(personas.partner)
    assert client.get(reverse("home"))["Location"] == reverse("front_door:partner_home")
    response = client.post(
        reverse("front_door:partner_new"),
        {
            "child1_forename": "Dana",
            "child1_surname": "Example",
            "child1_date_of_birth_0": "3",
            "child1_date_of_birth_1": "4",
            "child1_date_of_birth_2": "2017",
            "source": "6",
            "referrer_name": "PC Pat",
            "referrer_agency": "Northbridge Police",
            "concerns": "Domestic incident attended overnight; children present.",
            "family_consent": "knows",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    own = Contact.objects.get(submitted_by=personas.partner)
    assert own.person is None and own.child_date_of_birth is not None

    # MASH matches, screens and decides; then the partner sees the outcome.
    child = new_child()
    actions.link_contact(actor=personas.mash, contact=own, person=child)
    actions.rate_contact(
        actor=personas.mash,
        contact=own,
        rating="green",
        reason="Low level",
        rated_at=own.received_at,
        now=own.received_at,
    )
    actions.decide(
        actor=personas.mash,
        contact=own,
        level="2",
        outcome="early_help",
        rationale="Family Hub offer",
        decided_at=own.received_at,
        now=own.received_at,
    )
    page = client.get(reverse("front_door:partner_contact", args=[own.pk]))
    assert page.status_code == 200
    assert "Early help" in page.content.decode()
    assert "Family Hub offer" not in page.content.decode()  # the rationale stays inside

    other = make_contact(personas.child)
    assert client.get(reverse("front_door:partner_contact", args=[other.pk])).status_code == 404
    assert client.get(reverse("front_door:contact", args=[own.pk])).status_code == 404
    assert client.get(reverse("front_door:history", args=[child.pk])).status_code == 404
    assert client.get(reverse("people:record", args=[child.pk])).status_code == 404
    listing = client.get(reverse("front_door:partner_home")).content.decode()
    assert own.reference in listing and other.reference not in listing


def test_partner_api_sees_only_their_own(
    client: Client, personas: Personas, make_contact: Callable[..., Contact]
) -> None:
    other = make_contact(personas.child)
    client.force_login(personas.partner)
    created = client.post(
        "/api/v1/contacts",
        {
            "children": [{"forename": "Eli", "surname": "Example"}],
            "source": "6",
            "referrer_name": "PC Pat",
            "concerns": "Found wandering at 2am.",
            "family_consent": "unknown",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    own_id = created.json()[0]["id"]
    assert "rating" not in created.json()[0]
    listing = client.get("/api/v1/contacts").json()
    assert [c["id"] for c in listing["items"]] == [own_id]
    assert (
        client.get(f"/api/v1/contacts/{own_id}").json()["outcome"] == "Being considered by the MASH"
    )
    assert client.get(f"/api/v1/contacts/{other.pk}").status_code == 404
    assert client.get(f"/api/v1/people/{personas.child.pk}/referrals").status_code == 404
    assert client.get(f"/api/v1/people/{personas.child.pk}").status_code == 404
    rated = client.post(
        f"/api/v1/contacts/{own_id}/screening",
        {"rating": "red", "reason": "x", "rated_at": NOW.isoformat()},
        content_type="application/json",
    )
    assert rated.status_code == 403


def test_api_refusal_is_json(
    client: Client,
    personas: Personas,
    make_contact: Callable[..., Contact],
    new_child: Callable[..., Person],
) -> None:
    contact = make_contact(new_child(), rating="amber")
    client.force_login(personas.mash)
    response = client.post(
        f"/api/v1/contacts/{contact.pk}/decision",
        {
            "level": "3",
            "outcome": "referral",
            "rationale": "",
            "decided_at": at(20, 11).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"rationale": ["Enter the rationale for the decision"]}


def test_mash_officer_works_a_contact_through_the_pages(
    client: Client,
    personas: Personas,
    new_child: Callable[..., Person],
    make_contact: Callable[..., Contact],
) -> None:
    child = new_child()
    contact = make_contact(child)
    client.force_login(personas.mash)
    when = {"at_date_0": "20", "at_date_1": "11", "at_date_2": "2026", "at_time": "10:00"}
    r = client.post(
        reverse("front_door:contact_action", args=[contact.pk, "rate"]),
        {**when, "rating": "amber", "reason": "Neglect indicators"},
    )
    assert r.status_code == 302
    r = client.post(
        reverse("front_door:contact_action", args=[contact.pk, "decide"]),
        {**when, "at_time": "11:00", "level": "3", "outcome": "referral", "rationale": ""},
    )
    assert r.status_code == 200 and "Enter the rationale for the decision" in r.content.decode()
    page = client.get(reverse("front_door:contact", args=[contact.pk])).content.decode()
    assert "Amber" in page
    summary = client.get(reverse("people:record", args=[child.pk])).content.decode()
    assert "Front door history" in summary


def _bulk(
    personas: Personas,
    new_child: Callable[..., Person],
    make_contact: Callable[..., Contact],
    n: int,
) -> None:
    for i in range(n):
        contact = make_contact(
            new_child(), received_at=at(16 + i % 4, 9, i), rating=["red", "amber", "green"][i % 3]
        )
        actions.request_information(
            actor=personas.mash,
            contact=contact,
            agency=["police", "health", "education"][i % 3],
            lawful_basis="safeguarding",
            sent_at=at(16 + i % 4, 10, i),
            now=NOW,
        )


@pytest.mark.parametrize(
    "url_name", ["front_door:queue", "front_door:requests", "front_door:authorisations"]
)
def test_list_query_counts_do_not_grow(
    client: Client,
    personas: Personas,
    new_child: Callable[..., Person],
    make_contact: Callable[..., Contact],
    django_assert_max_num_queries: Callable[..., object],
    url_name: str,
) -> None:
    client.force_login(personas.mash)
    _bulk(personas, new_child, make_contact, 2)
    with django_assert_max_num_queries(12):  # type: ignore[attr-defined]
        assert client.get(reverse(url_name)).status_code == 200
    _bulk(personas, new_child, make_contact, 12)
    with django_assert_max_num_queries(12):  # type: ignore[attr-defined]
        assert client.get(reverse(url_name)).status_code == 200
