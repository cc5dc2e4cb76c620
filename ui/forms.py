"""Glue between Django forms and action errors."""

from __future__ import annotations

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
