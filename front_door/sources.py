"""The front door's timescale events for a child, for the clocks app (clocks.sources).

Threads: `contact:{id}` (F1 from receipt, F3 from rating, both stopped by the MASH decision;
F4 for open cases), `pir:{id}` (F3P), `referral:{id}` (F1 for referrals, A1 from referral).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from timescales import Event
from timescales import events as ev

from .models import Contact, PartnerRequest, Referral


def front_door_events(person_id: int) -> Iterable[Event]:
    return front_door_events_many([person_id])[person_id]


def front_door_events_many(person_ids: Sequence[int]) -> Mapping[int, list[Event]]:
    """Events for many children in three queries (for clocks' bulk recompute)."""
    # No ORDER BY in these queries: the engine orders events itself, and every action pays
    # for the sort.
    result: dict[int, list[Event]] = {pid: [] for pid in person_ids}
    for c in Contact.objects.filter(person_id__in=person_ids).order_by().select_related("decision"):
        assert c.person_id is not None
        events = result[c.person_id]
        key = f"contact:{c.pk}"
        events.append(Event(ev.CONTACT_RECEIVED, c.received_at, key))
        if c.open_case:
            events.append(Event(ev.NEW_INFO_ON_OPEN_CASE, c.received_at, key))
        if c.routed_at is not None:
            events.append(Event(ev.PASSED_TO_WORKER, c.routed_at, key))
            # Passing an open case to its worker is the front door's decision on the contact.
            events.append(Event(ev.MASH_DECISION, c.routed_at, key, {"outcome": "routed"}))
        if c.rated_at is not None and c.rating:
            events.append(Event(ev.CONTACT_RATED, c.rated_at, key, {ev.RATING: c.rating}))
        decision = getattr(c, "decision", None)
        if decision is not None:
            events.append(
                Event(ev.MASH_DECISION, decision.decided_at, key, {"outcome": decision.outcome})
            )
    for r in (
        PartnerRequest.objects.filter(contact__person_id__in=person_ids)
        .order_by()
        .select_related("contact")
    ):
        events = result[r.contact.person_id]  # type: ignore[index]
        key = f"pir:{r.pk}"
        events.append(Event(ev.PARTNER_REQUEST_SENT, r.sent_at, key, {ev.RATING: r.rating}))
        if r.response_at is not None:
            events.append(Event(ev.PARTNER_RESPONSE_RECEIVED, r.response_at, key))
        if r.withdrawn_at is not None:
            events.append(Event(ev.PARTNER_REQUEST_WITHDRAWN, r.withdrawn_at, key))
    for ref in (
        Referral.objects.filter(person_id__in=person_ids).order_by().select_related("episode")
    ):
        events = result[ref.person_id]
        key = f"referral:{ref.pk}"
        events.append(Event(ev.REFERRAL_RECEIVED, ref.referral_date, key))
        # Accepting the referral is the decision on the type of response (assessment, or NFA).
        events.append(Event(ev.REFERRAL_DECISION, ref.referral_date, key, {"nfa": ref.nfa}))
        if ref.episode.ended_on is not None:
            events.append(Event(ev.CIN_EPISODE_CLOSED, ref.episode.ended_on, key))
    return result
