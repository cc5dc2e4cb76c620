"""Deadlines for MASH decisions and partner requests: working hours across weekends and bank
holidays, clock hours across a clock change, and recomputation when targets change."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.management import call_command

from csc.testing import Personas
from front_door import actions, practice
from front_door.models import Contact, PartnerRequest
from people.models import Person
from timescales import HourTarget, LocalPractice

from .conftest import LONDON, NOW, at


def dt(y: int, m: int, d: int, h: int, mi: int = 0) -> datetime.datetime:
    return datetime.datetime(y, m, d, h, mi, tzinfo=LONDON)


CLOCK = LocalPractice(
    rag_targets={"red": HourTarget("clock_hours", 4), "green": HourTarget("clock_hours", 72)},
    partner_targets={"red": HourTarget("clock_hours", 2), "amber": HourTarget("clock_hours", 24)},
)

# (why, start, rating, table, practice, expected due)
CASES = [
    # Default office hours: Mon-Thu 09:00-17:15, Fri 09:00-17:00.
    ("same day", dt(2026, 11, 18, 10), "red", "partner", None, dt(2026, 11, 18, 12)),
    ("Friday into Monday", dt(2026, 11, 20, 16), "red", "partner", None, dt(2026, 11, 23, 10)),
    ("red decision over weekend", dt(2026, 11, 20, 16), "red", "rag", None, dt(2026, 11, 23, 12)),
    ("started on Saturday", dt(2026, 11, 21, 10), "red", "partner", None, dt(2026, 11, 23, 11)),
    ("started before opening", dt(2026, 11, 18, 7), "amber", "partner", None, dt(2026, 11, 18, 15)),
    (
        "amber 24 working hours spans days",
        dt(2026, 11, 16, 9),
        "amber",
        "rag",
        None,
        # Mon 8.25 h, Tue 8.25 h, Wed 7.5 h more: 16:30 Wednesday.
        dt(2026, 11, 18, 16, 30),
    ),
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    ("over Easter", dt(2026, 4, 2, 16, 15), "red", "partner", None, dt(2026, 4, 7, 10)),
    # Christmas 2026: Friday 25th, Boxing Day substitute Monday 28th; Christmas Eve is open.
    ("over Christmas", dt(2026, 12, 24, 16, 15), "amber", "partner", None, dt(2026, 12, 29, 14)),
    (
        "Christmas Eve is a working day",
        dt(2026, 12, 24, 9),
        "red",
        "partner",
        None,
        dt(2026, 12, 24, 11),
    ),
    # Clock hours run through nights, weekends and holidays.
    ("clock hours overnight", dt(2026, 11, 20, 16), "red", "rag", CLOCK, dt(2026, 11, 20, 20)),
    (
        "clock hours at Christmas",
        dt(2026, 12, 24, 16),
        "amber",
        "partner",
        CLOCK,
        dt(2026, 12, 25, 16),
    ),
    # The clocks go forward on 29 March 2026: 24 real hours ends at 13:00 local.
    ("clock hours across DST", dt(2026, 3, 28, 12), "amber", "partner", CLOCK, dt(2026, 3, 29, 13)),
    (
        "default green is 72 clock hours",
        dt(2026, 11, 20, 16),
        "green",
        "rag",
        None,
        dt(2026, 11, 23, 16),
    ),
]


@pytest.mark.parametrize(
    ("why", "start", "rating", "table", "local", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_deadline(
    why: str,
    start: datetime.datetime,
    rating: str,
    table: str,
    local: LocalPractice | None,
    expected: datetime.datetime,
) -> None:
    assert (
        practice.deadline(start, rating, table=table, practice=local or LocalPractice()) == expected
    )


@pytest.mark.parametrize("rating", ["blue", "", "purple"])
def test_no_target_no_deadline(rating: str) -> None:
    assert (
        practice.deadline(dt(2026, 11, 20, 9), rating, table="rag", practice=LocalPractice())
        is None
    )


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        (dt(2026, 11, 20, 16), dt(2026, 11, 23, 10), 2.0),  # Friday 1 h + Monday 1 h
        (dt(2026, 4, 2, 17), dt(2026, 4, 7, 9, 30), 0.75),  # Easter closed
        (dt(2026, 11, 18, 12), dt(2026, 11, 18, 11), 0.0),
    ],
)
def test_working_hours_between(
    start: datetime.datetime, end: datetime.datetime, hours: float
) -> None:
    assert practice.working_hours_between(start, end, practice=LocalPractice()) == hours


def test_changing_targets_moves_open_requests_only(
    personas: Personas,
    new_child: Callable[..., Person],
    make_contact: Callable[..., Contact],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    contact = make_contact(new_child(), received_at=at(18, 9), rating="red")
    sent = at(18, 10)
    open_request = actions.request_information(
        actor=personas.mash,
        contact=contact,
        agency="police",
        lawful_basis="safeguarding",
        sent_at=sent,
        now=NOW,
    )
    answered = actions.request_information(
        actor=personas.mash,
        contact=contact,
        agency="health",
        lawful_basis="safeguarding",
        sent_at=sent,
        now=NOW,
    )
    actions.record_response(
        actor=personas.mash,
        request=answered,
        responder="Named nurse",
        response="Not known",
        response_at=at(18, 11),
        now=NOW,
    )
    assert open_request.due_at == dt(2026, 11, 18, 12)  # default red: 2 working hours

    slower = LocalPractice(partner_targets={"red": HourTarget("working_hours", 5)})
    monkeypatch.setattr(practice, "authority_practice", lambda: slower)
    call_command("recompute_partner_deadlines", stdout=open("/dev/null", "w"))  # noqa: SIM115

    open_request.refresh_from_db()
    answered.refresh_from_db()
    assert open_request.due_at == dt(2026, 11, 18, 15)
    assert answered.due_at == dt(2026, 11, 18, 12)  # answered: keeps the deadline it had
    contact.refresh_from_db()
    assert contact.decision_due_at == dt(2026, 11, 18, 13, 30)  # RAG targets unchanged


def test_rating_sets_decision_deadline(
    new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    contact = make_contact(new_child(), received_at=at(20, 15), rating="red")
    # Rated 15:30 Friday: 1.5 h left on Friday, 2.5 h on Monday.
    assert contact.decision_due_at == dt(2026, 11, 23, 11, 30)
    assert PartnerRequest.objects.count() == 0
