import datetime
from collections.abc import Iterator

import pytest
import time_machine

from accounts import actions as account_actions
from accounts.choices import Role
from accounts.models import User
from csc.testing import PASSWORD, TODAY
from timescales import LONDON


@pytest.fixture(autouse=True)
def on_today() -> Iterator[None]:
    """Freeze time at noon on the personas' TODAY (Friday 20 November 2026)."""
    noon = datetime.datetime.combine(TODAY, datetime.time(12, 0), tzinfo=LONDON)
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture
def chair(db: None) -> User:
    return account_actions.create_user(
        actor=None,
        username="ivy_chair",
        first_name="Ivy",
        last_name="Chair",
        role=Role.IRO,
        password=PASSWORD,
    )
