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
    """Events for many children in at most three queries; two when none has a contact.

    This runs inside every action, so it reads only the columns it needs (as tuples, not
    model instances) and no ORDER BY: the engine orders events itself.
    """
    result: dict[int, list[Event]] = {pid: [] for pid in person_ids}
    person_of_contact: dict[int, int] = {}
    for (
        pk,
        person_id,
        received_at,
        open_case,
        routed_at,
        rated_at,
        rating,
        decided_at,
        outcome,
    ) in (
        Contact.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list(
            "pk",
            "person_id",
            "received_at",
            "open_case",
            "routed_at",
            "rated_at",
            "rating",
            "decision__decided_at",
            "decision__outcome",
        )
    ):
        person_of_contact[pk] = person_id
        events = result[person_id]
        key = f"contact:{pk}"
        events.append(Event(ev.CONTACT_RECEIVED, received_at, key))
        if open_case:
            events.append(Event(ev.NEW_INFO_ON_OPEN_CASE, received_at, key))
        if routed_at is not None:
            events.append(Event(ev.PASSED_TO_WORKER, routed_at, key))
            # Passing an open case to its worker is the front door's decision on the contact.
            events.append(Event(ev.MASH_DECISION, routed_at, key, {"outcome": "routed"}))
        if rated_at is not None and rating:
            events.append(Event(ev.CONTACT_RATED, rated_at, key, {ev.RATING: rating}))
        if decided_at is not None:  # a threshold decision (decided_at is required on one)
            events.append(Event(ev.MASH_DECISION, decided_at, key, {"outcome": outcome}))
    # Partner requests hang off contacts: a child with no contact has none.
    if person_of_contact:
        for pk, contact_id, rating, sent_at, response_at, withdrawn_at in (
            PartnerRequest.objects.filter(contact_id__in=list(person_of_contact))
            .order_by()
            .values_list("pk", "contact_id", "rating", "sent_at", "response_at", "withdrawn_at")
        ):
            events = result[person_of_contact[contact_id]]
            key = f"pir:{pk}"
            events.append(Event(ev.PARTNER_REQUEST_SENT, sent_at, key, {ev.RATING: rating}))
            if response_at is not None:
                events.append(Event(ev.PARTNER_RESPONSE_RECEIVED, response_at, key))
            if withdrawn_at is not None:
                events.append(Event(ev.PARTNER_REQUEST_WITHDRAWN, withdrawn_at, key))
    for pk, person_id, referral_date, nfa, episode_ended_on in (
        Referral.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("pk", "person_id", "referral_date", "nfa", "episode__ended_on")
    ):
        events = result[person_id]
        key = f"referral:{pk}"
        events.append(Event(ev.REFERRAL_RECEIVED, referral_date, key))
        # Accepting the referral is the decision on the type of response (assessment, or NFA).
        events.append(Event(ev.REFERRAL_DECISION, referral_date, key, {"nfa": nfa}))
        if episode_ended_on is not None:
            events.append(Event(ev.CIN_EPISODE_CLOSED, episode_ended_on, key))
    return result
