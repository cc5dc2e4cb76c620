"""python manage.py export_annex_a --as-of 2026-03-31 --output annex_a.xlsx"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from returns.annex_a import export
from returns.annex_a.templates import TEMPLATES


class Command(BaseCommand):
    help = "Write Ofsted Annex A lists 1-7 for an inspection date to an Excel workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", required=True, help="Inspection date, YYYY-MM-DD")
        parser.add_argument("--output", required=True, help="Path of the .xlsx file to write")
        parser.add_argument(
            "--template-year",
            type=int,
            choices=sorted(TEMPLATES),
            help="Template year (default: the newest not after the inspection date)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = datetime.date.fromisoformat(options["as_of"])
        except ValueError as exc:
            raise CommandError("--as-of must be a date as YYYY-MM-DD") from exc
        content, counts = export(as_of, options.get("template_year"))
        Path(options["output"]).write_bytes(content)
        summary = ", ".join(f"list {n}: {c}" for n, c in counts.items())
        self.stdout.write(f"Wrote {options['output']} ({len(content):,} bytes; {summary})")
