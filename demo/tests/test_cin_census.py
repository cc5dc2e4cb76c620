"""The demo authority's CIN census for the latest complete year passes the DfE validator."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from returns.cin_census.service import build_return
from returns.cin_census.validation import run_validator, validator_command
from returns.cin_census.writer import write_census

from .test_load_demo_data import load


@pytest.mark.django_db(transaction=True)
def test_census_2026_has_no_validator_errors(tmp_path: Path) -> None:
    python = Path(validator_command(tmp_path / "x.xml")[0])
    if not python.exists():
        pytest.fail(f"The CIN census validator is missing ({python}): run make test to install it")
    call_command("flush", "--noinput")  # in case another module left data behind
    try:
        load(scale="0.05")
        census = build_return(2026)
        assert len(census.children) > 50
        path = tmp_path / "cin_census_2026.xml"
        path.write_bytes(write_census(census))
        result = run_validator(path, 2026)
    finally:
        call_command("flush", "--noinput")
    errors = [f"{f.rule} {f.child_id} {f.fields}: {f.message[:120]}" for f in result.errors]
    assert errors == []
