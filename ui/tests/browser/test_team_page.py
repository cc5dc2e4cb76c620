"""The Team page pages each of its long lists on its own, and stays accessible doing so.

Two children whose CP visit (C8) fell overdue on 16 November 2026, a page of one row: the
by-child and not-seen lists each get their own pagination, named apart for screen readers.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from clocks.tests.helpers import allocated_child, open_cp
from csc.testing import Personas

from .conftest import axe_scan, login

pytestmark = pytest.mark.browser


def test_team_lists_page_one_at_a_time(page: Page, personas: Personas, settings: Any) -> None:
    settings.TRELLIS_PAGE_SIZE = 1
    for n in (1, 2):
        open_cp(
            personas, allocated_child(personas, n, team=personas.team_a, worker=personas.worker)
        )
    login(page, personas.manager)
    page.goto("/team/")
    by_child = page.get_by_role("navigation", name="Pages: overdue and due soon by child")
    not_seen = page.get_by_role("navigation", name="Pages: children not seen")
    expect(by_child).to_contain_text("Page 1 of 2")
    expect(not_seen).to_contain_text("Page 1 of 2")
    violations = axe_scan(page, context="(Team, lists in pages)")
    assert not [v for v in violations if v["id"].startswith("landmark")], violations

    not_seen.get_by_role("link", name=re.compile(r"^Next")).click()
    expect(page).to_have_url(re.compile(r"\?not_seen_page=2#not-seen$"))
    expect(not_seen).to_contain_text("Page 2 of 2")
    expect(by_child).to_contain_text("Page 1 of 2")  # the other list stays where it was
    rows = page.get_by_role("table", name=re.compile(r"^Children not seen")).get_by_role("row")
    expect(rows).to_have_count(2)  # the header and the second child
