from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from front_door.actions import recompute_partner_deadlines


class Command(BaseCommand):
    help = (
        "Recompute the deadlines of open partner information requests (and of contacts "
        "awaiting a MASH decision) from the authority's current RAG and partner targets."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = recompute_partner_deadlines()
        self.stdout.write(f"{changed} deadline(s) changed")
