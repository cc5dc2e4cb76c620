"""Notes recorded together (a record brought across, the demonstration authority) are exactly
what adding them one at a time writes; one bad note saves none."""

from __future__ import annotations

import datetime

import pytest

from casework import actions
from casework.actions import NoteEntry
from casework.models import CaseNote, Event
from csc.errors import ActionError
from csc.testing import TODAY, Personas
from people import actions as people_actions
from people.actions import PersonDetails

DAY = datetime.date(2026, 11, 3)


def _entries(personas: Personas) -> list[NoteEntry]:
    return [
        NoteEntry(personas.worker, "visit", DAY, " Saw Sam at home.\nRoom tidy. ", "Sam", True),
        NoteEntry(personas.colleague, "phone", DAY, "Called school", "Head teacher"),
        NoteEntry(personas.worker, "letter", TODAY, "Letter to mother", child_seen=True),
    ]


def _written(person_id: int) -> list[tuple[object, ...]]:
    notes = CaseNote.objects.filter(person_id=person_id).order_by("pk")
    events = Event.objects.filter(person_id=person_id, kind="case_note").order_by("pk")
    return [
        *notes.values_list("kind", "occurred_on", "text", "with_whom", "author_id", "child_seen"),
        *events.values_list("actor_id", "summary", "details", "occurred_at"),
    ]


@pytest.mark.django_db
def test_notes_together_are_notes_one_at_a_time(personas: Personas) -> None:
    child = personas.child  # Wendy's, in Team A
    twin = people_actions.create_person(
        actor=personas.mash,
        details=PersonDetails(legal_forename="Ama", legal_surname="Owusu", sex="F", gender="2"),
        today=TODAY,
    )
    actions.allocate(
        actor=personas.manager,
        person=twin,
        team=personas.team_a,
        worker=personas.worker,
        started_on=DAY,
        reason="New referral",
        today=TODAY,
    )
    made = actions.add_case_notes(person=child, notes=_entries(personas), today=TODAY)
    for e in _entries(personas):
        actions.add_case_note(
            actor=e.actor,
            person=twin,
            kind=e.kind,
            occurred_on=e.occurred_on,
            text=e.text,
            with_whom=e.with_whom,
            child_seen=e.child_seen,
            seen_alone=e.seen_alone,
            today=TODAY,
        )
    assert _written(child.pk) == _written(twin.pk)
    assert made[0].text == "Saw Sam at home.\nRoom tidy."
    assert made[2].child_seen is None  # only a visit records whether the child was seen


@pytest.mark.django_db
def test_one_bad_note_saves_none(personas: Personas) -> None:
    entries = _entries(personas)
    entries[1] = NoteEntry(personas.worker, "visit", DAY, "Visit, seen or not unsaid")
    with pytest.raises(ActionError) as caught:
        actions.add_case_notes(person=personas.child, notes=entries, today=TODAY)
    assert "child_seen" in caught.value.errors
    assert _written(personas.child.pk) == []


@pytest.mark.django_db
def test_every_author_must_be_able_to_see_the_child(personas: Personas) -> None:
    entries = [*_entries(personas), NoteEntry(personas.other_worker, "phone", DAY, "Call")]
    with pytest.raises(ActionError) as caught:
        actions.add_case_notes(person=personas.child, notes=entries, today=TODAY)
    assert caught.value.code == "forbidden"
    assert _written(personas.child.pk) == []
