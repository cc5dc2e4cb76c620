"""The management commands, and the loader's fixed number of queries."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from returns.cin_census.loader import load_record
from returns.models import RunStatus, ValidationRun

from .golden_set import YEAR, GoldenSet


def test_export_writes_the_years_return(golden: GoldenSet, tmp_path: Path) -> None:
    out = tmp_path / "cin.xml"
    err = io.StringIO()
    call_command("export_cin_census", "--year", str(YEAR), "--output", str(out), stderr=err)
    xml = out.read_text()
    assert "<ReferenceDate>2026-03-31</ReferenceDate>" in xml
    assert xml.count("<Child>") == 8
    assert "8 children" in err.getvalue()


def test_loader_query_count_does_not_grow_with_children(golden: GoldenSet) -> None:
    with CaptureQueriesContext(connection) as queries:
        record = load_record(YEAR)
    assert len(record.children) == 8  # the loader reads only the year's episodes
    assert len(queries) == 12  # one per kind of row, whatever the number of children


@pytest.mark.usefixtures("validator_installed")
def test_validate_command_stores_a_run_each_time(golden: GoldenSet) -> None:
    out = io.StringIO()
    call_command("validate_cin_census", "--year", str(YEAR), stdout=out)
    call_command("validate_cin_census", "--year", str(YEAR), stdout=out)
    assert "8 children, 0 errors, 2 queries" in out.getvalue()
    runs = ValidationRun.objects.filter(year=YEAR)
    assert runs.count() == 2
    assert {r.status for r in runs} == {RunStatus.OK}
