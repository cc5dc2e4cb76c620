"""LocalPractice: overrides for local-practice rules only, stored as JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from timescales.catalogue import rule_by_id
from timescales.config import DEFAULT_RAG_TARGETS, LocalPractice
from timescales.limits import ClockHours, HourTarget, Weeks, WorkingDays
from timescales.office_hours import OfficeHours


def test_defaults() -> None:
    practice = LocalPractice()
    assert practice.limits == {}
    assert practice.rag_targets == DEFAULT_RAG_TARGETS
    assert practice.partner_targets["red"] == HourTarget("working_hours", 2)
    assert practice.due_soon_working_days == 5
    assert practice.office_hours == OfficeHours()


def test_override_applies_to_lp_rule() -> None:
    practice = LocalPractice(limits={"C8": WorkingDays(20)})
    assert practice.limit_for(rule_by_id("C8")) == WorkingDays(20)
    assert practice.limit_for(rule_by_id("A5")) == WorkingDays(20)  # catalogue default


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ({"C2": WorkingDays(20)}, "Cannot override C2 .*SG rule, not local practice"),
        ({"K2": WorkingDays(40)}, "Cannot override K2 .*DfE rule"),
        ({"Z9": WorkingDays(1)}, "no rule has that id"),
        ({"C8": "10 WD"}, "not a fixed limit"),
    ],
)
def test_overrides_refused(limits: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        LocalPractice(limits=limits)


def test_is_immutable() -> None:
    practice = LocalPractice(limits={"C8": WorkingDays(20)})
    with pytest.raises(TypeError):
        practice.limits["C8"] = WorkingDays(5)  # type: ignore[index]
    with pytest.raises(AttributeError):
        practice.due_soon_working_days = 3  # type: ignore[misc]


def test_json_round_trip() -> None:
    practice = LocalPractice(
        limits={"C5": Weeks(4), "F4": ClockHours(4)},
        rag_targets={"Red": HourTarget("clock_hours", 4), "amber": HourTarget("working_hours", 8)},
        office_hours=OfficeHours.from_mapping(
            {"mon": ["08:30", "17:00"], "fri": ["08:30", "16:30"]}
        ),
        due_soon_working_days=3,
        due_soon_hours=1,
    )
    stored = json.loads(json.dumps(practice.to_mapping()))
    assert stored["limits"]["C5"] == {"unit": "weeks", "value": 4}
    assert stored["rag_targets"]["red"] == {"unit": "clock_hours", "hours": 4}
    assert LocalPractice.from_mapping(stored) == practice


def test_from_mapping_fills_defaults() -> None:
    assert LocalPractice.from_mapping({}) == LocalPractice()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"limit": {}}, "Unknown local practice setting"),
        ({"limits": {"C2": {"unit": "working_days", "value": 20}}}, "Cannot override C2"),
        ({"limits": {"C8": {"unit": "fortnights", "value": 1}}}, "C8: Unknown unit"),
        ({"limits": []}, "limits must be a JSON object"),
        ({"rag_targets": {"red": {"unit": "minutes", "hours": 4}}}, "rag_targets.red: Unit"),
        ({"rag_targets": {"red": {"unit": "clock_hours", "hours": 0}}}, "above 0"),
        ({"partner_targets": {"red": {"hours": 2}}}, "must look like"),
        ({"office_hours": {"mon": ["17:00", "09:00"]}}, "opening must be before closing"),
        ({"due_soon_working_days": -1}, "at least 0"),
        ({"due_soon_hours": "2"}, "whole number"),
    ],
)
def test_from_mapping_errors(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        LocalPractice.from_mapping(data)
