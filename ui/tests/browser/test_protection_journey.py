"""Issue 5: a child's journey from assessment to child protection to child in need and closure,
recorded in headless Chromium.

The referral is made in the fixture through the front-door action, 70 days before the real
today; every later step is typed into the browser with an explicit date in the past that keeps
the apps' ordering rules: the assessment starts after the referral; the strategy discussion
starts the s47 enquiry; the initial conference is on a weekday on or after it and starts the
plan; a review conference is after the plan started (here it ends the plan); the child in need
plan starts on the day the child protection plan ended; the case closes after that.

The submission date of an assessment is always today (the form has no date), so the manager
types an earlier authorisation date to keep the journey in order; see the report.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts import actions as account_actions
from accounts.choices import Role
from assessments.models import Assessment
from casework.models import Episode
from csc.testing import PASSWORD, Personas
from front_door import actions as front_door_actions
from front_door.models import Referral
from protection.models import CINPlan, CPPlan, Section47

from .conftest import assert_styles_loaded, login
from .journey_helpers import (
    Scanner,
    chronology_titles,
    fill_date,
    switch_user,
    weekday_on_or_before,
)

pytestmark = pytest.mark.browser

DAY = datetime.timedelta(days=1)
CHILD_VIEWS = (
    "Amara said: I like school because it is quiet. I get scared when Mum and Dad shout at "
    "night and I hide under my bed."
)


@dataclass
class Dates:
    referral: datetime.date
    assessment: datetime.date
    child_seen: datetime.date
    authorised: datetime.date
    strategy: datetime.date
    s47_done: datetime.date
    icpc: datetime.date
    core_group: datetime.date
    review: datetime.date
    cin_visit: datetime.date
    closed: datetime.date

    @classmethod
    def before(cls, today: datetime.date) -> Dates:
        referral = today - 70 * DAY
        strategy = weekday_on_or_before(today - 56 * DAY)
        icpc = weekday_on_or_before(today - 42 * DAY)
        review = weekday_on_or_before(today - 20 * DAY)
        return cls(
            referral=referral,
            assessment=referral + 2 * DAY,
            child_seen=referral + 4 * DAY,
            authorised=referral + 10 * DAY,
            strategy=strategy,
            s47_done=strategy + 5 * DAY,
            icpc=icpc,
            core_group=icpc + 7 * DAY,
            review=review,
            cin_visit=review + 7 * DAY,
            closed=today - 3 * DAY,
        )


@dataclass
class Journey:
    personas: Personas
    iro_name: str
    referral: Referral
    dates: Dates


@pytest.fixture
def journey(personas: Personas) -> Journey:
    today = timezone.localdate()
    dates = Dates.before(today)
    iro = account_actions.create_user(
        actor=None,
        username="ivy_iro",
        first_name="Ivy",
        last_name="Chair",
        role=Role.IRO,
        password=PASSWORD,
    )
    referral = front_door_actions.record_referral(
        actor=personas.mash,
        person=personas.child,
        referral_date=dates.referral,
        source="2A",  # schools
        primary_need="N1",
    )
    return Journey(personas=personas, iro_name=str(iro), referral=referral, dates=dates)


def fmt(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def success(page: Page, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def test_assessment_to_protection_to_child_in_need(page: Page, journey: Journey) -> None:
    personas, dates = journey.personas, journey.dates
    child = personas.child
    scan = Scanner(page)
    tabs = page.get_by_role("navigation", name="Child’s record")

    # --- Assessment, by the allocated worker ------------------------------------------------------
    login(page, personas.worker)
    page.goto(f"/people/{child.pk}/")
    assert_styles_loaded(page)
    tabs.get_by_role("link", name="Assessments").click()
    scan("child's assessments, none yet")
    page.get_by_role("link", name="Start an assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start an assessment")
    scan("start assessment")
    page.get_by_label(re.compile(rf"^Referral {journey.referral.reference}, received")).check()
    fill_date(page, "Start date", dates.assessment)
    page.get_by_role("button", name="Start assessment").click()
    success(page, "Assessment started")
    assessment = Assessment.objects.get(referral=journey.referral)
    assert assessment.worker == personas.worker and assessment.started_on == dates.assessment
    completeness = page.get_by_test_id("completeness")
    expect(completeness).to_contain_text("The child's views are not recorded")
    scan("assessment, new")

    page.get_by_role("link", name="Edit sections").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment sections")
    scan("assessment sections")
    page.get_by_label("The child's wishes and feelings").fill(CHILD_VIEWS)
    page.get_by_label("The child's lived experience").fill(
        "Amara is nine. She goes to Northbridge Primary, where she is settled and has friends. "
        "At home she shares a room with her brother; evenings are tense and she often goes to "
        "bed late after arguments. She says weekends with her grandmother are the best part."
    )
    page.get_by_label("History and chronology").fill(
        "Two police call-outs for domestic incidents this year; a school referral in the "
        "spring about tiredness and a bruise on her arm that Amara said came from play."
    )
    page.get_by_label("Analysis of risk and strengths").fill(
        "Risks: repeated domestic abuse with Amara present, unexplained bruising. Strengths: "
        "a warm bond with her grandmother and a school that notices. A strategy discussion is "
        "needed to decide on a section 47 enquiry."
    )
    page.get_by_label("Language used with the child and family").fill("English")
    page.get_by_role("group", name="Was an interpreter used?").get_by_label("Not needed").check()
    page.get_by_role("button", name="Save draft").click()
    success(page, "Draft saved")
    expect(completeness).not_to_contain_text("The child's views are not recorded")

    page.get_by_role("link", name="Record child seen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record when the child was seen")
    scan("child seen")
    fill_date(page, "Date the child was seen", dates.child_seen)
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()
    success(page, "Child seen recorded")

    page.get_by_role("link", name="Record factors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment factors")
    scan("factors")
    page.get_by_label("3B: Domestic abuse: a parent or carer is the subject").check()
    page.get_by_label("18C: Physical abuse by an adult").check()
    page.get_by_role("button", name="Save").click()
    success(page, "Factors saved")

    page.get_by_role("link", name="Record outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome of the assessment")
    scan("outcome")
    page.get_by_label("Strategy discussion").check()
    page.get_by_label("Reasons for the outcome").fill("Unexplained bruising and domestic abuse.")
    page.get_by_role("button", name="Save").click()
    success(page, "Outcome saved")
    facts = page.locator(".govuk-summary-list").first
    expect(facts).to_contain_text("3B Domestic abuse: a parent or carer is the subject")
    expect(facts).to_contain_text(f"{fmt(dates.child_seen)}, seen alone")

    fill_date(page, "Date submitted for authorisation", dates.authorised)
    page.get_by_role("button", name="Submit for authorisation").click()
    success(page, "Assessment submitted for authorisation")
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^Assessment "))).to_contain_text(
        "Awaiting authorisation"
    )
    scan("assessment, submitted", force=True)

    # --- The manager authorises, with the completeness summary in view --------------------------
    switch_user(page, personas.manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Team").click()
    page.get_by_role("link", name="Assessments awaiting authorisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessments awaiting authorisation")
    scan("assessments awaiting authorisation")
    page.get_by_role("link", name=child.display_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Authorise assessment {assessment.reference}"
    )
    summary = page.get_by_test_id("completeness")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="Completeness")).to_be_visible()
    views_row = summary.locator(".govuk-summary-list__row").filter(
        has_text="The child's wishes and feelings"
    )
    expect(views_row).to_contain_text("Done")
    expect(summary).not_to_contain_text("The child's views are not recorded")
    expect(page.get_by_role("main")).to_contain_text("Strategy discussion")
    scan("authorise assessment")
    fill_date(page, "Authorisation date", dates.authorised)
    page.get_by_label("Manager's comments (optional)").fill("Agreed: strategy discussion today.")
    page.get_by_label(re.compile(r"^I have read this assessment")).check()
    page.get_by_role("button", name="Authorise assessment").click()
    success(page, "Assessment authorised")
    expect(page.locator(".govuk-summary-list").first).to_contain_text(
        f"authorised {fmt(dates.authorised)} by {personas.manager}"
    )

    # --- Strategy discussion, by the worker -------------------------------------------------------
    switch_user(page, personas.worker)
    page.goto(f"/protection/child/{child.pk}/")
    scan("child protection and CIN, before")
    page.get_by_role("link", name="Record a strategy discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a strategy discussion")
    scan("strategy discussion form")
    fill_date(page, "Date of the strategy discussion", dates.strategy)
    page.get_by_label("Time", exact=True).fill("10:30")
    agencies = page.get_by_role("group", name="Which agencies took part?")
    shared = {
        "Police": ("DS Okafor", "Two call-outs this year; father cautioned in 2024."),
        "Health": ("Dr Shah, GP", "Missed appointments; bruise seen at the surgery in May."),
        "Education": ("Ms Green, DSL", "Attendance 91%; Amara tired and withdrawn on Mondays."),
    }
    for agency, (who, info) in shared.items():
        agencies.get_by_label(agency, exact=True).check()
        page.get_by_label(f"{agency}: who took part").fill(who)
        page.get_by_label(f"{agency}: information shared").fill(info)
    page.get_by_label("Section 47 enquiry: joint with police").check()
    page.get_by_label("Rationale for the decision").fill(
        "Reasonable cause to suspect Amara is suffering significant harm: unexplained bruising "
        "and repeated domestic abuse. Joint enquiry with the police."
    )
    page.get_by_label("Action 1 (optional)").fill("Police checks on all adults in the home")
    page.get_by_label("Action 1: owner").fill("DS Okafor")
    fill_date(page, "Action 1: deadline", dates.strategy + 2 * DAY)
    page.get_by_role("button", name="Save strategy discussion").click()
    success(page, "Strategy discussion saved")
    card = page.locator(".govuk-summary-card").filter(has_text="Strategy discussion")
    expect(card).to_contain_text("Section 47 enquiry: joint with police")
    # Police, health and education all took part: no missing-agency warning.
    expect(card.locator(".govuk-warning-text")).to_have_count(0)
    scan("child protection and CIN, s47 open", force=True)

    # --- Section 47 outcome -----------------------------------------------------------------------
    card.get_by_role("link", name="Record the outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record the outcome of the section 47 enquiry"
    )
    scan("s47 outcome form")
    page.get_by_label("Concerns substantiated").check()
    page.get_by_role(
        "group", name="Is an initial child protection conference needed?"
    ).get_by_label("Yes").check()
    fill_date(page, "Date the enquiry was completed", dates.s47_done)
    page.get_by_role("button", name="Save outcome").click()
    success(page, "Section 47 outcome saved")
    s47 = Section47.objects.get(person=child)
    assert s47.icpc_needed and s47.completed_on == dates.s47_done

    # --- Initial child protection conference ------------------------------------------------------
    page.get_by_role("link", name="Record the initial conference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record the initial child protection conference"
    )
    scan("initial conference form")
    fill_date(page, "Date of the conference", dates.icpc)
    page.get_by_label("Chair").select_option(label=journey.iro_name)
    attended = page.get_by_role("group", name="Which agencies attended?")
    reports = page.get_by_role("group", name="Which agencies provided a report?")
    for agency in ("Police", "Health", "Education"):
        attended.get_by_label(agency, exact=True).check()
        reports.get_by_label(agency, exact=True).check()
    page.get_by_label("The child's views", exact=True).fill(
        "Amara wants the shouting to stop and to keep seeing her grandmother."
    )
    page.get_by_label("How were the child's views gathered?").fill(
        "Seen alone at school by her social worker, using a three-houses drawing."
    )
    page.get_by_role(
        "group", name="Did the conference decide on a child protection plan?"
    ).get_by_label("Yes").check()
    page.get_by_label("Physical abuse").check()
    page.get_by_label("Contingency plan (optional)").fill(
        "If there is a further injury or incident, a strategy discussion the same day."
    )
    page.get_by_role("button", name="Save conference").click()
    success(page, "Conference saved")
    conferences = page.get_by_role("table").filter(has_text="Chair")
    expect(conferences).to_contain_text(journey.iro_name)
    expect(conferences).to_contain_text("Plan: Physical abuse")
    plan = CPPlan.objects.get(person=child)
    assert plan.started_on == dates.icpc

    # --- The CP plan page: core group and a review that ends the plan -----------------------------
    page.get_by_role("link", name="View plan").click()
    expect(page).to_have_url(re.compile(rf"/cp-plans/{plan.pk}/$"))
    expect(page.get_by_role("heading", level=2, name="Child protection plan")).to_be_visible()
    started = page.locator(".govuk-summary-list__row").filter(has_text="Started")
    expect(started).to_contain_text(fmt(dates.icpc))
    scan("CP plan")

    page.get_by_role("link", name="Record a core group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a core group meeting")
    scan("core group form")
    fill_date(page, "Date of the core group meeting", dates.core_group)
    page.get_by_label("Who attended").fill("Mother, DS Okafor, Dr Shah, Ms Green")
    page.get_by_label("Notes").fill("Plan agreed; weekly visits.")
    page.get_by_role("button", name="Save core group").click()
    success(page, "Core group saved")
    expect(page.get_by_role("main")).to_contain_text(
        f"{dates.core_group:%-d %b %Y} – Mother, DS Okafor"
    )

    page.get_by_role("link", name="Record a review conference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record a review child protection conference"
    )
    scan("review conference form")
    fill_date(page, "Date of the review conference", dates.review)
    page.get_by_label("Chair").select_option(label=journey.iro_name)
    page.get_by_label("End the child protection plan").check()
    page.get_by_label("Stepped down to a child in need plan").check()
    page.get_by_label("Notes").fill("Good progress; no incidents since the plan began.")
    page.get_by_role("button", name="Save review").click()
    success(page, "Review conference saved")
    # The review's decision ended the plan on its date: no separate "end the plan" step is left.
    ended = page.locator(".govuk-summary-list__row").filter(has_text="Ended")
    expect(ended).to_contain_text(f"{fmt(dates.review)}: Stepped down to a child in need plan")
    expect(page.get_by_role("link", name="End the plan")).to_have_count(0)
    plan.refresh_from_db()
    assert plan.ended_on == dates.review

    # --- Child in need plan, a visit, and closing the episode -------------------------------------
    tabs.get_by_role("link", name="Child protection and CIN").click()
    page.get_by_role("link", name="Start a child in need plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a child in need plan")
    scan("start CIN plan form")
    fill_date(page, "Date the child in need plan started", dates.review)
    page.get_by_role("button", name="Start plan").click()
    success(page, "Child in need plan started")
    page.get_by_role("link", name="View plan").click()
    expect(page.get_by_role("heading", level=2, name="Child in need plan")).to_be_visible()
    scan("CIN plan")
    page.get_by_role("link", name="Record a visit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a child in need visit")
    scan("CIN visit form")
    fill_date(page, "Date of the visit", dates.cin_visit)
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_label("The child was seen alone").check()
    page.get_by_role("button", name="Save visit").click()
    success(page, "Visit saved")
    expect(page.get_by_role("main")).to_contain_text(f"{dates.cin_visit:%-d %b %Y}: seen alone")

    tabs.get_by_role("link", name="Child protection and CIN").click()
    page.get_by_role("link", name="Close the case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close the child in need episode")
    scan("close case form")
    fill_date(page, "Date the case closed", dates.closed)
    page.get_by_label(re.compile(r"^RC7: Services ceased")).check()
    page.get_by_role("button", name="Close case").click()
    success(page, "Case closed")
    expect(page.get_by_text("This child has no open child in need episode")).to_be_visible()
    scan("child protection and CIN, closed", force=True)
    cin = CINPlan.objects.get(person=child)
    assert cin.ended_on == dates.closed
    episode = Episode.objects.get(pk=journey.referral.episode_id)
    assert (episode.ended_on, episode.closure_reason) == (dates.closed, "RC7")

    # --- The chronology shows each step -----------------------------------------------------------
    tabs.get_by_role("link", name="Chronology", exact=True).click()
    titles = chronology_titles(page)
    ref = assessment.reference
    expected = [
        rf"^Referral {journey.referral.reference} from Schools",
        rf"^Assessment {ref} started by {personas.worker}",
        rf"^Child seen for assessment {ref} \(seen alone\)",
        rf"^Assessment {ref} submitted for authorisation",
        rf"^Assessment {ref} authorised: strategy discussion",
        r"^Strategy discussion: Section 47 enquiry: joint with police$",
        r"^Section 47 enquiry concluded: Concerns substantiated; initial child protection "
        r"conference needed",
        r"^Initial child protection conference: child protection plan \(physical abuse\)",
        r"^Child protection plan started: Physical abuse",
        r"^Core group meeting",
        r"^Review child protection conference: end the child protection plan",
        r"^Child protection plan ended: Stepped down to a child in need plan",
        r"^Child in need plan started",
        r"^Child in need visit: child seen alone",
        r"^Child in need plan ended: Child in need episode closed",
        r"^Child in need ended: Services ceased",
    ]
    missing = [p for p in expected if not any(re.search(p, t) for t in titles)]
    assert not missing, f"Missing from the chronology: {missing}\nShown: {titles}"
    scan("chronology")
