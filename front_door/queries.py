"""Reads for front-door pages: who sees which contact, the queue, the boards, consistency."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from accounts.access import visible_people
from accounts.models import RestrictedAccessGrant, User
from timescales import add_months

from .actions import works_front_door
from .choices import OPEN_CONTACT_STATES, EarlyHelpEnd, EarlyHelpRoute, Outcome
from .models import Contact, EarlyHelpEpisode, PartnerRequest, ThresholdDecision


def visible_contacts(user: Any) -> QuerySet[Contact]:
    """Partners: what they submitted. MASH officers and managers: every contact, except those
    about a restricted child they are not named on. Everyone else: none."""
    contacts = Contact.objects.all()
    if not isinstance(user, User) or not user.is_active:
        return contacts.none()
    if user.is_partner:
        return contacts.filter(submitted_by=user)
    if not works_front_door(user):
        return contacts.none()
    granted = Exists(RestrictedAccessGrant.objects.filter(person=OuterRef("person_id"), user=user))
    return contacts.filter(Q(person__isnull=True) | Q(person__is_restricted=False) | Q(granted))


def queue(user: User, *, rating: str = "") -> QuerySet[Contact]:
    contacts = visible_contacts(user).filter(state__in=OPEN_CONTACT_STATES)
    if rating == "unrated":
        contacts = contacts.filter(rating="")
    elif rating:
        contacts = contacts.filter(rating=rating)
    return (
        contacts.select_related("person")
        .annotate(
            open_requests=Count(
                "requests",
                filter=Q(requests__response_at__isnull=True, requests__withdrawn_at__isnull=True),
            )
        )
        .order_by("received_at", "pk")
    )


def queue_counts(user: User) -> dict[str, int]:
    rows = (
        visible_contacts(user)
        .filter(state__in=OPEN_CONTACT_STATES)
        .values_list("rating")
        .annotate(n=Count("pk"))
    )
    return {(r or "unrated"): n for r, n in rows}


def partner_board(
    user: User, *, agency: str = "", now: datetime.datetime
) -> QuerySet[PartnerRequest]:
    requests = PartnerRequest.objects.filter(
        contact__in=visible_contacts(user), response_at__isnull=True, withdrawn_at__isnull=True
    )
    if agency:
        requests = requests.filter(agency=agency)
    return (
        requests.select_related("contact", "contact__person")
        .annotate(
            overdue=Case(
                When(due_at__lt=now, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            chase_count=Count("chases"),
            last_chased=Max("chases__chased_at"),
        )
        .order_by("overdue", "due_at", "sent_at", "pk")
    )


def board_counts(user: User, *, now: datetime.datetime) -> list[dict[str, Any]]:
    rows = (
        PartnerRequest.objects.filter(
            contact__in=visible_contacts(user), response_at__isnull=True, withdrawn_at__isnull=True
        )
        .values("agency")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)))
        .order_by("agency")
    )
    return list(rows)


def awaiting_authorisation(user: User) -> QuerySet[ThresholdDecision]:
    return (
        ThresholdDecision.objects.filter(
            contact__in=visible_contacts(user),
            needs_authorisation=True,
            authorised_at__isnull=True,
        )
        .select_related("contact", "contact__person", "decided_by")
        .order_by("decided_at", "pk")
    )


# --- Consistency of thresholds -----------------------------------------------------------------


@dataclass
class OutcomeRow:
    label: str
    total: int
    counts: list[tuple[int, float]]  # per outcome: count, percentage


def _rows(groups: dict[str, Counter[str]]) -> list[OutcomeRow]:
    rows = []
    for label, counter in sorted(groups.items()):
        total = sum(counter.values())
        rows.append(
            OutcomeRow(
                label=label,
                total=total,
                counts=[
                    (counter[o], round(100 * counter[o] / total, 1) if total else 0.0)
                    for o in Outcome.values
                ],
            )
        )
    return rows


def consistency(user: User, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """Outcomes by decision-maker and by team; contacts back within 12 months of an NFA;
    step-ups within 3 months of a step-down. Counts include every child (front-door roles see
    the whole service's decisions); links are only to children the viewer may see."""
    tz = timezone.get_current_timezone()
    lo = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    hi = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    decisions = ThresholdDecision.objects.filter(decided_at__gte=lo, decided_at__lt=hi)
    by_maker: dict[str, Counter[str]] = {}
    by_team: dict[str, Counter[str]] = {}
    for first, last, username, team, outcome in decisions.values_list(
        "decided_by__first_name",
        "decided_by__last_name",
        "decided_by__username",
        "decided_by__team__name",
        "outcome",
    ):
        name = f"{first} {last}".strip() or username
        by_maker.setdefault(name, Counter())[outcome] += 1
        by_team.setdefault(team or "No team (service-wide)", Counter())[outcome] += 1

    # Contacts in the period whose child had an NFA decision in the 12 months before.
    returned: list[dict[str, Any]] = []
    nfa: dict[int, list[datetime.datetime]] = {}
    for person_id, decided_at in (
        ThresholdDecision.objects.filter(
            outcome=Outcome.NFA,
            decided_at__gte=datetime.datetime.combine(
                add_months(start, -12), datetime.time.min, tzinfo=tz
            ),
            decided_at__lt=hi,
            contact__person__isnull=False,
        )
        .order_by("decided_at")
        .values_list("contact__person_id", "decided_at")
    ):
        nfa.setdefault(person_id, []).append(decided_at)
    seen: set[int] = set()
    for contact in (
        Contact.objects.filter(received_at__gte=lo, received_at__lt=hi, person_id__in=list(nfa))
        .select_related("person")
        .order_by("received_at")
    ):
        assert contact.person_id is not None
        earlier = [
            d
            for d in nfa[contact.person_id]
            if d < contact.received_at
            and timezone.localdate(contact.received_at) <= add_months(timezone.localdate(d), 12)
        ]
        if earlier and contact.person_id not in seen:
            seen.add(contact.person_id)
            returned.append({"contact": contact, "nfa_at": earlier[-1]})

    step_ups: list[dict[str, Any]] = []
    for eh in (
        EarlyHelpEpisode.objects.filter(
            route=EarlyHelpRoute.STEP_DOWN,
            end_reason=EarlyHelpEnd.STEP_UP,
            ended_on__gte=start,
            ended_on__lte=end,
        )
        .select_related("person")
        .order_by("ended_on")
    ):
        assert eh.ended_on is not None
        if eh.ended_on <= add_months(eh.started_on, 3):
            step_ups.append({"episode": eh})
    ids = {r["contact"].person_id for r in returned} | {r["episode"].person_id for r in step_ups}
    visible = set(visible_people(user).filter(pk__in=ids).values_list("pk", flat=True))
    for r in returned:
        r["visible"] = r["contact"].person_id in visible
    for r in step_ups:
        r["visible"] = r["episode"].person_id in visible
    return {
        "outcomes": [label for _, label in Outcome.choices],
        "by_maker": _rows(by_maker),
        "by_team": _rows(by_team),
        "total": decisions.count(),
        "returned": returned,
        "step_ups": step_ups,
    }
