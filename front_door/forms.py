"""Forms for the front door. Each form's cleaned data feeds one action."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone

from casework.choices import PrimaryNeed
from ui.forms import GovukForm
from ui.widgets import GovukDateField

from .actions import ChildAsTyped, ContactDetails
from .choices import (
    Agency,
    Consent,
    EarlyHelpEnd,
    LawfulBasis,
    Outcome,
    Rating,
    ReferralSource,
    levels_of_need,
)

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
CHILD_SLOTS = 3


def _source_choices() -> list[tuple[str, str]]:
    return [("", "Choose who the contact is from"), *ReferralSource.choices]


class WhenMixin(GovukForm):
    """A date (GOV.UK date input) and a 24-hour time, combined into an aware datetime `at`."""

    at_date = GovukDateField(label="Date")
    at_time = forms.CharField(
        label="Time", help_text="24-hour clock, for example 14:30", max_length=5
    )
    when_label = "Date and time"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = timezone.localtime()
        self.fields["at_date"].label = self.when_label.replace(" and time", "")
        self.fields["at_date"].label_text = self.fields["at_date"].label  # type: ignore[attr-defined]
        self.fields["at_date"].initial = now.date()
        self.fields["at_time"].initial = now.strftime("%H:%M")

    def clean_at_time(self) -> datetime.time:
        match = _TIME.match(self.cleaned_data["at_time"])
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise forms.ValidationError("Enter a time in the 24-hour clock, for example 14:30")
        return datetime.time(int(match[1]), int(match[2]))

    def at(self) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(self.cleaned_data["at_date"], self.cleaned_data["at_time"])
        )


class ContactForm(WhenMixin):
    when_label = "Date and time received"
    source = forms.ChoiceField(label="Who is the contact from?", choices=_source_choices)
    referrer_name = forms.CharField(label="Referrer's name", max_length=120)
    referrer_agency = forms.CharField(
        label="Referrer's organisation (optional)", max_length=160, required=False
    )
    referrer_contact = forms.CharField(
        label="Referrer's phone number or email", max_length=200, required=False
    )
    concerns = forms.CharField(
        label="What are the concerns?",
        help_text="In the referrer's own words",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    family_consent = forms.ChoiceField(
        label="Does the family know about this contact, and consent?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
    )
    immediate_risk = forms.BooleanField(
        label="A child is at immediate risk of significant harm", required=False
    )

    def __init__(self, *args: Any, partner: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if partner:
            # A partner's contact is received when they submit it.
            del self.fields["at_date"], self.fields["at_time"]
        for n in range(1, CHILD_SLOTS + 1):
            first = n == 1
            which = "Child" if first else f"Child {n} (optional)"
            self.fields[f"child{n}_forename"] = forms.CharField(
                label=f"{which}: first name", max_length=100, required=first
            )
            self.fields[f"child{n}_surname"] = forms.CharField(
                label=f"{which}: last name", max_length=100, required=first
            )
            self.fields[f"child{n}_date_of_birth"] = GovukDateField(
                label=f"{which}: date of birth", required=False, help_text="If known"
            )
            self.fields[f"child{n}_address"] = forms.CharField(
                label=f"{which}: address", max_length=250, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(2, CHILD_SLOTS + 1):
            fore, sur = data.get(f"child{n}_forename"), data.get(f"child{n}_surname")
            if bool(fore) != bool(sur):
                self.add_error(
                    f"child{n}_surname" if fore else f"child{n}_forename",
                    f"Enter child {n}'s first and last names, or neither",
                )
        return data

    def children(self) -> list[ChildAsTyped]:
        d = self.cleaned_data
        return [
            ChildAsTyped(
                forename=d[f"child{n}_forename"],
                surname=d[f"child{n}_surname"],
                date_of_birth=d.get(f"child{n}_date_of_birth"),
                address=d.get(f"child{n}_address", ""),
            )
            for n in range(1, CHILD_SLOTS + 1)
            if d.get(f"child{n}_forename")
        ]

    def details(self) -> ContactDetails:
        d = self.cleaned_data
        return ContactDetails(
            source=d["source"],
            referrer_name=d["referrer_name"],
            referrer_agency=d["referrer_agency"],
            referrer_contact=d["referrer_contact"],
            concerns=d["concerns"],
            family_consent=d["family_consent"],
            immediate_risk=d["immediate_risk"],
        )


class LinkForm(GovukForm):
    person_id = forms.IntegerField(
        label="Record number", help_text="The child's record number, for example 0001234"
    )


class RateForm(WhenMixin):
    when_label = "Date and time rated"
    rating = forms.ChoiceField(label="RAG rating", choices=Rating.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Reason for the rating", widget=forms.Textarea(attrs={"rows": 4})
    )


class RequestForm(WhenMixin):
    when_label = "Date and time sent"
    agency = forms.ChoiceField(label="Agency", choices=[("", "Choose an agency"), *Agency.choices])
    agency_detail = forms.CharField(
        label="Team or person asked (optional)", max_length=160, required=False
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for sharing", choices=LawfulBasis.choices, widget=forms.RadioSelect
    )
    question = forms.CharField(
        label="What are you asking? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ResponseForm(WhenMixin):
    when_label = "Date and time of the reply"
    responder = forms.CharField(label="Who replied", max_length=160)
    response = forms.CharField(label="What they said", widget=forms.Textarea(attrs={"rows": 6}))


class ChaseForm(WhenMixin):
    when_label = "Date and time chased"
    note = forms.CharField(label="Note (optional)", max_length=250, required=False)


class WithdrawForm(WhenMixin):
    when_label = "Date and time withdrawn"


class DecisionForm(WhenMixin):
    when_label = "Date and time of the decision"
    level = forms.ChoiceField(label="Level of need", widget=forms.RadioSelect)
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(
        label="Rationale",
        help_text="Why this level and outcome: what is known, what partners said, the risks",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,  # the action refuses an empty rationale, with its own message
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = levels_of_need()  # type: ignore[attr-defined]


class AuthoriseForm(WhenMixin):
    when_label = "Date and time authorised"
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReferralForm(GovukForm):
    referral_date = GovukDateField(label="Referral date")
    source = forms.ChoiceField(label="Referral source", choices=_source_choices, required=False)
    primary_need = forms.ChoiceField(
        label="Primary need", choices=[("", "Choose the primary need"), *PrimaryNeed.choices]
    )
    nfa = forms.BooleanField(
        label="No further action on the referral (the CIN episode closes today)", required=False
    )


class EarlyHelpForm(GovukForm):
    started_on = GovukDateField(label="Start date")
    lead_professional = forms.CharField(label="Lead professional", max_length=120)
    organisation = forms.CharField(label="Organisation", max_length=160)
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 4}))
    assessment_started_on = GovukDateField(
        label="Early help assessment started (optional)", required=False
    )
    assessment_completed_on = GovukDateField(
        label="Early help assessment completed (optional)", required=False
    )
    step_down = forms.BooleanField(
        label="Stepped down from social care (closes the open child in need episode)",
        required=False,
    )


class EndEarlyHelpForm(GovukForm):
    ended_on = GovukDateField(label="End date")
    end_reason = forms.ChoiceField(
        label="Why did early help end?",
        choices=[c for c in EarlyHelpEnd.choices if c[0] != EarlyHelpEnd.STEP_UP],
        widget=forms.RadioSelect,
    )


class StepUpForm(WhenMixin):
    when_label = "Date and time stepped up"
    concerns = forms.CharField(
        label="Why does the child need children's social care?",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    immediate_risk = forms.BooleanField(label="Immediate risk of significant harm", required=False)


class PeriodForm(GovukForm):
    date_from = GovukDateField(label="From")
    date_to = GovukDateField(label="To")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lo, hi = data.get("date_from"), data.get("date_to")
        if lo and hi and hi < lo:
            self.add_error("date_to", "The end of the period must be on or after its start")
        return data
