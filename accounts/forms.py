from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from ui.forms import GovukForm
from ui.widgets import GovukDateField


class SignInForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been disabled. Ask an administrator.",
        "locked": "This account is locked after too many failed attempts. Try again in "
        "%(minutes)s minutes or ask an administrator.",
    }


class AccessLogSearchForm(GovukForm):
    user = forms.CharField(label="Staff username", required=False, max_length=150)
    child = forms.CharField(
        label="Child's record number",
        required=False,
        max_length=10,
        help_text="The 7-digit number shown on the child's record",
    )
    date_from = GovukDateField(label="From", required=False)
    date_to = GovukDateField(label="To", required=False)

    def clean_child(self) -> str:
        value = self.cleaned_data["child"].strip()
        if value and not value.isdigit():
            raise forms.ValidationError("Enter the record number using digits only")
        return value

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data
