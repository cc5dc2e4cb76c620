"""Writing Events, and the hooks that keep derived data (clocks) current.

Every action ends by calling `record_event`. Recording an event about a child also
recomputes whatever other apps derive from that child's record, inside the same
transaction, so lists are current the moment the action commits.

Bulk loads (demo data, imports) change two things, never what is written: `deferred_refresh`
recomputes each child once at the end, in batches, and `buffered_events` inserts events
a batch at a time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.db import connections, models, transaction
from django.utils import timezone

from .models import Event

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import Person


@dataclass(frozen=True)
class EventKind:
    kind: str
    label: str
    # "practice" entries make up the chronology; "record" ones (merges, grants,
    # corrections) stay in the audit trail only.
    category: str = "practice"


_KINDS: dict[str, EventKind] = {}
ChildrenHook = Callable[[Sequence[int]], None]
_CHILD_HOOKS: list[ChildrenHook] = []
_deferred: list[set[int]] = []
_buffers: list[list[PendingEvent]] = []
_unit_depth = [0]
_flushes = [0]  # bumped by every flush, so a failed action knows what it may drop
EVENT_BATCH = 2000
REFRESH_BATCH = 500


def register_kinds(*kinds: EventKind) -> None:
    for k in kinds:
        _KINDS[k.kind] = k


def kind_label(kind: str) -> str:
    found = _KINDS.get(kind)
    return found.label if found else kind.replace("_", " ").capitalize()


def chronology_kinds() -> list[EventKind]:
    return sorted((k for k in _KINDS.values() if k.category == "practice"), key=lambda k: k.label)


def record_kinds() -> set[str]:
    return {k.kind for k in _KINDS.values() if k.category != "practice"}


def on_child_changed(hook: ChildrenHook) -> None:
    """Register derived-data refresh (e.g. clock recomputation) for a batch of child ids."""
    if hook not in _CHILD_HOOKS:
        _CHILD_HOOKS.append(hook)


def child_changed(person_id: int) -> None:
    if _deferred:
        _deferred[-1].add(person_id)
        return
    children_changed([person_id])


def children_changed(person_ids: Sequence[int]) -> None:
    """Refresh derived data for these children now (in the caller's transaction)."""
    flush_events()
    for hook in _CHILD_HOOKS:
        hook(person_ids)


@contextlib.contextmanager
def deferred_refresh() -> Iterator[set[int]]:
    """Bulk loads (demo data, imports) refresh each child once at the end, not per action.
    The caller may take over: clear the yielded set after refreshing it themselves. Inside
    another deferred refresh, the children are handed to it: it refreshes them once, later."""
    pending: set[int] = set()
    _deferred.append(pending)
    try:
        yield pending
    finally:
        _deferred.pop()
    if _deferred:
        _deferred[-1].update(pending)
        return
    ids = sorted(pending)
    for start in range(0, len(ids), REFRESH_BATCH):
        children_changed(ids[start : start + REFRESH_BATCH])


@contextlib.contextmanager
def buffered_events() -> Iterator[None]:
    """Insert events in batches rather than one at a time. Use inside the transaction that
    writes them: the buffer is flushed on the way out, and dropped if the block fails."""
    buffer: list[PendingEvent] = []
    _buffers.append(buffer)
    try:
        yield
        flush_events()
    finally:
        _buffers.pop()


def flush_events() -> None:
    """Write buffered events now: anything that reads or updates events calls this first."""
    if _buffers and _buffers[-1]:
        for start in range(0, len(_buffers[-1]), EVENT_BATCH):
            _insert(_buffers[-1][start : start + EVENT_BATCH])
        _buffers[-1].clear()
        _flushes[0] += 1


@dataclass
class PendingEvent:
    """An event waiting in a bulk load's buffer: its columns, not a model instance (building
    hundreds of thousands of those is a large part of a load's time)."""

    person_id: int | None
    actor_id: int | None
    kind: str
    occurred_at: datetime.datetime
    recorded_at: datetime.datetime
    summary: str
    details: dict[str, Any]
    subject_type: str
    subject_id: int | None


_COLUMNS = [f.name for f in dataclasses.fields(PendingEvent)]


def _insert(events: Sequence[PendingEvent]) -> None:
    """Insert many events at once, each value prepared for the database as the ORM would
    (date-times by the backend, details by the JSON field); nothing reads a buffered event's
    id. PostgreSQL takes them by COPY (about twice as fast as a prepared INSERT per row);
    SQLite runs one prepared INSERT."""
    connection = connections[Event.objects.db]
    moment = connection.ops.adapt_datetimefield_value
    details = Event._meta.get_field("details")
    quote = connection.ops.quote_name
    table = quote(Event._meta.db_table)
    column = {f.attname: f.column for f in Event._meta.concrete_fields}
    columns = ", ".join(quote(column[name]) for name in [*_COLUMNS, "significant"])
    rows = [
        (  # in _COLUMNS order, then `significant`
            e.person_id,
            e.actor_id,
            e.kind,
            moment(e.occurred_at),
            moment(e.recorded_at),
            e.summary,
            details.get_db_prep_save(e.details, connection),
            e.subject_type,
            e.subject_id,
            False,
        )
        for e in events
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            params = ", ".join(["%s"] * (len(_COLUMNS) + 1))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({params})", rows)


def give_events_to(person: Person, *, kind: str, subject: models.Model) -> None:
    """Put `kind` events about `subject` that were recorded with no child (a contact's
    receipt before it was matched, say) in `person`'s record, whether written or buffered."""
    label = subject._meta.label_lower
    for buffer in _buffers:
        for event in buffer:
            if (
                event.person_id is None
                and event.kind == kind
                and event.subject_id == subject.pk
                and event.subject_type == label
            ):
                event.person_id = person.pk
    Event.objects.filter(
        kind=kind, subject_type=label, subject_id=subject.pk, person__isnull=True
    ).update(person=person)


P = ParamSpec("P")
R = TypeVar("R")


@contextlib.contextmanager
def atomic_unit(*, savepoint: bool | None = None) -> Iterator[None]:
    """A transaction that, when it fails, drops the events buffered inside it along with the
    rows it wrote. Only the outermost unit needs a savepoint (an action called by another
    action fails with it), unless the caller asks for one so it can catch the error and
    carry on: see `attempt`."""
    mark, flushes = (len(_buffers[-1]), _flushes[0]) if _buffers else (0, 0)
    if savepoint is None:
        savepoint = _unit_depth[0] == 0
    _unit_depth[0] += 1
    try:
        with transaction.atomic(savepoint=savepoint):
            yield
    except BaseException:
        if _buffers:
            # Events flushed since the unit began went with its savepoint; what is still
            # buffered from after the mark (or after that flush) is the unit's.
            del _buffers[-1][mark if _flushes[0] == flushes else 0 :]
        raise
    finally:
        _unit_depth[0] -= 1


def attempt() -> contextlib.AbstractContextManager[None]:
    """Work the caller may catch the failure of and carry on (a bulk load skipping a step
    the record refuses): a savepoint, whatever the nesting."""
    return atomic_unit(savepoint=True)


@contextlib.contextmanager
def bulk_transaction() -> Iterator[None]:
    """A transaction for bulk loads: events are inserted in batches (flushed before it
    commits), and the actions inside it take no savepoints of their own, so a refused action
    fails the whole transaction unless the loader wrapped it in `attempt`."""
    with atomic_unit(), buffered_events():
        yield


def atomic_action(func: Callable[P, R]) -> Callable[P, R]:
    """Every action runs as one `atomic_unit`."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with atomic_unit():
            return func(*args, **kwargs)

    return run


def record_event(
    *,
    kind: str,
    actor: User | None,
    person: Person | None,
    summary: str,
    occurred_at: datetime.datetime | datetime.date | None = None,
    details: dict[str, Any] | None = None,
    subject: models.Model | None = None,
) -> None:
    now = timezone.now()
    if occurred_at is None:
        occurred_at = now
    elif not isinstance(occurred_at, datetime.datetime):
        # A dated event with no time sorts at the start of its day, local time.
        occurred_at = timezone.make_aware(
            datetime.datetime.combine(occurred_at, datetime.time(0, 0))
        )
    pending = PendingEvent(
        person_id=person.pk if person is not None else None,
        actor_id=actor.pk if actor is not None else None,
        kind=kind,
        occurred_at=occurred_at,
        recorded_at=now,
        summary=summary[:300],
        details=details or {},
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
    )
    if _buffers:
        _buffers[-1].append(pending)
        if len(_buffers[-1]) >= EVENT_BATCH:
            flush_events()
    else:
        Event.objects.create(**dataclasses.asdict(pending))
    if person is not None and person.kind == "child":
        child_changed(person.pk)
