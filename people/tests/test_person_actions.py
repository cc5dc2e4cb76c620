from __future__ import annotations

import datetime

import pytest

from casework import actions as casework_actions
from casework.models import CaseNote, Event
from csc.errors import ActionError
from csc.testing import TODAY, Personas
from people import actions
from people.actions import DuplicatePersonError, PersonDetails
from people.models import Person, PersonDisability, Relationship, SearchToken


def details(**overrides: object) -> PersonDetails:
    values: dict[str, object] = {
        "legal_forename": "Kofi",
        "legal_surname": "Mensah-Example",
        "date_of_birth": datetime.date(2015, 3, 2),
        "sex": "M",
        "gender": "1",
        "ethnicity": "BAFR",
    }
    values.update(overrides)
    return PersonDetails(**values)  # type: ignore[arg-type]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"nhs_number": "9434765918"}, "nhs_number", "Enter a valid NHS number"),
        (
            {"date_of_birth": datetime.date(2026, 12, 25)},
            "date_of_birth",
            "must be today or in the past",
        ),
        ({"legal_forename": "x" * 101}, "legal_forename", "100 characters or fewer"),
        ({"legal_surname": "  "}, "legal_surname", "Enter a last name"),
        ({"upn": "A318123424001"}, "upn", "check letter"),
        ({"ethnicity": "XXXX"}, "ethnicity", "Choose an ethnicity"),
        ({"disabilities": ["NONE", "AUT"]}, "disabilities", "not both"),
        (
            {"date_of_birth": None, "expected_date_of_birth": datetime.date(2027, 12, 1)},
            "expected_date_of_birth",
            "within the next 10 months",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    overrides: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ActionError) as caught:
        actions.create_person(actor=None, details=details(**overrides), today=TODAY)
    assert any(message in m for m in caught.value.errors[field])
    assert not Person.objects.exists()
    assert not Event.objects.exists()
    assert not SearchToken.objects.exists()


@pytest.mark.django_db
def test_unborn_child_uses_expected_date() -> None:
    unborn = actions.create_person(
        actor=None,
        details=details(
            date_of_birth=None, expected_date_of_birth=datetime.date(2027, 2, 1), sex="U"
        ),
        today=TODAY,
    )
    assert unborn.is_unborn


@pytest.mark.django_db
def test_duplicate_person_is_refused_until_confirmed() -> None:
    first = actions.create_person(actor=None, details=details(), today=TODAY)
    # Spelt differently, names swapped round in the known-as, same date of birth.
    with pytest.raises(DuplicatePersonError) as caught:
        actions.create_person(
            actor=None,
            details=details(legal_forename="Coffi", legal_surname="Mensah Example"),
            today=TODAY,
        )
    assert caught.value.candidates == [first]
    assert Person.objects.count() == 1
    second = actions.create_person(
        actor=None,
        details=details(legal_forename="Coffi"),
        confirmed_not_duplicate=True,
        today=TODAY,
    )
    assert second.pk != first.pk


@pytest.mark.django_db
def test_same_nhs_number_is_never_allowed() -> None:
    actions.create_person(actor=None, details=details(nhs_number="9434765919"), today=TODAY)
    with pytest.raises(ActionError) as caught:
        actions.create_person(
            actor=None,
            details=details(
                legal_forename="Someone", legal_surname="Else", nhs_number="943 476 5919"
            ),
            confirmed_not_duplicate=True,
            today=TODAY,
        )
    assert "already has this NHS number" in caught.value.errors["nhs_number"][0]


@pytest.mark.django_db
def test_merge_moves_everything_and_fills_gaps(personas: Personas) -> None:
    keep = personas.child
    dup = actions.create_person(
        actor=personas.mash,
        details=details(
            legal_forename="Amara",
            legal_surname="Testingtonn",
            date_of_birth=keep.date_of_birth,
            upn="Y318123424001",
            disabilities=["AUT"],
            first_language="Yoruba",
        ),
        confirmed_not_duplicate=True,
        today=TODAY,
    )
    actions.add_address(
        actor=None,
        person=dup,
        line1="1 Example Row",
        postcode="n12 8qj",
        moved_in_on=datetime.date(2020, 1, 1),
        today=TODAY,
    )
    actions.add_relationship(actor=None, person=dup, other=personas.mother, kind="mother")
    sibling = actions.create_person(actor=None, details=details(legal_forename="Esi"), today=TODAY)
    actions.add_relationship(actor=None, person=dup, other=sibling, kind="sibling", lives_with=True)
    casework_actions.add_case_note(
        actor=personas.mash,
        person=dup,
        kind="phone",
        occurred_on=datetime.date(2026, 11, 1),
        text="Call with school",
        today=TODAY,
        check_access=False,
    )
    events_before = Event.objects.filter(person__in=[keep, dup]).count()

    actions.merge_people(
        actor=personas.admin, keep=keep, merge=dup, reason="Same child, typo in surname"
    )

    keep.refresh_from_db()
    dup.refresh_from_db()
    assert dup.merged_into == keep
    assert keep.upn == "Y318123424001" and keep.first_language == "Yoruba"
    assert set(keep.disabilities.values_list("code", flat=True)) == {"AUT"}
    assert keep.addresses.get().postcode == "N12 8QJ"
    assert CaseNote.objects.filter(person=keep, text="Call with school").exists()
    # The mother was on both records: kept once. The sibling moved across.
    assert Relationship.objects.filter(person=keep, other=personas.mother).count() == 1
    assert Relationship.objects.filter(person=keep, other=sibling, kind="sibling").exists()
    assert Event.objects.filter(person=keep).count() == events_before + 1
    assert not Event.objects.filter(person=dup).exists()
    assert not PersonDisability.objects.filter(person=dup).exists()
    assert not Person.objects.active().filter(pk=dup.pk).exists()


@pytest.mark.django_db
def test_only_administrators_merge(personas: Personas) -> None:
    other = actions.create_person(actor=None, details=details(), today=TODAY)
    with pytest.raises(ActionError):
        actions.merge_people(actor=personas.manager, keep=personas.child, merge=other, reason="x")
    assert Person.objects.get(pk=other.pk).merged_into is None


@pytest.mark.django_db
def test_address_history_keeps_previous_address() -> None:
    child = actions.create_person(actor=None, details=details(), today=TODAY)
    actions.add_address(
        actor=None,
        person=child,
        line1="1 Old Road",
        postcode="N3 1AA",
        moved_in_on=datetime.date(2019, 5, 1),
        today=TODAY,
    )
    actions.add_address(
        actor=None,
        person=child,
        line1="2 New Road",
        postcode="N3 2BB",
        moved_in_on=datetime.date(2024, 6, 10),
        today=TODAY,
    )
    old, new = sorted(child.addresses.all(), key=lambda a: a.moved_in_on)
    assert old.moved_out_on == datetime.date(2024, 6, 9)
    assert new.moved_out_on is None
    with pytest.raises(ActionError):
        actions.add_address(
            actor=None,
            person=child,
            line1="3 Back Road",
            postcode="N3 3CC",
            moved_in_on=datetime.date(2024, 1, 1),
            today=TODAY,
        )
