"""A bulk load refreshes each child's clocks once, at the end, in batches: the clocks it
leaves are exactly those a full recompute gives."""

from __future__ import annotations

import pytest

from casework.events import deferred_refresh
from clocks.models import Clock
from clocks.recompute import recompute_everyone
from csc.testing import Personas

from .helpers import open_cp


@pytest.mark.django_db
@pytest.mark.usefixtures("on_today")
def test_deferred_refresh_leaves_clocks_as_a_full_recompute_would(personas: Personas) -> None:
    with deferred_refresh() as pending:
        open_cp(personas)
        assert pending == {personas.child.pk}
        assert not Clock.objects.filter(person=personas.child).exists()
    assert Clock.objects.filter(person=personas.child, rule_id="C4").exists()
    assert recompute_everyone().changes == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("on_today")
def test_a_nested_deferred_refresh_leaves_its_children_to_the_outer_one(
    personas: Personas,
) -> None:
    # A loader step that defers its own refresh (the front door's history) runs inside the
    # whole load's: its children are refreshed once, with everyone else's, at the end.
    with deferred_refresh() as outer:
        with deferred_refresh():
            open_cp(personas)
        assert not Clock.objects.filter(person=personas.child).exists()
        assert outer == {personas.child.pk}
    assert Clock.objects.filter(person=personas.child, rule_id="C4").exists()
