from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from csc import views
from csc.testing import Personas


@pytest.mark.django_db
def test_error_pages_use_the_service_style(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.worker)
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()
    assert "govuk-generic-header" in missing.content.decode()
    forbidden = client.get("/accounts/admin/")
    assert forbidden.status_code == 403
    assert "You do not have permission to see this page" in forbidden.content.decode()


def test_server_error_page_renders_without_a_database() -> None:
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.django_db
def test_header_has_skip_link_phase_banner_and_navigation(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.manager)
    html = client.get("/my-work/").content.decode()
    assert 'href="#main-content"' in html
    assert "govuk-phase-banner" in html
    for label in ("My work", "Team", "Search"):
        assert f">{label}<" in html or f"{label}</strong>" in html
    assert ">Admin<" not in html


@pytest.mark.django_db
def test_healthz(client: Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_secret_key_is_required_outside_development(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import csc.settings

    monkeypatch.delenv("TRELLIS_SECRET_KEY", raising=False)
    monkeypatch.setenv("TRELLIS_DEBUG", "0")
    monkeypatch.setenv("TRELLIS_TESTING", "0")
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        importlib.reload(csc.settings)
    monkeypatch.setenv("TRELLIS_TESTING", "1")
    importlib.reload(csc.settings)
