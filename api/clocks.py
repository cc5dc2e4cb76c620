"""A child's clocks, and a team's overdue clocks, over JSON."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from accounts.access import child_scope, get_visible_person_or_404, log_view, visible_team_ids
from accounts.models import Team, User
from clocks.models import Clock
from clocks.queries import Now, overdue_clocks, rows
from csc.errors import ActionError

from .schemas import ErrorOut

router = Router(tags=["clocks"])


class ClockOut(Schema):
    id: int
    person_id: int
    rule_id: str
    title: str
    key: str
    started_on: datetime.date
    due_on: datetime.date
    due_at: datetime.datetime | None
    stopped_on: datetime.date | None
    stopped_at: datetime.datetime | None
    state: str
    late_reason: str


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _out(clocks: list[Clock], now: Now) -> list[dict[str, object]]:
    return [
        {
            "id": r.clock.pk,
            "person_id": r.clock.person_id,
            "rule_id": r.clock.rule_id,
            "title": r.title,
            "key": r.clock.key,
            "started_on": r.clock.started_on,
            "due_on": r.clock.due_on,
            "due_at": r.clock.due_at,
            "stopped_on": r.clock.stopped_on,
            "stopped_at": r.clock.stopped_at,
            "state": r.state,  # as of now, not as last stored
            "late_reason": r.clock.late_reason,
        }
        for r in rows(clocks, now)
    ]


@router.get(
    "/people/{person_id}/clocks",
    response={200: list[ClockOut], 404: ErrorOut},
    summary="Every clock for a child, met and unmet",
)
def person_clocks(request: HttpRequest, person_id: int) -> list[dict[str, object]]:
    user = _user(request)
    person = get_visible_person_or_404(user, person_id)
    log_view(user, person, page="API: clocks", path=request.path)
    return _out(list(Clock.objects.filter(person=person)), Now.current())


@router.get(
    "/teams/{team_id}/overdue-clocks",
    response={200: list[ClockOut], 403: ErrorOut, 404: ErrorOut},
    summary="Overdue clocks for children currently allocated to a team",
)
def team_overdue(request: HttpRequest, team_id: int) -> list[dict[str, object]]:
    user = _user(request)
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise Http404
    allowed = not user.is_partner and (
        user.is_service_wide or user.is_superuser or team.pk in visible_team_ids(user)
    )
    if not allowed:
        raise ActionError("You cannot see this team's work", code="forbidden")
    now = Now.current()
    found = overdue_clocks(child_scope(user), now).filter(team_id__in=team.subtree_ids())
    return _out(list(found.order_by("due_on", "pk")), now)
