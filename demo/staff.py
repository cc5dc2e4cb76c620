"""Northbridge's service areas, teams and staff, created through accounts.actions."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from accounts import actions as account_actions
from accounts.choices import Role, TeamKind
from accounts.models import Team, User

from .names import HERITAGES, STAFF_FIRST_NAMES

DEMO_PASSWORD = "Trellis-demo-2026"
EMAIL_DOMAIN = "northbridge.example.org"


@dataclass(frozen=True)
class TeamSpec:
    name: str
    function: str  # what the team does; decides who works in it and which children it holds
    role: str  # the role of its practitioners
    job_title: str
    size: int  # practitioners at scale 1 (plus one team manager)


@dataclass(frozen=True)
class AreaSpec:
    name: str
    teams: tuple[TeamSpec, ...]


SW = Role.SOCIAL_WORKER

AREAS: tuple[AreaSpec, ...] = (
    AreaSpec(
        "Front Door and Early Help",
        (
            TeamSpec("MASH", "mash", Role.MASH_OFFICER, "MASH officer", 10),
            TeamSpec("Early Help East", "early_help", SW, "Early help practitioner", 8),
            TeamSpec("Early Help West", "early_help", SW, "Early help practitioner", 8),
        ),
    ),
    AreaSpec(
        "Assessment",
        tuple(
            TeamSpec(f"Assessment Team {n}", "assessment", SW, "Social worker", 10)
            for n in (1, 2, 3)
        ),
    ),
    AreaSpec(
        "Children in Need and Child Protection",
        tuple(
            TeamSpec(f"Locality Team {where}", "locality", SW, "Social worker", 12)
            for where in ("North", "South", "East", "West", "Central")
        ),
    ),
    AreaSpec(
        "Children in Care and Permanence",
        (
            *(
                TeamSpec(f"Children in Care Team {n}", "children_in_care", SW, "Social worker", 9)
                for n in (1, 2, 3)
            ),
            TeamSpec("Fostering", "fostering", SW, "Supervising social worker", 6),
            TeamSpec("Adoption", "adoption", SW, "Adoption social worker", 5),
        ),
    ),
    AreaSpec(
        "Leaving Care",
        tuple(
            TeamSpec(
                f"Leaving Care Team {n}",
                "leaving_care",
                Role.PERSONAL_ADVISER,
                "Personal adviser",
                7,
            )
            for n in (1, 2)
        ),
    ),
    AreaSpec(
        "Specialist Services",
        (
            TeamSpec("Disabled Children's Team", "disabled", SW, "Social worker", 8),
            TeamSpec("Adolescents and Exploitation Team", "adolescents", SW, "Social worker", 7),
        ),
    ),
    AreaSpec(
        "Safeguarding and Quality Assurance",
        (
            TeamSpec("IRO and CP Chairs", "iro", Role.IRO, "Independent reviewing officer", 10),
            TeamSpec("Quality Assurance", "qa", Role.QA_AUDITOR, "Quality assurance auditor", 4),
        ),
    ),
    AreaSpec(
        "Performance and Business Support",
        (
            TeamSpec(
                "Performance and Intelligence",
                "performance",
                Role.PERFORMANCE_ANALYST,
                "Performance analyst",
                4,
            ),
            TeamSpec(
                "Business Support",
                "business_support",
                Role.ADMINISTRATOR,
                "Business support officer",
                10,
            ),
        ),
    ),
)

PARTNER_AGENCIES: tuple[tuple[str, str, int], ...] = (
    ("Northbridge Police", "Detective constable", 4),
    ("Northbridge Community Health NHS Trust", "Named nurse for safeguarding", 4),
    ("Northbridge Academy", "Designated safeguarding lead", 2),
    ("Oakfield Primary School", "Designated safeguarding lead", 2),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first_name: str
    last_name: str
    role: str
    description: str


# The documented sign-ins. Each takes the place of one generated member of its team.
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("worker", "Wren", "Walker", SW, "social worker, Locality Team North (caseload)"),
    DemoLogin("worker2", "Sam", "Okafor", SW, "social worker, Children in Care Team 1"),
    DemoLogin(
        "pa", "Priya", "Adeyemi", Role.PERSONAL_ADVISER, "personal adviser, Leaving Care Team 1"
    ),
    DemoLogin(
        "manager", "Morgan", "Hughes", Role.TEAM_MANAGER, "team manager, Locality Team North"
    ),
    DemoLogin(
        "head",
        "Helen",
        "Shah",
        Role.HEAD_OF_SERVICE,
        "head of service, Children in Need and Child Protection",
    ),
    DemoLogin("director", "Dev", "Campbell", Role.DIRECTOR, "director of children's services"),
    DemoLogin("mash", "Maya", "Kowalski", Role.MASH_OFFICER, "MASH officer"),
    DemoLogin(
        "partner", "Paul", "Reid", Role.PARTNER_AGENCY, "partner agency user, Northbridge Police"
    ),
    DemoLogin("iro", "Irene", "Mensah", Role.IRO, "IRO / CP chair"),
    DemoLogin("qa", "Quinn", "Lloyd", Role.QA_AUDITOR, "QA auditor"),
    DemoLogin("analyst", "Ana", "Silva", Role.PERFORMANCE_ANALYST, "performance analyst"),
    DemoLogin("admin", "Ade", "Bello", Role.ADMINISTRATOR, "administrator"),
)
# Which team each demo login sits in (None: no team).
_DEMO_TEAMS = {
    "worker": "Locality Team North",
    "worker2": "Children in Care Team 1",
    "pa": "Leaving Care Team 1",
    "manager": "Locality Team North",
    "mash": "MASH",
    "iro": "IRO and CP Chairs",
    "qa": "Quality Assurance",
    "analyst": "Performance and Intelligence",
    "admin": "Business Support",
}


@dataclass
class Staff:
    """Who works where, for the family builder to allocate and write as."""

    areas: dict[str, Team] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    teams_by_function: dict[str, list[Team]] = field(default_factory=lambda: defaultdict(list))
    practitioners: dict[int, list[User]] = field(default_factory=lambda: defaultdict(list))
    managers: dict[int, User] = field(default_factory=dict)
    heads: dict[int, User] = field(default_factory=dict)
    demo: dict[str, User] = field(default_factory=dict)
    users: list[User] = field(default_factory=list)

    def manager_of(self, team: Team) -> User:
        return self.managers[team.pk]


class _Namer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = {d.username for d in DEMO_LOGINS}
        surnames = [s for h in HERITAGES.values() for s in h.surnames]
        self.surnames = sorted(set(surnames))

    def person(self) -> tuple[str, str, str]:
        first = self.rng.choice(STAFF_FIRST_NAMES)
        last = self.rng.choice(self.surnames)
        base = f"{first}.{last}".lower()
        username, n = base, 1
        while username in self.used:
            n += 1
            username = f"{base}{n}"
        self.used.add(username)
        return username, first, last


def _scaled(count: int, scale: float, minimum: int) -> int:
    return max(minimum, round(count * scale))


def build_staff(*, rng: random.Random, scale: float) -> Staff:
    staff = Staff()
    namer = _Namer(rng)
    demo_by_name = {d.username: d for d in DEMO_LOGINS}

    def make(role: str, team: Team | None, job_title: str, agency: str = "") -> User:
        username, first, last = namer.person()
        user = account_actions.create_user(
            actor=None,
            username=username,
            first_name=first,
            last_name=last,
            role=role,
            password=None,  # generated staff cannot sign in; only the demo logins can
            team=team,
            email=f"{username}@{EMAIL_DOMAIN}",
            job_title=job_title,
            agency=agency,
        )
        staff.users.append(user)
        return user

    def make_demo(username: str, team: Team | None, job_title: str = "", agency: str = "") -> User:
        d = demo_by_name[username]
        user = account_actions.create_user(
            actor=None,
            username=d.username,
            first_name=d.first_name,
            last_name=d.last_name,
            role=d.role,
            password=DEMO_PASSWORD,
            team=team,
            email=f"{d.username}@{EMAIL_DOMAIN}",
            job_title=job_title,
            agency=agency,
        )
        staff.demo[username] = user
        staff.users.append(user)
        return user

    staff.demo["director"] = make_demo("director", None, "Director of Children's Services")
    for area_spec in AREAS:
        area = account_actions.create_team(
            actor=None, name=area_spec.name, kind=TeamKind.SERVICE_AREA
        )
        staff.areas[area_spec.name] = area
        if area_spec.name == "Children in Need and Child Protection":
            head = make_demo("head", area, "Head of Service")
        else:
            head = make(Role.HEAD_OF_SERVICE, area, "Head of Service")
        staff.heads[area.pk] = head
        for spec in area_spec.teams:
            team = account_actions.create_team(actor=None, name=spec.name, parent=area)
            staff.teams[spec.name] = team
            staff.teams_by_function[spec.function].append(team)
            demo_here = [u for u, t in _DEMO_TEAMS.items() if t == spec.name]
            if "manager" in demo_here:
                staff.managers[team.pk] = make_demo("manager", team, "Team manager")
            else:
                staff.managers[team.pk] = make(Role.TEAM_MANAGER, team, "Team manager")
            minimum = 2 if spec.role in (SW, Role.PERSONAL_ADVISER, Role.MASH_OFFICER) else 1
            size = _scaled(spec.size, scale, minimum)
            members = [make_demo(u, team, spec.job_title) for u in demo_here if u != "manager"]
            while len(members) < size:
                members.append(make(spec.role, team, spec.job_title))
            staff.practitioners[team.pk] = members
    for agency, job_title, count in PARTNER_AGENCIES:
        if agency == "Northbridge Police":
            make_demo("partner", None, job_title, agency)
            count -= 1
        for _ in range(_scaled(count, scale, 0 if count < 1 else 1)):
            make(Role.PARTNER_AGENCY, None, job_title, agency)
    return staff
