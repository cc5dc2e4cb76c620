"""Two loads with the same seed, scale and date build the same authority."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from .test_load_demo_data import fingerprint, load


@pytest.mark.django_db(transaction=True)
def test_same_seed_gives_the_same_authority() -> None:
    call_command("flush", "--noinput")  # in case another module left data behind
    load(scale="0.01")
    first = fingerprint()
    call_command("flush", "--noinput")
    load(scale="0.01")
    assert fingerprint() == first
    assert first[0]["children"] > 30
