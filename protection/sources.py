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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from casework.choices import EpisodeKind
from casework.models import Episode
from timescales import Event
from timescales import events as ev

from .models import (
    CINPlan,
    Conference,
    CPPlan,
    Section47,
    StrategyAction,
    StrategyDiscussion,
    TransferIn,
)


def protection_events_many(person_ids: Sequence[int]) -> dict[int, list[Event]]:
    # No ORDER BY in these queries: the engine orders events itself, and every action pays
    # for the sort.
    events: dict[int, list[Event]] = defaultdict(list)
    # Threads per CIN episode, so closing the episode ends them all.
    threads: dict[int, list[str]] = defaultdict(list)

    s47_by_discussion = {
        s.discussion_id: s for s in Section47.objects.filter(person_id__in=person_ids).order_by()
    }
    for sd in StrategyDiscussion.objects.filter(person_id__in=person_ids).order_by():
        s47 = s47_by_discussion.get(sd.pk)
        key = f"s47:{s47.pk}" if s47 else f"sd:{sd.pk}"
        events[sd.person_id].append(
            Event(ev.STRATEGY_DISCUSSION, sd.held_on, key, {ev.S47_INITIATED: s47 is not None})
        )
        threads[sd.episode_id].append(key)
    for s47 in s47_by_discussion.values():
        if s47.completed_on is not None:
            events[s47.person_id].append(
                Event(
                    ev.S47_CONCLUDED,
                    s47.completed_on,
                    f"s47:{s47.pk}",
                    {ev.ICPC_NEEDED: bool(s47.icpc_needed)},
                )
            )
    for action in (
        StrategyAction.objects.filter(discussion__person_id__in=person_ids)
        .order_by()
        .select_related("discussion")
    ):
        sd = action.discussion
        key = f"sda:{action.pk}"
        events[sd.person_id].append(
            Event(ev.SD_ACTION_SET, sd.held_on, key, {ev.DEADLINE: action.deadline})
        )
        if action.completed_on is not None:
            events[sd.person_id].append(Event(ev.SD_ACTION_DONE, action.completed_on, key))
        threads[sd.episode_id].append(key)
    for transfer in TransferIn.objects.filter(person_id__in=person_ids).order_by():
        key = f"transfer:{transfer.pk}"
        events[transfer.person_id].append(Event(ev.TRANSFER_IN_NOTIFIED, transfer.notified_on, key))
        threads[transfer.episode_id].append(key)
    for conf in Conference.objects.filter(person_id__in=person_ids).order_by():
        if conf.section47_id is not None:
            events[conf.person_id].append(
                Event(
                    ev.ICPC,
                    conf.held_on,
                    f"s47:{conf.section47_id}",
                    {ev.PLAN_MADE: conf.plan_made},
                )
            )
        else:
            events[conf.person_id].append(
                Event(ev.TRANSFER_IN_CONFERENCE, conf.held_on, f"transfer:{conf.transfer_id}")
            )
    for plan in (
        CPPlan.objects.filter(person_id__in=person_ids)
        .order_by()
        .prefetch_related("core_groups", "reviews", "visits")
    ):
        key = f"cp:{plan.pk}"
        out = events[plan.person_id]
        out.append(Event(ev.CP_PLAN_STARTED, plan.started_on, key))
        out.extend(Event(ev.CORE_GROUP, g.held_on, key) for g in plan.core_groups.all())
        out.extend(Event(ev.REVIEW_CONFERENCE, r.held_on, key) for r in plan.reviews.all())
        out.extend(
            Event(ev.CP_VISIT, v.visited_on, key, {"seen": True, "seen_alone": v.seen_alone})
            for v in plan.visits.all()
            if v.seen
        )
        if plan.ended_on is not None:
            out.append(Event(ev.CP_PLAN_ENDED, plan.ended_on, key))
        threads[plan.cin_episode_id].append(key)
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
    for cin in (
        CINPlan.objects.filter(person_id__in=person_ids)
        .order_by()
        .prefetch_related("reviews", "visits")
    ):
        key = f"cin:{cin.pk}"
        out = events[cin.person_id]
        out.append(
            Event(
                ev.CIN_PLAN_STARTED,
                cin.started_on,
                key,
                also=tuple(assessments_by_episode.get(cin.episode_id, ())),
            )
        )
        out.extend(Event(ev.CIN_REVIEW, r.held_on, key) for r in cin.reviews.all())
        out.extend(
            Event(ev.CIN_VISIT, v.visited_on, key, {"seen": True, "seen_alone": v.seen_alone})
            for v in cin.visits.all()
            if v.seen
        )
        if cin.ended_on is not None:
            out.append(Event(ev.CIN_PLAN_ENDED, cin.ended_on, key))
        threads[cin.episode_id].append(key)
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


def protection_events(person_id: int) -> list[Event]:
    return protection_events_many([person_id]).get(person_id, [])
