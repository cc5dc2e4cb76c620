"""Issue 4: an overdue child protection visit on My work, recorded with one click.

The fixture puts the allocated worker's child on a child protection plan through the real
actions (referral, strategy discussion, s47 enquiry, initial conference), with the plan
starting about 30 days before the real today and no visit since, so the visit clock (C8, every
10 working days) is genuinely overdue. The server runs on the real date: no time travel.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from accounts import actions as account_actions
from accounts.choices import Role
from clocks.models import Clock
from csc.testing import PASSWORD, Personas
from front_door import actions as front_door_actions
from protection import actions as protection_actions
from protection.models import CPPlan, CPVisit

from .conftest import assert_styles_loaded, login
from .journey_helpers import Scanner, fill_date, weekday_on_or_before

pytestmark = pytest.mark.browser

DAY = datetime.timedelta(days=1)
VISIT_TITLE = "Child protection visit (child seen)"


@dataclass
class OnPlan:
    personas: Personas
    plan: CPPlan
    today: datetime.date


@pytest.fixture
def on_plan(personas: Personas) -> OnPlan:
    """The smallest chain to a CP plan that started ~30 days ago, with no visits."""
    today = timezone.localdate()
    child, worker = personas.child, personas.worker
    iro = account_actions.create_user(
        actor=None,
        username="ivy_iro",
        first_name="Ivy",
        last_name="Chair",
        role=Role.IRO,
        password=PASSWORD,
    )
    front_door_actions.record_referral(
        actor=personas.mash,
        person=child,
        referral_date=today - 50 * DAY,
        source="6",
        primary_need="N1",
    )
    discussion_on = weekday_on_or_before(today - 45 * DAY)
    discussion = protection_actions.record_strategy_discussion(
        actor=worker,
        person=child,
        held_at=timezone.make_aware(datetime.datetime.combine(discussion_on, datetime.time(10))),
        decision="s47_joint",
        rationale="Bruising to the arm with an inconsistent explanation.",
        attendees=[protection_actions.Attendee(a) for a in ("police", "health", "education")],
    )
    protection_actions.conclude_section47(
        actor=worker,
        section47=discussion.section47,
        outcome="substantiated",
        icpc_needed=True,
        completed_on=discussion_on + 3 * DAY,
    )
    conference_on = weekday_on_or_before(today - 30 * DAY)
    conference = protection_actions.record_conference(
        actor=worker,
        section47=discussion.section47,
        held_on=conference_on,
        chair=iro,
        child_views="Amara said she wants things to be calmer at home.",
        child_views_how="Seen alone at school.",
        plan_made=True,
        category="PHY",
    )
    plan = CPPlan.objects.get(conference=conference)
    assert plan.started_on == conference_on
    return OnPlan(personas=personas, plan=plan, today=today)


def visit_item(page: Page, child_name: str) -> Locator:
    """The C8 line in the child's row on My work."""
    row = (
        page.get_by_role("table", name=re.compile(r"^My children"))
        .get_by_role("row")
        .filter(has=page.get_by_role("link", name=child_name, exact=True))
    )
    return row.get_by_role("listitem").filter(has_text=VISIT_TITLE)


def test_overdue_cp_visit_recorded_from_my_work(page: Page, on_plan: OnPlan) -> None:
    personas, plan, today = on_plan.personas, on_plan.plan, on_plan.today
    child = personas.child
    overdue = Clock.objects.get(person=child, rule_id="C8", stopped_on__isnull=True)
    assert overdue.due_on < today, "the fixture should leave the visit overdue"
    scan = Scanner(page)

    login(page, personas.worker)
    expect(page.get_by_role("heading", level=1, name="My work")).to_be_visible()
    assert_styles_loaded(page)
    child_row = page.get_by_role("row").filter(
        has=page.get_by_role("link", name=child.display_name)
    )
    # Involvement is shown by its label (it once read "Childprotection").
    involvement = child_row.get_by_role("cell").nth(2).locator(".govuk-tag")
    expect(involvement).to_have_count(2)
    for label in ("Child in need", "Child protection"):
        expect(involvement.filter(has_text=re.compile(rf"^{label}$"))).to_have_count(1)
    item = visit_item(page, child.display_name)
    expect(item).to_have_count(1)
    expect(item.locator(".govuk-tag")).to_have_text("Overdue")
    expect(item).to_contain_text(f"due {overdue.due_on:%-d %b %Y}")
    scan("My work with an overdue visit")

    # One click to the visit form for this plan.
    # (Chromium puts a space before the visually hidden ": title", so match loosely.)
    link = item.get_by_role(
        "link", name=re.compile(rf"^Record a visit\s*: {re.escape(VISIT_TITLE)}$")
    )
    expect(link).to_have_attribute(
        "href", f"/protection/child/{child.pk}/cp-plans/{plan.pk}/visits/new"
    )
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a child protection visit")
    scan("CP visit form")
    fill_date(page, "Date of the visit", today)
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_label("The child was seen alone").check()
    page.get_by_label("The home was seen").check()
    page.get_by_label("Note", exact=True).fill("Amara showed me her drawings; she was chatty.")
    page.get_by_role("button", name="Save visit").click()

    expect(page.get_by_text("Visit saved")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/cp-plans/{plan.pk}/$"))
    visits = page.get_by_role("table").filter(has_text="Bedroom seen")
    expect(visits.get_by_role("row")).to_have_count(2)  # header and the visit
    expect(visits.get_by_role("row").nth(1)).to_contain_text(f"{today:%-d %b %Y}")
    scan("CP plan after the visit")
    visit = CPVisit.objects.get(plan=plan)
    assert (visit.visited_on, visit.seen, visit.seen_alone) == (today, True, True)

    # Back on My work the visit is no longer overdue: the next one runs from today.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My work").click()
    expect(page.get_by_role("heading", level=1, name="My work")).to_be_visible()
    item = visit_item(page, child.display_name)
    expect(item.filter(has_text="Overdue")).to_have_count(0)
    next_visit = Clock.objects.get(person=child, rule_id="C8", stopped_on__isnull=True)
    assert next_visit.due_on > today
    if item.count():  # inside the 10-working-day horizon, it shows as due, not overdue
        expect(item.locator(".govuk-tag")).not_to_have_text("Overdue")
        expect(item).to_contain_text(f"due {next_visit.due_on:%-d %b %Y}")
    overdue.refresh_from_db()
    assert overdue.stopped_on == today and overdue.state == "met_late"
