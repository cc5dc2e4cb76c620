from __future__ import annotations

import pytest
from django import forms

from ui.forms import GovukForm


class Example(GovukForm):
    name = forms.CharField(label="Child's first name")
    team = forms.ChoiceField(label="Team", choices=[("a", "A")])
    seen = forms.ChoiceField(label="Was the child seen?", choices=[("yes", "Yes")])
    why = forms.CharField(label="Why was this late?")
    nhs = forms.CharField(label="NHS number (optional)")
    custom = forms.CharField(label="Custom", error_messages={"required": "Say something"})


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Enter child's first name"),
        ("team", "Select team"),
        ("seen", "Select an answer to ‘Was the child seen?’"),
        ("why", "Enter an answer to ‘Why was this late?’"),
        ("nhs", "Enter NHS number"),
        ("custom", "Say something"),
    ],
)
def test_required_messages_use_gov_uk_wording(field: str, message: str) -> None:
    form = Example({})
    assert not form.is_valid()
    assert form.errors[field] == [message]
