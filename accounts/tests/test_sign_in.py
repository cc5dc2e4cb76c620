from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from accounts.models import User
from csc.testing import PASSWORD, Personas


def sign_in(client: Client, username: str, password: str) -> str:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.content.decode() if response.status_code == 200 else response["Location"]


@pytest.mark.django_db
def test_sign_in_lands_on_my_work(personas: Personas) -> None:
    assert sign_in(Client(), "wendy_worker", PASSWORD) == "/"


@pytest.mark.django_db
def test_lockout_after_repeated_failures_then_expiry(personas: Personas) -> None:
    start = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client = Client()
        for _ in range(settings.TRELLIS_LOCKOUT_ATTEMPTS - 1):
            html = sign_in(client, "wendy_worker", "wrong")
            assert "Enter a correct username and password" in html
        html = sign_in(client, "wendy_worker", "wrong")
        assert "This account is locked" in html
        # Even the right password is refused while locked.
        html = sign_in(client, "wendy_worker", PASSWORD)
        assert "This account is locked" in html
        traveller.shift(datetime.timedelta(minutes=settings.TRELLIS_LOCKOUT_MINUTES + 1))
        assert sign_in(client, "wendy_worker", PASSWORD) == "/"
    user = User.objects.get(username="wendy_worker")
    assert user.failed_logins == 0 and user.locked_until is None


@pytest.mark.django_db
def test_unknown_usernames_do_not_error(personas: Personas) -> None:
    assert "Enter a correct username" in sign_in(Client(), "nobody", "x")


def test_production_hashing_is_argon2() -> None:
    from csc import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher") or settings.TESTING


@pytest.mark.django_db
def test_keepalive_extends_session(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.worker)
    response = client.post("/accounts/keepalive/")
    assert response.status_code == 200
    assert response.json()["expires_in"] == settings.SESSION_COOKIE_AGE
    assert client.get("/accounts/keepalive/").status_code == 405
