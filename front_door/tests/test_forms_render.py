from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from csc.testing import Personas
from front_door import actions
from front_door.models import Contact
from people.models import Person

from .conftest import NOW, at


def test_every_action_page_renders(
    client: Client,
    personas: Personas,
    new_child: Callable[..., Person],
    make_contact: Callable[..., Contact],
) -> None:
    child = new_child()
    unmatched = make_contact()
    contact = make_contact(child, rating="red")
    request = actions.request_information(
        actor=personas.mash, contact=contact, agency="police", lawful_basis="s47",
        sent_at=at(20, 10), now=NOW,
    )  # fmt: skip
    decision = actions.decide(
        actor=personas.mash, contact=contact, level="4", outcome="referral",
        rationale="Assessment needed", decided_at=at(20, 11), now=NOW,
    )  # fmt: skip
    referral = actions.record_referral(
        actor=personas.mash, person=new_child(), referral_date=NOW.date(), source="6",
        primary_need="N1", today=NOW.date(),
    )  # fmt: skip
    eh = actions.start_early_help(
        actor=personas.mash, person=new_child(), started_on=NOW.date(), lead_professional="Sam",
        organisation="Hub", reason="Support", today=NOW.date(),
    )  # fmt: skip
    urls = [
        reverse("front_door:contact", args=[unmatched.pk]),
        reverse("front_door:contact", args=[contact.pk]),
        reverse("front_door:contact_new"),
        *(
            reverse("front_door:contact_action", args=[unmatched.pk, a])
            for a in ["link", "create-child", "rate"]
        ),
        *(
            reverse("front_door:contact_action", args=[contact.pk, a])
            for a in ["request", "decide", "referral", "early-help"]
        ),
        *(
            reverse("front_door:request_action", args=[request.pk, a])
            for a in ["respond", "chase", "withdraw"]
        ),
        reverse("front_door:allocate", args=[referral.pk]),
        reverse("front_door:history", args=[child.pk]),
        reverse("front_door:early_help_new", args=[child.pk]),
        reverse("front_door:early_help_action", args=[eh.pk, "end"]),
        reverse("front_door:early_help_action", args=[eh.pk, "step-up"]),
    ]
    client.force_login(personas.mash)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    client.force_login(personas.manager)
    assert client.get(reverse("front_door:authorise", args=[decision.pk])).status_code == 200
    client.force_login(personas.partner)
    assert client.get(reverse("front_door:partner_new")).status_code == 200
    assert client.get(reverse("front_door:partner_home")).status_code == 200
