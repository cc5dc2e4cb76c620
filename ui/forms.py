"""Glue between Django forms and action errors."""

from __future__ import annotations

from typing import Any

from django import forms

from csc.errors import NON_FIELD, ActionError


def apply_action_error(
    form: forms.BaseForm, error: ActionError, field_map: dict[str, str] | None = None
) -> None:
    """Show an action's refusal on the form: on the field it concerns, else at the top."""
    field_map = field_map or {}
    for name, messages in error.errors.items():
        target = field_map.get(name, name)
        for message in messages:
            if target != NON_FIELD and target in form.fields:
                form.add_error(target, message)
            else:
                form.add_error(None, message)


def required_message(field: forms.Field, name: str) -> str:
    """GOV.UK wording for a missing answer: "Enter …" for text, "Select …" for choices."""
    label = str(field.label or name.replace("_", " ")).replace(" (optional)", "").strip()
    if isinstance(field, forms.BooleanField):
        return f"Confirm: {label[0].lower()}{label[1:]}" if label else "Confirm to continue"
    choice = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
    verb = "Select" if choice else "Enter"
    if label.endswith("?"):
        return f"{verb} an answer to ‘{label}’"
    lowered = label if label[:2].isupper() else label[:1].lower() + label[1:]
    return f"{verb} {lowered}"


class GovukForm(forms.Form):
    """A form whose required-field errors speak like the GOV.UK Design System."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        default = forms.Field.default_error_messages["required"]
        for name, field in self.fields.items():
            if field.error_messages.get("required") == default:
                field.error_messages["required"] = required_message(field, name)
