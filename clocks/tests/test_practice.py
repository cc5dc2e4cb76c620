"""Local practice is read once per request or transaction, and never kept when it may roll back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from clocks import actions
from clocks.practice import _new_request as start_request
from clocks.practice import current_practice
from csc.testing import Personas
from timescales import LocalPractice, WorkingDays

FIFTEEN = LocalPractice(limits={"C8": WorkingDays(15)})


class _RollBack(Exception):
    pass


@pytest.fixture(autouse=True)
def _fresh(db: None) -> Iterator[None]:
    """Nothing cached, as at the start of a request; nor after the test, whose changes roll
    back (one test here runs the on-commit callbacks of a transaction that never commits).
    The practice module's own receiver is called, not the signal: Django's receiver for it
    closes database connections, which would end the test's transaction on PostgreSQL."""
    start_request()
    yield
    start_request()


def test_read_once_inside_a_transaction(django_assert_num_queries: Any) -> None:
    # Every action recomputes clocks inside its transaction: it should not re-read the row.
    assert not transaction.get_autocommit()
    with django_assert_num_queries(1):
        assert current_practice() == LocalPractice()
        assert current_practice() == LocalPractice()


def test_a_change_is_read_back_and_forgotten_when_rolled_back(personas: Personas) -> None:
    assert current_practice() == LocalPractice()
    with pytest.raises(_RollBack), transaction.atomic():
        actions.update_practice(actor=personas.admin, practice=FIFTEEN)
        assert current_practice() == FIFTEEN
        assert current_practice() == FIFTEEN
        raise _RollBack
    assert current_practice() == LocalPractice()


def test_a_change_saved_during_a_request_is_not_kept_past_its_transaction(
    personas: Personas,
) -> None:
    # Tests wrap their requests in a transaction that rolls back at the end.
    with pytest.raises(_RollBack), transaction.atomic():
        actions.update_practice(actor=personas.admin, practice=FIFTEEN)
        start_request()
        assert current_practice() == FIFTEEN
        raise _RollBack
    assert current_practice() == LocalPractice()


def test_a_committed_change_is_read_once_more_then_kept(
    personas: Personas, django_capture_on_commit_callbacks: Any, django_assert_num_queries: Any
) -> None:
    assert current_practice() == LocalPractice()
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_practice(actor=personas.admin, practice=FIFTEEN)
    with django_assert_num_queries(1):
        assert current_practice() == FIFTEEN
        assert current_practice() == FIFTEEN
