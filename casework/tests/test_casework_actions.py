from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from casework import actions
from casework.models import Allocation, CaseNote, Event
from casework.queries import chronology
from csc.errors import ActionError
from csc.testing import TODAY, Personas


@pytest.mark.django_db
def test_every_action_writes_one_event(personas: Personas) -> None:
    before = Event.objects.count()
    actions.add_case_note(
        actor=personas.worker,
        person=personas.child,
        kind="phone",
        occurred_on=datetime.date(2026, 11, 19),
        text="Spoke to mum",
        today=TODAY,
    )
    assert Event.objects.count() == before + 1
    event = Event.objects.order_by("-pk").first()
    assert event is not None
    assert (event.kind, event.actor, event.person) == ("case_note", personas.worker, personas.child)
    assert event.occurred_at.date() == datetime.date(2026, 11, 19)


@pytest.mark.django_db
def test_reallocation_keeps_history(personas: Personas) -> None:
    actions.allocate(
        actor=personas.manager,
        person=personas.child,
        team=personas.team_a,
        worker=personas.colleague,
        started_on=datetime.date(2026, 11, 10),
        reason="Worker leaving",
        today=TODAY,
    )
    history = list(Allocation.objects.filter(person=personas.child).order_by("started_on"))
    assert [a.worker for a in history] == [personas.worker, personas.colleague]
    assert history[0].ended_on == datetime.date(2026, 11, 10)
    assert history[1].ended_on is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"worker_name": "other_worker"}, "worker"),
        ({"reason": " "}, "reason"),
        ({"started_on": datetime.date(2027, 1, 1)}, "started_on"),
    ],
)
def test_bad_allocations_are_refused(
    personas: Personas, kwargs: dict[str, object], field: str
) -> None:
    worker = getattr(personas, str(kwargs.pop("worker_name", "colleague")))
    values: dict[str, Any] = {"reason": "Reallocated", "started_on": datetime.date(2026, 11, 10)}
    values.update(kwargs)
    with pytest.raises(ActionError) as caught:
        actions.allocate(
            actor=personas.manager,
            person=personas.child,
            team=personas.team_a,
            worker=worker,
            today=TODAY,
            **values,
        )
    assert field in caught.value.errors
    assert Allocation.objects.filter(person=personas.child).count() == 1


@pytest.mark.django_db
def test_only_managers_allocate(personas: Personas) -> None:
    with pytest.raises(ActionError):
        actions.allocate(
            actor=personas.worker,
            person=personas.child,
            team=personas.team_a,
            worker=personas.colleague,
            started_on=TODAY,
            reason="x",
            today=TODAY,
        )


@pytest.mark.django_db
def test_visit_note_needs_child_seen_answer(personas: Personas) -> None:
    with pytest.raises(ActionError) as caught:
        actions.add_case_note(
            actor=personas.worker,
            person=personas.child,
            kind="visit",
            occurred_on=TODAY,
            text="Visited",
            today=TODAY,
        )
    assert "child_seen" in caught.value.errors
    assert not CaseNote.objects.exists()


@pytest.mark.django_db
def test_chronology_filters_and_significance(personas: Personas) -> None:
    note = actions.add_case_note(
        actor=personas.worker,
        person=personas.child,
        kind="meeting",
        occurred_on=datetime.date(2026, 11, 2),
        text="Strategy",
        today=TODAY,
    )
    event = Event.objects.get(subject_type="casework.casenote", subject_id=note.pk)
    actions.mark_significant(actor=personas.worker, event=event, significant=True)
    significant = list(chronology(personas.child, significant_only=True))
    assert significant == [event]
    # The marking itself is audited but is not a chronology entry.
    assert Event.objects.filter(kind="chronology_marked").exists()
    assert not chronology(personas.child, kinds=["chronology_marked"]).exists()
    in_range = chronology(
        personas.child, date_from=datetime.date(2026, 11, 2), date_to=datetime.date(2026, 11, 2)
    )
    assert list(in_range) == [event]


@pytest.mark.django_db
def test_add_note_page_shows_gov_uk_errors_and_saves_nothing(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.worker)
    response = client.post(
        f"/people/{personas.child.pk}/notes/new/",
        {
            "kind": "visit",
            "occurred_on_0": "31",
            "occurred_on_1": "2",
            "occurred_on_2": "2026",
            "text": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Date must be a real date" in html
    assert "govuk-form-group--error" in html
    assert not CaseNote.objects.exists()


@pytest.mark.django_db
def test_child_record_page_shows_the_essentials(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    client.force_login(personas.worker)
    with django_assert_max_num_queries(40):
        html = client.get(f"/people/{personas.child.pk}/").content.decode()
    for expected in (
        "Amara Testington",
        "Grace Testington",
        "mother",
        "Wendy Worker",
        "Assessment Team A",
        "Black African",
    ):
        assert expected in html


def _episode(personas: Personas, start: datetime.date, end: datetime.date | None = None) -> Any:
    episode = actions.open_episode(
        actor=personas.manager,
        person=personas.child,
        kind="early_help",
        started_on=start,
        today=TODAY,
    )
    if end is not None:
        actions.close_episode(actor=personas.manager, episode=episode, ended_on=end, today=TODAY)
    return episode


@pytest.mark.django_db
def test_episodes_of_one_kind_never_overlap(personas: Personas) -> None:
    """CIN census rule 8820: a child's episodes must not overlap, whatever order they are
    recorded in."""
    later = _episode(personas, datetime.date(2026, 3, 1), datetime.date(2026, 6, 30))
    with pytest.raises(ActionError) as covered:
        _episode(personas, datetime.date(2026, 4, 1))
    assert "from 1 March 2026 to 30 June 2026 covers this start date" in str(covered.value)
    earlier = _episode(personas, datetime.date(2025, 12, 1))  # back-dated: allowed to start
    with pytest.raises(ActionError) as overlaps:
        actions.close_episode(
            actor=personas.manager, episode=earlier, ended_on=datetime.date(2026, 3, 10)
        )
    assert "starts on 1 March 2026: end this one before then" in str(overlaps.value)
    earlier.refresh_from_db()
    assert earlier.ended_on is None
    actions.close_episode(
        actor=personas.manager, episode=earlier, ended_on=datetime.date(2026, 2, 28), today=TODAY
    )
    assert {later.pk, earlier.pk} <= set(personas.child.episodes.values_list("pk", flat=True))
