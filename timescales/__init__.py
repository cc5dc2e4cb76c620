"""Trellis timescales engine: statutory and local-practice clocks, in pure Python.

No Django here: the apps turn their rows into `Event`s, call `compute_clocks`, and store the
`Clock`s. See README.md in this folder.
"""

from timescales.calendar import (
    WorkingDayCalendar,
    load_calendar,
    read_calendar_file,
    validate_calendar_payload,
    write_calendar_file,
)
from timescales.catalogue import CATALOGUE, check_catalogue, rule_by_id
from timescales.config import DEFAULT_PARTNER_TARGETS, DEFAULT_RAG_TARGETS, LocalPractice
from timescales.engine import CLOSED_STATES, OPEN_STATES, Clock, ClockState, Event, compute_clocks
from timescales.limits import (
    CalendarDays,
    ClockHours,
    EventLimit,
    ExplicitDeadline,
    FixedDeadline,
    HourTarget,
    Limit,
    Months,
    RatedHours,
    Weeks,
    WorkingDays,
    WorkingHours,
    add_months,
    limit_from_mapping,
    limit_to_mapping,
)
from timescales.office_hours import LONDON, OfficeHours
from timescales.rules import STATUSES, On, Rule, on, rule_problems

__all__ = [
    "CATALOGUE",
    "CLOSED_STATES",
    "DEFAULT_PARTNER_TARGETS",
    "DEFAULT_RAG_TARGETS",
    "LONDON",
    "OPEN_STATES",
    "STATUSES",
    "CalendarDays",
    "Clock",
    "ClockHours",
    "ClockState",
    "Event",
    "EventLimit",
    "ExplicitDeadline",
    "FixedDeadline",
    "HourTarget",
    "Limit",
    "LocalPractice",
    "Months",
    "OfficeHours",
    "On",
    "RatedHours",
    "Rule",
    "Weeks",
    "WorkingDayCalendar",
    "WorkingDays",
    "WorkingHours",
    "add_months",
    "check_catalogue",
    "compute_clocks",
    "limit_from_mapping",
    "limit_to_mapping",
    "load_calendar",
    "on",
    "read_calendar_file",
    "rule_by_id",
    "rule_problems",
    "validate_calendar_payload",
    "write_calendar_file",
]
