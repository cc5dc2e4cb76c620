"""Recording a person's address history or a household's relationships in one action
(imports, the demonstration authority): all or nothing, with the single actions' checks."""

from __future__ import annotations

import datetime

import pytest

from casework.models import Event
from csc.errors import ActionError
from csc.testing import TODAY, Personas
from people import actions
from people.models import Address, Person, Relationship

from .test_person_actions import details

pytestmark = pytest.mark.django_db
D = datetime.date


def _child() -> Person:
    return actions.create_person(actor=None, details=details(), today=TODAY)


def test_an_address_history_chains_its_moves() -> None:
    child = _child()
    actions.add_address(
        actor=None, person=child, line1="1 First St", postcode="n3 1aa", moved_in_on=D(2016, 1, 4)
    )
    made = actions.add_addresses(
        actor=None,
        person=child,
        moves=[
            actions.Move(line1="2 Second St", postcode="n3  2bb", moved_in_on=D(2019, 5, 1)),
            actions.Move(line1="3 Third St", postcode="N3 3CC", moved_in_on=D(2024, 6, 10)),
        ],
        today=TODAY,
    )
    rows = list(child.addresses.order_by("moved_in_on"))
    assert [(a.line1, a.moved_out_on) for a in rows] == [
        ("1 First St", D(2019, 4, 30)),
        ("2 Second St", D(2024, 6, 9)),
        ("3 Third St", None),
    ]
    assert rows[1].postcode == "N3 2BB"
    events = Event.objects.filter(person=child, kind="address_added")
    assert {e.subject_id for e in events} >= {a.pk for a in made}


@pytest.mark.parametrize(
    "moves",
    [
        [("2 Second St", D(2019, 5, 1)), ("3 Third St", D(2019, 5, 1))],  # not after the last
        [("2 Second St", D(2015, 5, 1))],  # before the current address
        [("2 Second St", D(2019, 5, 1)), ("", D(2020, 1, 1))],  # no first line
        [("2 Second St", D(2030, 1, 1))],  # in the future
    ],
)
def test_a_bad_move_saves_none_of_them(moves: list[tuple[str, datetime.date]]) -> None:
    child = _child()
    actions.add_address(
        actor=None, person=child, line1="1 First St", postcode="N3 1AA", moved_in_on=D(2016, 1, 4)
    )
    with pytest.raises(ActionError):
        actions.add_addresses(
            actor=None,
            person=child,
            moves=[actions.Move(line1=l1, postcode="N3 2BB", moved_in_on=d) for l1, d in moves],
            today=TODAY,
        )
    assert list(child.addresses.values_list("line1", "moved_out_on")) == [("1 First St", None)]
    assert Address.objects.filter(person=child).count() == 1


def test_a_household_is_related_at_once(personas: Personas) -> None:
    child = _child()
    made = actions.add_relationships(
        actor=None,
        relations=[
            actions.Relation(child, personas.mother, "mother", lives_with=True),
            actions.Relation(child, personas.child, "sibling", lives_with=True),
        ],
    )
    assert {(r.other_id, r.kind) for r in child.relationships.all()} == {
        (personas.mother.pk, "mother"),
        (personas.child.pk, "sibling"),
    }
    assert Event.objects.filter(kind="relationship_added", person=child).count() == len(made) == 2


@pytest.mark.parametrize("repeat", ["in the batch", "already recorded"])
def test_a_repeated_relationship_saves_none_of_them(personas: Personas, repeat: str) -> None:
    child = _child()
    mother = actions.Relation(child, personas.mother, "mother")
    if repeat == "already recorded":
        actions.add_relationships(actor=None, relations=[mother])
    before = Relationship.objects.count()
    batch = [actions.Relation(child, personas.child, "sibling"), mother]
    if repeat == "in the batch":
        batch.append(mother)
    with pytest.raises(ActionError) as caught:
        actions.add_relationships(actor=None, relations=batch)
    assert caught.value.errors["other"] == ["This relationship is already recorded"]
    assert Relationship.objects.count() == before


def test_professionals_recorded_together_are_as_if_added_alone() -> None:
    child = _child()
    twin = actions.create_person(
        actor=None, details=details(legal_forename="Ama", legal_surname="Owusu"), today=TODAY
    )
    gp = actions.Involvement("Dr Ada Stone", "gp", "Elm Surgery", D(2020, 2, 3), "020 7946 0123")
    teacher = actions.Involvement(" Sam Reed ", "teacher", " Oak Primary ", D(2023, 9, 4))
    actions.add_professionals(actor=None, person=child, involvements=[gp, teacher])
    for item in (gp, teacher):
        actions.add_professional(
            actor=None,
            person=twin,
            name=item.name,
            role=item.role,
            organisation=item.organisation,
            started_on=item.started_on,
            phone=item.phone,
        )

    def written(person: Person) -> list[tuple[object, ...]]:
        rows = person.professionals.order_by("started_on").values_list(
            "name", "role", "organisation", "phone", "started_on"
        )
        events = Event.objects.filter(person=person, kind="professional_added")
        return [*rows, *events.order_by("occurred_at").values_list("summary", "occurred_at")]

    assert written(child) == written(twin)
    assert written(child)[1][:3] == ("Sam Reed", "teacher", "Oak Primary")


def test_one_bad_professional_records_none() -> None:
    child = _child()
    good = actions.Involvement("Dr Ada Stone", "gp", "Elm Surgery", D(2020, 2, 3))
    nameless = actions.Involvement("  ", "teacher", "Oak Primary", D(2023, 9, 4))
    with pytest.raises(ActionError) as caught:
        actions.add_professionals(actor=None, person=child, involvements=[good, nameless])
    assert "name" in caught.value.errors
    assert not child.professionals.exists()
    assert not Event.objects.filter(person=child, kind="professional_added").exists()
