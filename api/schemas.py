import datetime

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    code: str
    errors: dict[str, list[str]]


class PersonIn(Schema):
    kind: str = "child"
    legal_forename: str = Field(max_length=1000)
    legal_surname: str = Field(max_length=1000)
    known_as: str = ""
    date_of_birth: datetime.date | None = None
    expected_date_of_birth: datetime.date | None = None
    sex: str = "U"
    gender: str = "0"
    ethnicity: str = "NOBT"
    first_language: str = ""
    interpreter_needed: bool = False
    religion: str = ""
    nhs_number: str = ""
    upn: str = ""
    uasc: bool = False
    disabilities: list[str] = []
    confirmed_not_duplicate: bool = False


class PersonOut(Schema):
    id: int
    reference: str
    kind: str
    legal_forename: str
    legal_surname: str
    known_as: str
    date_of_birth: datetime.date | None
    expected_date_of_birth: datetime.date | None
    sex: str
    gender: str
    ethnicity: str
    first_language: str
    interpreter_needed: bool
    religion: str
    nhs_number: str
    upn: str
    uasc: bool
    is_restricted: bool
    disabilities: list[str]


class RelationshipIn(Schema):
    other_id: int
    kind: str
    lives_with: bool = False
    has_parental_responsibility: bool = False
    started_on: datetime.date | None = None


class RelationshipOut(Schema):
    id: int
    other_id: int
    other_name: str
    kind: str
    lives_with: bool
    has_parental_responsibility: bool
    started_on: datetime.date | None
    ended_on: datetime.date | None


class AllocationIn(Schema):
    team_id: int
    worker_id: int | None = None
    role: str = "social_worker"
    started_on: datetime.date
    reason: str


class AllocationOut(Schema):
    id: int
    role: str
    team_id: int
    team: str
    worker_id: int | None
    worker: str | None
    started_on: datetime.date
    ended_on: datetime.date | None
    reason: str
    end_reason: str


class CaseNoteIn(Schema):
    kind: str
    occurred_on: datetime.date
    text: str
    with_whom: str = ""
    child_seen: bool | None = None
    seen_alone: bool | None = None


class CaseNoteOut(Schema):
    id: int
    kind: str
    occurred_on: datetime.date
    text: str
    with_whom: str
    child_seen: bool | None
    seen_alone: bool | None
    author: str
    recorded_at: datetime.datetime


class EventOut(Schema):
    id: int
    kind: str
    occurred_at: datetime.datetime
    recorded_at: datetime.datetime
    summary: str
    actor: str | None
    significant: bool
    details: dict[str, object]
