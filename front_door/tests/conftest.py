from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from csc.testing import Personas
from front_door import actions
from front_door.models import Contact
from people import actions as people_actions
from people.models import Person

LONDON = ZoneInfo("Europe/London")
# A Friday afternoon. Actions take `now`, so the real date of the test run does not matter.
NOW = datetime.datetime(2026, 11, 20, 16, 0, tzinfo=LONDON)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=LONDON)


DEFAULT_RECEIVED = at(20, 9)


@pytest.fixture
def new_child(personas: Personas) -> Callable[..., Person]:
    counter = iter(range(1, 1000))

    def make(surname: str = "") -> Person:
        n = next(counter)
        return people_actions.create_person(
            actor=personas.mash,
            details=people_actions.PersonDetails(
                legal_forename=f"Kit{chr(64 + n % 26 or 1)}",
                legal_surname=surname or f"Fronttest{n}",
                date_of_birth=datetime.date(2015, 1, n % 28 + 1),
            ),
            confirmed_not_duplicate=True,
            today=NOW.date(),
        )

    return make


@pytest.fixture
def make_contact(personas: Personas) -> Callable[..., Contact]:
    def make(
        person: Person | None = None,
        *,
        received_at: datetime.datetime = DEFAULT_RECEIVED,
        actor: object = None,
        source: str = "6",
        rating: str = "",
        consent: str = "unknown",
    ) -> Contact:
        (contact,) = actions.record_contact(
            actor=actor or personas.mash,  # type: ignore[arg-type]
            children=[
                actions.ChildAsTyped(forename="Jo", surname="Typed", person=person)
                if person is None
                else actions.ChildAsTyped(forename="", surname="", person=person)
            ],
            details=actions.ContactDetails(
                source=source,
                referrer_name="PC Lane",
                referrer_agency="Northbridge Police",
                concerns="Neighbours heard shouting late at night.",
                family_consent=consent,
            ),
            received_at=received_at,
            now=NOW,
        )
        if rating:
            actions.rate_contact(
                actor=personas.mash,
                contact=contact,
                rating=rating,
                reason="Domestic abuse notification",
                rated_at=received_at + datetime.timedelta(minutes=30),
                now=NOW,
            )
        return contact

    return make
