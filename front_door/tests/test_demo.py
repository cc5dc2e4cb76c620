from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from accounts.models import User
from csc.testing import Personas
from front_door.demo import generate_front_door_history
from front_door.models import Contact, PartnerRequest, Referral, ThresholdDecision
from people.models import Person


def test_demo_history_is_built_through_the_actions(
    personas: Personas, new_child: Callable[..., Person]
) -> None:
    children = [new_child() for _ in range(12)] + [personas.child]
    summary = generate_front_door_history(
        random.Random(7),
        datetime.date(2026, 11, 20),
        children,
        list(User.objects.all()),
        scale=0.02,  # 300 contacts a year
        years=0.5,
    )
    assert summary.contacts == Contact.objects.count() > 100
    sources = [c.source for c in Contact.objects.all()]
    assert sources.count("6") > sources.count("3A")  # police lead
    assert ThresholdDecision.objects.exists() and PartnerRequest.objects.exists()
    assert summary.referrals == Referral.objects.count() > 0
    assert summary.late_responses > 0 and summary.late_decisions > 0
