"""Who may use the CIN census pages, and whose records the findings link to."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import actions as account_actions
from accounts.choices import Role
from accounts.models import User
from casework import actions as casework_actions
from csc.testing import PASSWORD, TODAY, Personas
from people import actions as people_actions
from returns.models import RunStatus, ValidationIssue, ValidationRun

YEAR = 2026


def analyst() -> User:
    return account_actions.create_user(
        actor=None,
        username="pia_analyst",
        first_name="Pia",
        last_name="Analyst",
        role=Role.PERFORMANCE_ANALYST,
        password=PASSWORD,
    )


def pages() -> list[str]:
    return [
        reverse("returns:cin_census"),
        reverse("returns:cin_census_readiness", args=[YEAR]),
        reverse("returns:cin_census_download", args=[YEAR]),
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("analyst", 200),
        ("head", 200),
        ("director", 200),
        ("admin", 200),
        ("worker", 403),
        ("manager", 403),
        ("mash", 403),
        ("partner", 403),
    ],
)
def test_who_may_use_the_census_pages(
    personas: Personas, client: Client, who: str, status: int
) -> None:
    user = analyst() if who == "analyst" else personas.by_name(who)
    assert user is not None
    client.force_login(user)
    for url in pages():
        assert client.get(url).status_code == status, url
    if status == 403:
        response = client.post(reverse("returns:cin_census_validate", args=[YEAR]))
        assert response.status_code == 403
        assert not ValidationRun.objects.exists()


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("returns:cin_census"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_download_is_the_years_xml(personas: Personas, client: Client) -> None:
    client.force_login(personas.director)
    response = client.get(reverse("returns:cin_census_download", args=[YEAR]))
    assert response["Content-Type"].startswith("application/xml")
    assert 'filename="CIN_Census_302_2026.xml"' in response["Content-Disposition"]
    assert b"<ReferenceDate>2026-03-31</ReferenceDate>" in response.content
    future = reverse("returns:cin_census_download", args=[2099])
    assert client.get(future).status_code == 404


def _run_with_issues(*people: object) -> ValidationRun:
    run = ValidationRun.objects.create(
        year=YEAR,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        status=RunStatus.OK,
        error_count=len(people),
        children=len(people),
    )
    for person in people:
        ValidationIssue.objects.create(
            run=run,
            rule="4180",
            message="Sex must be provided and equal M, F, or U",
            child_id=person.reference,  # type: ignore[attr-defined]
            person=person,  # type: ignore[misc]
            module="ChildIdentifiers",
            fields="Sex",
            row=0,
        )
    return run


def test_findings_link_only_to_children_the_viewer_may_see(
    personas: Personas, client: Client
) -> None:
    elsewhere = people_actions.create_person(
        actor=personas.mash,
        details=people_actions.PersonDetails(
            legal_forename="Elsie",
            legal_surname="Southside",
            date_of_birth=datetime.date(2014, 4, 4),
            sex="F",
        ),
        today=TODAY,
    )
    casework_actions.allocate(
        actor=None,
        person=elsewhere,
        team=personas.team_b,
        worker=personas.other_worker,
        started_on=datetime.date(2026, 10, 1),
        reason="Referral",
        today=TODAY,
    )
    _run_with_issues(personas.child, elsewhere)
    url = reverse("returns:cin_census_readiness", args=[YEAR])
    north = reverse("people:edit", args=[personas.child.pk])
    south = reverse("people:edit", args=[elsewhere.pk])

    # A service-wide role sees every child's link.
    client.force_login(analyst())
    page = client.get(url).content.decode()
    assert north in page and south in page

    # The head of the northern service area sees only their own area's child.
    client.force_login(personas.head)
    page = client.get(url).content.decode()
    assert north in page
    assert south not in page
    assert "Elsie" not in page
    hidden = f'{elsewhere.reference} <span class="trellis-muted">(not a record you can open)'
    assert hidden in page


def test_restricted_child_is_not_named_to_service_wide_roles(
    personas: Personas, client: Client
) -> None:
    _run_with_issues(personas.restricted_child)
    client.force_login(analyst())
    page = client.get(reverse("returns:cin_census_readiness", args=[YEAR])).content.decode()
    assert personas.restricted_child.legal_surname not in page
    assert reverse("people:edit", args=[personas.restricted_child.pk]) not in page
