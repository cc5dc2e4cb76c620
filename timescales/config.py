"""LocalPractice: one authority's settings for local-practice (LP) rules, stored as JSON.

Only LP rules can be changed: statutory and guidance timescales are the same everywhere, so an
override of one is refused with a clear message rather than silently applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from timescales.catalogue import rule_by_id
from timescales.limits import (
    EventLimit,
    HourTarget,
    Limit,
    limit_from_mapping,
    limit_to_mapping,
)
from timescales.office_hours import OfficeHours
from timescales.rules import Rule

# MASH RAG (F3). No national standard (timescales.md F3). Surrey's police MASH triage gives the
# only complete set: red 4 and amber 24 *working* hours, green 72 hours. We keep red in working
# hours because red contacts out of hours go to the emergency duty team, not the MASH queue;
# authorities following Luton ("red runs to completion") set red to clock hours. Green's "72 h"
# is read as clock hours: 72 working hours would be nearly two working weeks. Blue has no target.
DEFAULT_RAG_TARGETS: Mapping[str, HourTarget] = {
    "red": HourTarget("working_hours", 4),
    "amber": HourTarget("working_hours", 24),
    "green": HourTarget("clock_hours", 72),
}
# Partner information requests (F3P): Merton MASH guide, red 2 h, amber 6 h, green 24 h; read as
# working hours because partners answer from staffed offices.
DEFAULT_PARTNER_TARGETS: Mapping[str, HourTarget] = {
    "red": HourTarget("working_hours", 2),
    "amber": HourTarget("working_hours", 6),
    "green": HourTarget("working_hours", 24),
}

_KEYS = (
    "limits",
    "rag_targets",
    "partner_targets",
    "office_hours",
    "due_soon_working_days",
    "due_soon_hours",
)


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class LocalPractice:
    """Per-authority settings. The defaults are the catalogue's own values."""

    limits: Mapping[str, Limit] = field(default_factory=dict, hash=False)
    rag_targets: Mapping[str, HourTarget] = field(
        default_factory=lambda: DEFAULT_RAG_TARGETS, hash=False
    )
    partner_targets: Mapping[str, HourTarget] = field(
        default_factory=lambda: DEFAULT_PARTNER_TARGETS, hash=False
    )
    office_hours: OfficeHours = field(default_factory=OfficeHours)
    due_soon_working_days: int = 5  # day clocks: "due soon" within this many working days
    due_soon_hours: int = 2  # hour clocks: "due soon" within this many clock hours

    def __post_init__(self) -> None:
        for rule_id, limit in self.limits.items():
            try:
                rule = rule_by_id(rule_id)
            except KeyError:
                raise ValueError(f"Cannot override {rule_id!r}: no rule has that id.") from None
            if not rule.configurable:
                raise ValueError(
                    f"Cannot override {rule_id} ({rule.title}): it is a {rule.status} rule, "
                    "not local practice, so its timescale is the same for every authority."
                )
            if not isinstance(limit, Limit):
                raise ValueError(f"Override for {rule_id} is not a fixed limit: {limit!r}.")
        for name in ("rag_targets", "partner_targets"):
            table: Mapping[str, HourTarget] = getattr(self, name)
            cleaned: dict[str, HourTarget] = {}
            for rating, target in table.items():
                if not isinstance(rating, str) or not rating.strip():
                    raise ValueError(f"{name}: ratings must be non-empty names.")
                if not isinstance(target, HourTarget):
                    raise ValueError(f"{name}[{rating!r}] must be an HourTarget.")
                cleaned[rating.strip().lower()] = target
            object.__setattr__(self, name, _frozen(cleaned))
        object.__setattr__(self, "limits", _frozen(self.limits))
        for name in ("due_soon_working_days", "due_soon_hours"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number of at least 0 (got {value!r}).")

    def limit_for(self, rule: Rule) -> Limit | EventLimit:
        """The limit this authority uses for `rule` (its override, else the catalogue's)."""
        if rule.configurable and rule.id in self.limits:
            return self.limits[rule.id]
        return rule.limit

    def hour_tables(self) -> Mapping[str, Mapping[str, HourTarget]]:
        """The tables `RatedHours` limits look ratings up in, by name."""
        return {"rag": self.rag_targets, "partner": self.partner_targets}

    # --- JSON ----------------------------------------------------------------------------------

    def to_mapping(self) -> dict[str, Any]:
        """Plain JSON-ready dict; `from_mapping(to_mapping())` gives back an equal object."""
        return {
            "limits": {k: limit_to_mapping(v) for k, v in sorted(self.limits.items())},
            "rag_targets": _targets_to_mapping(self.rag_targets),
            "partner_targets": _targets_to_mapping(self.partner_targets),
            "office_hours": self.office_hours.to_mapping(),
            "due_soon_working_days": self.due_soon_working_days,
            "due_soon_hours": self.due_soon_hours,
        }

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> LocalPractice:
        """Build from stored JSON; missing keys take the defaults, unknown keys are refused."""
        if not isinstance(data, Mapping):
            raise ValueError("Local practice settings must be a JSON object.")
        unknown = set(data) - set(_KEYS)
        if unknown:
            raise ValueError(
                f"Unknown local practice setting(s): {', '.join(sorted(unknown))} "
                f"(expected {', '.join(_KEYS)})."
            )
        kwargs: dict[str, Any] = {}
        if "limits" in data:
            limits = _mapping(data["limits"], "limits")
            kwargs["limits"] = {k: _in(k, limit_from_mapping, v) for k, v in limits.items()}
        for name in ("rag_targets", "partner_targets"):
            if name in data:
                kwargs[name] = _targets_from_mapping(_mapping(data[name], name), name)
        if "office_hours" in data:
            kwargs["office_hours"] = OfficeHours.from_mapping(
                _mapping(data["office_hours"], "office_hours")
            )
        for name in ("due_soon_working_days", "due_soon_hours"):
            if name in data:
                kwargs[name] = data[name]
        return cls(**kwargs)


def _mapping(value: object, name: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a JSON object.")
    return value


def _in(where: str, parse: Any, value: object) -> Any:
    try:
        return parse(value)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from exc


def _targets_to_mapping(table: Mapping[str, HourTarget]) -> dict[str, dict[str, object]]:
    return {k: {"unit": t.unit, "hours": t.hours} for k, t in table.items()}


def _targets_from_mapping(data: Mapping[str, Any], name: str) -> dict[str, HourTarget]:
    """`{"red": {"unit": "clock_hours", "hours": 4}, ...}`; a rating left out has no target."""
    table: dict[str, HourTarget] = {}
    for rating, row in data.items():
        row = _mapping(row, f"{name}.{rating}")
        if set(row) != {"unit", "hours"}:
            raise ValueError(f'{name}.{rating} must look like {{"unit": ..., "hours": ...}}.')
        table[rating] = _in(f"{name}.{rating}", lambda r: HourTarget(r["unit"], r["hours"]), row)
    return table
