"""Write a year's CIN census return as XML (the DfE layout), built live from the record."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from returns.cin_census.config import census_period, collection_year_for
from returns.cin_census.service import build_return
from returns.cin_census.writer import write_census


class Command(BaseCommand):
    help = (
        "Export the CIN census XML for a collection year. The year is the one the collection "
        "ends in, as the DfE names it: --year 2026 is 1 April 2025 to 31 March 2026 "
        "(ReferenceDate 2026-03-31)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="Collection year: the year of the 31 March it ends on (default: the year in "
            "progress today, e.g. 2027 on 20 November 2026).",
        )
        parser.add_argument(
            "--output", "-o", default="-", help="File to write (default: standard output)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or collection_year_for(timezone.localdate())
        census = build_return(year)
        data = write_census(census)
        output = options["output"]
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        Path(output).write_bytes(data)
        start, end = census_period(year)
        self.stderr.write(
            f"CIN census {year} ({start:%-d %b %Y} to {end:%-d %b %Y}): "
            f"{len(census.children)} children, {len(data):,} bytes written to {output}"
        )
