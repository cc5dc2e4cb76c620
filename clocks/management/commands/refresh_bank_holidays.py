"""Replace the bank-holiday snapshot from a file an administrator supplies. Never fetches."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from timescales.calendar import DEFAULT_PATH, write_calendar_file


class Command(BaseCommand):
    help = (
        "Validate a gov.uk-format bank-holidays JSON file (england-and-wales) and install it "
        "as the working-day calendar. Run recompute_clocks afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", required=True, help="Path to the downloaded JSON file.")
        parser.add_argument(
            "--snapshot-version",
            dest="snapshot_version",
            default=None,
            help="Version label (e.g. the download date) if the file has none.",
        )
        parser.add_argument("--dest", default=str(DEFAULT_PATH), help="Where to write it.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["file"], encoding="utf-8") as f:
                payload = json.load(f)
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        try:
            calendar = write_calendar_file(
                payload, options["dest"], version=options["snapshot_version"]
            )
        except ValueError as exc:
            raise CommandError(f"Not installed: {exc}") from exc
        self.stdout.write(
            f"Installed {len(calendar.holidays)} bank holidays (version {calendar.version}) "
            f"to {options['dest']}."
        )
        self.stdout.write(
            "Clocks have not changed yet: restart the application (it reads the calendar once), "
            "then run `python manage.py recompute_clocks`."
        )
