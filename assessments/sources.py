"""The assessments' timescale events for a child, for the clocks app (clocks.sources).

Thread `assessment:{id}`: ASSESSMENT_STARTED (K2, A2 start), CHILD_SEEN (stops A2) and
ASSESSMENT_AUTHORISED, which also names the referral thread `referral:{id}` so that one event
stops K2 (from the start) and A1 (from the referral). Its `cin_plan` attr starts A3 when the
outcome is a child in need plan. When the referral's CIN episode closes, CIN_EPISODE_CLOSED on the
assessment thread ends whatever is still running there (an authorisation the same day sorts first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from timescales import Event
from timescales import events as ev

from .choices import AssessmentState, Outcome
from .models import Assessment


def _events(a: Assessment) -> list[Event]:
    key = f"assessment:{a.pk}"
    events = [Event(ev.ASSESSMENT_STARTED, a.started_on, key)]
    if a.child_seen_on is not None:
        events.append(Event(ev.CHILD_SEEN, a.child_seen_on, key))
    if a.state == AssessmentState.AUTHORISED and a.authorised_on is not None:
        events.append(
            Event(
                ev.ASSESSMENT_AUTHORISED,
                a.authorised_on,
                key,
                {ev.CIN_PLAN: a.outcome == Outcome.CIN_PLAN, "outcome": a.outcome},
                also=(f"referral:{a.referral_id}",),
            )
        )
    ended = a.referral.episode.ended_on
    if ended is not None:
        events.append(Event(ev.CIN_EPISODE_CLOSED, ended, key))
    return events


def assessment_events_many(person_ids: Sequence[int]) -> dict[int, list[Event]]:
    # No ORDER BY in these queries: the engine orders events itself, and every action pays
    # for the sort.
    grouped: dict[int, list[Event]] = defaultdict(list)
    for a in (
        Assessment.objects.filter(person_id__in=person_ids)
        .order_by()
        .select_related("referral__episode")
    ):
        grouped[a.person_id].extend(_events(a))
    return dict(grouped)


def assessment_events(person_id: int) -> list[Event]:
    return assessment_events_many([person_id]).get(person_id, [])
