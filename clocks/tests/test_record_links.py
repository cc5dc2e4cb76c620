"""Each clock links to the form that records what it is waiting for (clocks.record_links)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse

import timescales
from clocks import record_links
from clocks.record_links import FALLBACK_LABEL, LINKS, record_link

CHILD = 41

# (rule id, clock key, URL name, URL args, label)
CASES = [
    ("C8", "cp:12", "protection:cp_visit", [CHILD, 12], "Record a visit"),
    ("A5", "cin:7", "protection:cin_visit", [CHILD, 7], "Record a visit"),
    ("C4", "cp:12", "protection:core_group", [CHILD, 12], "Record a core group"),
    ("C5", "cp:12", "protection:core_group", [CHILD, 12], "Record a core group"),
    ("C6", "cp:12", "protection:review", [CHILD, 12], "Record a review conference"),
    ("C7", "cp:12", "protection:review", [CHILD, 12], "Record a review conference"),
    ("A4", "cin:7", "protection:cin_review", [CHILD, 7], "Record a CIN review"),
    ("C2", "s47:3", "protection:icpc", [CHILD, 3], "Record the conference"),
    ("C10", "transfer:6", "protection:transfer_conference", [CHILD, 6], "Record the conference"),
    ("SDA", "sda:8", "protection:action_done", [CHILD, 8], "Record action done"),
    ("C1", "contact:9", "protection:strategy", [CHILD], "Record strategy discussion"),
    ("A1", "referral:2", "assessments:child", [CHILD], "Open assessments"),
    ("K2", "assessment:5", "assessments:detail", [CHILD, 5], "Open the assessment"),
    ("A2", "assessment:5", "assessments:child_seen", [CHILD, 5], "Record child seen"),
    ("A3", "assessment:5", "protection:start_cin", [CHILD], "Start a CIN plan"),
    ("F1", "contact:9", "front_door:contact", [9], "Open the contact"),
    ("F1", "referral:2", "front_door:history", [CHILD], "Open front door"),
    ("F3", "contact:9", "front_door:contact", [9], "Open the contact"),
    ("F4", "contact:9", "front_door:contact", [9], "Open the contact"),
    ("F3P", "pir:4", "front_door:request_action", [4, "respond"], "Record the reply"),
]


@pytest.mark.parametrize(("rule_id", "key", "url_name", "args", "label"), CASES)
def test_each_rule_links_to_its_form(
    rule_id: str, key: str, url_name: str, args: list[Any], label: str
) -> None:
    link = record_link(rule_id, key, CHILD)
    assert (link.url, link.label) == (reverse(url_name, args=args), label)


def test_every_rule_in_the_catalogue_has_a_link() -> None:
    assert {r.id for r in timescales.CATALOGUE} <= set(LINKS)
    assert {rule_id for rule_id, *_ in CASES} == set(LINKS)


@pytest.mark.parametrize(
    ("rule_id", "key"),
    [("X9", "cp:12"), ("C8", "cin:7"), ("A5", "cp:12"), ("C8", "cp:"), ("C8", "cp:abc")],
)
def test_unknown_rule_or_key_falls_back_to_the_childs_clocks(rule_id: str, key: str) -> None:
    link = record_link(rule_id, key, CHILD)
    assert (link.url, link.label) == (reverse("clocks:child", args=[CHILD]), FALLBACK_LABEL)


def test_missing_url_names_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the assessments app's URLs, assessment clocks go to the child's clocks page."""

    def without_assessments(name: str, args: list[Any]) -> str:
        if name.startswith("assessments:"):
            raise NoReverseMatch(name)
        return reverse(name, args=args)

    monkeypatch.setattr(record_links, "reverse", without_assessments)
    clocks_page = reverse("clocks:child", args=[CHILD])
    for rule_id, key in [("A1", "referral:2"), ("K2", "assessment:5"), ("A2", "assessment:5")]:
        assert record_link(rule_id, key, CHILD).url == clocks_page
    assert record_link("C8", "cp:12", CHILD).url == reverse("protection:cp_visit", args=[CHILD, 12])


def test_a_missing_specific_form_falls_back_to_the_assessments_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def without_child_seen(name: str, args: list[Any]) -> str:
        if name == "assessments:child_seen":
            raise NoReverseMatch(name)
        return reverse(name, args=args)

    monkeypatch.setattr(record_links, "reverse", without_child_seen)
    link = record_link("A2", "assessment:5", CHILD)
    assert (link.url, link.label) == (
        reverse("assessments:child", args=[CHILD]),
        "Open assessments",
    )
