"""Run the community CIN census validator on one XML file and print the result as JSON.

This script runs inside the validator's own virtual environment (`.venv-validator/`, made by
`make validator`), never inside Trellis's: the validator pins old pandas and numpy. Trellis calls
it as a subprocess (returns/cin_census/validation.py):

    .venv-validator/bin/python validator/run_cin_validator.py census.xml [--year 2026]

It prints one JSON object on stdout and exits 0 when the validator ran (whatever it found):

    {"ok": true, "validator": "csc-validator-be-cin", "version": "0.1.13",
     "ruleset": "cin2025_26", "year": 2026, "rules_run": 109,
     "rules_failed": [{"rule": "…", "reason": "…"}],
     "issues": [{"rule": "2885", "message": "…", "is_query": false, "child_id": "0000042",
                 "module": "ChildProtectionPlans", "fields": ["CPPstartDate"], "row": 0}, …]}

Return-level issues (for example 2887Q) have `child_id`, `module` and `row` null. If the file
cannot be read or the validator cannot run, it prints {"ok": false, "reason": "…"} and exits 2.
Anything the validator prints while it runs is kept off stdout, so stdout is always the JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import re
import sys
import warnings
import xml.etree.ElementTree as ET
from importlib import metadata
from typing import Any

PACKAGE = "csc-validator-be-cin"
FAILED_RULE = re.compile(r"^Error with rule (\S+): (.*)$")


def _text(value: Any) -> str | None:
    """A cell from the validator's DataFrames as text (None for empty / NaN)."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
    text = str(value).strip()
    return text or None


def _row(value: Any) -> int | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def _year_from_file(root: ET.Element) -> int:
    if root.tag != "Message":
        raise ValueError(f"the root element is <{root.tag}>, not <Message>")
    reference = root.findtext("Header/CollectionDetails/ReferenceDate")
    if not reference:
        raise ValueError("the file has no Header/CollectionDetails/ReferenceDate")
    return int(reference.strip()[:4])


def validate(path: str, year: int | None) -> dict[str, Any]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        return {"ok": False, "reason": f"Could not read the census file: {exc}"}
    try:
        year = year or _year_from_file(root)
    except ValueError as exc:
        return {"ok": False, "reason": f"Not a CIN census file: {exc}"}

    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from cin_validator import cin_validator
            from cin_validator.rule_engine import RuleType
            from cin_validator.rules.ruleset_utils import get_year_ruleset

            try:
                registry = get_year_ruleset(str(year))
            except ModuleNotFoundError:
                return {
                    "ok": False,
                    "reason": f"The validator has no rules for the {year} collection year",
                }
            tables = cin_validator.process_data(cin_validator.convert_data(root))
            result = cin_validator.CinValidator(tables, registry)
    except Exception as exc:  # the validator's own failure: report it, never crash the caller
        return {"ok": False, "reason": f"The validator crashed: {type(exc).__name__}: {exc}"}

    queries = {str(code) for code, rule in registry.items() if rule.rule_type == RuleType.QUERY} | {
        str(code) for code in registry if str(code).endswith("Q")
    }
    messages = {str(code): str(rule.message or "") for code, rule in registry.items()}

    failed = []
    for line in captured.getvalue().splitlines():
        match = FAILED_RULE.match(line.strip())
        if match:
            failed.append({"rule": match.group(1), "reason": match.group(2)})

    grouped: dict[tuple[str, str | None, str | None, int | None], list[str]] = {}
    for record in result.full_issue_df.to_dict("records"):
        rule = _text(record.get("rule_code"))
        if rule is None:
            continue
        key = (
            rule,
            _text(record.get("child_id")),
            _text(record.get("tables_affected")),
            _row(record.get("row_id")),
        )
        fields = grouped.setdefault(key, [])
        field = _text(record.get("columns_affected"))
        if field and field not in fields:
            fields.append(field)
    issues = [
        {
            "rule": rule,
            "message": messages.get(rule, ""),
            "is_query": rule in queries,
            "child_id": child_id,
            "module": module,
            "fields": fields,
            "row": row,
        }
        for (rule, child_id, module, row), fields in grouped.items()
    ]
    seen_return_level = set()
    for record in result.multichild_issues.to_dict("records"):
        rule = _text(record.get("rule_code"))
        if rule is None or rule in seen_return_level:
            continue
        seen_return_level.add(rule)
        issues.append(
            {
                "rule": rule,
                "message": messages.get(rule) or _text(record.get("rule_description")) or "",
                "is_query": rule in queries,
                "child_id": None,
                "module": None,
                "fields": [],
                "row": None,
            }
        )
    issues.sort(key=lambda i: (i["rule"], i["child_id"] or "", i["module"] or "", i["row"] or 0))
    try:
        version = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        version = "unknown"
    return {
        "ok": True,
        "validator": PACKAGE,
        "version": version,
        "ruleset": f"cin{year - 1}_{str(year)[2:]}",
        "year": year,
        "rules_run": len(registry) - len(failed),
        "rules_failed": failed,
        "issues": issues,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="the CIN census XML file")
    parser.add_argument(
        "--year",
        type=int,
        help="collection year (the year of 31 March); default: from the file's ReferenceDate",
    )
    args = parser.parse_args(argv)
    outcome = validate(args.path, args.year)
    json.dump(outcome, sys.stdout)
    sys.stdout.write("\n")
    return 0 if outcome["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
