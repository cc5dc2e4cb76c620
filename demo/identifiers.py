"""Synthetic identifiers that pass the real checks but can never belong to anyone.

NHS numbers start 999: that range is reserved for testing and never issued. UPNs use
Barnet's DfE LA number (302) and invented establishment numbers.
"""

from __future__ import annotations

import random

from people.identifiers import nhs_check_digit, upn_check_letter

DEMO_LA_NUMBER = "302"


class IdentifierSource:
    """Hands out unique NHS numbers and UPNs from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._nhs: set[str] = set()
        self._upn: set[str] = set()

    def nhs_number(self) -> str:
        while True:
            first_nine = f"999{self.rng.randrange(1_000_000):06d}"
            check = nhs_check_digit(first_nine)
            if check is None:
                continue
            number = f"{first_nine}{check}"
            if number not in self._nhs:
                self._nhs.add(number)
                return number

    def upn(self, *, school_start_year: int, establishment: str) -> str:
        """Check letter, LA number, 4-digit establishment, 2-digit year, 3-digit serial."""
        while True:
            last_twelve = (
                f"{DEMO_LA_NUMBER}{establishment}{school_start_year % 100:02d}"
                f"{self.rng.randrange(1000):03d}"
            )
            upn = upn_check_letter(last_twelve) + last_twelve
            if upn not in self._upn:
                self._upn.add(upn)
                return upn


# Invented DfE establishment numbers: 2xxx primary, 4xxx secondary, 7xxx special.
PRIMARY_ESTABLISHMENTS = ("2013", "2047", "2112", "2158", "2204", "2261", "2333", "2390")
SECONDARY_ESTABLISHMENTS = ("4008", "4035", "4061", "4117", "4152", "4190")
SPECIAL_ESTABLISHMENTS = ("7002", "7015")
