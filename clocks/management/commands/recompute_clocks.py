"""Recompute every child's clocks, e.g. after a local-practice or bank-holiday change."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from clocks.recompute import recompute_everyone
from clocks.states import STATE_TAGS


class Command(BaseCommand):
    help = "Recompute stored clocks for everyone with events, and report what changed."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        result = recompute_everyone()
        took = time.monotonic() - started
        self.stdout.write(
            f"{result.changes} clocks changed ({result.inserted} added, {result.updated} "
            f"updated, {result.deleted} removed) for {result.people} children in {took:.1f}s."
        )
        for state, (label, _) in STATE_TAGS.items():
            self.stdout.write(f"  {label}: {result.states.get(state, 0)}")
