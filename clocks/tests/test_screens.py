"""The clock screens: live on the next request, permission-checked, bounded queries."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from clocks.models import Clock
from clocks.queries import Now, team_clocks
from csc.testing import TODAY, Personas

from .helpers import allocated_child, open_cin, open_cp, visit

pytestmark = pytest.mark.usefixtures("on_today")

VISIT_TITLE = "Child protection visit (child seen)"


def page(user: Any, url: str, status: int = 200) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_my_work_changes_on_the_next_request_after_a_visit(personas: Personas) -> None:
    plan = open_cp(personas)
    before = page(personas.worker, reverse("casework:my_work"))
    assert f"{VISIT_TITLE}, due 16 Nov 2026" in before
    # One click to the form for what is due: the visit and the core group for this plan.
    assert reverse("protection:cp_visit", args=[personas.child.pk, plan.pk]) in before
    assert reverse("protection:core_group", args=[personas.child.pk, plan.pk]) in before
    assert reverse("people:record", args=[personas.child.pk]) in before  # caseload link kept

    visit(personas, datetime.date(2026, 11, 19))  # no batch job in between

    after = page(personas.worker, reverse("casework:my_work"))
    assert f"{VISIT_TITLE}, due 16 Nov 2026" not in after
    assert f"{VISIT_TITLE}, due 3 Dec 2026" in after


def test_my_work_lists_most_urgent_children_first(personas: Personas) -> None:
    calm = allocated_child(personas, 1, team=personas.team_a, worker=personas.worker)
    urgent = allocated_child(personas, 2, team=personas.team_a, worker=personas.worker)
    open_cp(personas, calm, started_on=datetime.date(2026, 11, 19))
    open_cp(personas, urgent, started_on=datetime.date(2026, 10, 1))
    html = page(personas.worker, reverse("casework:my_work"))
    assert html.index("Child2 Synthetic") < html.index("Child1 Synthetic")
    assert html.index("Child1 Synthetic") < html.index("Amara Testington")  # nothing open


def test_the_visit_link_opens_the_cp_visit_form(personas: Personas) -> None:
    plan = open_cp(personas)
    html = page(personas.worker, reverse("casework:my_work"))
    link = reverse("protection:cp_visit", args=[personas.child.pk, plan.pk])
    assert f'href="{link}">Record a visit' in html
    assert "Record a child protection visit" in page(personas.worker, link)


def test_cin_visit_link_on_my_work(personas: Personas) -> None:
    plan = open_cin(personas)
    html = page(personas.worker, reverse("casework:my_work"))
    assert "Child in need visit (child seen), due 29 Oct 2026" in html
    assert reverse("protection:cin_visit", args=[personas.child.pk, plan.pk]) in html


def test_team_page_changes_on_the_next_request(personas: Personas) -> None:
    plan = open_cp(personas)
    before = page(personas.manager, reverse("casework:team"))
    assert "Children not seen within their visit frequency" in before
    not_seen = before.split("Children not seen")[1].split("Late this month")[0]
    assert "Amara Testington" in not_seen
    clock = Clock.objects.get(person=personas.child, rule_id="C8")
    client = Client()
    client.force_login(personas.worker)
    client.post(
        reverse("clocks:late_reason", args=[personas.child.pk, clock.pk]),
        {"reason": "Child in hospital"},
    )
    visit(personas, datetime.date(2026, 11, 19))
    after = page(personas.manager, reverse("casework:team"))
    not_seen = after.split("Children not seen")[1].split("Late this month")[0]
    assert "Amara Testington" not in not_seen
    # The core group is still overdue, with a link to record it.
    assert reverse("protection:core_group", args=[personas.child.pk, plan.pk]) in after
    late = after.split("Late this month")[1]
    assert "Met late" in late and "Child in hospital" in late


def test_child_clocks_page_shows_rules_and_takes_a_late_reason(personas: Personas) -> None:
    open_cp(personas)
    url = reverse("clocks:child", args=[personas.child.pk])
    html = page(personas.worker, url)
    assert VISIT_TITLE in html and "govuk-tag--red" in html
    assert "every 10 working days" in html and "govuk-details" in html
    assert "Record a reason for lateness" in html
    clock = Clock.objects.get(person=personas.child, rule_id="C8")
    client = Client()
    client.force_login(personas.worker)
    reason_url = reverse("clocks:late_reason", args=[personas.child.pk, clock.pk])
    response = client.post(reason_url, {"reason": ""})
    assert "Enter an answer to ‘Why was this late?’" in response.content.decode()
    response = client.post(reason_url, {"reason": "Family on holiday"})
    assert response.status_code == 302
    assert "Family on holiday" in page(personas.worker, url)
    visit(personas, datetime.date(2026, 11, 19))
    html = page(personas.worker, url)
    assert "Met late" in html and "Family on holiday" in html
    assert personas.child.events.filter(kind="clock_late_reason").count() == 1


def test_child_clocks_page_is_logged_and_refused_to_other_teams(personas: Personas) -> None:
    from accounts.models import AccessLogEntry

    url = reverse("clocks:child", args=[personas.child.pk])
    page(personas.worker, url)
    assert AccessLogEntry.objects.filter(person=personas.child, page="Clocks").exists()
    page(personas.other_worker, url, 404)
    page(personas.partner, url, 404)
    page(personas.colleague, reverse("clocks:child", args=[personas.restricted_child.pk]), 404)


def test_team_and_service_pages_are_for_the_right_roles(personas: Personas) -> None:
    page(personas.manager, reverse("casework:team"))
    page(personas.worker, reverse("casework:team"), 403)
    page(personas.partner, reverse("casework:my_work"), 403)
    page(personas.worker, reverse("clocks:service"), 403)
    page(personas.manager, reverse("clocks:service"), 403)
    page(personas.partner, reverse("clocks:service"), 403)
    page(personas.head, reverse("clocks:service"))
    page(personas.director, reverse("clocks:service"))
    page(personas.worker, reverse("clocks:rules"))
    page(personas.worker, reverse("clocks:practice"), 403)


def test_service_counts_link_to_a_paginated_drill_down(personas: Personas) -> None:
    open_cp(personas)
    html = page(personas.director, reverse("clocks:service"))
    assert "?rule=C8" in html and f"?team={personas.team_a.pk}" in html
    drill = page(personas.director, reverse("clocks:service_overdue") + "?rule=C8")
    assert "Amara Testington" in drill and "Assessment Team A" in drill
    by_team = page(
        personas.director, reverse("clocks:service_overdue") + f"?team={personas.team_a.pk}"
    )
    assert "Amara Testington" in by_team
    other = page(
        personas.director, reverse("clocks:service_overdue") + f"?team={personas.team_b.pk}"
    )
    assert "Amara Testington" not in other


def test_service_counts_follow_each_childs_latest_allocation(personas: Personas) -> None:
    from accounts.access import child_scope
    from casework import actions as casework_actions
    from casework.models import Allocation
    from clocks.queries import overdue_list, overdue_summary

    open_cp(personas)  # personas.child, in team A
    moved = allocated_child(personas, 31, team=personas.team_a, worker=personas.worker)
    open_cp(personas, person=moved)
    casework_actions.allocate(  # a co-worker in team B since: team B's, now
        actor=personas.manager,
        person=moved,
        team=personas.team_b,
        worker=None,
        started_on=datetime.date(2026, 11, 10),
        reason="Co-working",
        role="second_worker",
        today=TODAY,
    )
    left = allocated_child(personas, 32, team=personas.team_a, worker=personas.worker)
    open_cp(personas, person=left)
    casework_actions.end_allocation(
        actor=personas.manager,
        allocation=Allocation.objects.get(person=left),
        ended_on=datetime.date(2026, 11, 18),
        reason="Moved away",
    )
    scope = child_scope(personas.director)
    now = Now.current()
    by_rule, by_team = overdue_summary(scope, now)
    assert [r["team_id"] for r in by_team] == [personas.team_a.pk, personas.team_b.pk, None]
    # Each count is the length of the list it opens.
    for row in by_team:
        team_id = row["team_id"]
        assert team_id is None or isinstance(team_id, int)
        listed = overdue_list(scope, now, team_id=team_id, unallocated=team_id is None)
        assert row["clocks"] == listed.count()
        assert row["children"] == len({c.person_id for c in listed})
    assert {r["children"] for r in by_team} == {1}
    for row in by_rule:
        listed = overdue_list(scope, now, rule_id=str(row["rule_id"]))
        assert (row["clocks"], row["children"]) == (
            listed.count(),
            len({c.person_id for c in listed}),
        )
    html = page(personas.director, reverse("clocks:service"))
    assert html.index(personas.team_b.name) < html.index("Not allocated")


def test_rules_page_shows_this_authoritys_overrides(personas: Personas) -> None:
    from clocks import actions
    from timescales import LocalPractice, WorkingDays

    actions.update_practice(
        actor=personas.admin, practice=LocalPractice(limits={"C8": WorkingDays(15)})
    )
    html = page(personas.worker, reverse("clocks:rules"))
    row = html.split('id="rule-C8"')[1].split("</tr>")[0]
    assert "<strong>15 working days</strong>" in row


def _load(personas: Personas, n: int, start: int = 10) -> None:
    for i in range(start, start + n):
        child = allocated_child(personas, i, team=personas.team_a, worker=personas.worker)
        open_cp(personas, child)


@pytest.mark.parametrize(
    ("user_name", "url_name"),
    [("worker", "casework:my_work"), ("manager", "casework:team"), ("director", "clocks:service")],
)
def test_list_pages_use_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries: Any, user_name: str, url_name: str
) -> None:
    client = Client()
    client.force_login(getattr(personas, user_name))
    _load(personas, 2)
    client.get(reverse(url_name))  # warm the session
    with django_assert_max_num_queries(20) as few:
        client.get(reverse(url_name))
    _load(personas, 8, start=20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(url_name))
    assert "Child27 Synthetic" in response.content.decode() or url_name == "clocks:service"


def _section(html: str, start: str, end: str) -> str:
    return html.split(start)[1].split(end)[0]


def _children(html: str) -> list[str]:
    return re.findall(r"Child\d+ Synthetic", html)


def test_team_lists_are_paged_and_every_row_can_be_reached(
    personas: Personas, settings: Any, django_assert_max_num_queries: Any
) -> None:
    settings.TRELLIS_PAGE_SIZE = 2
    _load(personas, 3)  # three children whose CP visit (C8) fell overdue on 16 November
    client = Client()
    client.force_login(personas.manager)
    team = reverse("casework:team")

    def get(query: str) -> str:
        response = client.get(f"{team}?{query}")
        assert response.status_code == 200
        return response.content.decode()

    first = _section(get(""), 'id="not-seen"', 'id="late"')
    assert len(_children(first)) == 2
    assert 'href="?not_seen_page=2#not-seen"' in first
    assert 'aria-label="Pages: children not seen"' in first
    # Paging one list keeps the others on the page they were on.
    with django_assert_max_num_queries(30) as captured:
        second = _section(get("late_page=2&not_seen_page=2"), 'id="not-seen"', 'id="late"')
    queries = len(captured.captured_queries)
    assert len(_children(second)) == 1
    assert 'href="?late_page=2&amp;not_seen_page=1#not-seen"' in second
    assert set(_children(first)) | set(_children(second)) == {
        "Child10 Synthetic",
        "Child11 Synthetic",
        "Child12 Synthetic",
    }

    # Every clock that ran late this month is on one page or another.
    late = team_clocks([personas.team_a.pk], Now.current()).late
    expected = sorted((r.clock.person.display_name, escape(r.title)) for r in late)
    assert len(expected) > 4
    shown = []
    pages = -(-len(expected) // 2)
    for number in range(1, pages + 1):
        html = _section(get(f"late_page={number}"), 'id="late"', "Waiting for a worker")
        assert (f'late_page={number + 1}#late" rel="next"' in html) == (number < pages)
        shown += re.findall(
            r">(Child\d+ Synthetic)</a></td><td class=\"govuk-table__cell\">([^<]+)<", html
        )
    assert sorted(shown) == expected

    # More rows to page through, the same queries.
    _load(personas, 4, start=20)
    with django_assert_max_num_queries(queries):
        get("late_page=2&not_seen_page=2")


def test_urgency_orders_hour_and_day_clocks_due_the_same_day() -> None:
    from types import SimpleNamespace

    from clocks.queries import _urgency

    day = datetime.date(2026, 11, 20)
    at = datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC)
    hour = SimpleNamespace(clock=SimpleNamespace(due_on=day, due_at=at, rule_id="F3"))
    whole_day = SimpleNamespace(clock=SimpleNamespace(due_on=day, due_at=None, rule_id="C8"))
    assert sorted([whole_day, hour], key=_urgency) == [hour, whole_day]  # type: ignore[arg-type]


def test_ran_late_this_month_leaves_out_clocks_overdue_since_earlier(personas: Personas) -> None:
    from clocks.queries import Now, team_clocks

    earlier = allocated_child(personas, 41, team=personas.team_a, worker=personas.worker)
    open_cp(personas, person=earlier, started_on=datetime.date(2026, 10, 5))  # C8 due 19 Oct
    open_cp(personas)  # personas.child: C8 due 16 November
    late = team_clocks([personas.team_a.pk], Now.current()).late
    late_c8 = {row.clock.person_id for row in late if row.clock.rule_id == "C8"}
    assert late_c8 == {personas.child.pk}
