"""The authority's local practice, read once per request (or per command run).

The parsed `LocalPractice` is cached per thread and dropped at the start of every request and
whenever the row is saved, so a request never mixes two versions. A read inside a transaction
is kept too (every action recomputes clocks inside one), unless this thread has saved the row
in a transaction not yet committed: that value may yet roll back, so it is re-read until the
commit (or, after a rollback, until the next request).
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
    if not getattr(_local, "uncommitted", False):
        _local.practice = practice
    return practice


def _committed() -> None:
    _local.practice = None
    _local.uncommitted = False


def _new_request(**_: object) -> None:
    _local.practice = None
    # A transaction still open here (a test's, wrapping its requests) may yet roll back.
    # (in_atomic_block, not get_autocommit(): that would connect for every request.)
    if not transaction.get_connection().in_atomic_block:
        _local.uncommitted = False


def _row_changed(**_: object) -> None:
    _local.practice = None
    if transaction.get_connection().in_atomic_block:
        _local.uncommitted = True
        transaction.on_commit(_committed)


request_started.connect(_new_request, dispatch_uid="clocks_practice_request")
post_save.connect(_row_changed, sender=AuthorityPractice, dispatch_uid="clocks_practice_s")
post_delete.connect(_row_changed, sender=AuthorityPractice, dispatch_uid="clocks_practice_d")
