"""Permissions, error pages and sign-in protections, seen in the browser and scanned with axe."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from csc.testing import PASSWORD, Personas
from people.models import Person

from .conftest import assert_styles_loaded, axe_scan, failed_static, login, sign_in

pytestmark = pytest.mark.browser

LOCKED = "This account is locked after too many failed attempts"


def test_other_team_worker_gets_the_styled_not_found_page(page: Page, personas: Personas) -> None:
    login(page, personas.other_worker)
    response = page.goto(f"/people/{personas.child.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Page not found"))
    expect(page.get_by_text("Amara")).to_have_count(0)
    assert_styles_loaded(page)
    axe_scan(page, context="(404 for a record the user may not see)")


def test_partner_lands_on_partner_page_without_search(page: Page, personas: Personas) -> None:
    login(page, personas.partner)
    # The partner home has moved as the front door was built (accounts/partner/ then
    # front-door/partner/): what matters is that home sends partners to a partner page.
    expect(page).to_have_url(re.compile(r"/partner/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("Partner agency user")
    expect(page.get_by_role("link", name="Search", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="My work", exact=True)).to_have_count(0)
    axe_scan(page, context="(partner home)")

    # Typing the address does not help either.
    response = page.goto("/people/search/")
    assert response is not None and response.status == 403
    expect(
        page.get_by_role("heading", level=1, name="You do not have permission to see this page")
    ).to_be_visible()
    axe_scan(page, context="(403)")


def test_not_found_page_is_accessible(page: Page, personas: Personas) -> None:
    login(page, personas.worker)
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    axe_scan(page, context="(404)")


def test_login_page_is_accessible(page: Page, personas: Personas) -> None:
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1, name="Sign in to Trellis")).to_be_visible()
    assert_styles_loaded(page)
    axe_scan(page, context="(sign in)")

    sign_in(page, personas.worker.username, "not-the-password")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a correct username and password")
    axe_scan(page, context="(sign in with error)")


def test_access_log_search_is_accessible(page: Page, personas: Personas) -> None:
    login(page, personas.worker)
    page.goto(f"/people/{personas.child.pk}/")  # one entry in the access log
    page.context.clear_cookies()
    login(page, personas.admin)
    page.get_by_role("link", name="Admin", exact=True).click()
    page.goto("/accounts/admin/access-log/")
    expect(page.get_by_role("heading", level=1, name="Record access log")).to_be_visible()
    axe_scan(page, context="(access log)")

    page.get_by_label("Staff username").fill(personas.worker.username)
    page.get_by_role("button", name="Search").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text(personas.worker.username)
    expect(table).to_contain_text(personas.child.reference)
    axe_scan(page, context="(access log results)")

    page.get_by_label("Child's record number").fill("abc")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the record number using digits only"
    )
    axe_scan(page, context="(access log with errors)")


def test_create_record_rejects_future_date_of_birth(page: Page, personas: Personas) -> None:
    login(page, personas.worker)
    page.goto("/people/search/")
    page.get_by_role("link", name="Create a new record").click()
    expect(page.get_by_role("heading", level=1, name="Create a record")).to_be_visible()
    axe_scan(page, context="(create a record)")

    page.get_by_label("Legal first name").fill("Future")
    page.get_by_label("Legal last name").fill("Person")
    next_year = datetime.date.today() + datetime.timedelta(days=400)
    dob = page.get_by_role("group", name="Date of birth", exact=True)
    dob.get_by_label("Day").fill(str(next_year.day))
    dob.get_by_label("Month").fill(str(next_year.month))
    dob.get_by_label("Year").fill(str(next_year.year))
    before = Person.objects.count()
    page.get_by_role("button", name="Save").click()

    summary = page.locator(".govuk-error-summary")
    message = "Date of birth must be today or in the past"
    expect(summary).to_contain_text(message)
    link = summary.get_by_role("link", name=re.compile(message))
    expect(link).to_have_attribute("href", "#id_date_of_birth_0")
    expect(page.locator("#id_date_of_birth-error")).to_contain_text(message)
    expect(dob.get_by_label("Year")).to_have_value(str(next_year.year))
    assert Person.objects.count() == before
    axe_scan(page, context="(create a record with errors)")
    link.click()
    expect(dob.get_by_label("Day")).to_be_focused()


def test_five_wrong_passwords_lock_the_account(page: Page, personas: Personas) -> None:
    username = personas.worker.username
    for attempt in range(1, 6):
        sign_in(page, username, f"wrong-password-{attempt}")
        expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text(LOCKED)
    user = User.objects.get(pk=personas.worker.pk)
    assert user.locked_until is not None

    sign_in(page, username, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(LOCKED)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    axe_scan(page, context="(locked account)")


def test_every_static_asset_is_served(page: Page, personas: Personas) -> None:
    page.goto("/accounts/login/")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    assert failed_static(page) == []
