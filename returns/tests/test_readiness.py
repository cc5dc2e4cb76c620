"""A census error on a child's record shows on the readiness page (linked to the child and the
page holding the field) and in the worker's My work; fixing the record clears it."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts import actions as account_actions
from accounts.choices import Role
from accounts.models import User
from csc.testing import PASSWORD, Personas
from front_door.models import Referral
from protection.models import CINPlan, CPPlan
from returns.cin_census.validation import validate_year
from returns.models import RunStatus

from .golden_set import YEAR, GoldenSet


def analyst() -> User:
    return account_actions.create_user(
        actor=None,
        username="pia_analyst",
        first_name="Pia",
        last_name="Analyst",
        role=Role.PERFORMANCE_ANALYST,
        password=PASSWORD,
    )


def readiness(client: Client) -> str:
    response = client.get(reverse("returns:cin_census_readiness", args=[YEAR]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.usefixtures("validator_installed")
def test_cp_plan_not_starting_on_its_conference_day_is_shown_then_cleared(
    golden: GoldenSet, personas: Personas, client: Client
) -> None:
    child = golden.children["G06"]
    plan = golden.cp_plan
    # The actions refuse this, so break the record directly, as an old import might have.
    CPPlan.objects.filter(pk=plan.pk).update(started_on=datetime.date(2025, 5, 8))

    client.force_login(analyst())
    response = client.post(reverse("returns:cin_census_validate", args=[YEAR]), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rule 2885" in page
    assert "Child protection plan shown as starting a different day" in page
    record_url = reverse("people:record", args=[child.pk])
    protection_url = reverse("protection:child", args=[child.pk])
    assert f'href="{record_url}"' in page
    assert f'href="{protection_url}">Child protection plan start date</a>' in page

    # The allocated worker sees it on My work, linked to the page to fix it.
    worker = Client()
    worker.force_login(personas.worker)
    my_work = worker.get(reverse("casework:my_work")).content.decode()
    assert "CIN census" in my_work
    assert "2885" in my_work
    assert protection_url in my_work
    # A worker in another team does not.
    other = Client()
    other.force_login(personas.other_worker)
    assert "2885" not in other.get(reverse("casework:my_work")).content.decode()

    # Fix the record and check again: the error has gone.
    CPPlan.objects.filter(pk=plan.pk).update(started_on=datetime.date(2025, 5, 7))
    client.post(reverse("returns:cin_census_validate", args=[YEAR]))
    page = readiness(client)
    assert "Rule 2885" not in page
    assert "0 errors" in page
    assert "2885" not in worker.get(reverse("casework:my_work")).content.decode()


@pytest.mark.usefixtures("validator_installed")
def test_nfa_referral_with_a_cin_plan_is_an_error_on_that_child(golden: GoldenSet) -> None:
    child = golden.children["G02"]
    referral = Referral.objects.get(person=child)
    CINPlan.objects.create(
        person=child, episode=referral.episode, started_on=referral.referral_date
    )
    run = validate_year(YEAR, trigger="command")
    assert run.status == RunStatus.OK
    found = {(i.module, i.person_id, i.is_query) for i in run.issues.filter(rule="4000")}
    assert ("CINplanDates", child.pk, False) in found
    assert {person for _, person, _ in found} == {child.pk}
