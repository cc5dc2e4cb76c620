"""Office hours, for clocks counted in working hours (MASH RAG targets, partner requests).

Default is Barnet MASH's published hours (timescales.md §5.2): Mon-Thu 09:00-17:15,
Fri 09:00-17:00, closed at weekends; bank holidays are closed whatever the weekday says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Opening = tuple[time, time] | None

_BARNET: tuple[Opening, ...] = (
    (time(9), time(17, 15)),
    (time(9), time(17, 15)),
    (time(9), time(17, 15)),
    (time(9), time(17, 15)),
    (time(9), time(17)),
    None,
    None,
)


@dataclass(frozen=True)
class OfficeHours:
    """Opening and closing time for each weekday, Monday first; None means closed all day."""

    week: tuple[Opening, ...] = _BARNET

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("Office hours need exactly 7 entries, Monday to Sunday.")
        for name, opening in zip(WEEKDAYS, self.week, strict=True):
            if opening is not None and not opening[0] < opening[1]:
                raise ValueError(f"Office hours for {name}: opening must be before closing.")
        if all(opening is None for opening in self.week):
            raise ValueError("Office hours must be open on at least one day of the week.")

    def opening(self, weekday: int) -> Opening:
        return self.week[weekday]

    def to_mapping(self) -> dict[str, list[str] | None]:
        return {
            name: None if o is None else [o[0].strftime("%H:%M"), o[1].strftime("%H:%M")]
            for name, o in zip(WEEKDAYS, self.week, strict=True)
        }

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> OfficeHours:
        """`{"mon": ["09:00", "17:15"], ..., "sat": null}`; a missing day is closed."""
        unknown = set(data) - set(WEEKDAYS)
        if unknown:
            raise ValueError(f"Unknown day(s) in office hours: {', '.join(sorted(unknown))}.")
        week: list[Opening] = []
        for name in WEEKDAYS:
            value = data.get(name)
            if value is None:
                week.append(None)
                continue
            if not (isinstance(value, list | tuple) and len(value) == 2):
                raise ValueError(f'Office hours for {name} must be ["HH:MM", "HH:MM"] or null.')
            try:
                week.append((time.fromisoformat(str(value[0])), time.fromisoformat(str(value[1]))))
            except ValueError as exc:
                raise ValueError(f"Office hours for {name}: bad time ({exc}).") from exc
        return cls(week=tuple(week))
