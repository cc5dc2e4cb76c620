from __future__ import annotations

from typing import Any

from django import forms

from front_door.models import Referral
from ui.forms import GovukForm
from ui.widgets import GovukDateField

from .choices import Factor, Outcome
from .quality import SECTIONS

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ReferralChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"Referral {obj.reference}, received {obj.referral_date:%-d %B %Y}"


class StartForm(GovukForm):
    referral = ReferralChoiceField(
        label="Which referral is this assessment for?",
        queryset=Referral.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the referral"},
    )
    started_on = GovukDateField(
        label="Start date", help_text="The date the assessment started, for example 27 3 2026"
    )

    def __init__(self, *args: Any, referrals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referral"].queryset = referrals  # type: ignore[attr-defined]


class SectionsForm(GovukForm):
    language = forms.CharField(
        label="Language used with the child and family", required=False, max_length=60
    )
    interpreter_used = forms.ChoiceField(
        label="Was an interpreter used?",
        choices=[*YES_NO, ("not_needed", "Not needed")],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label, hint in SECTIONS:
            self.fields[name] = forms.CharField(
                label=label,
                help_text=hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    def section_values(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name, "") for name, _, _ in SECTIONS}
        data["language"] = self.cleaned_data.get("language", "")
        data["interpreter_used"] = _yes_no(self.cleaned_data.get("interpreter_used", ""))
        return data


class ChildSeenForm(GovukForm):
    seen_on = GovukDateField(label="Date the child was seen")
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child was seen alone"},
    )
    seen_with = forms.CharField(label="Who else was there", required=False, max_length=250)

    conditional_fields = {"seen_alone": {"no": ["seen_with"]}}

    def seen_alone_value(self) -> bool:
        return self.cleaned_data["seen_alone"] == "yes"


class FactorsForm(GovukForm):
    factors = forms.MultipleChoiceField(
        label="Factors identified at assessment",
        help_text="Select all that apply. These are the CIN census assessment factor codes.",
        choices=[(code, f"{code}: {label}") for code, label in Factor.choices],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the factors identified, or “No factors identified”"},
    )


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label="What is the outcome of the assessment?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome"},
    )
    outcome_reason = forms.CharField(
        label="Reasons for the outcome",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SubmitForm(GovukForm):
    submitted_on = GovukDateField(label="Date submitted for authorisation")


class AuthoriseForm(GovukForm):
    authorised_on = GovukDateField(label="Authorisation date")
    note = forms.CharField(
        label="Manager's comments (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    confirmed = forms.BooleanField(
        label="I have read this assessment, including the completeness summary, and I agree "
        "the outcome",
        required=False,
    )


class ReturnForm(GovukForm):
    reason = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what needs to change"},
    )
