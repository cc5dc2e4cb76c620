"""Fixtures for the browser tests: headless Chromium driving the live server.

Run with `make test` (which installs Debian's chromium) or
`.venv/bin/python -m pytest ui/tests/browser -q` once /usr/bin/chromium exists.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# (building personas, counting rows) are ordinary blocking calls, so Django's
# async-safety guard has to be told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, expect, sync_playwright

from csc.testing import PASSWORD, Personas, make_personas

REPO_ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
# GOV.UK Frontend 6 primary button colour (#0f7a52): proves the stylesheet was served.
GOVUK_BUTTON_GREEN = "rgb(15, 122, 82)"
# .trellis-muted (#505a5f): proves the service's own stylesheet was served.
TRELLIS_MUTED_GREY = "rgb(80, 90, 95)"
DEFAULT_TIMEOUT_MS = 5_000

expect.set_options(timeout=DEFAULT_TIMEOUT_MS)

# Static files each page asked for and did not get (status >= 400 or no response).
_failed_static: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


def failed_static(page: Page) -> list[str]:
    return list(_failed_static.get(page, []))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}, which is missing. "
            "Run `make test`, which installs it, or `apt-get install chromium`. "
            "Never run `playwright install`.",
            pytrace=False,
        )
    if not AXE_JS.exists():
        pytest.fail(
            f"axe-core is missing ({AXE_JS}). Run `npm ci` (or `make test`).", pytrace=False
        )
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def personas(transactional_db: None) -> Personas:
    """The standard personas, built through the actions layer; the live server needs
    committed rows, hence transactional_db rather than db."""
    return make_personas()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    # 127.0.0.1 rather than localhost: Chromium resolves localhost more slowly.
    base_url = live_server.url.replace("//localhost:", "//127.0.0.1:")
    context = browser.new_context(base_url=base_url, locale="en-GB")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    tab = context.new_page()
    js_errors: list[str] = []
    tab.on("pageerror", lambda exc: js_errors.append(str(exc)))
    missing: list[str] = []
    _failed_static[tab] = missing
    tab.on(
        "response",
        lambda r: (
            missing.append(f"{r.status} {r.url}")
            if "/static/" in r.url and r.status >= 400
            else None
        ),
    )
    tab.on(
        "requestfailed",
        lambda r: missing.append(f"failed {r.url}") if "/static/" in r.url else None,
    )
    try:
        yield tab
    finally:
        context.close()
    assert not js_errors, "JavaScript errors on the page:\n" + "\n".join(js_errors)


def sign_in(page: Page, username: str, password: str) -> None:
    """Fill in and send the real sign-in form."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def login(page: Page, user: Any) -> None:
    """Sign `user` in through the real form and wait until the sign-in page is left."""
    sign_in(page, user.username, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def assert_styles_loaded(page: Page) -> None:
    """Fail if the GOV.UK or Trellis stylesheets or scripts did not load (broken asset
    pipeline): every stylesheet and script was served, and the styles are applied."""
    broken = [u for u in failed_static(page) if re.search(r"\.(css|js)(\?|$)", u)]
    assert not broken, "Stylesheets or scripts were not served:\n" + "\n".join(broken)
    colours = page.evaluate(
        """() => {
            const probe = (className, tag) => {
                const el = document.createElement(tag);
                el.className = className;
                el.textContent = 'probe';
                document.body.appendChild(el);
                const style = getComputedStyle(el);
                const result = [style.backgroundColor, style.color];
                el.remove();
                return result;
            };
            return {
                button: probe('govuk-button', 'button')[0],
                muted: probe('trellis-muted', 'span')[1],
            };
        }"""
    )
    assert colours["button"] == GOVUK_BUTTON_GREEN, (
        f"GOV.UK Frontend CSS not applied: .govuk-button background is {colours['button']}"
    )
    assert colours["muted"] == TRELLIS_MUTED_GREY, (
        f"ui/trellis.css not applied: .trellis-muted colour is {colours['muted']}"
    )


_CONDITIONAL_REVEAL_INPUT = re.compile(
    r'class="govuk-(radios|checkboxes)__input"[^>]*aria-controls="conditional-'
)


def _known_upstream_exception(rule: str, node: dict[str, str]) -> bool:
    """GOV.UK Frontend deliberately puts aria-expanded on a radio or checkbox that reveals
    a conditional question, which ARIA 1.2 does not allow on those roles. The Design System
    keeps it because screen readers announce it (govuk-frontend issues #979 and #1280).
    Only that exact finding is tolerated; any other attribute on the input still fails."""
    if rule != "aria-allowed-attr" or not _CONDITIONAL_REVEAL_INPUT.search(node["html"]):
        return False
    reported = set(re.findall(r"aria-[a-z]+", node["summary"]))
    return reported == {"aria-expanded"}


def axe_scan(page: Page, *, context: str = "") -> list[dict[str, Any]]:
    """Run axe-core on the current page; fail listing every serious or critical violation.

    Returns all violations (including minor/moderate) so a test can inspect them.
    axe waits on timers, so never call this while the page clock is paused.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                    target: n.target.join(' '), html: n.html, summary: n.failureSummary || '',
                })),
            }));
        }""",
        AXE_TAGS,
    )
    for v in result:
        v["nodes"] = [n for n in v["nodes"] if not _known_upstream_exception(v["id"], n)]
    result = [v for v in result if v["nodes"]]
    blocking = [v for v in result if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"axe found {len(blocking)} serious/critical violation(s) on {page.url} {context}"]
        for v in blocking:
            targets = ", ".join(n["target"] for n in v["nodes"][:5])
            more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
            lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} -> {targets}{more}")
        pytest.fail("\n".join(lines), pytrace=False)
    return result


@pytest.fixture(name="login")
def login_fixture() -> Callable[[Page, Any], None]:
    return login


@pytest.fixture(name="axe_scan")
def axe_scan_fixture() -> Callable[..., list[dict[str, Any]]]:
    return axe_scan
