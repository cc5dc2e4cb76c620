"""Everyday journeys for the allocated worker, driven in headless Chromium."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from casework.models import CaseNote, Event
from csc.testing import Personas

from .conftest import assert_styles_loaded, axe_scan, login

pytestmark = pytest.mark.browser


def child_tabs(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Child’s record")


def open_record(page: Page, personas: Personas) -> None:
    page.goto(f"/people/{personas.child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amara")


def test_sign_in_lands_on_my_work(page: Page, personas: Personas) -> None:
    login(page, personas.worker)
    expect(page).to_have_url(re.compile(r"/my-work/$"))
    expect(page.get_by_role("heading", level=1, name="My work")).to_be_visible()
    assert_styles_loaded(page)
    link = page.get_by_role("link", name=personas.child.display_name)
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", f"/people/{personas.child.pk}/")
    # The restricted child names the worker, so it is on the caseload too.
    expect(page.get_by_role("link", name=personas.restricted_child.display_name)).to_be_visible()
    axe_scan(page, context="(My work)")


def test_search_by_misspelt_name_and_open_the_record(page: Page, personas: Personas) -> None:
    login(page, personas.worker)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Search").click()
    expect(page.get_by_role("heading", level=1, name="Search")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Testingten Amara")
    page.get_by_role("search").get_by_role("button", name="Search").click()

    results = page.get_by_role("table", name="People matching your search")
    expect(results).to_be_visible()
    expect(results.get_by_role("link", name="Amara Testington")).to_be_visible()
    axe_scan(page, context="(search results)")

    results.get_by_role("link", name="Amara Testington").click()
    expect(page).to_have_url(re.compile(rf"/people/{personas.child.pk}/$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_contain_text(personas.child.display_name)
    expect(main).to_contain_text("Amara Testington")  # legal name in the key facts
    household = main.get_by_role("listitem").filter(
        has_text=re.compile(r"Grace Testington – mother")
    )
    expect(household).to_contain_text("has parental responsibility")
    expect(household.get_by_role("link", name="Grace Testington")).to_have_attribute(
        "href", f"/people/{personas.mother.pk}/"
    )
    expect(main).to_contain_text("Wendy Worker, Assessment Team A")
    axe_scan(page, context="(child record)")


def test_chronology_filter_and_mark_significant(page: Page, personas: Personas) -> None:
    login(page, personas.worker)
    open_record(page, personas)
    child_tabs(page).get_by_role("link", name="Chronology", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/people/{personas.child.pk}/chronology/$"))
    expect(child_tabs(page).get_by_role("link", name="Chronology", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    axe_scan(page, context="(chronology)")

    # Filter to significant entries: none are yet.
    page.get_by_label("Significant entries only").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"significant=on"))
    expect(page.get_by_role("heading", name="0 entries")).to_be_visible()
    expect(page.get_by_text("No entries match.")).to_be_visible()

    # Back to everything, then mark the first entry as significant with htmx.
    page.get_by_label("Significant entries only").uncheck()
    page.get_by_role("button", name="Apply filters").click()
    item = page.locator(".moj-timeline__item").first
    expect(item).to_be_visible()
    event_id = int((item.get_attribute("id") or "").removeprefix("event-"))
    page.evaluate("() => { window.__noReload = true; }")  # survives only without a reload
    with page.expect_response(re.compile(r"/significant/$")) as response_info:
        item.get_by_role("button", name=re.compile(r"^Mark as significant")).click()
    assert response_info.value.request.headers.get("hx-request") == "true"
    expect(item.get_by_text("Significant", exact=True)).to_be_visible()
    expect(item.get_by_role("button", name=re.compile(r"^Unmark"))).to_be_visible()
    assert page.evaluate("() => window.__noReload === true"), "the page was reloaded"
    assert Event.objects.get(pk=event_id).significant
    axe_scan(page, context="(chronology after marking)")

    # The significant filter now finds it.
    page.get_by_label("Significant entries only").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 entry")).to_be_visible()
    expect(page.locator(f"#event-{event_id}")).to_be_visible()


def test_add_visit_note_with_errors_then_save(page: Page, personas: Personas) -> None:
    login(page, personas.worker)
    page.goto(f"/people/{personas.child.pk}/notes/")
    page.get_by_role("link", name="Add a case note").click()
    expect(page.get_by_role("heading", level=1, name="Add a case note")).to_be_visible()

    seen = page.get_by_role("group", name="Was the child seen?", exact=True)
    expect(seen).to_be_hidden()
    axe_scan(page, context="(note form)")
    page.get_by_label("Visit").check()
    expect(seen).to_be_visible()
    expect(page.get_by_label("Visit")).to_have_attribute("aria-expanded", "true")

    # First attempt: no note text.
    today = datetime.date.today()
    date_group = page.get_by_role("group", name="Date")
    date_group.get_by_label("Day").fill(str(today.day))
    date_group.get_by_label("Month").fill(str(today.month))
    date_group.get_by_label("Year").fill(str(today.year))
    seen.get_by_label("Yes").check()
    before = CaseNote.objects.count()
    page.get_by_role("button", name="Save note").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"\(error\)"))
    error_link = summary.locator('a[href="#id_text"]')
    expect(error_link).to_have_count(1)
    message = error_link.inner_text()
    assert message
    expect(page.locator("#id_text-error")).to_contain_text(message)
    expect(page.locator("#id_text")).to_have_attribute("aria-describedby", "id_text-error")
    assert CaseNote.objects.count() == before, "an invalid note was saved"
    axe_scan(page, context="(note form with errors)")
    error_link.click()
    expect(page.locator("#id_text")).to_be_focused()

    # Visit stays chosen and revealed after the error.
    expect(page.get_by_label("Visit")).to_be_checked()
    expect(seen).to_be_visible()
    page.get_by_label("Note", exact=True).fill("Home visit. Amara showed me her room.")
    page.get_by_role("button", name="Save note").click()

    expect(page).to_have_url(re.compile(rf"/people/{personas.child.pk}/notes/\?saved="))
    expect(page.get_by_text("Case note saved")).to_be_visible()
    card = page.locator(".govuk-summary-card").filter(
        has_text="Home visit. Amara showed me her room."
    )
    expect(card).to_be_visible()
    expect(card).to_contain_text("Child seen: yes")
    assert CaseNote.objects.count() == before + 1
    axe_scan(page, context="(case notes)")

    child_tabs(page).get_by_role("link", name="Chronology", exact=True).click()
    expect(
        page.locator(".moj-timeline__item").filter(has_text="Home visit. Amara showed me her room.")
    ).to_be_visible()


def test_autosave_restores_typed_text_and_clears_after_save(page: Page, personas: Personas) -> None:
    login(page, personas.worker)
    form_url = f"/people/{personas.child.pk}/notes/new/"
    page.goto(form_url)
    note = page.get_by_label("Note", exact=True)
    note.fill("Draft: spoke to the school about attendance.")
    page.get_by_label("Phone call").check()
    page.reload()

    restored = page.locator("[data-draft-restored]")
    expect(restored).to_contain_text("We have put back what you typed")
    expect(note).to_have_value("Draft: spoke to the school about attendance.")
    expect(page.get_by_label("Phone call")).to_be_checked()
    axe_scan(page, context="(note form with restored draft)")

    today = datetime.date.today()
    date_group = page.get_by_role("group", name="Date")
    date_group.get_by_label("Day").fill(str(today.day))
    date_group.get_by_label("Month").fill(str(today.month))
    date_group.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Case note saved")).to_be_visible()
    key = f"trellis-draft:note-{personas.child.pk}"
    assert page.evaluate("(k) => localStorage.getItem(k)", key) is None

    page.goto(form_url)
    expect(page.get_by_label("Note", exact=True)).to_have_value("")
    expect(page.locator("[data-draft-restored]")).to_have_count(0)


def test_session_timeout_warning_and_stay_signed_in(
    page: Page, personas: Personas, settings: object
) -> None:
    settings.SESSION_COOKIE_AGE = 8  # type: ignore[attr-defined]
    settings.TRELLIS_SESSION_WARNING_SECONDS = 6  # type: ignore[attr-defined]
    login(page, personas.worker)

    start = datetime.datetime(2026, 11, 20, 9, 0, 0)
    page.clock.install(time=start)
    # Freeze the page's clock so only fast_forward moves it.
    page.clock.pause_at(start + datetime.timedelta(seconds=1))
    page.goto("/my-work/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-session-idle", "8")
    expect(body).to_have_attribute("data-session-warning", "6")

    dialog = page.get_by_role("alertdialog", name="You’re about to be signed out")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward(1000)
    expect(dialog).to_be_hidden()  # 7 seconds left: not yet inside the warning window

    page.clock.fast_forward(2000)
    expect(dialog).to_be_visible()
    expect(dialog).to_be_focused()
    expect(dialog).to_contain_text("5 seconds")
    # axe waits on timers, which a paused clock never fires: let time flow again. The
    # dialog stays up for five more real seconds, far longer than the scan takes.
    page.clock.resume()
    axe_scan(page, context="(timeout warning)")

    with page.expect_response(re.compile(r"/accounts/keepalive/$")) as keepalive:
        dialog.get_by_role("button", name="Stay signed in").click()
    assert keepalive.value.ok
    expect(dialog).to_be_hidden()
    page.clock.fast_forward(1000)
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/my-work/$"))
