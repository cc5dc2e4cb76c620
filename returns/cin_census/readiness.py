"""What the readiness page and the My work panel show: findings grouped by rule, with links.

A finding links to the child's page only for people the viewer may see (accounts.access);
anyone else's finding is shown by LAchildID alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from accounts.access import visible_people
from casework.models import Allocation

from ..models import RunStatus, ValidationIssue, ValidationRun
from .fields import field_label, page_for, page_url

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class FieldToFix:
    label: str
    page_label: str
    url: str | None


@dataclass(frozen=True)
class IssueRow:
    child_id: str
    person_id: int | None
    name: str | None  # only when the viewer may see the child
    record_url: str | None
    module: str
    fields: tuple[FieldToFix, ...]


@dataclass
class RuleGroup:
    rule: str
    message: str
    is_query: bool
    rows: list[IssueRow] = field(default_factory=list)
    return_level: bool = False

    @property
    def children(self) -> int:
        return len({r.child_id for r in self.rows})


def _rows(issues: Iterable[ValidationIssue], visible: set[int]) -> Iterable[IssueRow]:
    for issue in issues:
        person = issue.person
        can_see = person is not None and person.pk in visible
        fields = tuple(
            FieldToFix(
                label=field_label(item),
                page_label=page_for(issue.module, item).label,
                url=page_url(page_for(issue.module, item), person.pk)
                if can_see and person is not None
                else None,
            )
            for item in (issue.field_list or [""])
            if item
        )
        yield IssueRow(
            child_id=issue.child_id,
            person_id=person.pk if can_see and person is not None else None,
            name=person.display_name if can_see and person is not None else None,
            record_url=page_url(page_for("", None), person.pk)
            if can_see and person is not None
            else None,
            module=issue.module,
            fields=fields,
        )


def group_issues(issues: list[ValidationIssue], viewer: User) -> list[RuleGroup]:
    """Errors first, then queries; each rule once with its rows (child, module, fields)."""
    person_ids = {i.person_id for i in issues if i.person_id is not None}
    visible = set(visible_people(viewer).filter(pk__in=person_ids).values_list("pk", flat=True))
    groups: dict[str, RuleGroup] = {}
    for issue in issues:
        group = groups.setdefault(
            issue.rule, RuleGroup(rule=issue.rule, message=issue.message, is_query=issue.is_query)
        )
        if not issue.child_id:
            group.return_level = True
            continue
        group.rows.extend(_rows([issue], visible))
    return sorted(groups.values(), key=lambda g: (g.is_query, g.rule))


def latest_run(year: int) -> ValidationRun | None:
    return ValidationRun.objects.filter(year=year).order_by("-started_at", "-pk").first()


def latest_completed_run(year: int | None = None) -> ValidationRun | None:
    runs = ValidationRun.objects.filter(status=RunStatus.OK)
    if year is not None:
        runs = runs.filter(year=year)
    return runs.order_by("-started_at", "-pk").first()


def run_issues(run: ValidationRun) -> list[ValidationIssue]:
    return list(run.issues.select_related("person").order_by("rule", "child_id", "module", "row"))


@dataclass(frozen=True)
class RunTrend:
    run: ValidationRun
    error_change: int | None  # against the previous run that ran
    query_change: int | None


def trend(year: int, limit: int = 20) -> list[RunTrend]:
    """The year's runs, newest first, each with the change in counts since the run before."""
    runs = list(ValidationRun.objects.filter(year=year).order_by("-started_at", "-pk")[: limit + 1])
    rows = []
    for index, run in enumerate(runs[:limit]):
        previous = next((r for r in runs[index + 1 :] if r.status == RunStatus.OK), None)
        ran = run.status == RunStatus.OK and previous is not None
        rows.append(
            RunTrend(
                run=run,
                error_change=run.error_count - previous.error_count if ran and previous else None,
                query_change=run.query_count - previous.query_count if ran and previous else None,
            )
        )
    return rows


def issues_for_worker(user: User) -> tuple[ValidationRun | None, list[ValidationIssue]]:
    """Findings of the latest completed check on the children allocated to `user`."""
    run = latest_completed_run()
    if run is None:
        return None, []
    mine = Allocation.objects.filter(worker=user, ended_on__isnull=True).values("person_id")
    issues = list(
        run.issues.filter(person__in=mine)
        .filter(person__in=visible_people(user).values("pk"))
        .select_related("person")
        .order_by("person__legal_surname", "person_id", "is_query", "rule")
    )
    return run, issues
