"""This app's timescale events for a child, for the clocks app (clocks.sources).

Threads:
- `sd:{discussion id}`: a strategy discussion that did not start an enquiry (stops C1 only);
- `s47:{enquiry id}`: the strategy discussion that started it (C2 start), S47_CONCLUDED, ICPC;
- `sda:{action id}`: each strategy discussion action (SDA, deadline = the agreed date);
- `transfer:{id}`: transfer-in notified and its conference (C10);
- `cp:{plan id}`: CP plan started, core groups, reviews, visits where the child was seen, ended
  (C4-C8);
- `cin:{plan id}`: CIN plan started, reviews, visits where the child was seen, ended (A4, A5);
- `cinep:{episode id}`: CIN_EPISODE_CLOSED, with `also` = every thread above in that episode.

Visits where the child was not seen are not visits for C8/A5 ("child seen").

This runs inside every action, so it reads only the columns it needs (as tuples, not model
instances), with no ORDER BY (the engine orders events itself; child rows keep their model
order), and skips reads that cannot find anything: every s47 comes from a strategy discussion,
every conference from a s47 or a transfer-in (a check constraint), every CP plan from a
conference, all for the same child (the actions copy the child across). So a child with
neither a strategy discussion nor a transfer-in costs three queries (discussions, transfers,
CIN plans), and one with no CIN plan no assessment read.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from casework.choices import EpisodeKind
from casework.models import Episode
from timescales import Event
from timescales import events as ev

from .models import (
    CINPlan,
    CINReview,
    CINVisit,
    Conference,
    CoreGroup,
    CPPlan,
    CPVisit,
    ReviewConference,
    Section47,
    StrategyAction,
    StrategyDiscussion,
    TransferIn,
)


def protection_events_many(person_ids: Sequence[int]) -> dict[int, list[Event]]:
    events: dict[int, list[Event]] = defaultdict(list)
    # Threads per CIN episode, so closing the episode ends them all.
    threads: dict[int, list[str]] = defaultdict(list)

    discussions = list(
        StrategyDiscussion.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("pk", "person_id", "held_at", "episode_id")
    )
    s47_by_discussion: dict[int, tuple[int, int, datetime.date | None, bool | None]] = {}
    if discussions:  # every s47 is started by a strategy discussion
        s47_by_discussion = {
            discussion_id: (pk, person_id, completed_on, icpc_needed)
            for pk, person_id, discussion_id, completed_on, icpc_needed in (
                Section47.objects.filter(person_id__in=person_ids)
                .order_by()
                .values_list("pk", "person_id", "discussion_id", "completed_on", "icpc_needed")
            )
        }
    held: dict[int, tuple[int, datetime.date, int]] = {}
    for sd_id, person_id, held_at, episode_id in discussions:
        held_on = timezone.localdate(held_at)
        held[sd_id] = (person_id, held_on, episode_id)
        s47 = s47_by_discussion.get(sd_id)
        key = f"s47:{s47[0]}" if s47 else f"sd:{sd_id}"
        events[person_id].append(
            Event(ev.STRATEGY_DISCUSSION, held_on, key, {ev.S47_INITIATED: s47 is not None})
        )
        threads[episode_id].append(key)
    for s47_id, person_id, completed_on, icpc_needed in s47_by_discussion.values():
        if completed_on is not None:
            events[person_id].append(
                Event(
                    ev.S47_CONCLUDED,
                    completed_on,
                    f"s47:{s47_id}",
                    {ev.ICPC_NEEDED: bool(icpc_needed)},
                )
            )
    if discussions:
        for action_id, sd_id, deadline, completed_on in (
            StrategyAction.objects.filter(discussion_id__in=list(held))
            .order_by()
            .values_list("pk", "discussion_id", "deadline", "completed_on")
        ):
            person_id, held_on, episode_id = held[sd_id]
            key = f"sda:{action_id}"
            events[person_id].append(Event(ev.SD_ACTION_SET, held_on, key, {ev.DEADLINE: deadline}))
            if completed_on is not None:
                events[person_id].append(Event(ev.SD_ACTION_DONE, completed_on, key))
            threads[episode_id].append(key)
    transfers = list(
        TransferIn.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("pk", "person_id", "notified_on", "episode_id")
    )
    for transfer_id, person_id, notified_on, episode_id in transfers:
        key = f"transfer:{transfer_id}"
        events[person_id].append(Event(ev.TRANSFER_IN_NOTIFIED, notified_on, key))
        threads[episode_id].append(key)
    conferences = []
    if s47_by_discussion or transfers:  # every conference follows a s47 or a transfer-in
        conferences = list(
            Conference.objects.filter(person_id__in=person_ids)
            .order_by()
            .values_list("person_id", "section47_id", "transfer_id", "held_on", "plan_made")
        )
    for person_id, section47_id, transfer_id, held_on, plan_made in conferences:
        if section47_id is not None:
            events[person_id].append(
                Event(ev.ICPC, held_on, f"s47:{section47_id}", {ev.PLAN_MADE: plan_made})
            )
        else:
            events[person_id].append(
                Event(ev.TRANSFER_IN_CONFERENCE, held_on, f"transfer:{transfer_id}")
            )
    if conferences:  # every CP plan is made at a conference
        _cp_plan_events(person_ids, events, threads)
    _cin_plan_events(person_ids, events, threads)
    if threads:
        for episode in (
            Episode.objects.filter(
                pk__in=list(threads), kind=EpisodeKind.CHILD_IN_NEED, ended_on__isnull=False
            )
            .order_by()
            .only("pk", "person_id", "ended_on")
        ):
            assert episode.ended_on is not None
            events[episode.person_id].append(
                Event(
                    ev.CIN_EPISODE_CLOSED,
                    episode.ended_on,
                    f"cinep:{episode.pk}",
                    also=tuple(threads[episode.pk]),
                )
            )
    return dict(events)


def _by_plan(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    """(plan id, *values) rows → values by plan id, order kept."""
    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for plan_id, *values in rows:
        grouped[plan_id].append(tuple(values))
    return grouped


def _cp_plan_events(
    person_ids: Sequence[int], events: dict[int, list[Event]], threads: dict[int, list[str]]
) -> None:
    plans = list(
        CPPlan.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("pk", "person_id", "started_on", "ended_on", "cin_episode_id")
    )
    if not plans:
        return
    plan_ids = [plan[0] for plan in plans]
    # Each plan's core groups, reviews and visits in their model order (date, then pk).
    core_groups = _by_plan(
        CoreGroup.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "held_on")
    )
    reviews = _by_plan(
        ReviewConference.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "held_on")
    )
    visits = _by_plan(
        CPVisit.objects.filter(plan_id__in=plan_ids, seen=True).values_list(
            "plan_id", "visited_on", "seen_alone"
        )
    )
    for plan_id, person_id, started_on, ended_on, cin_episode_id in plans:
        key = f"cp:{plan_id}"
        out = events[person_id]
        out.append(Event(ev.CP_PLAN_STARTED, started_on, key))
        out.extend(Event(ev.CORE_GROUP, held_on, key) for (held_on,) in core_groups[plan_id])
        out.extend(Event(ev.REVIEW_CONFERENCE, held_on, key) for (held_on,) in reviews[plan_id])
        out.extend(
            Event(ev.CP_VISIT, visited_on, key, {"seen": True, "seen_alone": seen_alone})
            for visited_on, seen_alone in visits[plan_id]
        )
        if ended_on is not None:
            out.append(Event(ev.CP_PLAN_ENDED, ended_on, key))
        threads[cin_episode_id].append(key)


def _cin_plan_events(
    person_ids: Sequence[int], events: dict[int, list[Event]], threads: dict[int, list[str]]
) -> None:
    plans = list(
        CINPlan.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("pk", "person_id", "started_on", "ended_on", "episode_id")
    )
    if not plans:
        return
    plan_ids = [plan[0] for plan in plans]
    # A3 (CIN plan after an assessment) runs on the assessment's thread: starting a CIN plan
    # in the same episode stops it.
    from assessments.models import Assessment

    assessments_by_episode: dict[int, list[str]] = defaultdict(list)
    for assessment_id, episode_id in (
        Assessment.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("pk", "referral__episode_id")
    ):
        assessments_by_episode[episode_id].append(f"assessment:{assessment_id}")
    reviews = _by_plan(
        CINReview.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "held_on")
    )
    visits = _by_plan(
        CINVisit.objects.filter(plan_id__in=plan_ids, seen=True).values_list(
            "plan_id", "visited_on", "seen_alone"
        )
    )
    for plan_id, person_id, started_on, ended_on, episode_id in plans:
        key = f"cin:{plan_id}"
        out = events[person_id]
        out.append(
            Event(
                ev.CIN_PLAN_STARTED,
                started_on,
                key,
                also=tuple(assessments_by_episode.get(episode_id, ())),
            )
        )
        out.extend(Event(ev.CIN_REVIEW, held_on, key) for (held_on,) in reviews[plan_id])
        out.extend(
            Event(ev.CIN_VISIT, visited_on, key, {"seen": True, "seen_alone": seen_alone})
            for visited_on, seen_alone in visits[plan_id]
        )
        if ended_on is not None:
            out.append(Event(ev.CIN_PLAN_ENDED, ended_on, key))
        threads[episode_id].append(key)


def protection_events(person_id: int) -> list[Event]:
    return protection_events_many([person_id]).get(person_id, [])
