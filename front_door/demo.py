"""Synthetic front-door history for the demonstration authority, written through the actions.

`generate_front_door_history` is called by the demo generator (demo/ wires it in). At scale 1 a
year brings about 15,000 contacts (in line with a mid-sized English authority), whose referrals
with the demo families' own make about 3,500; police and schools are the commonest sources.
Some partner replies are late and some decisions run over target, so the boards have something
to show.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from casework.choices import ClosureReason, EpisodeKind
from casework.events import attempt, deferred_refresh
from casework.models import Episode
from csc.errors import ActionError
from people.models import Person
from timescales.office_hours import LONDON

from . import actions
from .choices import Consent, Outcome, ReferralSource
from .models import Referral
from .practice import authority_practice, deadline

CONTACTS_PER_YEAR = 15_000

# Share of contacts by CIN source code (police and schools lead, as in the national figures).
SOURCE_WEIGHTS: dict[str, int] = {
    "6": 30, "2A": 20, "3A": 3, "3B": 3, "3C": 1, "3D": 2, "3E": 4, "3F": 5,
    "1A": 6, "1B": 1, "1C": 1, "1D": 2, "2B": 1, "4": 3, "5A": 5, "5B": 2,
    "5C": 3, "5D": 4, "7": 1, "8": 2, "9": 1, "10": 0,
}  # fmt: skip
REFERRERS = {
    "6": ("PC {n}", "Northbridge Police"),
    "2A": ("{n}, designated safeguarding lead", "Northbridge primary school"),
    "2B": ("{n}", "Education welfare service"),
    "3A": ("Dr {n}", "Northbridge Health Centre"),
    "3B": ("{n}, health visitor", "Community health"),
    "3C": ("{n}, school nurse", "Community health"),
    "3E": ("{n}, paediatric liaison", "Northbridge General A&E"),
    "4": ("{n}", "Northbridge Homes"),
    "5D": ("{n}, lead professional", "Family Hub"),
}
CONCERNS = [
    "Police attended a domestic incident at the home overnight; the children were present.",
    "The child arrived at school with a bruise on the cheek and would not say how it happened.",
    "Repeated missed health appointments and the baby has not been weighed for four months.",
    "Neighbour reports the children are often left alone in the evenings.",
    "The young person disclosed to a teacher that they are frightened to go home.",
    "Attendance has dropped to 70% and the child appears hungry most mornings.",
    "Mother has told the health visitor she is struggling with low mood and feels unable to cope.",
    "The child was found out late at night with older young people not known to the family.",
    "Family are in temporary accommodation with damp and overcrowding; the baby is unwell.",
    "Father was arrested for possession of drugs with the children in the car.",
]
# Share of contacts about children already open to social care.
OPEN_CASE_SHARE = 0.15
# Children tried for a contact before it is dropped (see generate_front_door_history).
TRIES = 3
RATING_WEIGHTS = {"red": 8, "amber": 30, "green": 45, "blue": 17}
# Outcomes by rating, weighted: with the demo's open cases (whose referrals have no contact)
# about 3,500 referrals a year at scale 1, and early help for about one contact in six (a few
# months with a Family Hub lead professional), so early help caseloads stay workable.
OUTCOME_WEIGHTS = {
    "red": {"strategy": 45, "referral": 45, "early_help": 5, "advice": 5},
    "amber": {"referral": 30, "early_help": 25, "advice": 35, "nfa": 10},
    "green": {"early_help": 20, "advice": 55, "nfa": 20, "referral": 5},
    "blue": {"nfa": 55, "advice": 40, "early_help": 5},
}
LEVEL_FOR = {"strategy": "4", "referral": "3", "early_help": "2", "advice": "1", "nfa": "1"}
AGENCIES = ["police", "health", "education", "police", "health", "housing", "probation"]
PRIMARY_NEED = (
    ["N1"] * 55 + ["N4"] * 10 + ["N5"] * 15 + ["N2"] * 6 + ["N6"] * 4 + ["N9"] * 5 + ["N3"] * 5
)
RATIONALES = {
    "strategy": "Reasonable cause to suspect significant harm; strategy discussion needed today.",
    "referral": "Needs are complex and unmet; a social work assessment is needed under s17.",
    "early_help": "Additional needs that a Family Hub lead professional can meet with consent.",
    "advice": "Concern addressed by advice to the referrer; universal services are involved.",
    "nfa": "Partner information gives no cause for concern; no further action needed.",
}


@dataclass
class FrontDoorSummary:
    contacts: int = 0
    referrals: int = 0
    early_help: int = 0
    late_responses: int = 0
    late_decisions: int = 0


def _people(staff: Any) -> list[User]:
    users = getattr(staff, "users", staff)
    return [u for u in users if isinstance(u, User) and u.is_active]


def _received(rng: random.Random, day: datetime.date) -> datetime.datetime:
    # Most contacts arrive in office hours; police notifications often overnight.
    hour = rng.choice([9, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 17, 20, 23, 2])
    return datetime.datetime.combine(day, datetime.time(hour, rng.randint(0, 59)), tzinfo=LONDON)


def generate_front_door_history(
    rng: random.Random,
    today: datetime.date,
    children: Sequence[Person],
    staff: Any,
    scale: float,
    *,
    years: float = 1.0,
    open_cases: set[int] | None = None,
    on_referral: Callable[[Referral, str], None] | None = None,
) -> FrontDoorSummary:
    """Contacts over the `years` before `today` about `children`, screened, with partner
    requests, threshold decisions, referrals (opening CIN episodes) and early help.

    `staff` is the demo's Staff (anything with `.users`) or a list of users; MASH officers
    screen and decide, team managers and heads of service authorise, partner users send some
    police contacts. Volume: 15,000 contacts a year at scale 1, proportional to scale x years.

    `open_cases` (child ids) are children open to social care today: an OPEN_CASE_SHARE of
    contacts is about one of them (and mostly goes to their worker). `on_referral`
    takes each referral forward (allocation, assessment, closure); without it most referrals
    simply close a few months later.
    """
    people = _people(staff)
    mash = [u for u in people if u.role == Role.MASH_OFFICER] or [
        u for u in people if u.role in actions.FRONT_DOOR_ROLES
    ]
    managers = [u for u in people if u.role in actions.AUTHORISING_ROLES]
    partners = [u for u in people if u.role == Role.PARTNER_AGENCY]
    kids = [c for c in children if c.is_child and c.merged_into_id is None]
    known = [c for c in kids if open_cases and c.pk in open_cases]
    others = [c for c in kids if not (open_cases and c.pk in open_cases)] or kids
    summary = FrontDoorSummary()
    if not mash or not managers or not kids:
        return summary
    practice = authority_practice()
    now = datetime.datetime.combine(today, datetime.time(23, 59), tzinfo=LONDON)
    total = int(CONTACTS_PER_YEAR * scale * years)
    start = today - datetime.timedelta(days=int(365 * years))
    span = (today - start).days
    days = sorted(start + datetime.timedelta(days=rng.randint(0, span)) for _ in range(total))
    sources, weights = zip(*SOURCE_WEIGHTS.items(), strict=True)
    with deferred_refresh():
        for day in days:
            received = _received(rng, day)
            if received > now:
                continue
            # A generated step the record does not allow (a referral while that child's case
            # was open, say) drops the contact: it is about another child instead.
            for _ in range(TRIES):
                child = rng.choice(known if known and rng.random() < OPEN_CASE_SHARE else others)
                before = dataclasses.replace(summary)
                try:
                    with attempt():
                        _one_contact(
                            rng,
                            summary,
                            practice,
                            child,
                            received,
                            now,
                            today,
                            rng.choices(sources, weights)[0],
                            mash,
                            managers,
                            partners,
                            on_referral,
                        )
                    break
                except ActionError:
                    summary = before
    return summary


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def _one_contact(
    rng: random.Random,
    summary: FrontDoorSummary,
    practice: Any,
    child: Person,
    received: datetime.datetime,
    now: datetime.datetime,
    today: datetime.date,
    source: str,
    mash: list[User],
    managers: list[User],
    partners: list[User],
    on_referral: Callable[[Referral, str], None] | None,
) -> None:
    officer = rng.choice(mash)
    by_partner = source == "6" and partners and rng.random() < 0.3
    name_pattern, agency = REFERRERS.get(source, ("{n}", ReferralSource(source).label))
    referrer = name_pattern.format(
        n=rng.choice(["Khan", "Smith", "Okafor", "Nowak", "Evans", "Patel"])
    )
    details = actions.ContactDetails(
        source=source,
        referrer_name=referrer,
        referrer_agency=agency if source not in {"1A", "1B", "1C", "9", "10"} else "",
        concerns=rng.choice(CONCERNS),
        family_consent=rng.choice(
            [Consent.YES, Consent.YES, Consent.KNOWS_NOT_CONSENTED, Consent.NO, Consent.UNKNOWN]
        ),
        immediate_risk=rng.random() < 0.03,
    )
    if by_partner:
        (contact,) = actions.record_contact(
            actor=rng.choice(partners),
            children=[
                actions.ChildAsTyped(
                    forename=child.legal_forename,
                    surname=child.legal_surname,
                    date_of_birth=child.date_of_birth,
                )
            ],
            details=details,
            received_at=received,
            now=now,
        )
        actions.link_contact(actor=officer, contact=contact, person=child)
    else:
        (contact,) = actions.record_contact(
            actor=officer,
            children=[actions.ChildAsTyped(forename="", surname="", person=child)],
            details=details,
            received_at=received,
            now=now,
        )
    summary.contacts += 1
    if contact.open_case and rng.random() < 0.8:
        actions.route_to_allocated_worker(
            actor=officer, contact=contact, at=min(now, received + _hours(rng, 0.2, 4)), now=now
        )
        return
    # The last day or two stay in the queue at various stages.
    age = now - received
    rating = _pick(rng, RATING_WEIGHTS)
    rated_at = received + _hours(rng, 0.1, 3 if rating == "red" else 8)
    if rated_at > now or (age < datetime.timedelta(hours=6) and rng.random() < 0.5):
        return
    actions.rate_contact(
        actor=officer,
        contact=contact,
        rating=rating,
        reason=f"Screened {rating}: {details.concerns[:80]}",
        rated_at=rated_at,
        practice=practice,
        now=now,
    )
    last = rated_at
    if rating in {"red", "amber"} or rng.random() < 0.3:
        for agency_code in rng.sample(AGENCIES, k=rng.randint(1, 3)):
            sent = rated_at + _hours(rng, 0.05, 1)
            if sent > now:
                break
            request = actions.request_information(
                actor=officer,
                contact=contact,
                agency=agency_code,
                lawful_basis="consent" if details.family_consent == Consent.YES else "safeguarding",
                sent_at=sent,
                practice=practice,
                now=now,
            )
            due = request.due_at or sent + datetime.timedelta(hours=24)
            late = rng.random() < 0.18
            reply = (
                due + _hours(rng, 0.5, 30) if late else sent + (due - sent) * rng.uniform(0.2, 0.95)
            )
            if reply > now:
                if rng.random() < 0.5:
                    chase = due + _hours(rng, 0.2, 2)
                    if chase < now:
                        actions.chase_request(
                            actor=officer, request=request, chased_at=chase, now=now
                        )
                continue
            if late:
                chase = due + (reply - due) / 2
                actions.chase_request(actor=officer, request=request, chased_at=chase, now=now)
                summary.late_responses += 1
            actions.record_response(
                actor=officer,
                request=request,
                responder=f"{request.get_agency_display()} MASH researcher",
                response=rng.choice(
                    [
                        "Known to us: previous incidents recorded.",
                        "Not known to this service.",
                        "Attendance and health checks up to date.",
                        "Open to our service; concerns shared.",
                    ]
                ),
                response_at=reply,
                now=now,
            )
            last = max(last, reply)
    target = deadline(rated_at, rating, table="rag", practice=practice)
    over = rng.random() < 0.12
    if target is not None and not over:
        decided = max(last, rated_at + (target - rated_at) * rng.uniform(0.3, 0.98))
    else:
        decided = max(last, (target or rated_at + _hours(rng, 4, 48))) + _hours(rng, 0.3, 20)
    if decided > now:
        return
    outcome = _pick(rng, OUTCOME_WEIGHTS[rating])
    decision = actions.decide(
        actor=rng.choice(mash),
        contact=contact,
        level=LEVEL_FOR[outcome],
        outcome=outcome,
        rationale=RATIONALES[outcome],
        decided_at=decided,
        practice=practice,
        now=now,
    )
    if decision.within_target is False:
        summary.late_decisions += 1
    if decision.needs_authorisation:
        authorised = decided + _hours(rng, 0.1, 6)
        if authorised > now:
            return
        actions.authorise_decision(
            actor=rng.choice(managers), decision=decision, authorised_at=authorised, now=now
        )
    day = timezone.localdate(decision.decided_at)
    if outcome in {Outcome.REFERRAL, Outcome.STRATEGY}:
        referral = actions.record_referral(
            actor=contact.submitted_by if not contact.submitted_by.is_partner else rng.choice(mash),
            person=child,
            contact=contact,
            referral_date=day,
            source=source,
            primary_need=rng.choice(PRIMARY_NEED),
            nfa=rng.random() < 0.06,
            today=today,
        )
        summary.referrals += 1
        if on_referral is not None:
            on_referral(referral, outcome)
        else:
            _close_later(rng, referral.episode, today, officer)
    elif (
        outcome == Outcome.EARLY_HELP
        and not Episode.objects.filter(
            person=child, kind=EpisodeKind.EARLY_HELP, ended_on__isnull=True
        ).exists()
    ):
        eh = actions.start_early_help(
            actor=officer,
            person=child,
            contact=contact,
            started_on=day,
            lead_professional=rng.choice(["Sam Hart", "Alex Osei", "Jordan Ward", "Priya Hart"]),
            organisation=rng.choice(
                ["Family Hub North", "Family Hub South", "Northbridge Primary"]
            ),
            reason=details.concerns,
            today=today,
        )
        summary.early_help += 1
        end = day + datetime.timedelta(days=rng.randint(60, 180))
        if end <= today:
            if rng.random() < 0.1:
                summary.contacts += 1  # the step-up comes back through the front door
                actions.step_up_from_early_help(
                    actor=officer,
                    early_help=eh,
                    at=_received(rng, end),
                    concerns="Needs escalated despite early help support.",
                    now=now,
                )
            else:
                actions.end_early_help(
                    actor=officer, early_help=eh, ended_on=end, end_reason="completed", today=today
                )


def _close_later(rng: random.Random, episode: Episode, today: datetime.date, actor: User) -> None:
    """Most CIN episodes from referrals close after assessment within a few months."""
    if not episode.is_open:
        return
    end = episode.started_on + datetime.timedelta(days=rng.randint(25, 200))
    if end > today or rng.random() < 0.25:
        return
    reason = rng.choice(
        [ClosureReason.RC8, ClosureReason.RC8, ClosureReason.RC7, ClosureReason.RC9]
    )
    from casework.actions import close_episode

    close_episode(actor=actor, episode=episode, ended_on=end, closure_reason=reason, today=today)


def _hours(rng: random.Random, lo: float, hi: float) -> datetime.timedelta:
    return datetime.timedelta(hours=rng.uniform(lo, hi))


def children_for_demo(people: Iterable[Person]) -> list[Person]:
    return [p for p in people if p.is_child]
