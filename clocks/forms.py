"""Forms for the clock screens: a reason for lateness, and the authority's local practice."""

from __future__ import annotations

from typing import Any

from django import forms

from timescales import CATALOGUE, LocalPractice, Rule
from timescales.limits import limit_to_mapping
from timescales.office_hours import WEEKDAYS
from ui.forms import GovukForm

MAX_REASON = 2000

DAY_UNITS = [
    ("working_days", "Working days"),
    ("calendar_days", "Calendar days"),
    ("weeks", "Weeks"),
    ("months", "Months"),
]
HOUR_UNITS = [("working_hours", "Working hours"), ("clock_hours", "Clock hours")]
RATINGS = ("red", "amber", "green", "blue")
DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


class LateReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why was this late?",
        help_text="Say what happened and what has been done. This is shown to managers.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_REASON,
    )


def configurable_rules() -> list[Rule]:
    """LP rules with a fixed limit an authority can change (F3/F3P use the RAG tables)."""
    return [r for r in CATALOGUE if r.configurable and hasattr(r.limit, "n")]


class PracticeForm(GovukForm):
    """Every LocalPractice setting as plain fields. LocalPractice itself judges the values."""

    due_soon_working_days = forms.IntegerField(
        label="Show day clocks as due soon this many working days ahead"
    )
    due_soon_hours = forms.IntegerField(label="Show hour clocks as due soon this many hours ahead")

    def __init__(self, *args: Any, practice: LocalPractice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = configurable_rules()
        for rule in self.rules:
            current = limit_to_mapping(practice.limit_for(rule))
            self.fields[f"limit_{rule.id}_value"] = forms.IntegerField(
                label=f"{rule.id}: {rule.title}", initial=current["value"]
            )
            self.fields[f"limit_{rule.id}_unit"] = forms.ChoiceField(
                label="Unit", choices=DAY_UNITS, initial=current["unit"]
            )
        for table, targets in (
            ("rag", practice.rag_targets),
            ("partner", practice.partner_targets),
        ):
            for rating in RATINGS:
                target = targets.get(rating)
                self.fields[f"{table}_{rating}_hours"] = forms.IntegerField(
                    label=rating.capitalize(),
                    required=False,
                    help_text="Leave blank for no target",
                    initial=target.hours if target else None,
                )
                self.fields[f"{table}_{rating}_unit"] = forms.ChoiceField(
                    label="Unit",
                    choices=HOUR_UNITS,
                    initial=target.unit if target else "working_hours",
                )
        hours = practice.office_hours.to_mapping()
        for day in WEEKDAYS:
            opening = hours.get(day)
            for i, part in enumerate(("opens", "closes")):
                self.fields[f"office_{day}_{part}"] = forms.CharField(
                    label=f"{DAY_NAMES[day]} {part}",
                    required=False,
                    max_length=5,
                    help_text="24-hour time, for example 09:00; leave both blank if closed",
                    initial=opening[i] if opening else "",
                )
        self.fields["due_soon_working_days"].initial = practice.due_soon_working_days
        self.fields["due_soon_hours"].initial = practice.due_soon_hours
        self.practice: LocalPractice | None = None

    # Groups for the template: (legend, [bound fields]).
    def limit_rows(self) -> list[tuple[Rule, forms.BoundField, forms.BoundField]]:
        return [(r, self[f"limit_{r.id}_value"], self[f"limit_{r.id}_unit"]) for r in self.rules]

    def target_rows(self, table: str) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(r, self[f"{table}_{r}_hours"], self[f"{table}_{r}_unit"]) for r in RATINGS]

    def office_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (DAY_NAMES[d], self[f"office_{d}_opens"], self[f"office_{d}_closes"]) for d in WEEKDAYS
        ]

    def to_mapping(self) -> dict[str, Any]:
        d = self.cleaned_data
        limits = {}
        for rule in self.rules:
            value = {"unit": d[f"limit_{rule.id}_unit"], "value": d[f"limit_{rule.id}_value"]}
            if value != limit_to_mapping(rule.limit):  # store only real overrides
                limits[rule.id] = value
        tables: dict[str, dict[str, dict[str, object]]] = {"rag": {}, "partner": {}}
        for table, rows in tables.items():
            for rating in RATINGS:
                hours = d.get(f"{table}_{rating}_hours")
                if hours is not None:
                    rows[rating] = {"unit": d[f"{table}_{rating}_unit"], "hours": hours}
        office: dict[str, list[str] | None] = {}
        for day in WEEKDAYS:
            opens, closes = d.get(f"office_{day}_opens", ""), d.get(f"office_{day}_closes", "")
            office[day] = [opens, closes] if (opens or closes) else None
        return {
            "limits": limits,
            "rag_targets": tables["rag"],
            "partner_targets": tables["partner"],
            "office_hours": office,
            "due_soon_working_days": d["due_soon_working_days"],
            "due_soon_hours": d["due_soon_hours"],
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            self.practice = LocalPractice.from_mapping(self.to_mapping())
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return cleaned
