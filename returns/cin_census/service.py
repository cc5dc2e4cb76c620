"""Load, build and write a year's CIN census: what the views, commands and benchmarks call."""

from __future__ import annotations

import datetime

from django.utils import timezone

from timescales import load_calendar

from . import tree
from .builder import build_census
from .config import census_options
from .loader import load_record
from .writer import write_census


def build_return(year: int, *, generated_at: datetime.datetime | None = None) -> tree.CINCensus:
    moment = timezone.localtime(generated_at or timezone.now())
    return build_census(
        load_record(year),
        options=census_options(),
        generated_at=moment,
        calendar=load_calendar(),
    )


def export_xml(year: int, *, generated_at: datetime.datetime | None = None) -> bytes:
    return write_census(build_return(year, generated_at=generated_at))


def file_name(year: int) -> str:
    return f"CIN_Census_{census_options().la_code}_{year}.xml"
