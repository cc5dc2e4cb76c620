"""The assessments' timescale events for a child, for the clocks app (clocks.sources).

Thread `assessment:{id}`: ASSESSMENT_STARTED (K2, A2 start), CHILD_SEEN (stops A2) and
ASSESSMENT_AUTHORISED, which also names the referral thread `referral:{id}` so that one event
stops K2 (from the start) and A1 (from the referral). Its `cin_plan` attr starts A3 when the
outcome is a child in need plan. When the referral's CIN episode closes, CIN_EPISODE_CLOSED on the
assessment thread ends whatever is still running there (an authorisation the same day sorts first).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence

from timescales import Event
from timescales import events as ev

from .choices import AssessmentState, Outcome
from .models import Assessment

# The columns each assessment's events need: read as tuples, not model instances, because
# this runs inside every action.
_COLUMNS = (
    "pk",
    "person_id",
    "started_on",
    "child_seen_on",
    "state",
    "authorised_on",
    "outcome",
    "referral_id",
    "referral__episode__ended_on",
)


def _events(
    pk: int,
    started_on: datetime.date,
    child_seen_on: datetime.date | None,
    state: str,
    authorised_on: datetime.date | None,
    outcome: str,
    referral_id: int,
    episode_ended_on: datetime.date | None,
) -> list[Event]:
    key = f"assessment:{pk}"
    events = [Event(ev.ASSESSMENT_STARTED, started_on, key)]
    if child_seen_on is not None:
        events.append(Event(ev.CHILD_SEEN, child_seen_on, key))
    if state == AssessmentState.AUTHORISED and authorised_on is not None:
        events.append(
            Event(
                ev.ASSESSMENT_AUTHORISED,
                authorised_on,
                key,
                {ev.CIN_PLAN: outcome == Outcome.CIN_PLAN, "outcome": outcome},
                also=(f"referral:{referral_id}",),
            )
        )
    if episode_ended_on is not None:
        events.append(Event(ev.CIN_EPISODE_CLOSED, episode_ended_on, key))
    return events


def assessment_events_many(person_ids: Sequence[int]) -> dict[int, list[Event]]:
    # No ORDER BY in these queries: the engine orders events itself, and every action pays
    # for the sort.
    grouped: dict[int, list[Event]] = defaultdict(list)
    for pk, person_id, *fields in (
        Assessment.objects.filter(person_id__in=person_ids).order_by().values_list(*_COLUMNS)
    ):
        grouped[person_id].extend(_events(pk, *fields))
    return dict(grouped)


def assessment_events(person_id: int) -> list[Event]:
    return assessment_events_many([person_id]).get(person_id, [])
