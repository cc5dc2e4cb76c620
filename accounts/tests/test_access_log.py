from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import AccessLogEntry
from csc.testing import Personas


@pytest.mark.django_db
def test_viewing_a_child_writes_exactly_one_access_log_entry(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.worker)
    before = AccessLogEntry.objects.count()
    assert client.get(f"/people/{personas.child.pk}/").status_code == 200
    entries = AccessLogEntry.objects.all()
    assert entries.count() == before + 1
    entry = entries.first()
    assert entry is not None
    assert (entry.user, entry.person, entry.page) == (
        personas.worker,
        personas.child,
        "Child record",
    )
    assert entry.path == f"/people/{personas.child.pk}/"


@pytest.mark.django_db
def test_refused_views_are_not_logged_as_views(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.other_worker)
    client.get(f"/people/{personas.child.pk}/")
    assert not AccessLogEntry.objects.filter(user=personas.other_worker).exists()


@pytest.mark.django_db
def test_api_reads_are_logged(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.worker)
    client.get(f"/api/v1/people/{personas.child.pk}")
    assert (
        AccessLogEntry.objects.filter(
            user=personas.worker, person=personas.child, page="API: person"
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_admin_search_finds_the_entry(personas: Personas) -> None:
    viewer = Client()
    viewer.force_login(personas.colleague)
    viewer.get(f"/people/{personas.child.pk}/chronology/")
    admin = Client()
    admin.force_login(personas.admin)
    page = admin.get(
        "/accounts/admin/access-log/",
        {"user": "colin_colleague", "child": str(personas.child.pk)},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "1 entry" in html
    assert "Chronology" in html
    other = admin.get("/accounts/admin/access-log/", {"user": "nobody"}).content.decode()
    assert "0 entries" in other


@pytest.mark.django_db
def test_access_log_search_rejects_bad_input_clearly(personas: Personas) -> None:
    admin = Client()
    admin.force_login(personas.admin)
    html = admin.get("/accounts/admin/access-log/", {"child": "abc"}).content.decode()
    assert "There is a problem" in html
    assert "Enter the record number using digits only" in html
