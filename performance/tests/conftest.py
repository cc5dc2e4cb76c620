import datetime
from collections.abc import Iterator

import pytest
import time_machine

from csc.testing import TODAY, Personas
from timescales import LONDON

from .dataset import Dataset, build


@pytest.fixture(autouse=True)
def on_today() -> Iterator[None]:
    """Freeze time at noon on the personas' TODAY (Friday 20 November 2026)."""
    noon = datetime.datetime.combine(TODAY, datetime.time(12, 0), tzinfo=LONDON)
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture
def dataset(personas: Personas) -> Dataset:
    return build(personas)
