from __future__ import annotations

import datetime
from typing import Any

import pytest

from csc.testing import TODAY
from people import actions
from people.actions import PersonDetails
from people.models import Person
from people.queries import search_people


@pytest.fixture
def people(db: None) -> dict[str, Person]:
    def make(first: str, last: str, dob: datetime.date, **extra: Any) -> Person:
        return actions.create_person(
            actor=None,
            details=PersonDetails(
                legal_forename=first, legal_surname=last, date_of_birth=dob, **extra
            ),
            confirmed_not_duplicate=True,
            today=TODAY,
        )

    return {
        "jon": make("Jonathan", "Smyth", datetime.date(2014, 1, 9), nhs_number="9434765919"),
        "john": make("John", "Smith", datetime.date(2012, 7, 1), upn="Y318123424001"),
        "zara": make("Zara", "Ahmed", datetime.date(2018, 3, 3), known_as="Zee"),
    }


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ({"name": "smith"}, {"jon", "john"}),  # spelling tolerant
        ({"name": "Smyth Jonathan"}, {"jon"}),  # order free
        ({"name": "jon smith"}, {"john"}),  # Jon sounds like John, not Jonathan
        ({"name": "zee"}, {"zara"}),  # known-as
        ({"name": "ahmad zara"}, {"zara"}),
        ({"date_of_birth": datetime.date(2012, 7, 1)}, {"john"}),
        ({"nhs_number": "943 476 5919"}, {"jon"}),
        ({"upn": "y318123424001"}, {"john"}),
        ({"name": "smith", "date_of_birth": datetime.date(2014, 1, 9)}, {"jon"}),
        ({"name": "nobody"}, set()),
    ],
)
def test_search(people: dict[str, Person], terms: dict[str, object], expected: set[str]) -> None:
    found = set(search_people(Person.objects.all(), **terms))  # type: ignore[arg-type]
    assert found == {people[k] for k in expected}
