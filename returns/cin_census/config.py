"""The CIN census choices the DfE guide leaves to the authority, and where the validator lives.

Set `TRELLIS_LA_CODE` (the 3-digit DfE LA number, default "302") and override any key of
`TRELLIS_CIN_CENSUS` in settings; keys not given keep the defaults below. docs/returns.md
describes each key.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

DEFAULT_LA_CODE = "302"

DEFAULTS: dict[str, Any] = {
    # Header/Source: how this system names itself to the DfE (COLLECT shows these).
    "SOFTWARE_CODE": "Trellis",
    "RELEASE": "0.1",
    "SERIAL_NO": "001",
    # ReferralSource for a CIN episode that has no referral recorded (10 = unknown).
    "DEFAULT_REFERRAL_SOURCE": "10",
    # Disability written for a born child with no disability recorded ("" leaves the module
    # out; rule 8540 then reports the child unless the referral was no further action).
    "NO_DISABILITY_CODE": "NONE",
    # UPNunknown when the child has no UPN and no usable reason recorded on their record.
    "UPN_UNKNOWN_UNDER_SCHOOL_AGE": "UN1",
    "UPN_UNKNOWN_SCHOOL_AGE": "UN6",
    # ... and for a child whose every episode in the return is a referral with no further action.
    "UPN_UNKNOWN_NFA_ONLY": "UN7",
    # ReasonForClosure for a referral with no further action: "" writes what was recorded (the
    # referral action records RC8); an authority that codes these RC7 sets "RC7".
    "NFA_CLOSURE_REASON": "",
    # PrimaryNeedCode for referrals with no further action (the census does not require it).
    "NFA_PRIMARY_NEED": False,
    # InitialCPCtarget: the s47 start plus this many working days (blank to leave it out).
    "ICPC_TARGET_WORKING_DAYS": 15,
    # The validator's own environment, relative to the project folder unless absolute.
    "VALIDATOR_PYTHON": ".venv-validator/bin/python",
    "VALIDATOR_SCRIPT": "validator/run_cin_validator.py",
    "VALIDATOR_TIMEOUT_SECONDS": 300,
}


@dataclass(frozen=True)
class CensusOptions:
    """The settings the pure builder needs (no Django settings are read inside it)."""

    la_code: str = DEFAULT_LA_CODE
    software_code: str = DEFAULTS["SOFTWARE_CODE"]
    release: str = DEFAULTS["RELEASE"]
    serial_no: str = DEFAULTS["SERIAL_NO"]
    default_referral_source: str = DEFAULTS["DEFAULT_REFERRAL_SOURCE"]
    no_disability_code: str = DEFAULTS["NO_DISABILITY_CODE"]
    upn_unknown_under_school_age: str = DEFAULTS["UPN_UNKNOWN_UNDER_SCHOOL_AGE"]
    upn_unknown_school_age: str = DEFAULTS["UPN_UNKNOWN_SCHOOL_AGE"]
    upn_unknown_nfa_only: str = DEFAULTS["UPN_UNKNOWN_NFA_ONLY"]
    nfa_closure_reason: str = DEFAULTS["NFA_CLOSURE_REASON"]
    nfa_primary_need: bool = DEFAULTS["NFA_PRIMARY_NEED"]
    icpc_target_working_days: int | None = DEFAULTS["ICPC_TARGET_WORKING_DAYS"]


def census_config() -> dict[str, Any]:
    configured = getattr(settings, "TRELLIS_CIN_CENSUS", None) or {}
    unknown = sorted(set(configured) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"Unknown TRELLIS_CIN_CENSUS keys: {', '.join(unknown)}")
    return {**DEFAULTS, **configured}


def census_options() -> CensusOptions:
    c = census_config()
    target = c["ICPC_TARGET_WORKING_DAYS"]
    return CensusOptions(
        la_code=str(getattr(settings, "TRELLIS_LA_CODE", DEFAULT_LA_CODE)),
        software_code=str(c["SOFTWARE_CODE"]),
        release=str(c["RELEASE"]),
        serial_no=str(c["SERIAL_NO"]),
        default_referral_source=str(c["DEFAULT_REFERRAL_SOURCE"]),
        no_disability_code=str(c["NO_DISABILITY_CODE"] or ""),
        upn_unknown_under_school_age=str(c["UPN_UNKNOWN_UNDER_SCHOOL_AGE"]),
        upn_unknown_school_age=str(c["UPN_UNKNOWN_SCHOOL_AGE"]),
        upn_unknown_nfa_only=str(c["UPN_UNKNOWN_NFA_ONLY"] or ""),
        nfa_closure_reason=str(c["NFA_CLOSURE_REASON"] or ""),
        nfa_primary_need=bool(c["NFA_PRIMARY_NEED"]),
        icpc_target_working_days=int(target) if target not in (None, "") else None,
    )


def project_path(value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


def collection_year_for(day: datetime.date) -> int:
    """The collection year in progress on `day`: the DfE names it by the 31 March it ends on."""
    return day.year + 1 if day.month >= 4 else day.year


def census_period(year: int) -> tuple[datetime.date, datetime.date]:
    """1 April of the year before to 31 March of `year` (the ReferenceDate)."""
    return datetime.date(year - 1, 4, 1), datetime.date(year, 3, 31)
