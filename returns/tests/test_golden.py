"""The CIN census 2026 for the golden set is exactly returns/tests/golden/cin_census_2026.xml.

LAchildID is the child's record number (Person.reference), which depends on database ids, so
the comparison replaces each one by the child's key in the golden set (G01…). Regenerate the
file after an intended change with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest returns/tests/test_golden.py

and review the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from returns.cin_census.service import export_xml

from .golden_set import GENERATED_AT, YEAR, GoldenSet

GOLDEN = Path(__file__).parent / "golden" / f"cin_census_{YEAR}.xml"


def normalised_xml(golden: GoldenSet) -> str:
    xml = export_xml(YEAR, generated_at=GENERATED_AT).decode("utf-8")
    return re.sub(
        r"<LAchildID>(\w+)</LAchildID>",
        lambda m: f"<LAchildID>{golden.key_for(m.group(1))}</LAchildID>",
        xml,
    )


def test_golden_set_produces_the_expected_xml(golden: GoldenSet) -> None:
    xml = normalised_xml(golden)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(xml, encoding="utf-8")
    assert xml == GOLDEN.read_text(encoding="utf-8")


def test_children_outside_the_year_are_left_out(golden: GoldenSet) -> None:
    xml = export_xml(YEAR, generated_at=GENERATED_AT).decode("utf-8")
    for person in golden.outside:
        assert f"<LAchildID>{person.reference}</LAchildID>" not in xml
    for person in golden.children.values():
        assert f"<LAchildID>{person.reference}</LAchildID>" in xml
