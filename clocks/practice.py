"""The authority's local practice, read once per request (or per command run).

The parsed `LocalPractice` is cached per thread and dropped at the start of every request and
whenever the row is saved, so a request never mixes two versions and a rolled-back change is
re-read rather than trusted.
"""

from __future__ import annotations

import threading

from django.core.signals import request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from timescales import LocalPractice

from .models import AuthorityPractice

_local = threading.local()


def current_practice() -> LocalPractice:
    cached = getattr(_local, "practice", None)
    if cached is not None:
        return cached
    row = AuthorityPractice.objects.filter(pk=1).first()
    practice = LocalPractice.from_mapping(row.values) if row and row.values else LocalPractice()
    # Inside a transaction the row may yet roll back: use it, but do not keep it.
    if transaction.get_autocommit():
        _local.practice = practice
    return practice


def clear_practice_cache(**_: object) -> None:
    _local.practice = None


request_started.connect(clear_practice_cache, dispatch_uid="clocks_practice_request")
post_save.connect(clear_practice_cache, sender=AuthorityPractice, dispatch_uid="clocks_practice_s")
post_delete.connect(
    clear_practice_cache, sender=AuthorityPractice, dispatch_uid="clocks_practice_d"
)
