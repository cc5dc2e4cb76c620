from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from accounts.models import AccessLogEntry
from assessments.choices import AssessmentState
from assessments.models import Assessment
from casework import actions as casework_actions
from csc.testing import TODAY, Personas
from people import actions as people_actions
from people.models import Person

from .helpers import FULL, REFERRAL_DATE, authorised, referral, started, submitted

pytestmark = pytest.mark.django_db


def signed_in(personas: Personas, who: str) -> Client:
    client = Client()
    client.force_login(getattr(personas, who))
    return client


def date_fields(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def another_child(personas: Personas, n: int) -> Person:
    child = people_actions.create_person(
        actor=personas.mash,
        details=people_actions.PersonDetails(
            legal_forename=f"Kit{chr(65 + n)}",
            legal_surname="Examplefield",
            date_of_birth=datetime.date(2015, 1, 1 + n),
            sex="M",
            gender="1",
            ethnicity="WBRI",
        ),
        today=TODAY,
    )
    casework_actions.allocate(
        actor=personas.manager,
        person=child,
        team=personas.team_a,
        worker=personas.worker,
        started_on=datetime.date(2026, 8, 3),
        reason="Referral",
        today=TODAY,
    )
    return child


def page_text(response: Any) -> str:
    return str(response.content.decode()).replace("&#x27;", "'")


def base(a: Assessment) -> str:
    return f"/assessments/people/{a.person_id}/{a.pk}/"


def test_journey_start_to_authorise(personas: Personas) -> None:
    ref = referral(personas)
    worker = signed_in(personas, "worker")
    child = personas.child.pk

    page = worker.get(f"/assessments/people/{child}/")
    assert page.status_code == 200
    assert "No assessments recorded" in page_text(page)

    # Dates out of order come back as a GOV.UK error, not a crash.
    response = worker.post(
        f"/assessments/people/{child}/start/",
        {"referral": ref.pk, **date_fields("started_on", REFERRAL_DATE - datetime.timedelta(1))},
    )
    assert response.status_code == 200
    assert "Start date must be on or after the referral date" in page_text(response)

    response = worker.post(
        f"/assessments/people/{child}/start/",
        {"referral": ref.pk, **date_fields("started_on", datetime.date(2026, 9, 3))},
    )
    a = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == base(a)

    sections: dict[str, Any] = {
        "lived_experience": FULL,
        "child_views": "",
        "history": FULL,
        "parenting_capacity": FULL,
        "family_environment": FULL,
        "identity": FULL,
        "partner_contributions": FULL,
        "analysis": FULL,
        "language": "English",
        "interpreter_used": "no",
    }
    assert worker.post(base(a) + "sections/", sections).status_code == 302
    detail = page_text(worker.get(base(a)))
    assert "The child's views are not recorded" in detail

    sections["child_views"] = "I want my dad to stop shouting."
    worker.post(base(a) + "sections/", sections)
    response = worker.post(
        base(a) + "child-seen/",
        {**date_fields("seen_on", datetime.date(2026, 9, 4)), "seen_alone": "yes"},
    )
    assert response.status_code == 302
    assert worker.post(base(a) + "factors/", {"factors": ["3A", "1B"]}).status_code == 302
    assert worker.post(base(a) + "outcome/", {"outcome": "CIN_PLAN"}).status_code == 302
    # Without a submission date nothing changes.
    worker.post(base(a) + "submit/")
    a.refresh_from_db()
    assert a.state == AssessmentState.DRAFT
    submit = date_fields("submitted_on", datetime.date(2026, 10, 30))
    assert worker.post(base(a) + "submit/", submit).status_code == 302
    a.refresh_from_db()
    assert a.state == AssessmentState.SUBMITTED
    assert a.submitted_on == datetime.date(2026, 10, 30)
    assert a.interpreter_used is False

    # The worker cannot open the authorisation screen.
    assert worker.get(base(a) + "authorise/").status_code == 403

    manager = signed_in(personas, "manager")
    queue = page_text(manager.get("/assessments/awaiting-authorisation/"))
    assert personas.child.display_name in queue
    screen = page_text(manager.get(base(a) + "authorise/"))
    assert "Completeness" in screen
    # Without the explicit confirmation nothing is authorised.
    response = manager.post(
        base(a) + "authorise/", date_fields("authorised_on", datetime.date(2026, 11, 4))
    )
    assert "Confirm that you have read the assessment" in page_text(response)
    response = manager.post(
        base(a) + "authorise/",
        {**date_fields("authorised_on", datetime.date(2026, 11, 4)), "confirmed": "on"},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.state, a.authorised_by) == (AssessmentState.AUTHORISED, personas.manager)
    record = page_text(worker.get(f"/people/{child}/"))
    assert f"Assessment {a.reference}" in record


def test_missing_child_views_shown_to_worker_and_to_the_authorising_manager(
    personas: Personas,
) -> None:
    a = submitted(personas, child_views="")
    warning = "The child's views are not recorded"
    assert warning in page_text(signed_in(personas, "worker").get(base(a)))
    manager = signed_in(personas, "manager")
    assert warning in page_text(manager.get(base(a) + "authorise/"))
    assert warning in page_text(manager.get("/assessments/awaiting-authorisation/"))


def test_reassessment_flag_on_the_page(personas: Personas) -> None:
    authorised(personas, submitted(personas, outcome="NFA"), on=datetime.date(2026, 10, 1))
    second = started(
        personas, referral(personas, datetime.date(2026, 11, 2)), datetime.date(2026, 11, 3)
    )
    page = page_text(signed_in(personas, "worker").get(base(second)))
    assert "Reassessment: another assessment of this child was authorised on 1 October 2026" in page


@pytest.mark.parametrize("who", ["other_worker", "partner"])
def test_other_team_and_partners_get_404(personas: Personas, who: str) -> None:
    a = submitted(personas)
    client = signed_in(personas, who)
    for path in ("", "sections/", "child-seen/", "factors/", "outcome/", "authorise/"):
        assert client.get(base(a) + path).status_code == 404, path
    assert client.get(f"/assessments/people/{a.person_id}/").status_code == 404
    assert client.post(base(a) + "submit/").status_code == 404


def test_pages_are_logged(personas: Personas) -> None:
    a = started(personas)
    signed_in(personas, "worker").get(base(a))
    assert AccessLogEntry.objects.filter(person=personas.child, page="Assessment").exists()


def test_managers_list_only_shows_their_teams_children(personas: Personas) -> None:
    submitted(personas)
    assert (
        signed_in(personas, "worker").get("/assessments/awaiting-authorisation/").status_code == 403
    )
    page = page_text(signed_in(personas, "head").get("/assessments/awaiting-authorisation/"))
    assert personas.child.display_name in page


def test_lists_have_bounded_query_counts(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    manager = signed_in(personas, "manager")
    worker = signed_in(personas, "worker")
    earlier = submitted(
        personas,
        referral(personas, datetime.date(2025, 1, 6)),
        started_on=datetime.date(2025, 1, 7),
        outcome="NFA",
    )
    authorised(personas, earlier, on=datetime.date(2025, 2, 3))
    submitted(personas)
    with django_assert_max_num_queries(20) as few:
        manager.get("/assessments/awaiting-authorisation/")
    with django_assert_max_num_queries(25):
        worker.get(f"/assessments/people/{personas.child.pk}/")
    # More assessments, for more children, add no queries to the manager's list.
    for n in range(3):
        submitted(personas, referral(personas, person=another_child(personas, n)))
    with django_assert_max_num_queries(len(few.captured_queries)):
        manager.get("/assessments/awaiting-authorisation/")


def test_every_form_page_renders(personas: Personas) -> None:
    a = started(personas)
    worker = signed_in(personas, "worker")
    assert worker.get(f"/assessments/people/{a.person_id}/start/").status_code == 200
    for path in ("sections/", "child-seen/", "factors/", "outcome/"):
        response = worker.get(base(a) + path)
        assert response.status_code == 200, path
        assert 'class="govuk-button"' in page_text(response)
    sections = page_text(worker.get(base(a) + "sections/"))
    assert "In the child's own words where possible" in sections
    factors = page_text(worker.get(base(a) + "factors/"))
    assert "21: No factors identified" in factors
