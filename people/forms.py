from __future__ import annotations

import datetime
from typing import Any

from django import forms

from ui.forms import GovukForm
from ui.widgets import GovukDateField

from .actions import PersonDetails
from .choices import (
    Disability,
    Ethnicity,
    Gender,
    PersonKind,
    ProfessionalRole,
    RelationshipKind,
    Religion,
    Sex,
)


class SearchForm(GovukForm):
    name = forms.CharField(
        label="Name",
        required=False,
        max_length=200,
        help_text="Any part of the name, in any order. Similar spellings are found too.",
    )
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=12)
    upn = forms.CharField(label="Unique pupil number (UPN)", required=False, max_length=13)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(k) for k in ("name", "date_of_birth", "nhs_number", "upn")):
            raise forms.ValidationError("Enter a name, date of birth, NHS number or UPN")
        return data


class PersonForm(GovukForm):
    kind = forms.ChoiceField(
        label="Is this a child or an adult?",
        choices=PersonKind.choices,
        widget=forms.RadioSelect,
        initial=PersonKind.CHILD,
    )
    legal_forename = forms.CharField(label="Legal first name", max_length=200)
    legal_surname = forms.CharField(label="Legal last name", max_length=200)
    known_as = forms.CharField(label="Known as (optional)", required=False, max_length=200)
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        help_text="For example, 27 3 2015. Leave blank for an unborn child.",
    )
    expected_date_of_birth = GovukDateField(
        label="Expected date of birth (unborn child)", required=False
    )
    sex = forms.ChoiceField(
        label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN
    )
    gender = forms.ChoiceField(label="Gender", choices=Gender.choices, initial=Gender.NOT_KNOWN)
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=Ethnicity.choices, initial=Ethnicity.NOBT
    )
    first_language = forms.CharField(
        label="First language (optional)", required=False, max_length=200
    )
    interpreter_needed = forms.BooleanField(label="An interpreter is needed", required=False)
    religion = forms.ChoiceField(
        label="Religion (optional)",
        choices=[("", "Not recorded"), *Religion.choices],
        required=False,
    )
    disabilities = forms.MultipleChoiceField(
        label="Disabilities",
        choices=Disability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )
    nhs_number = forms.CharField(label="NHS number (optional)", required=False, max_length=20)
    upn = forms.CharField(label="Unique pupil number (optional)", required=False, max_length=20)
    uasc = forms.BooleanField(label="Unaccompanied asylum-seeking child", required=False)
    confirm_new = forms.BooleanField(
        label="I have checked the possible matches and this is a different person", required=False
    )

    def details(self) -> PersonDetails:
        d = self.cleaned_data
        return PersonDetails(
            kind=d["kind"],
            legal_forename=d["legal_forename"],
            legal_surname=d["legal_surname"],
            known_as=d.get("known_as", ""),
            date_of_birth=d.get("date_of_birth"),
            expected_date_of_birth=d.get("expected_date_of_birth"),
            sex=d["sex"],
            gender=d["gender"],
            ethnicity=d["ethnicity"],
            first_language=d.get("first_language", ""),
            interpreter_needed=d.get("interpreter_needed", False),
            religion=d.get("religion", ""),
            nhs_number=d.get("nhs_number", ""),
            upn=d.get("upn", ""),
            uasc=d.get("uasc", False),
            disabilities=list(d.get("disabilities") or []),
        )

    @staticmethod
    def initial_for(person: Any) -> dict[str, Any]:
        initial = {
            name: getattr(person, name)
            for name in (
                "kind",
                "legal_forename",
                "legal_surname",
                "known_as",
                "date_of_birth",
                "expected_date_of_birth",
                "sex",
                "gender",
                "ethnicity",
                "first_language",
                "interpreter_needed",
                "religion",
                "nhs_number",
                "upn",
                "uasc",
            )
        }
        initial["disabilities"] = list(person.disabilities.values_list("code", flat=True))
        return initial


class AddressForm(GovukForm):
    line1 = forms.CharField(label="Address line 1", max_length=120)
    line2 = forms.CharField(label="Address line 2 (optional)", required=False, max_length=120)
    town = forms.CharField(label="Town or city", required=False, max_length=80)
    postcode = forms.CharField(label="Postcode", max_length=10)
    moved_in_on = GovukDateField(label="Date they moved in")


class RelationshipForm(GovukForm):
    other_id = forms.IntegerField(
        label="Record number of the related person",
        help_text="Find them with search first. To add someone new, create their record.",
        min_value=1,
    )
    kind = forms.ChoiceField(label="They are the child’s", choices=RelationshipKind.choices)
    lives_with = forms.BooleanField(label="They live in the same household", required=False)
    has_parental_responsibility = forms.BooleanField(
        label="They have parental responsibility", required=False
    )
    started_on = GovukDateField(label="Since (optional)", required=False)


class ProfessionalForm(GovukForm):
    name = forms.CharField(label="Name", max_length=120)
    role = forms.ChoiceField(label="Role", choices=ProfessionalRole.choices)
    organisation = forms.CharField(label="Organisation", max_length=160)
    phone = forms.CharField(label="Phone (optional)", required=False, max_length=40)
    email = forms.EmailField(label="Email (optional)", required=False)
    started_on = GovukDateField(label="Involved since", initial=datetime.date.today)


class MergeForm(GovukForm):
    keep_id = forms.IntegerField(label="Record number to keep", min_value=1)
    merge_id = forms.IntegerField(label="Record number to merge into it", min_value=1)
    reason = forms.CharField(
        label="Why are these the same person?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
    )
