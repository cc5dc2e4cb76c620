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
