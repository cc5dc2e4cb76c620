"""Recording an assessment's history in one write (migrations, demo history) gives the same
row and chronology as taking it through the steps, with the same checks."""

from __future__ import annotations

import datetime

import pytest

from assessments import actions
from assessments.choices import AssessmentState
from assessments.models import Assessment
from casework.models import Event
from csc.errors import ActionError
from csc.testing import Personas

from .helpers import CHILD_VOICE, FULL, START, authorised, referral, submitted

pytestmark = pytest.mark.django_db

SECTIONS = {**{name: FULL for name in actions.SECTION_FIELDS}, "child_views": CHILD_VOICE}
COMPARED = (
    "person_id", "worker_id", "started_on", "child_seen_on", "seen_alone", "seen_with",
    "factors", "outcome", "outcome_reason", "state", "submitted_on", "authorised_on",
    "authorised_by_id", "language", *actions.SECTION_FIELDS,
)  # fmt: skip


def _record(personas: Personas, **changes: object) -> actions.AssessmentRecord:
    fields: dict[str, object] = {
        "worker": personas.worker,
        "started_on": START,
        "sections": SECTIONS,
        "seen": actions.ChildSeen(START + datetime.timedelta(days=1), True),
        "factors": ["3A", "1B"],
        "outcome": "CIN_PLAN",
        "submitted_on": START + datetime.timedelta(days=3),
        "authorised_by": personas.manager,
        "authorised_on": datetime.date(2026, 11, 4),
    }
    fields.update(changes)
    return actions.AssessmentRecord(**fields)  # type: ignore[arg-type]


def _story(a: Assessment) -> list[tuple[str, int | None, datetime.datetime]]:
    events = Event.objects.filter(details__assessment_id=a.pk).order_by("pk")
    return [(e.kind, e.actor_id, e.occurred_at) for e in events]


def test_one_write_matches_the_steps(personas: Personas) -> None:
    by_steps = authorised(personas, submitted(personas))
    at_once = actions.record_assessment(
        referral=referral(personas, person=personas.restricted_child), record=_record(personas)
    )
    by_steps.refresh_from_db()
    at_once.refresh_from_db()
    for name in COMPARED:
        if name == "person_id":
            continue
        assert getattr(at_once, name) == getattr(by_steps, name), name
    assert at_once.state == AssessmentState.AUTHORISED
    steps = [(k, actor) for k, actor, _ in _story(by_steps)]
    once = [(k, actor) for k, actor, _ in _story(at_once)]
    assert once == steps
    assert [when for *_, when in _story(at_once)] == [when for *_, when in _story(by_steps)]


def test_a_draft_records_only_what_happened(personas: Personas) -> None:
    a = actions.record_assessment(
        referral=referral(personas),
        record=_record(personas, submitted_on=None, authorised_by=None, authorised_on=None),
    )
    a.refresh_from_db()
    assert a.state == AssessmentState.DRAFT
    assert a.factors == ["1B", "3A"] and a.outcome == "CIN_PLAN"
    assert "assessment_submitted" not in [k for k, *_ in _story(a)]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"seen": actions.ChildSeen(START - datetime.timedelta(days=1), True)}, "seen_on"),
        ({"factors": []}, "factors"),
        ({"submitted_on": START - datetime.timedelta(days=1)}, "submitted_on"),
        ({"authorised_on": datetime.date(2030, 1, 1)}, "authorised_on"),
    ],
)
def test_bad_history_is_refused_and_nothing_saved(
    personas: Personas, changes: dict[str, object], field: str
) -> None:
    ref = referral(personas)
    before = Event.objects.count()
    with pytest.raises(ActionError) as caught:
        actions.record_assessment(referral=ref, record=_record(personas, **changes))
    assert field in caught.value.errors
    assert not Assessment.objects.exists()
    assert Event.objects.count() == before


def test_nobody_authorises_their_own_assessment(personas: Personas) -> None:
    with pytest.raises(ActionError):
        actions.record_assessment(
            referral=referral(personas), record=_record(personas, authorised_by=personas.worker)
        )
    assert not Assessment.objects.exists()


def test_a_closing_outcome_closes_the_episode(personas: Personas) -> None:
    ref = referral(personas)
    actions.record_assessment(referral=ref, record=_record(personas, outcome="NFA"))
    ref.episode.refresh_from_db()
    assert ref.episode.ended_on == datetime.date(2026, 11, 4)
    assert ref.episode.closure_reason == "RC8"
