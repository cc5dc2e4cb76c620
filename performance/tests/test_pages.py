"""The performance page and drill-downs: who may see them, what they show, bounded queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from csc.testing import PASSWORD, Personas
from performance import links
from performance.links import ReturnLink, links_for, register

from .dataset import Dataset

pytestmark = pytest.mark.django_db

YEAR_URL = "/performance/measures/{}/2025-04-01/2026-03-31/children/"


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_who_may_see_the_performance_pages(dataset: Dataset, personas: Personas) -> None:
    allowed = (dataset.analyst, personas.manager, personas.head, personas.director, personas.admin)
    for user in allowed:
        assert signed_in(user).get("/performance/").status_code == 200, user.username
        assert signed_in(user).get(YEAR_URL.format("K1")).status_code == 200, user.username
    for user in (personas.worker, personas.partner, personas.mash):
        assert signed_in(user).get("/performance/").status_code == 403, user.username
        assert signed_in(user).get(YEAR_URL.format("K1")).status_code == 403, user.username


def test_home_shows_the_measures_and_links(dataset: Dataset) -> None:
    page = signed_in(dataset.analyst).get("/performance/").content.decode()
    assert "2025-26" in page
    for measure_id in ("K1", "K2", "K3", "K4", "K5", "K6", "K7a", "K7e"):
        assert f'href="#measure-{measure_id}"' in page
    # K2 for 2025-26 (see test_measures): 75.0%, 3 of 4, linked to its children.
    assert "75.0%" in page and "3 of 4" in page
    assert YEAR_URL.format("K2") + "?set=numerator" in page
    assert "/returns/annex-a/" in page
    assert "Nov 2026" in page and "Mar 2026" in page  # this year's months, and last year's


def test_annex_a_link_only_for_those_who_may_download(dataset: Dataset, personas: Personas) -> None:
    page = signed_in(personas.manager).get("/performance/").content.decode()
    assert "/returns/annex-a/" not in page


def test_links_registry(personas: Personas) -> None:
    before = list(links.RETURN_LINKS)
    try:
        register(ReturnLink("Not built yet", "returns:no_such_page"))
        register(ReturnLink("Not built yet", "returns:no_such_page"))
        assert sum(1 for link in links.RETURN_LINKS if link.url_name == "returns:no_such_page") == 1
        labels = [link["label"] for link in links_for(personas.director)]
        assert "Ofsted Annex A lists" in labels and "Not built yet" not in labels
    finally:
        links.RETURN_LINKS[:] = before


def test_drill_down_lists_only_children_the_viewer_may_see(
    dataset: Dataset, personas: Personas
) -> None:
    url = YEAR_URL.format("K7c") + "?set=numerator"
    # On a plan at 31 March 2026: D (Team B), F (not allocated), G (Team A).
    page = signed_in(personas.manager).get(url).content.decode()
    assert dataset.children["G"].display_name in page
    assert dataset.children["D"].display_name not in page
    assert dataset.children["F"].display_name not in page
    assert "3 children; 2 of them are not listed" in page
    page = signed_in(dataset.analyst).get(url).content.decode()
    for name in ("D", "F", "G"):
        assert dataset.children[name].display_name in page
    denominators = signed_in(dataset.analyst).get(YEAR_URL.format("K2") + "?set=denominator")
    assert dataset.children["C"].display_name in denominators.content.decode()


def test_drill_down_refuses_unknown_measures_and_periods(dataset: Dataset) -> None:
    client = signed_in(dataset.analyst)
    assert client.get(YEAR_URL.format("K99")).status_code == 404
    assert client.get("/performance/measures/K1/2026-04-01/2025-03-31/children/").status_code == 404
    assert client.get("/performance/measures/K1/not-a-date/2025-03-31/children/").status_code == 404
    assert client.get(YEAR_URL.format("K7a") + "?set=denominator").status_code == 404


def test_drill_down_is_paginated(dataset: Dataset, settings: Any) -> None:
    settings.TRELLIS_PAGE_SIZE = 2
    client = signed_in(dataset.analyst)
    # K7b: 7 children in need on 31 March 2026 → 4 pages of 2.
    first = client.get(YEAR_URL.format("K7b") + "?set=numerator").content.decode()
    assert "Page 1 of 4" in first
    last = client.get(YEAR_URL.format("K7b") + "?set=numerator&page=4").content.decode()
    assert "Page 4 of 4" in last


def test_queries_are_bounded(
    dataset: Dataset, personas: Personas, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(dataset.analyst)
    # One load per measure (11), whatever the number of months or rows, plus the session.
    with django_assert_max_num_queries(20):
        assert client.get("/performance/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(YEAR_URL.format("K1") + "?set=denominator").status_code == 200
    manager = signed_in(personas.manager)
    with django_assert_max_num_queries(12):
        assert manager.get(YEAR_URL.format("K7b") + "?set=numerator").status_code == 200
