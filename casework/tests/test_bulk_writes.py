"""Bulk loads write the same rows as single actions: batched events and fewer savepoints
(clocks/tests/test_bulk_refresh.py covers refreshing children once at the end)."""

from __future__ import annotations

import datetime

import pytest

from casework import actions
from casework.events import attempt, bulk_transaction, deferred_refresh
from casework.models import CaseNote, Event
from csc.errors import ActionError
from csc.testing import TODAY, Personas

DAY = datetime.date(2026, 11, 19)


def _note(personas: Personas, text: str) -> CaseNote:
    return actions.add_case_note(
        actor=personas.worker,
        person=personas.child,
        kind="visit",
        occurred_on=DAY,
        text=text,
        child_seen=True,
        seen_alone=False,
        today=TODAY,
    )


@pytest.mark.django_db
def test_events_are_written_in_a_batch_when_the_transaction_ends(personas: Personas) -> None:
    before = Event.objects.count()
    # Refreshing a child reads the record, so it writes the buffer first: defer it, as loads do.
    with deferred_refresh(), bulk_transaction():
        note = _note(personas, "Saw the child at home")
        assert Event.objects.count() == before  # still buffered
    event = Event.objects.get(kind="case_note", subject_id=note.pk)
    assert (event.actor, event.person, event.occurred_at.date()) == (
        personas.worker,
        personas.child,
        DAY,
    )
    # Every column arrives as a single insert writes it (PostgreSQL takes the batch by COPY).
    assert event.summary == "Visit: Saw the child at home"
    assert event.details == {"note_kind": "visit", "child_seen": True, "seen_alone": False}
    assert (event.subject_type, event.subject_id) == ("casework.casenote", note.pk)
    assert event.recorded_at is not None and not event.significant


@pytest.mark.django_db
def test_a_refused_attempt_leaves_neither_rows_nor_events(personas: Personas) -> None:
    with bulk_transaction():
        with pytest.raises(ActionError), attempt():
            _note(personas, "Recorded, then the next step is refused")
            _note(personas, "")  # a note needs text
        _note(personas, "The load carries on")
    texts = set(CaseNote.objects.filter(person=personas.child).values_list("text", flat=True))
    assert "Recorded, then the next step is refused" not in texts
    assert "The load carries on" in texts
    assert Event.objects.filter(kind="case_note").count() == CaseNote.objects.count()


@pytest.mark.django_db
def test_an_uncaught_refusal_fails_the_whole_bulk_transaction(personas: Personas) -> None:
    notes = CaseNote.objects.count()
    with pytest.raises(ActionError), bulk_transaction():
        _note(personas, "Lost with the transaction")
        _note(personas, "")
    assert CaseNote.objects.count() == notes
    assert not Event.objects.filter(summary__contains="Lost with").exists()


@pytest.mark.django_db
def test_a_refused_single_action_can_be_caught_outside_a_bulk_load(personas: Personas) -> None:
    with pytest.raises(ActionError):
        _note(personas, "")
    _note(personas, "Saved after the refusal")
    assert CaseNote.objects.filter(text="Saved after the refusal").exists()
