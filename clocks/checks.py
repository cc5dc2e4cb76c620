"""System check: the timescales catalogue must load cleanly, or Trellis does not start."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.checks import CheckMessage, Error

import timescales
from timescales import Rule, check_catalogue


def catalogue_errors(rules: Iterable[Rule]) -> list[CheckMessage]:
    return [
        Error(problem, hint="Fix the rule in timescales/catalogue.py.", id="clocks.E001")
        for problem in check_catalogue(rules)
    ]


def check_timescales_catalogue(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    # Looked up at call time so a test can swap in a bad catalogue.
    return catalogue_errors(timescales.CATALOGUE)
