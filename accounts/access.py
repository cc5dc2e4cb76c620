"""Who may see which child. Every page and API endpoint about a child goes through here.

- Restricted records: only users named on a grant, whatever their role.
- Partner agency users: no child records (they see only what they submitted).
- Service-wide roles: every child who is not restricted.
- Everyone else: children currently allocated to them, or to a team in their part
  of the hierarchy (a worker's own team; a manager's team; a head of service's area).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import AccessLogEntry, RestrictedAccessGrant, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from people.models import Person


def visible_team_ids(user: User) -> list[int]:
    if user.team_id is None:
        return []
    assert user.team is not None
    return user.team.subtree_ids()


def visible_people(user: User | AnonymousUser) -> QuerySet[Person]:
    from casework.models import Allocation
    from people.models import Person

    people = Person.objects.active()
    if not user.is_authenticated or not isinstance(user, User) or not user.is_active:
        return people.none()
    if user.is_partner:
        return people.none()
    granted = Exists(RestrictedAccessGrant.objects.filter(person=OuterRef("pk"), user=user))
    unrestricted_or_granted = Q(is_restricted=False) | Q(granted)
    if user.is_service_wide or user.is_superuser:
        return people.filter(unrestricted_or_granted)
    team_ids = visible_team_ids(user)
    current = Allocation.objects.filter(person=OuterRef("pk"), ended_on__isnull=True)
    allocated = Exists(current.filter(Q(worker=user) | Q(team_id__in=team_ids)))
    # Adults are visible through the children they are related to.
    related_child_allocated = Exists(
        Allocation.objects.filter(
            ended_on__isnull=True,
            person__relationships__other=OuterRef("pk"),
        ).filter(Q(worker=user) | Q(team_id__in=team_ids))
    )
    # Whoever created a record can open it before it is allocated (e.g. a family member).
    return people.filter(unrestricted_or_granted).filter(
        allocated | Q(granted) | related_child_allocated | Q(created_by=user)
    )


def child_scope(user: User | AnonymousUser, field: str = "person") -> Q:
    """The same rule as `visible_people`, as a filter on rows that belong to a child
    (e.g. clocks), for counts and lists over many children: it joins no person table."""
    from casework.models import Allocation

    if not user.is_authenticated or not isinstance(user, User) or user.is_partner:
        return Q(pk__in=[])
    granted = Exists(RestrictedAccessGrant.objects.filter(person=OuterRef(field), user=user))
    allowed = Q(**{f"{field}__is_restricted": False}) | Q(granted)
    if user.is_service_wide or user.is_superuser:
        return allowed
    allocated = Exists(
        Allocation.objects.filter(person=OuterRef(field), ended_on__isnull=True).filter(
            Q(worker=user) | Q(team_id__in=visible_team_ids(user))
        )
    )
    return allowed & (Q(allocated) | Q(granted))


def can_view(user: User | AnonymousUser, person: Person) -> bool:
    return visible_people(user).filter(pk=person.pk).exists()


def get_visible_person_or_404(user: User | AnonymousUser, pk: int) -> Person:
    """404, not 403, so a restricted record's existence is not revealed."""
    person = visible_people(user).filter(pk=pk).first()
    if person is None:
        raise Http404("No record found")
    return person


def log_view(user: User, person: Person, *, page: str, path: str) -> None:
    AccessLogEntry.objects.create(
        user=user, person=person, page=page[:200], path=path[:400], at=timezone.now()
    )
