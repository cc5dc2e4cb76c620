"""Widgets for the GOV.UK date input pattern (day, month, year boxes)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class GovukDateWidget(forms.MultiWidget):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = [
            forms.TextInput(attrs={"inputmode": "numeric"}),
            forms.TextInput(attrs={"inputmode": "numeric"}),
            forms.TextInput(attrs={"inputmode": "numeric"}),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date entered as day, month and year, with the GOV.UK error wording."""

    widget = GovukDateWidget

    def __init__(self, *, label: str = "", **kwargs: Any) -> None:
        self.label_text = label
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, label=label, **kwargs)

    def clean(self, value: Any) -> datetime.date | None:
        parts = [str(v).strip() if v is not None else "" for v in (value or ["", "", ""])]
        name = (self.label_text or "Date").lower().capitalize()
        if not any(parts):
            if self.required:
                raise ValidationError(f"Enter the {name.lower()}", code="required")
            return None
        missing = [n for n, v in zip(("day", "month", "year"), parts, strict=True) if not v]
        if missing:
            raise ValidationError(f"{name} must include a {' and '.join(missing)}")
        if not all(p.isdigit() for p in parts):
            raise ValidationError(f"{name} must be a real date")
        day, month, year = (int(p) for p in parts)
        if len(parts[2]) != 4:
            raise ValidationError("Year must include 4 numbers")
        try:
            return datetime.date(year, month, day)
        except ValueError as exc:
            raise ValidationError(f"{name} must be a real date") from exc

    def compress(self, data_list: list[Any]) -> Any:
        return data_list
