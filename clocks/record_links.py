"""One click to record the thing a clock is waiting for: the form (or page) for each rule.

`record_link(rule_id, key, person_id)` works from the stored clock alone (its rule id and its
thread key, e.g. "cp:12" for CP plan 12, see each app's sources.py), so it never queries the
database and the My work and Team lists stay at a fixed number of queries.

A link whose URL name is not installed (the assessments app, say) falls back to the child's
clocks page; so does a rule or key not listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class RecordLink:
    url: str
    label: str


@dataclass(frozen=True)
class _Target:
    """The URL name for a rule whose key starts with `prefix`, and how to fill its arguments."""

    prefix: str
    url_name: str
    label: str
    args: Callable[[int, str], list[object]]


def _child(person_id: int, _id: str) -> list[object]:
    return [person_id]


def _child_and_id(person_id: int, thread_id: str) -> list[object]:
    return [person_id, int(thread_id)]


def _thread_id(_person_id: int, thread_id: str) -> list[object]:
    return [int(thread_id)]


def _respond(_person_id: int, thread_id: str) -> list[object]:
    return [int(thread_id), "respond"]


_CP_VISIT = _Target("cp", "protection:cp_visit", "Record a visit", _child_and_id)
_CORE_GROUP = _Target("cp", "protection:core_group", "Record a core group", _child_and_id)
_CP_REVIEW = _Target("cp", "protection:review", "Record a review conference", _child_and_id)
_CONTACT = _Target("contact", "front_door:contact", "Open the contact", _thread_id)

# Rule id → targets tried in order (the first whose key prefix matches and that reverses).
LINKS: dict[str, tuple[_Target, ...]] = {
    # Front door
    "F1": (_CONTACT, _Target("referral", "front_door:history", "Open front door", _child)),
    "F3": (_CONTACT,),
    "F3P": (_Target("pir", "front_door:request_action", "Record the reply", _respond),),
    "F4": (_CONTACT,),
    # Assessments
    "A1": (_Target("referral", "assessments:child", "Open assessments", _child),),
    "K2": (
        _Target("assessment", "assessments:detail", "Open the assessment", _child_and_id),
        _Target("assessment", "assessments:child", "Open assessments", _child),
    ),
    "A2": (
        _Target("assessment", "assessments:child_seen", "Record child seen", _child_and_id),
        _Target("assessment", "assessments:child", "Open assessments", _child),
    ),
    "A3": (_Target("assessment", "protection:start_cin", "Start a CIN plan", _child),),
    # Child in need plans
    "A4": (_Target("cin", "protection:cin_review", "Record a CIN review", _child_and_id),),
    "A5": (_Target("cin", "protection:cin_visit", "Record a visit", _child_and_id),),
    # Child protection
    "C1": (_Target("", "protection:strategy", "Record strategy discussion", _child),),
    "C2": (_Target("s47", "protection:icpc", "Record the conference", _child_and_id),),
    "C4": (_CORE_GROUP,),
    "C5": (_CORE_GROUP,),
    "C6": (_CP_REVIEW,),
    "C7": (_CP_REVIEW,),
    "C8": (_CP_VISIT,),
    "C10": (
        _Target(
            "transfer", "protection:transfer_conference", "Record the conference", _child_and_id
        ),
    ),
    "SDA": (_Target("sda", "protection:action_done", "Record action done", _child_and_id),),
}

FALLBACK_LABEL = "View clocks"


def _split_key(key: str) -> tuple[str, str]:
    prefix, _, thread_id = key.partition(":")
    return prefix, thread_id


def record_link(rule_id: str, key: str, person_id: int) -> RecordLink:
    """Where to record what this clock is waiting for (else the child's clocks page)."""
    prefix, thread_id = _split_key(key)
    for target in LINKS.get(rule_id, ()):
        if target.prefix and target.prefix != prefix:
            continue
        try:
            url = reverse(target.url_name, args=target.args(person_id, thread_id))
        except (NoReverseMatch, ValueError):
            continue
        return RecordLink(url, target.label)
    return RecordLink(reverse("clocks:child", args=[person_id]), FALLBACK_LABEL)
