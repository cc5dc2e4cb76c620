"""The one pattern behind most record pages: a form, one action, a message, back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from csc.errors import ActionError

from .forms import apply_action_error


def action_form_page(
    request: HttpRequest,
    person: Any,
    form: forms.BaseForm,
    *,
    heading: str,
    button: str,
    save: Callable[[dict[str, Any]], object],
    success: str,
    back: str,
    field_map: dict[str, str] | None = None,
    intro: str = "",
) -> HttpResponse:
    """Show `form` about `person`; on a valid post call `save` (which calls one action).
    An action's refusal is shown on the form and nothing is saved; success goes `back`."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ActionError as exc:
            apply_action_error(form, exc, field_map)
        else:
            messages.success(request, success)
            return redirect(back)
    # Fields revealed conditionally are rendered inside their radio, not at the top level.
    fields = getattr(form, "top_level", None)
    return render(
        request,
        "ui/action_form.html",
        {
            "person": person,
            "form": form,
            "fields": fields if fields is not None else list(form),
            "heading": heading,
            "button": button,
            "back": back,
            "intro": intro,
        },
    )
