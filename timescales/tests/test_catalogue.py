"""The rule catalogue and its checks."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from timescales import events as ev
from timescales.catalogue import CATALOGUE, check_catalogue, rule_by_id
from timescales.limits import WorkingDays
from timescales.rules import Rule, on

VALID: dict[str, Any] = {
    "id": "X1",
    "title": "Test rule",
    "starts_on": (on(ev.CONTACT_RECEIVED),),
    "stopped_by": (on(ev.MASH_DECISION),),
    "limit": WorkingDays(1),
    "status": "SG",
    "source": "Test document, section 1",
}


def unchecked(**changes: Any) -> Rule:
    """A Rule built without its own checks, as a corrupted or hand-made object might be."""
    rule = object.__new__(Rule)
    for f in dataclasses.fields(Rule):
        value = changes.get(f.name, VALID.get(f.name, f.default))
        object.__setattr__(rule, f.name, value)
    return rule


def test_catalogue_is_clean() -> None:
    assert check_catalogue(CATALOGUE) == []


def test_ids_match_the_brief() -> None:
    expected = [
        "F1",
        "F3",
        "F3P",
        "F4",
        "A1",
        "K2",
        "A2",
        "A3",
        "A4",
        "A5",
        "C1",
        "C2",
        "C4",
        "C5",
        "C6",
        "C7",
        "C8",
        "C10",
        "SDA",
    ]
    assert [r.id for r in CATALOGUE] == expected


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.id)
def test_each_rule_is_sourced_and_configurable_only_if_local(rule: Rule) -> None:
    assert rule.source.strip() and rule.title.strip()
    assert rule.configurable is (rule.status == "LP")
    assert rule.describe().startswith(rule.title)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source": ""}, "source is blank"),
        ({"source": "   "}, "source is blank"),
        ({"status": "XX"}, "unknown status"),
        ({"configurable": True}, "only local-practice"),
        ({"starts_on": ()}, "no starting event"),
        ({"follows": "X0"}, "only makes sense for a recurring rule"),
    ],
)
def test_bad_rule_does_not_construct(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Rule(**(VALID | changes))


def test_check_reports_blank_source() -> None:
    problems = check_catalogue([*CATALOGUE, unchecked(source="")])
    assert problems == ["X1: source is blank (every rule must cite its document and section)"]


def test_check_reports_duplicate_id() -> None:
    problems = check_catalogue([*CATALOGUE, Rule(**(VALID | {"id": "C2"}))])
    assert problems == ["C2: duplicate id (2 rules)"]


def test_check_reports_unknown_status_and_configurable_non_lp() -> None:
    problems = check_catalogue([unchecked(status="Maybe", configurable=True)])
    assert any("unknown status 'Maybe'" in p for p in problems)
    assert any("only local-practice (LP) rules may be configurable" in p for p in problems)


def test_check_reports_follows_unknown_rule() -> None:
    rule = Rule(**(VALID | {"recurs": True, "follows": "NOPE"}))
    assert check_catalogue([rule]) == ["X1: follows unknown rule NOPE"]


def test_check_reports_follows_with_different_events() -> None:
    rule = dataclasses.replace(rule_by_id("C5"), id="C5b", stopped_by=(on(ev.CP_VISIT),))
    assert check_catalogue([rule_by_id("C4"), rule]) == [
        "C5b: must start and stop on the same events as C4"
    ]


def test_describe() -> None:
    assert (
        rule_by_id("C2").describe()
        == "Initial child protection conference held: within 15 working days"
    )
    assert (
        rule_by_id("C8").describe() == "Child protection visit (child seen): every 10 working days"
    )
