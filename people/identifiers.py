"""NHS number and UPN checks. Pure functions: used by forms, the API and imports alike."""

from __future__ import annotations

import re

_NHS_WEIGHTS = range(10, 1, -1)


def normalise_nhs_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def nhs_check_digit(first_nine: str) -> int | None:
    """Modulus 11 check digit; None means no valid number can start with these digits."""
    total = sum(int(d) * w for d, w in zip(first_nine, _NHS_WEIGHTS, strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_number_problem(value: str) -> str | None:
    """A plain-English reason the NHS number is invalid, or None when it is valid."""
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        return "Enter an NHS number that is 10 digits, like 943 476 5919"
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        return "Enter a valid NHS number: the last digit does not match the others"
    return None


_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_check_letter(last_twelve: str) -> str:
    """DfE UPN check letter: characters 2-13 weighted 2..13, summed modulo 23."""
    total = 0
    for weight, char in enumerate(last_twelve, start=2):
        if char.isdigit():
            value = int(char)
        else:
            # A letter in the final position of a temporary UPN counts by its index.
            value = _UPN_LETTERS.index(char)
        total += value * weight
    return _UPN_LETTERS[total % 23]


def upn_problem(value: str) -> str | None:
    upn = (value or "").strip().upper()
    if not re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", upn):
        return "Enter a UPN that is 13 characters: a letter, then 11 digits, then a digit or letter"
    if upn[0] in "IOS" or upn[0] not in _UPN_LETTERS:
        return "Enter a valid UPN: it cannot start with I, O or S"
    if not upn[12].isdigit() and upn[12] not in _UPN_LETTERS:
        return "Enter a valid UPN: the last character is not allowed"
    if upn_check_letter(upn[1:]) != upn[0]:
        return "Enter a valid UPN: the check letter does not match"
    return None
