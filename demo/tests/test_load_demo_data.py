"""The demo authority loads, is deterministic, and is internally consistent."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F

from accounts.choices import Role
from accounts.models import User
from casework.models import Allocation, Episode
from demo.generator import summarise
from demo.staff import DEMO_LOGINS, DEMO_PASSWORD
from front_door.models import EarlyHelpEpisode, Referral
from people.identifiers import nhs_number_problem, upn_problem
from people.models import Person
from protection.models import Conference, CPPlan, Section47

TODAY = datetime.date(2026, 11, 20)


def load(*extra: str, scale: str = "0.02") -> str:
    out = StringIO()
    args = ("--scale", scale, "--seed", "7", "--today", TODAY.isoformat())
    call_command("load_demo_data", *args, *extra, stdout=out)
    return out.getvalue()


def fingerprint() -> tuple[dict[str, int], str]:
    counts = summarise(scale=0, seed=0, today=TODAY, seconds=0).counts()
    rows = sorted(
        f"{p.legal_forename}|{p.legal_surname}|{p.date_of_birth}|{p.expected_date_of_birth}"
        for p in Person.objects.children()
    )
    return counts, hashlib.sha256("\n".join(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """One small authority shared by the read-only tests below."""
    with django_db_blocker.unblock():
        output = load()
        yield output
        call_command("flush", "--noinput")


@pytest.mark.django_db
def test_summary_and_logins_are_printed(loaded: str) -> None:
    assert "Loaded Northbridge at scale 0.02 (seed 7" in loaded
    assert DEMO_PASSWORD in loaded
    for login in DEMO_LOGINS:
        assert f"  {login.username} " in loaded


@pytest.mark.django_db
def test_demo_logins_have_their_roles_and_sign_in(loaded: str) -> None:
    expected = {
        "worker": Role.SOCIAL_WORKER,
        "worker2": Role.SOCIAL_WORKER,
        "pa": Role.PERSONAL_ADVISER,
        "manager": Role.TEAM_MANAGER,
        "head": Role.HEAD_OF_SERVICE,
        "director": Role.DIRECTOR,
        "mash": Role.MASH_OFFICER,
        "partner": Role.PARTNER_AGENCY,
        "iro": Role.IRO,
        "qa": Role.QA_AUDITOR,
        "analyst": Role.PERFORMANCE_ANALYST,
        "admin": Role.ADMINISTRATOR,
    }
    for username, role in expected.items():
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert user.role == role
    worker = User.objects.get(username="worker")
    manager = User.objects.get(username="manager")
    head = User.objects.get(username="head")
    assert worker.team == manager.team
    assert worker.team is not None and worker.team.parent == head.team
    assert User.objects.get(username="worker2").team != worker.team
    assert User.objects.get(username="partner").agency == "Northbridge Police"
    assert Allocation.objects.filter(worker=worker, ended_on__isnull=True).exists()


@pytest.mark.django_db
def test_generated_staff_cannot_sign_in_with_the_demo_password(loaded: str) -> None:
    other = User.objects.exclude(username__in=[d.username for d in DEMO_LOGINS]).first()
    assert other is not None
    assert authenticate(username=other.username, password=DEMO_PASSWORD) is None


@pytest.mark.django_db
def test_every_open_child_is_allocated_within_the_team(loaded: str) -> None:
    open_ids = set(
        Episode.objects.filter(ended_on__isnull=True).values_list("person_id", flat=True)
    )
    current = Allocation.objects.filter(ended_on__isnull=True)
    assert open_ids
    assert open_ids <= set(current.values_list("person_id", flat=True))
    assert not current.exclude(worker=None).exclude(worker__team=F("team")).exists()


@pytest.mark.django_db
def test_dates_of_birth_and_identifiers_are_valid(loaded: str) -> None:
    assert not Person.objects.filter(date_of_birth__gt=TODAY).exists()
    nhs = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    upns = list(Person.objects.exclude(upn="").values_list("upn", flat=True))
    assert nhs and upns
    assert all(n.startswith("999") and nhs_number_problem(n) is None for n in nhs)
    assert all(u[1:4] == "302" and upn_problem(u) is None for u in upns)
    assert len(set(nhs)) == len(nhs)


@pytest.mark.django_db
def test_if_empty_leaves_an_existing_authority_alone(loaded: str) -> None:
    before = Person.objects.count()
    output = load("--if-empty")
    assert "not loaded" in output
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_the_last_census_year_has_a_years_flow(loaded: str) -> None:
    """Referrals, s47 enquiries and conferences run through the latest census year (not only
    the open caseload of today), and some plans open on 31 March have ended since."""
    start, march = datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)
    in_year = Referral.objects.filter(referral_date__range=(start, march))
    year_before = Referral.objects.filter(
        referral_date__range=(datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    )
    assert in_year.count() > year_before.count() > 0
    closed_in_year = Episode.objects.filter(
        kind="child_in_need", ended_on__range=(start, march), closure_reason="RC7"
    )
    assert closed_in_year.exists()
    enquiries = Section47.objects.filter(started_on__range=(start, march))
    assert enquiries.filter(icpc_needed=False).exists()
    assert enquiries.filter(icpc_needed=True).exists()
    assert Conference.objects.filter(kind="initial", plan_made=False).exists()
    assert CPPlan.objects.filter(started_on__lte=march, ended_on__gt=march).exists()
    assert CPPlan.objects.filter(started_on__lte=march, ended_on__isnull=True).exists()


@pytest.mark.django_db
def test_early_help_has_its_lead_professional_and_assessment(loaded: str) -> None:
    """Families' early help is recorded through the front door's early help actions, so the
    early help screens and Annex A list 2 see it."""
    open_episodes = Episode.objects.filter(kind="early_help", ended_on__isnull=True).count()
    records = EarlyHelpEpisode.objects.all()
    assert records.filter(ended_on__isnull=True).count() == open_episodes > 0
    assert records.filter(assessment_completed_on__isnull=False).exists()
    assert records.filter(route="step_down").exists()
    assert not records.filter(lead_professional="").exists()


@pytest.mark.django_db
def test_the_last_year_comes_through_the_front_door(loaded: str) -> None:
    """A year of contacts; the referrals they lead to are allocated, assessed and, after a
    strategy decision, followed by a s47 enquiry, like any other referral."""
    from django.utils import timezone

    from assessments.models import Assessment
    from front_door.models import Contact

    year_ago = TODAY - datetime.timedelta(days=365)
    months = {
        (timezone.localtime(at).year, timezone.localtime(at).month)
        for at in Contact.objects.filter(received_at__date__gt=year_ago).values_list(
            "received_at", flat=True
        )
    }
    assert len(months) >= 12
    referrals = Referral.objects.filter(
        contact__isnull=False, nfa=False, referral_date__lte=TODAY - datetime.timedelta(days=30)
    )
    assert referrals.exists()
    for referral in referrals:
        assert Allocation.objects.filter(
            person=referral.person, started_on=referral.referral_date, team__name__contains="Assess"
        ).exists()
        assert Assessment.objects.filter(referral=referral).exists()
    strategy = referrals.filter(contact__decision__outcome="strategy")
    assert Section47.objects.filter(
        person__in=strategy.values("person"), started_on__gte=year_ago
    ).exists()


@pytest.mark.django_db
def test_every_current_allocation_is_for_an_open_case(loaded: str) -> None:
    """A case that closed (on an assessment's authorisation, say) leaves nobody's caseload."""
    open_ids = set(
        Episode.objects.filter(ended_on__isnull=True).values_list("person_id", flat=True)
    )
    allocated = set(
        Allocation.objects.filter(ended_on__isnull=True).values_list("person_id", flat=True)
    )
    assert allocated <= open_ids, sorted(allocated - open_ids)[:10]
