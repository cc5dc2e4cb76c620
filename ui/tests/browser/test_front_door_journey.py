"""Issue 3: a contact's whole way through the front door, driven in headless Chromium.

A partner agency sends a contact through the online form; the MASH officer creates the
child's record from it, rates it amber, asks the police and health, records both replies and
decides on a referral; a team manager authorises the decision; the MASH officer accepts the
referral and allocates it. The child's record and chronology then show every step, and the
partner sees the outcome of their own contact.

Front-door forms take a date and a 24-hour time that must not be in the future (five minutes'
slack) nor before the previous step, so each step is typed a minute or more after the contact
arrived: never the form's own default, which is now rounded down to the minute and so can be
before a contact received earlier in the same minute.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from csc.testing import Personas
from front_door.models import Contact

from .conftest import assert_styles_loaded, login
from .journey_helpers import Scanner, chronology_titles, fill_date, fill_when, switch_user

pytestmark = pytest.mark.browser

CHILD = ("Kai", "Brookfield")
CHILD_NAME = "Kai Brookfield"
REFERRAL_OUTCOME = "Referral to children's social care for assessment"


def test_partner_contact_to_allocated_referral(page: Page, personas: Personas) -> None:
    scan = Scanner(page)

    # --- The partner tells the MASH about a concern ------------------------------------------
    login(page, personas.partner)
    expect(page).to_have_url(re.compile(r"/front-door/partner/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Concerns you have told us about")
    assert_styles_loaded(page)
    scan("partner home")
    page.get_by_role("link", name="Tell us about a concern for a child").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about a concern for a child")
    scan("partner contact form")
    page.get_by_label("Child: first name").fill(CHILD[0])
    page.get_by_label("Child: last name").fill(CHILD[1])
    fill_date(page, "Child: date of birth", datetime.date(2018, 3, 9))
    page.get_by_label("Child: address").fill("12 Mill Lane, Northbridge")
    page.get_by_label("Who is the contact from?").select_option(label="Police")
    # The partner's own name and agency are filled in for them.
    expect(page.get_by_label("Referrer's name")).to_have_value(str(personas.partner))
    page.get_by_label("Referrer's phone number or email").fill("pc.jones@northbridge.police.uk")
    page.get_by_label("What are the concerns?").fill(
        "Officers attended a domestic incident at 2am. Kai was awake and frightened; "
        "his mother had a facial injury."
    )
    page.get_by_label("No, the family does not know").check()
    page.get_by_role("button", name="Send").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(re.compile(r"Contact sent\. Your reference is \S+"))
    contact = Contact.objects.get(child_surname=CHILD[1])
    assert contact.person is None and contact.submitted_by == personas.partner
    expect(page.get_by_role("heading", level=1)).to_have_text(CHILD_NAME)
    outcome_row = page.locator(".govuk-summary-list__row").filter(has_text="Outcome")
    expect(outcome_row).to_contain_text("Being considered by the MASH")
    scan("partner's contact")

    # Every later step is typed a minute or more after the contact arrived.
    base = timezone.localtime(contact.received_at).replace(second=0, microsecond=0)

    def at(minutes: int) -> datetime.datetime:
        return base + datetime.timedelta(minutes=minutes)

    # --- The MASH officer finds it in the queue and creates the child's record ----------------
    switch_user(page, personas.mash)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MASH queue")
    queue = page.get_by_role("table", name="Contacts awaiting screening or decision")
    row = queue.get_by_role("row").filter(has_text=CHILD_NAME)
    expect(row).to_contain_text("Not matched")
    expect(row).to_contain_text("Police")
    scan("MASH queue")
    row.get_by_role("link", name=CHILD_NAME).click()
    expect(page).to_have_url(re.compile(rf"/front-door/contacts/{contact.pk}/$"))
    expect(
        page.locator(".govuk-summary-list__row").filter(has_text="Child's record")
    ).to_contain_text("Not matched yet")
    scan("contact, new")

    page.get_by_role("link", name="Create record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create the child's record")
    # The child as the partner gave them is filled in.
    expect(page.get_by_label("Legal first name")).to_have_value(CHILD[0])
    expect(page.get_by_label("Legal last name")).to_have_value(CHILD[1])
    scan("create the child's record")
    page.get_by_label("Male", exact=True).check()
    page.get_by_label("Gender").select_option(label="Male")
    page.get_by_label("Ethnicity").select_option(label="White British")
    page.get_by_role("button", name="Create record").click()
    expect(page.get_by_text("Record created and matched")).to_be_visible()
    contact.refresh_from_db()
    child = contact.person
    assert child is not None and child.legal_forename == CHILD[0]
    record_row = page.locator(".govuk-summary-list__row").filter(has_text="Child's record")
    expect(record_row.get_by_role("link", name="Kai Brookfield")).to_have_attribute(
        "href", f"/people/{child.pk}/"
    )

    # --- Rating ---------------------------------------------------------------------------------
    page.get_by_role("link", name="Screen (RAG rating)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Screen the contact (RAG rating)")
    scan("rate")
    page.get_by_label("Amber").check()
    page.get_by_label("Reason for the rating").fill(
        "Domestic abuse with a child present; no injury to Kai reported."
    )
    fill_when(page, "Date rated", at(1))
    page.get_by_role("button", name="Save rating").click()
    expect(page.get_by_text("Rating saved")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amber")
    scan("contact, screened")

    # --- Requests to the police and health -------------------------------------------------------
    for agency, detail in (("Police", "Domestic abuse unit"), ("Health", "Health visiting")):
        page.get_by_role("link", name="Ask a partner agency").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Ask a partner agency for information"
        )
        scan("request")
        page.get_by_label("Agency", exact=True).select_option(label=agency)
        page.get_by_label("Team or person asked (optional)").fill(detail)
        # The family does not know, so consent is no basis: safeguarding without consent.
        page.get_by_label(re.compile(r"^Safeguarding without consent")).check()
        page.get_by_label("What are you asking? (optional)").fill(
            "Previous incidents at the address and what you know of Kai and his mother."
        )
        fill_when(page, "Date sent", at(2))
        page.get_by_role("button", name="Send request").click()
        expect(page.get_by_text("Request recorded")).to_be_visible()

    requests_table = page.get_by_role("table", name="Requests to partner agencies")
    expect(requests_table.get_by_role("row")).to_have_count(3)  # the header and two requests

    replies = {
        "Police": (
            "DC Patel, domestic abuse unit",
            "Two previous call-outs this year, no charges.",
        ),
        "Health": ("Sam Lee, health visitor", "Kai is up to date with checks; no concerns noted."),
    }
    for agency, (who, said) in replies.items():
        requests_table.get_by_role("row").filter(
            has=page.get_by_role("cell", name=re.compile(rf"^{agency}"))
        ).get_by_role("link", name="Record reply").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Record the agency's reply: {agency}"
        )
        scan("record reply")
        page.get_by_label("Who replied").fill(who)
        page.get_by_label("What they said").fill(said)
        fill_when(page, "Date of the reply", at(3))
        page.get_by_role("button", name="Save reply").click()
        expect(page.get_by_text("Reply recorded")).to_be_visible()
        expect(requests_table).to_contain_text(said)
    expect(requests_table.get_by_role("link", name="Record reply")).to_have_count(0)

    # --- Threshold decision -----------------------------------------------------------------------
    page.get_by_role("link", name="Record the threshold decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Threshold decision")
    scan("decide")
    page.get_by_label(re.compile(r"^Level 3")).check()
    page.get_by_label(REFERRAL_OUTCOME).check()
    page.get_by_label("Rationale").fill(
        "Repeated domestic abuse with Kai present; police and health information show a "
        "pattern. Needs a social work assessment."
    )
    fill_when(page, "Date of the decision", at(4))
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()
    expect(page.locator(".govuk-caption-l")).to_contain_text("Decision awaiting authorisation")
    expect(
        page.locator(".govuk-summary-list__row").filter(has_text="Authorisation")
    ).to_contain_text("Awaiting a manager")
    # A MASH officer cannot authorise, nor yet accept the referral.
    expect(page.get_by_role("link", name="Authorise the decision")).to_have_count(0)
    expect(page.get_by_role("link", name="Accept as a referral")).to_have_count(0)
    scan("contact, awaiting authorisation")

    # --- The manager authorises -------------------------------------------------------------------
    switch_user(page, personas.manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
    page.get_by_role("navigation", name="Front door").get_by_role(
        "link", name="Awaiting authorisation"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions awaiting authorisation")
    scan("awaiting authorisation")
    page.get_by_role("link", name=f"Authorise decision for {CHILD_NAME}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Authorise the threshold decision")
    expect(page.get_by_role("main")).to_contain_text("Repeated domestic abuse with Kai present")
    scan("authorise decision")
    page.get_by_label("Note (optional)").fill("Agreed: threshold for assessment met.")
    fill_when(page, "Date authorised", at(4))
    page.get_by_role("button", name="Authorise").click()
    expect(page.get_by_text("Decision authorised")).to_be_visible()
    expect(
        page.locator(".govuk-summary-list__row").filter(has_text="Authorisation")
    ).to_contain_text(f"Authorised by {personas.manager}")
    # The contact page again, now with requests, replies and the authorised decision on it.
    scan("contact, decided and authorised", force=True)

    # --- The MASH officer accepts the referral and allocates it -----------------------------------
    switch_user(page, personas.mash)
    page.goto(f"/front-door/contacts/{contact.pk}/")
    page.get_by_role("link", name="Accept as a referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept as a referral")
    scan("accept referral")
    today = timezone.localdate()
    fill_date(page, "Referral date", today)
    expect(page.get_by_label("Referral source")).to_have_value("6")  # police, from the contact
    page.get_by_label("Primary need").select_option(label="Abuse or neglect")
    page.get_by_role("button", name="Accept referral").click()
    expect(page.get_by_text("Referral accepted")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Allocate referral "))
    scan("allocate referral")
    page.get_by_label("Team").select_option(label="Assessment Team A")
    page.get_by_label("Worker (optional)").select_option(label="Wendy Worker – Assessment Team A")
    fill_date(page, "From", today)
    page.get_by_role("button", name="Allocate").click()
    expect(page.get_by_text("Referral allocated")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/front-door/children/{child.pk}/$"))
    contacts_table = page.get_by_role("table", name=f"Contacts about {CHILD_NAME}")
    expect(contacts_table).to_contain_text("Police (replied), Health (replied)")
    expect(contacts_table).to_contain_text(REFERRAL_OUTCOME)
    expect(page.get_by_role("table", name="Referrals")).to_contain_text("N1 Abuse or neglect")
    scan("front door history")

    # --- The child's record and chronology show each step -----------------------------------------
    page.get_by_role("navigation", name="Child’s record").get_by_role(
        "link", name="Summary"
    ).click()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(CHILD_NAME)
    expect(main).to_contain_text("Child in need since")
    expect(main).to_contain_text("Wendy Worker, Assessment Team A")
    scan("child record")

    page.get_by_role("navigation", name="Child’s record").get_by_role(
        "link", name="Chronology", exact=True
    ).click()
    titles = chronology_titles(page)
    ref = contact.reference
    expected = [
        re.compile(r"^Contact from Police"),
        re.compile(rf"^Child record created for {CHILD_NAME}"),
        re.compile(rf"^Contact {re.escape(ref)} rated amber: Domestic abuse"),
        re.compile(r"^Information requested from police \(Domestic abuse unit\)"),
        re.compile(r"^Information requested from health \(Health visiting\)"),
        re.compile(r"^Police replied"),
        re.compile(r"^Health replied"),
        re.compile(rf"^{re.escape(REFERRAL_OUTCOME)} \(Level 3.*\), awaiting authorisation"),
        re.compile(rf"^Threshold decision authorised: {re.escape(REFERRAL_OUTCOME)}"),
        re.compile(r"^Referral \S+ from Police"),
        re.compile(r"^Child in need started"),
        re.compile(r"^Allocated social worker: Wendy Worker \(Assessment Team A\)"),
    ]
    missing = [p.pattern for p in expected if not any(p.search(t) for t in titles)]
    assert not missing, f"Missing from the chronology: {missing}\nShown: {titles}"
    scan("chronology")

    # --- The partner sees the outcome of their own contact ----------------------------------------
    switch_user(page, personas.partner)
    mine = page.get_by_role("table", name="Contacts you submitted")
    row = mine.get_by_role("row").filter(has_text=CHILD_NAME)
    expect(row).to_contain_text(REFERRAL_OUTCOME)
    row.get_by_role("link", name=ref).click()
    expect(page.locator(".govuk-summary-list__row").filter(has_text="Outcome")).to_contain_text(
        REFERRAL_OUTCOME
    )
    # The partner learns the outcome, nothing more: not the rating, replies or rationale.
    expect(page.get_by_role("main")).not_to_contain_text("Amber")
    expect(page.get_by_role("main")).not_to_contain_text("DC Patel")
