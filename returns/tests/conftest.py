from __future__ import annotations

import pytest

from csc.testing import Personas

from .golden_set import GoldenSet, build_golden_set


@pytest.fixture
def golden(personas: Personas) -> GoldenSet:
    return build_golden_set(personas)


@pytest.fixture
def validator_installed() -> None:
    """Tests that run the real validator fail (never skip) when its environment is missing."""
    from returns.cin_census.config import census_config, project_path

    python = project_path(census_config()["VALIDATOR_PYTHON"])
    if not python.exists():
        pytest.fail(
            f"The CIN census validator is not installed ({python} is missing): "
            "run make test, which installs the validator"
        )
