"""Check a year's CIN census with the DfE-rule validator and store the run (nightly by cron).

Each run is stored with what it found, so running it again simply adds a newer run: the
readiness page shows the latest and the trend. Exits 1 if the validator could not run.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from returns.cin_census.config import collection_year_for
from returns.cin_census.validation import validate_year
from returns.models import RunStatus, RunTrigger


class Command(BaseCommand):
    help = (
        "Validate the CIN census for a collection year (the year of the 31 March it ends on; "
        "default: the year in progress) and store the findings for the readiness page."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=None, help="Collection year, e.g. 2026.")
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            metavar="SECONDS",
            help="Stop the validator after this long (default: VALIDATOR_TIMEOUT_SECONDS). "
            "A large authority's return can take the validator 20 minutes or more.",
        )
        parser.add_argument(
            "--fail-on-errors",
            action="store_true",
            help="Exit with status 2 when the validator reports errors (queries do not count).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or collection_year_for(timezone.localdate())
        timeout = options["timeout"]
        if timeout is not None and timeout <= 0:
            raise CommandError("--timeout must be a number of seconds above 0")
        run = validate_year(year, trigger=RunTrigger.COMMAND, timeout=timeout)
        if run.status != RunStatus.OK:
            raise CommandError(
                f"CIN census {year}: the validator could not run. {run.failure_reason}"
            )
        self.stdout.write(
            f"CIN census {year}: {run.children} children, {run.error_count} errors, "
            f"{run.query_count} queries (run {run.pk}, {run.ruleset}, validator "
            f"{run.validator_version})"
        )
        if options["fail_on_errors"] and run.error_count:
            raise CommandError(f"{run.error_count} errors", returncode=2)
