"""Personas for tests: the people every permission test is written from.

One service area with two teams. The allocated worker and a same-team colleague sit
in Team A; another worker sits in Team B; Team A's manager; the head of service over
the area; a partner agency user; an administrator. One child is allocated to the
allocated worker; one restricted child names only the allocated worker.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from accounts import actions as account_actions
from accounts.choices import Role, TeamKind
from accounts.models import Team, User
from casework import actions as casework_actions
from casework.events import deferred_refresh
from people import actions as people_actions
from people.models import Person

PASSWORD = "correct-horse-battery-staple"
TODAY = datetime.date(2026, 11, 20)


@dataclass
class Personas:
    area: Team
    team_a: Team
    team_b: Team
    worker: User
    colleague: User
    other_worker: User
    manager: User
    head: User
    director: User
    mash: User
    partner: User
    admin: User
    child: Person
    restricted_child: Person
    mother: Person

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


def make_personas() -> Personas:
    # One clock refresh per child at the end, as bulk loads do: the tests assert on the
    # records, and refreshing after every setup action would only slow the suite.
    with deferred_refresh():
        return _make_personas()


def _make_personas() -> Personas:
    area = account_actions.create_team(
        actor=None, name="Children's Services North", kind=TeamKind.SERVICE_AREA
    )
    other_area = account_actions.create_team(
        actor=None, name="Children's Services South", kind=TeamKind.SERVICE_AREA
    )
    team_a = account_actions.create_team(actor=None, name="Assessment Team A", parent=area)
    team_b = account_actions.create_team(actor=None, name="Assessment Team B", parent=other_area)

    def user(username: str, role: str, team: Team | None, **extra: str) -> User:
        first, _, last = username.partition("_")
        return account_actions.create_user(
            actor=None,
            username=username,
            first_name=first.capitalize(),
            last_name=(last or role).capitalize(),
            role=role,
            team=team,
            password=PASSWORD,
            **extra,
        )

    p = Personas(
        area=area,
        team_a=team_a,
        team_b=team_b,
        worker=user("wendy_worker", Role.SOCIAL_WORKER, team_a),
        colleague=user("colin_colleague", Role.SOCIAL_WORKER, team_a),
        other_worker=user("olga_other", Role.SOCIAL_WORKER, team_b),
        manager=user("mandy_manager", Role.TEAM_MANAGER, team_a),
        head=user("harry_head", Role.HEAD_OF_SERVICE, area),
        director=user("diana_director", Role.DIRECTOR, None),
        mash=user("mo_mash", Role.MASH_OFFICER, None),
        partner=user("pat_partner", Role.PARTNER_AGENCY, None, agency="Northbridge Police"),
        admin=user("ada_admin", Role.ADMINISTRATOR, None),
        child=None,  # type: ignore[arg-type]
        restricted_child=None,  # type: ignore[arg-type]
        mother=None,  # type: ignore[arg-type]
    )
    p.child = people_actions.create_person(
        actor=p.mash,
        details=people_actions.PersonDetails(
            legal_forename="Amara",
            legal_surname="Testington",
            date_of_birth=datetime.date(2016, 5, 14),
            sex="F",
            gender="2",
            ethnicity="BAFR",
            nhs_number="9990000018",
        ),
        today=TODAY,
    )
    p.mother = people_actions.create_person(
        actor=p.mash,
        details=people_actions.PersonDetails(
            kind="adult",
            legal_forename="Grace",
            legal_surname="Testington",
            date_of_birth=datetime.date(1988, 2, 1),
            sex="F",
            gender="2",
            ethnicity="BAFR",
        ),
        today=TODAY,
    )
    people_actions.add_relationship(
        actor=p.mash,
        person=p.child,
        other=p.mother,
        kind="mother",
        lives_with=True,
        has_parental_responsibility=True,
    )
    casework_actions.allocate(
        actor=p.manager,
        person=p.child,
        team=team_a,
        worker=p.worker,
        started_on=datetime.date(2026, 10, 1),
        reason="New referral",
        today=TODAY,
    )
    p.restricted_child = people_actions.create_person(
        actor=p.mash,
        details=people_actions.PersonDetails(
            legal_forename="Robin",
            legal_surname="Hiddenfield",
            date_of_birth=datetime.date(2012, 9, 3),
            sex="M",
            gender="1",
            ethnicity="WBRI",
        ),
        today=TODAY,
    )
    casework_actions.allocate(
        actor=p.manager,
        person=p.restricted_child,
        team=team_a,
        worker=p.worker,
        started_on=datetime.date(2026, 10, 1),
        reason="Staff member's child",
        today=TODAY,
    )
    account_actions.restrict_record(
        actor=p.manager,
        person=p.restricted_child,
        reason="Child of a member of staff",
        named_users=[p.worker],
    )
    return p
