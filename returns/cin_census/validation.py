"""Check a year's CIN census with the community DfE-rule validator and store what it found.

The validator (`csc-validator-be-cin`, pinned in validator/requirements.txt) lives in its own
virtual environment, `.venv-validator/`, because it pins old pandas and numpy. We run
validator/run_cin_validator.py there as a subprocess; it prints JSON. If the environment is
missing, the validator crashes or times out, the run is stored as "could not run" with the
reason, and nothing raises.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from .config import census_config, project_path
from .service import build_return
from .writer import write_census

if TYPE_CHECKING:
    from accounts.models import User

    from ..models import ValidationRun

logger = logging.getLogger(__name__)

NOT_INSTALLED = (
    "The CIN census validator is not installed: {python} is missing. "
    "Run make validator (make test and make run install it)."
)


class ValidatorUnavailable(Exception):
    """The validator could not run; the message says why, in plain words."""


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    is_query: bool
    child_id: str | None
    module: str | None
    fields: tuple[str, ...] = ()
    row: int | None = None


@dataclass(frozen=True)
class ValidatorResult:
    version: str
    ruleset: str
    rules_run: int
    findings: tuple[Finding, ...]
    rules_failed: tuple[dict[str, str], ...] = field(default=())

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.is_query)

    @property
    def queries(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_query)


def validator_command(path: str | os.PathLike[str], year: int | None = None) -> list[str]:
    config = census_config()
    python = project_path(config["VALIDATOR_PYTHON"])
    script = project_path(config["VALIDATOR_SCRIPT"])
    command = [str(python), str(script), str(path)]
    if year is not None:
        command += ["--year", str(year)]
    return command


def run_validator(
    path: str | os.PathLike[str], year: int | None = None, *, timeout: float | None = None
) -> ValidatorResult:
    """Run the validator on one XML file, stopping it after `timeout` seconds (default: the
    configured VALIDATOR_TIMEOUT_SECONDS). Raises ValidatorUnavailable with the reason."""
    config = census_config()
    command = validator_command(path, year)
    python = Path(command[0])
    if not python.exists():
        raise ValidatorUnavailable(NOT_INSTALLED.format(python=python))
    if timeout is None:
        timeout = float(config["VALIDATOR_TIMEOUT_SECONDS"])
    try:
        completed = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=tempfile.gettempdir(),  # the package writes a log file where it is imported
        )
    except subprocess.TimeoutExpired as exc:
        raise ValidatorUnavailable(
            f"The CIN census validator did not finish within {timeout:g} seconds."
        ) from exc
    except OSError as exc:
        raise ValidatorUnavailable(f"The CIN census validator could not be started: {exc}") from exc
    try:
        payload: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError) as exc:
        tail = (completed.stderr or completed.stdout or "").strip().splitlines()[-3:]
        detail = " ".join(tail) or f"exit status {completed.returncode}"
        raise ValidatorUnavailable(f"The CIN census validator failed: {detail}") from exc
    if not payload.get("ok"):
        raise ValidatorUnavailable(str(payload.get("reason") or "The validator failed."))
    return ValidatorResult(
        version=str(payload.get("version", "")),
        ruleset=str(payload.get("ruleset", "")),
        rules_run=int(payload.get("rules_run", 0)),
        rules_failed=tuple(payload.get("rules_failed") or ()),
        findings=tuple(
            Finding(
                rule=str(i["rule"]),
                message=str(i.get("message") or ""),
                is_query=bool(i.get("is_query")),
                child_id=i.get("child_id"),
                module=i.get("module"),
                fields=tuple(i.get("fields") or ()),
                row=i.get("row"),
            )
            for i in payload.get("issues") or ()
        ),
    )


def validate_year(
    year: int,
    *,
    user: User | None = None,
    trigger: str = "page",
    timeout: float | None = None,
) -> ValidationRun:
    """Build the year's return, validate it, and store the run (always returns a stored run).
    `timeout` overrides the configured limit (a nightly run may take longer than a page's)."""
    from ..models import RunStatus, ValidationIssue, ValidationRun

    run = ValidationRun.objects.create(
        year=year, started_at=timezone.now(), trigger=trigger, triggered_by=user
    )
    try:
        census = build_return(year)
        people = census.person_ids_by_child_id()
        run.children = len(census.children)
        with tempfile.TemporaryDirectory(prefix="trellis-cin-") as folder:
            path = Path(folder) / f"cin_census_{year}.xml"
            path.write_bytes(write_census(census))
            result = run_validator(path, year, timeout=timeout)
    except Exception as exc:
        if isinstance(exc, ValidatorUnavailable):
            reason = str(exc)
        else:  # a fault of ours (building or writing the return): keep the page working
            logger.exception("CIN census %s could not be built for validation", year)
            reason = f"The return could not be built: {type(exc).__name__}: {exc}"
        run.status = RunStatus.FAILED
        run.failure_reason = reason
        run.finished_at = timezone.now()
        run.save()
        return run
    with transaction.atomic():
        ValidationIssue.objects.bulk_create(
            ValidationIssue(
                run=run,
                rule=f.rule[:12],
                message=f.message,
                is_query=f.is_query,
                child_id=(f.child_id or "")[:20],
                person_id=people.get(f.child_id or ""),
                module=(f.module or "")[:40],
                fields=", ".join(f.fields)[:250],
                row=f.row,
            )
            for f in result.findings
        )
        run.status = RunStatus.OK
        run.validator_version = result.version[:40]
        run.ruleset = result.ruleset[:20]
        run.error_count = len(result.errors)
        run.query_count = len(result.queries)
        run.rules_failed = list(result.rules_failed)
        run.finished_at = timezone.now()
        run.save()
    return run
