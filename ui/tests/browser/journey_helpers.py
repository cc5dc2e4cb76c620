"""Small helpers for the long journey tests: filling GOV.UK date inputs and times, reading
the chronology, and scanning each distinct page once."""

from __future__ import annotations

import datetime
import re
from typing import Any

from playwright.sync_api import Locator, Page, expect

from .conftest import axe_scan


def fill_date(scope: Page | Locator, legend: str, day: datetime.date) -> None:
    """Type a date into the GOV.UK date input whose fieldset legend is `legend`."""
    group = scope.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def fill_when(page: Page, legend: str, at: datetime.datetime) -> None:
    """A front-door "date and time": the date input plus the 24-hour time box."""
    fill_date(page, legend, at.date())
    page.get_by_label("Time", exact=True).fill(at.strftime("%H:%M"))


def weekday_on_or_before(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


class Scanner:
    """Run axe once per distinct page (by URL path with ids replaced), so a journey that comes
    back to the same page does not pay for the scan again."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.seen: set[str] = set()

    def __call__(self, context: str, *, force: bool = False) -> list[dict[str, Any]]:
        self.page.wait_for_load_state()
        path = re.sub(r"/\d+", "/<id>", self.page.url.split("?")[0].split("#")[0])
        key = f"{path}|{context}" if force else path
        if key in self.seen:
            return []
        self.seen.add(key)
        return axe_scan(self.page, context=f"({context})")


def chronology_titles(page: Page) -> list[str]:
    """The entry titles on the chronology page now shown, newest first."""
    titles = page.locator(".moj-timeline__item .moj-timeline__title")
    expect(titles.first).to_be_visible()
    return [t.strip() for t in titles.all_inner_texts()]


def expect_success(page: Page, text: str) -> None:
    """The flash message after a successful form."""
    expect(page.get_by_text(text, exact=True).first).to_be_visible()


def switch_user(page: Page, user: Any) -> None:
    """Sign the current user out (drop the session cookie) and sign `user` in."""
    from .conftest import login

    page.context.clear_cookies()
    login(page, user)
