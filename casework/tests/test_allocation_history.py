"""An allocation history (a case's handovers, e.g. from another system) is written in one
go, with exactly the rows, checks and events of allocating one step at a time."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from casework import actions
from casework.actions import Handover
from casework.models import Allocation, Event
from csc.errors import ActionError
from csc.testing import TODAY, Personas

NOV = datetime.date(2026, 11, 1)


def _history(personas: Personas) -> list[Handover]:
    p = personas
    return [
        Handover(p.manager, p.team_a, p.colleague, NOV, "Worker leaving"),
        Handover(p.manager, p.team_a, None, NOV + datetime.timedelta(days=5), "Awaiting a worker"),
        Handover(p.head, p.team_b, p.other_worker, NOV + datetime.timedelta(days=9), "Transfer"),
    ]


def _rows(person_id: int) -> list[tuple[object, ...]]:
    return list(
        Allocation.objects.filter(person_id=person_id)
        .order_by("started_on", "pk")
        .values_list("team_id", "worker_id", "started_on", "ended_on", "end_reason", "reason")
    )


def _events(person_id: int) -> list[tuple[object, ...]]:
    return list(
        Event.objects.filter(person_id=person_id, kind="allocated")
        .order_by("occurred_at", "pk")
        .values_list("actor_id", "occurred_at", "summary", "details")
    )


@pytest.mark.django_db
def test_a_history_is_what_allocating_one_step_at_a_time_writes(personas: Personas) -> None:
    child, twin = personas.child, personas.restricted_child  # both start with one allocation
    steps = _history(personas)
    made = actions.allocate_history(person=child, steps=steps, today=TODAY)
    for step in steps:
        actions.allocate(
            actor=step.actor,
            person=twin,
            team=step.team,
            worker=step.worker,
            started_on=step.started_on,
            reason=step.reason,
            today=TODAY,
        )
    # The children's first allocations differ only in their reason.
    assert [r[:5] for r in _rows(child.pk)] == [r[:5] for r in _rows(twin.pk)]
    assert _rows(child.pk)[1:] == _rows(twin.pk)[1:]
    assert _events(child.pk)[1:] == _events(twin.pk)[1:]
    rows = _rows(child.pk)
    assert [r[3] for r in rows] == [NOV, NOV + datetime.timedelta(days=5), rows[3][2], None]
    assert made[-1].ended_on is None and made[-1].worker == personas.other_worker
    assert [e[0] for e in _events(child.pk)][-3:] == [
        personas.manager.pk,
        personas.manager.pk,
        personas.head.pk,
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"worker": "other_worker"}, "worker"),  # not in team A
        ({"started_on": datetime.date(2026, 9, 1)}, "started_on"),  # before the current one
        ({"started_on": datetime.date(2026, 11, 20)}, "started_on"),  # after the next step
        ({"reason": "  "}, "reason"),
    ],
)
def test_one_bad_step_refuses_the_whole_history(
    personas: Personas, change: dict[str, object], field: str
) -> None:
    before = (_rows(personas.child.pk), _events(personas.child.pk))
    steps = _history(personas)
    change = dict(change)  # the parameter is shared between runs
    if "worker" in change:
        change["worker"] = getattr(personas, str(change["worker"]))
    steps[0] = dataclasses.replace(steps[0], **change)  # type: ignore[arg-type]
    with pytest.raises(ActionError) as caught:
        actions.allocate_history(person=personas.child, steps=steps, today=TODAY)
    assert field in caught.value.errors
    assert (_rows(personas.child.pk), _events(personas.child.pk)) == before


@pytest.mark.django_db
def test_only_managers_hand_a_case_over(personas: Personas) -> None:
    steps = [*_history(personas)]
    steps[1] = Handover(personas.worker, personas.team_a, None, steps[1].started_on, "Leaving")
    with pytest.raises(ActionError) as caught:
        actions.allocate_history(person=personas.child, steps=steps, today=TODAY)
    assert caught.value.code == "forbidden"
    assert Allocation.objects.filter(person=personas.child).count() == 1
