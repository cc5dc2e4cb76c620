"""When the validator cannot run, the run says why, the page says so plainly, nothing crashes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from csc.testing import Personas
from returns.cin_census.validation import validate_year
from returns.models import RunStatus

YEAR = 2026


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "fake_validator.py"
    path.write_text(body)
    return str(path)


@pytest.mark.django_db
def test_missing_environment_is_reported(settings: object, tmp_path: Path) -> None:
    settings.TRELLIS_CIN_CENSUS = {"VALIDATOR_PYTHON": str(tmp_path / "nowhere" / "python")}  # type: ignore[attr-defined]
    run = validate_year(YEAR)
    assert run.status == RunStatus.FAILED
    assert "not installed" in run.failure_reason
    assert "make validator" in run.failure_reason
    assert run.finished_at is not None


@pytest.mark.django_db
def test_timeout_is_reported(settings: object, tmp_path: Path) -> None:
    settings.TRELLIS_CIN_CENSUS = {  # type: ignore[attr-defined]
        "VALIDATOR_PYTHON": sys.executable,
        "VALIDATOR_SCRIPT": _script(tmp_path, "import time\ntime.sleep(10)\n"),
        "VALIDATOR_TIMEOUT_SECONDS": 0.5,
    }
    run = validate_year(YEAR)
    assert run.status == RunStatus.FAILED
    assert "did not finish within 0.5 seconds" in run.failure_reason


@pytest.mark.django_db
def test_crash_is_reported(settings: object, tmp_path: Path) -> None:
    settings.TRELLIS_CIN_CENSUS = {  # type: ignore[attr-defined]
        "VALIDATOR_PYTHON": sys.executable,
        "VALIDATOR_SCRIPT": _script(tmp_path, "raise SystemExit('pandas exploded')\n"),
    }
    run = validate_year(YEAR)
    assert run.status == RunStatus.FAILED
    assert "pandas exploded" in run.failure_reason


@pytest.mark.django_db
def test_validator_refusal_is_reported(settings: object, tmp_path: Path) -> None:
    settings.TRELLIS_CIN_CENSUS = {  # type: ignore[attr-defined]
        "VALIDATOR_PYTHON": sys.executable,
        "VALIDATOR_SCRIPT": _script(
            tmp_path,
            'import json\nprint(json.dumps({"ok": False, "reason": "No rules for 1999"}))\n',
        ),
    }
    run = validate_year(YEAR)
    assert (run.status, run.failure_reason) == (RunStatus.FAILED, "No rules for 1999")


def test_page_and_command_say_so_plainly(
    personas: Personas, client: Client, settings: object, tmp_path: Path
) -> None:
    settings.TRELLIS_CIN_CENSUS = {"VALIDATOR_PYTHON": str(tmp_path / "missing")}  # type: ignore[attr-defined]
    client.force_login(personas.director)
    response = client.post(reverse("returns:cin_census_validate", args=[YEAR]), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "could not run" in page
    assert "not installed" in page
    with pytest.raises(CommandError, match="could not run"):
        call_command("validate_cin_census", "--year", str(YEAR))


@pytest.mark.django_db
def test_command_timeout_overrides_the_configured_limit(settings: object, tmp_path: Path) -> None:
    settings.TRELLIS_CIN_CENSUS = {  # type: ignore[attr-defined]
        "VALIDATOR_PYTHON": sys.executable,
        "VALIDATOR_SCRIPT": _script(tmp_path, "import time\ntime.sleep(10)\n"),
        "VALIDATOR_TIMEOUT_SECONDS": 300,
    }
    with pytest.raises(CommandError, match=r"did not finish within 0\.5 seconds"):
        call_command("validate_cin_census", "--year", str(YEAR), "--timeout", "0.5")
    with pytest.raises(CommandError, match="above 0"):
        call_command("validate_cin_census", "--year", str(YEAR), "--timeout", "0")
