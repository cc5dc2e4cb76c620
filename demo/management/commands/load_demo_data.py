"""python manage.py load_demo_data: the synthetic Northbridge authority."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from accounts.models import Team
from demo.generator import load
from demo.staff import DEMO_LOGINS, DEMO_PASSWORD
from people.models import Person


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today must be a date like 2026-11-20, not {value!r}") from exc


_LOGINS = "\n".join(f"  {d.username:<9} {d.description}" for d in DEMO_LOGINS)


class Command(BaseCommand):
    help = (
        "Build Northbridge, an entirely synthetic London borough: about 30 teams, 250 "
        "staff and 6,000 children with families and five years of history at scale 1, "
        "all written through the actions layer. Deterministic for a seed, scale and "
        f"--today. Demo sign-ins (password {DEMO_PASSWORD}):\n{_LOGINS}"
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Size relative to the borough (1 = about 2,850 open children). Default 1.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed. Default 1.")
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="Reference date (YYYY-MM-DD) all history is built back from. "
            "Default: today's local date.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if any person record already exists (used by `make run`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scale: float = options["scale"]
        if not 0 < scale <= 100:
            raise CommandError("--scale must be more than 0 and at most 100")
        if Person.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Records already exist; demo data not loaded.")
                return
            raise CommandError(
                "The database already has person records. Load demo data into an empty "
                "database (e.g. `manage.py flush`), or pass --if-empty to skip quietly."
            )
        if Team.objects.exists():
            raise CommandError("The database already has teams; load into an empty database.")
        today = options["today"] or timezone.localdate()
        verbose = options["verbosity"] >= 2
        # With DEBUG on, Django keeps (and on SQLite re-quotes) every query for the debug
        # toolbar; over a hundred thousand writes that costs a fifth of the run.
        debug = settings.DEBUG
        settings.DEBUG = False
        try:
            summary = load(
                scale=scale,
                seed=options["seed"],
                today=today,
                progress=(lambda message: self.stderr.write(message)) if verbose else None,
            )
        finally:
            settings.DEBUG = debug
        # Fresh tables have no planner statistics; without them the first pages are slow.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(summary.describe()))
        self.stdout.write(f"Demo sign-ins (password {DEMO_PASSWORD}):")
        self.stdout.write(_LOGINS)
