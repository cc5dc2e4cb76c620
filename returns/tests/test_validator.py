"""The real validator (csc-validator-be-cin in .venv-validator) on the golden set's return."""

from __future__ import annotations

from pathlib import Path

import pytest

from returns.cin_census.service import export_xml
from returns.cin_census.validation import run_validator, validate_year
from returns.models import RunStatus

from .golden_set import GENERATED_AT, YEAR, GoldenSet

# Queries the golden set raises, and why (docs/returns.md explains them):
# 2887Q: a small return uses fewer than 8 disability codes.
# 8825Q: the referral with no further action is closed RC8 without an assessment.
EXPECTED_QUERIES = {"2887Q", "8825Q"}


@pytest.mark.usefixtures("validator_installed")
def test_golden_return_has_no_errors(golden: GoldenSet, tmp_path: Path) -> None:
    path = tmp_path / "cin.xml"
    path.write_bytes(export_xml(YEAR, generated_at=GENERATED_AT))
    result = run_validator(path, YEAR)
    assert result.ruleset == "cin2025_26"
    assert result.rules_failed == ()
    assert [(f.rule, f.child_id, f.fields) for f in result.errors] == []
    queries = {f.rule for f in result.queries}
    print("Queries on the golden set:", sorted(queries))
    assert queries == EXPECTED_QUERIES
    nfa_query = next(f for f in result.queries if f.rule == "8825Q")
    assert nfa_query.child_id == golden.children["G02"].reference


@pytest.mark.usefixtures("validator_installed")
def test_a_stored_run_links_findings_to_children(golden: GoldenSet) -> None:
    run = validate_year(YEAR, trigger="command")
    assert run.status == RunStatus.OK, run.failure_reason
    assert (run.children, run.error_count, run.query_count) == (8, 0, 2)
    issue = run.issues.get(rule="8825Q")
    assert issue.person == golden.children["G02"]
    assert issue.module == "CINdetails"
    assert issue.fields == "ReasonForClosure"
    assert run.issues.get(rule="2887Q").person is None
