"""Writes about people. Views, the API, imports and demo data all call these."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from accounts.models import AccessLogEntry
from casework.events import EventKind, atomic_action, record_event, register_kinds
from csc.errors import ActionError

from .choices import Disability, Ethnicity, Gender, PersonKind, RelationshipKind, Religion, Sex
from .identifiers import nhs_number_problem, normalise_nhs_number, upn_problem
from .models import (
    Address,
    Person,
    PersonDisability,
    ProfessionalInvolvement,
    Relationship,
    SearchToken,
)
from .names import tokens_for
from .queries import likely_duplicates

if TYPE_CHECKING:
    from accounts.models import User

register_kinds(
    EventKind("person_created", "Record created"),
    EventKind("person_updated", "Details updated", "record"),
    EventKind("address_added", "Address recorded"),
    EventKind("relationship_added", "Relationship recorded"),
    EventKind("professional_added", "Professional involvement recorded"),
    EventKind("people_merged", "Records merged", "record"),
)


class DuplicatePersonError(ActionError):
    def __init__(self, candidates: list[Person]) -> None:
        self.candidates = candidates
        names = ", ".join(f"{p.legal_name} ({p.reference})" for p in candidates[:5])
        super().__init__(
            {"__all__": [f"This person may already have a record: {names}"]}, code="duplicate"
        )


@dataclass
class PersonDetails:
    """The editable facts about a person, validated together."""

    legal_forename: str
    legal_surname: str
    kind: str = PersonKind.CHILD
    known_as: str = ""
    date_of_birth: datetime.date | None = None
    expected_date_of_birth: datetime.date | None = None
    sex: str = Sex.UNKNOWN
    gender: str = Gender.NOT_KNOWN
    ethnicity: str = Ethnicity.NOBT
    first_language: str = ""
    interpreter_needed: bool = False
    religion: str = ""
    nhs_number: str = ""
    upn: str = ""
    upn_unknown: str = ""
    uasc: bool = False
    disabilities: list[str] = field(default_factory=list)

    def clean(self, *, today: datetime.date, exclude_id: int | None = None) -> None:
        self.legal_forename = self.legal_forename.strip()
        self.legal_surname = self.legal_surname.strip()
        self.known_as = self.known_as.strip()
        self.nhs_number = normalise_nhs_number(self.nhs_number)
        self.upn = self.upn.strip().upper()
        problems: dict[str, str | None] = {
            "legal_forename": "Enter a first name" if not self.legal_forename else None,
            "legal_surname": "Enter a last name" if not self.legal_surname else None,
            "kind": None if self.kind in PersonKind.values else "Choose child or adult",
            "sex": None if self.sex in Sex.values else "Choose a sex from the list",
            "gender": None if self.gender in Gender.values else "Choose a gender from the list",
            "ethnicity": None
            if self.ethnicity in Ethnicity.values
            else "Choose an ethnicity from the list",
            "religion": None
            if not self.religion or self.religion in Religion.values
            else "Choose a religion from the list",
            "nhs_number": nhs_number_problem(self.nhs_number) if self.nhs_number else None,
            "upn": upn_problem(self.upn) if self.upn else None,
        }
        for name, limit in (("legal_forename", 100), ("legal_surname", 100), ("known_as", 100)):
            if len(getattr(self, name)) > limit:
                problems[name] = f"Must be {limit} characters or fewer"
        if len(self.first_language) > 60:
            problems["first_language"] = "Must be 60 characters or fewer"
        bad = [d for d in self.disabilities if d not in Disability.values]
        if bad:
            problems["disabilities"] = "Choose disabilities from the list"
        elif "NONE" in self.disabilities and len(self.disabilities) > 1:
            problems["disabilities"] = "Choose 'No disability' or the disabilities, not both"
        if self.date_of_birth and self.date_of_birth > today:
            problems["date_of_birth"] = (
                "Date of birth must be today or in the past. For an unborn child, "
                "enter the expected date of birth instead"
            )
        if self.date_of_birth and self.date_of_birth < datetime.date(1900, 1, 1):
            problems["date_of_birth"] = "Date of birth must be after 1900"
        if self.expected_date_of_birth:
            if self.date_of_birth:
                problems["expected_date_of_birth"] = (
                    "Enter either a date of birth or an expected date of birth, not both"
                )
            elif self.expected_date_of_birth < today - datetime.timedelta(days=60):
                problems["expected_date_of_birth"] = (
                    "Expected date of birth is long past: record the date of birth"
                )
            elif self.expected_date_of_birth > today + datetime.timedelta(days=300):
                problems["expected_date_of_birth"] = (
                    "Expected date of birth must be within the next 10 months"
                )
        if self.kind == PersonKind.ADULT and self.expected_date_of_birth:
            problems["expected_date_of_birth"] = "Only a child can be unborn"
        ActionError.collect(problems)
        if self.nhs_number:
            clash = Person.objects.active().filter(nhs_number=self.nhs_number)
            if exclude_id:
                clash = clash.exclude(pk=exclude_id)
            if clash.exists():
                raise ActionError(
                    {"nhs_number": ["Another record already has this NHS number"]},
                    code="duplicate",
                )


_COPIED_FIELDS = (
    "kind",
    "legal_forename",
    "legal_surname",
    "known_as",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "gender",
    "ethnicity",
    "first_language",
    "interpreter_needed",
    "religion",
    "nhs_number",
    "upn",
    "upn_unknown",
    "uasc",
)


def _refresh_search_tokens(person: Person, *, new: bool = False) -> None:
    if not new:  # a record just created has none to replace
        SearchToken.objects.filter(person=person).delete()
    SearchToken.objects.bulk_create(
        SearchToken(person=person, token=t)
        for t in sorted(tokens_for(person.legal_forename, person.legal_surname, person.known_as))
    )


@atomic_action
def create_person(
    *,
    actor: User | None,
    details: PersonDetails,
    confirmed_not_duplicate: bool = False,
    today: datetime.date | None = None,
) -> Person:
    """Create a child or adult. Refuses likely duplicates unless the user confirms."""
    today = today or timezone.localdate()
    details.clean(today=today)
    if not confirmed_not_duplicate:
        candidates = likely_duplicates(
            forename=details.legal_forename,
            surname=details.legal_surname,
            date_of_birth=details.date_of_birth,
            nhs_number=details.nhs_number,
            kind=details.kind,
        )
        if candidates:
            raise DuplicatePersonError(candidates)
    person = Person(created_at=timezone.now(), created_by=actor)
    for name in _COPIED_FIELDS:
        setattr(person, name, getattr(details, name))
    person.save()
    PersonDisability.objects.bulk_create(
        PersonDisability(person=person, code=c) for c in sorted(set(details.disabilities))
    )
    _refresh_search_tokens(person, new=True)
    record_event(
        kind="person_created",
        actor=actor,
        person=person,
        summary=f"{person.get_kind_display()} record created for {person.legal_name}",
        subject=person,
    )
    return person


@atomic_action
def update_person(
    *, actor: User, person: Person, details: PersonDetails, today: datetime.date | None = None
) -> Person:
    today = today or timezone.localdate()
    details.clean(today=today, exclude_id=person.pk)
    changed: dict[str, Any] = {}
    for name in _COPIED_FIELDS:
        old, new = getattr(person, name), getattr(details, name)
        if old != new:
            changed[name] = {"from": str(old) if old is not None else None, "to": str(new)}
            setattr(person, name, new)
    person.save()
    old_codes = set(person.disabilities.values_list("code", flat=True))
    if old_codes != set(details.disabilities):
        changed["disabilities"] = {"from": sorted(old_codes), "to": sorted(details.disabilities)}
        person.disabilities.all().delete()
        PersonDisability.objects.bulk_create(
            PersonDisability(person=person, code=c) for c in sorted(set(details.disabilities))
        )
    _refresh_search_tokens(person)
    record_event(
        kind="person_updated",
        actor=actor,
        person=person,
        summary="Personal details updated: " + (", ".join(sorted(changed)) or "no changes"),
        details={"changed": changed},
        subject=person,
    )
    return person


@dataclass(frozen=True)
class Move:
    """An address someone moved into."""

    line1: str
    postcode: str
    moved_in_on: datetime.date
    line2: str = ""
    town: str = ""


@atomic_action
def add_address(
    *,
    actor: User | None,
    person: Person,
    line1: str,
    postcode: str,
    moved_in_on: datetime.date,
    line2: str = "",
    town: str = "",
    today: datetime.date | None = None,
) -> Address:
    """Record a new address; the current one ends the day before the move."""
    move = Move(line1=line1, postcode=postcode, moved_in_on=moved_in_on, line2=line2, town=town)
    return add_addresses(actor=actor, person=person, moves=[move], today=today)[0]


@atomic_action
def add_addresses(
    *,
    actor: User | None,
    person: Person,
    moves: Sequence[Move],
    today: datetime.date | None = None,
) -> list[Address]:
    """Record moves in date order (an address history, e.g. from another system): each
    address, and the one before it, ends the day before the next move."""
    today = today or timezone.localdate()
    if not moves:
        return []
    for move in moves:
        ActionError.collect(
            {
                "line1": "Enter the first line of the address" if not move.line1.strip() else None,
                "postcode": "Enter a postcode" if not move.postcode.strip() else None,
                "moved_in_on": "The move-in date must be today or in the past"
                if move.moved_in_on > today
                else None,
            }
        )
    current = person.addresses.filter(moved_out_on__isnull=True).first()
    previous = current.moved_in_on if current is not None else None
    for move in moves:
        if previous is not None and move.moved_in_on <= previous:
            raise ActionError(
                {"moved_in_on": ["The move-in date must be after the current address's"]}
            )
        previous = move.moved_in_on
    if current is not None:
        current.moved_out_on = moves[0].moved_in_on - datetime.timedelta(days=1)
        current.save(update_fields=["moved_out_on"])
    addresses = [
        Address(
            person=person,
            line1=move.line1.strip(),
            line2=move.line2.strip(),
            town=move.town.strip(),
            postcode=" ".join(move.postcode.upper().split()),
            moved_in_on=move.moved_in_on,
            moved_out_on=later.moved_in_on - datetime.timedelta(days=1) if later else None,
        )
        for move, later in zip(moves, [*moves[1:], None], strict=True)
    ]
    Address.objects.bulk_create(addresses)
    for address in addresses:
        record_event(
            kind="address_added",
            actor=actor,
            person=person,
            summary=f"Moved to {address}",
            occurred_at=address.moved_in_on,
            subject=address,
        )
    return addresses


@dataclass(frozen=True)
class Relation:
    """`other` is the `kind` of `person` (e.g. other is the mother of person)."""

    person: Person
    other: Person
    kind: str
    lives_with: bool = False
    has_parental_responsibility: bool = False
    started_on: datetime.date | None = None


@atomic_action
def add_relationship(
    *,
    actor: User | None,
    person: Person,
    other: Person,
    kind: str,
    lives_with: bool = False,
    has_parental_responsibility: bool = False,
    started_on: datetime.date | None = None,
) -> Relationship:
    relation = Relation(
        person=person,
        other=other,
        kind=kind,
        lives_with=lives_with,
        has_parental_responsibility=has_parental_responsibility,
        started_on=started_on,
    )
    return add_relationships(actor=actor, relations=[relation])[0]


@atomic_action
def add_relationships(*, actor: User | None, relations: Sequence[Relation]) -> list[Relationship]:
    """Record relationships (a household's at once, say): all of them, or none."""
    keys = set()
    for r in relations:
        if r.kind not in RelationshipKind.values:
            raise ActionError({"kind": ["Choose a relationship from the list"]})
        if r.person.pk == r.other.pk:
            raise ActionError({"other": ["A person cannot be related to themselves"]})
        key = (r.person.pk, r.other.pk, r.kind)
        if key in keys:
            raise ActionError({"other": ["This relationship is already recorded"]})
        keys.add(key)
    if not relations:
        return []
    # One plain read of what these people already have, compared here: a filter OR-ing a
    # term per relationship costs more to compile and plan than the rows cost to read.
    recorded = Relationship.objects.filter(person_id__in={r.person.pk for r in relations})
    if keys & set(recorded.values_list("person_id", "other_id", "kind")):
        raise ActionError({"other": ["This relationship is already recorded"]})
    made = [
        Relationship(
            person=r.person,
            other=r.other,
            kind=r.kind,
            lives_with=r.lives_with,
            has_parental_responsibility=r.has_parental_responsibility,
            started_on=r.started_on,
        )
        for r in relations
    ]
    Relationship.objects.bulk_create(made)
    for r, relationship in zip(relations, made, strict=True):
        record_event(
            kind="relationship_added",
            actor=actor,
            person=r.person,
            summary=f"{r.other.display_name} recorded as {RelationshipKind(r.kind).label.lower()}",
            occurred_at=r.started_on,
            subject=relationship,
        )
    return made


@dataclass(frozen=True)
class Involvement:
    """A professional working with someone, from `started_on`."""

    name: str
    role: str
    organisation: str
    started_on: datetime.date
    phone: str = ""
    email: str = ""


@atomic_action
def add_professional(
    *,
    actor: User | None,
    person: Person,
    name: str,
    role: str,
    organisation: str,
    started_on: datetime.date,
    phone: str = "",
    email: str = "",
) -> ProfessionalInvolvement:
    involvement = Involvement(name, role, organisation, started_on, phone, email)
    return add_professionals(actor=actor, person=person, involvements=[involvement])[0]


@atomic_action
def add_professionals(
    *, actor: User | None, person: Person, involvements: Sequence[Involvement]
) -> list[ProfessionalInvolvement]:
    """The professionals involved with someone, recorded together; each is checked, and has
    its event, as if added alone."""
    from .choices import ProfessionalRole

    for item in involvements:
        ActionError.collect(
            {
                "name": "Enter the professional's name" if not item.name.strip() else None,
                "role": None
                if item.role in ProfessionalRole.values
                else "Choose a role from the list",
                "organisation": "Enter their organisation"
                if not item.organisation.strip()
                else None,
            }
        )
    made = [
        ProfessionalInvolvement(
            person=person,
            name=item.name.strip(),
            role=item.role,
            organisation=item.organisation.strip(),
            phone=item.phone,
            email=item.email,
            started_on=item.started_on,
        )
        for item in involvements
    ]
    ProfessionalInvolvement.objects.bulk_create(made)
    for involvement in made:
        record_event(
            kind="professional_added",
            actor=actor,
            person=person,
            summary=f"{involvement.name} ({ProfessionalRole(involvement.role).label}, "
            f"{involvement.organisation}) involved",
            occurred_at=involvement.started_on,
            subject=involvement,
        )
    return made


# Every table that points at a person, with the field that does. Merging moves each row
# to the kept record so nothing from either record is lost.
def _person_references() -> list[tuple[type[models.Model], str]]:
    from django.apps import apps

    refs: list[tuple[type[models.Model], str]] = []
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if (
                getattr(f, "many_to_one", False)
                and f.concrete
                and getattr(f, "related_model", None) is Person
                and not (model is Person and f.name == "merged_into")
            ):
                refs.append((model, f.name))
    return refs


@atomic_action
def merge_people(*, actor: User, keep: Person, merge: Person, reason: str) -> Person:
    """Fold `merge` into `keep`. Every linked row moves; `merge` stays as a pointer."""
    if not actor.is_administrator:
        raise ActionError("Only an administrator can merge records", code="forbidden")
    if keep.pk == merge.pk:
        raise ActionError({"merge": ["Choose two different records"]})
    if merge.merged_into_id is not None or keep.merged_into_id is not None:
        raise ActionError("One of these records has already been merged")
    if not reason.strip():
        raise ActionError({"reason": ["Enter why the records are being merged"]})
    moved: dict[str, int] = {}
    for model, fname in _person_references():
        if model in (SearchToken, AccessLogEntry):
            # Tokens are rebuilt; the access log stays true to the record that was opened.
            continue
        rows = model._default_manager.filter(**{fname: merge})
        if model is PersonDisability:
            rows = rows.exclude(code__in=keep.disabilities.values("code"))
        if model is Relationship:
            other_field = "other" if fname == "person" else "person"
            # A relationship between the two records, or one `keep` already has, is not
            # information that would be lost; anything else moves.
            rows.filter(**{other_field: keep}).delete()
            for rel in Relationship.objects.filter(**{fname: merge}):
                already = {fname: keep, other_field: getattr(rel, other_field), "kind": rel.kind}
                if Relationship.objects.filter(**already).exists():
                    rel.delete()
        count = rows.update(**{fname: keep})
        if count:
            moved[f"{model._meta.label_lower}.{fname}"] = count
    # Fill gaps on the kept record from the merged one (never overwrite what is there).
    filled = []
    for name in _COPIED_FIELDS:
        if not getattr(keep, name) and getattr(merge, name):
            setattr(keep, name, getattr(merge, name))
            filled.append(name)
    if merge.is_restricted and not keep.is_restricted:
        keep.is_restricted = True
        keep.restriction_reason = merge.restriction_reason
        filled.append("is_restricted")
    keep.save()
    PersonDisability.objects.filter(person=merge).delete()
    merge.merged_into = keep
    merge.save(update_fields=["merged_into"])
    SearchToken.objects.filter(person=merge).delete()
    _refresh_search_tokens(keep)
    record_event(
        kind="people_merged",
        actor=actor,
        person=keep,
        summary=f"Record {merge.reference} ({merge.legal_name}) merged into this record",
        details={"merged_id": merge.pk, "moved": moved, "filled": filled, "reason": reason},
        subject=keep,
    )
    return keep
