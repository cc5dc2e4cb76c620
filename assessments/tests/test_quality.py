"""The completeness summary is a pure function: no database needed."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from assessments.quality import (
    CHILD_NOT_SEEN,
    CHILD_VIEWS_MISSING,
    CHILD_VIEWS_THIN_WORDS,
    NO_FACTORS,
    NO_HISTORY,
    SECTION_FIELDS,
    THIN_WORDS,
    completeness,
    section_status,
)


def draft(**overrides: object) -> SimpleNamespace:
    values: dict[str, object] = {name: " ".join(["word"] * THIN_WORDS) for name in SECTION_FIELDS}
    values.update(child_seen_on=datetime.date(2026, 9, 4), factors=["1B"], outcome="CIN_PLAN")
    values.update(overrides)
    return SimpleNamespace(**values)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("Seen at school.", "thin"),
        (" ".join(["w"] * (THIN_WORDS - 1)), "thin"),
        (" ".join(["w"] * THIN_WORDS), "done"),
    ],
)
def test_section_status(text: str, status: str) -> None:
    assert section_status(text) == status


def test_a_complete_assessment_has_no_warnings() -> None:
    summary = completeness(draft())
    assert summary.warnings == []
    assert summary.complete
    assert {s.status for s in summary.sections} == {"done"}


def test_missing_child_views_is_called_out_first() -> None:
    summary = completeness(draft(child_views=""))
    assert summary.warnings[0] == CHILD_VIEWS_MISSING
    assert summary.child_views_missing
    assert not summary.complete


def test_child_views_in_a_few_words_are_enough() -> None:
    short = " ".join(["w"] * CHILD_VIEWS_THIN_WORDS)
    summary = completeness(draft(child_views=short))
    assert next(s for s in summary.sections if s.name == "child_views").status == "done"


def test_not_seen_no_factors_no_history() -> None:
    summary = completeness(draft(child_seen_on=None, factors=[], history=""))
    assert CHILD_NOT_SEEN in summary.warnings
    assert NO_FACTORS in summary.warnings
    assert NO_HISTORY in summary.warnings
    assert CHILD_VIEWS_MISSING not in summary.warnings


def test_thin_sections_are_marked_thin() -> None:
    summary = completeness(draft(parenting_capacity="Mum is fine."))
    section = next(s for s in summary.sections if s.name == "parenting_capacity")
    assert (section.status, section.words) == ("thin", 3)
    assert not summary.complete


def test_reassessment_is_flagged() -> None:
    summary = completeness(draft(), previous_authorised_on=datetime.date(2026, 3, 2))
    assert summary.is_reassessment
    assert any(w.startswith("Reassessment") and "2 March 2026" in w for w in summary.warnings)
