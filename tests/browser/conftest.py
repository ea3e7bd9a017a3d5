"""Fixtures for the browser tests: Debian's Chromium driven by Playwright.

- ``chromium``: one headless Chromium per test session (per xdist worker).
- ``page``: a fresh browser context and page for each test. It blocks every
  request that does not go to this machine (the course must work offline)
  and records it; on failure it saves a screenshot and the browser console
  to ``test-artifacts/``.

Without Chromium (or Playwright) the tests are skipped with a message that
says how to enable them; with ``COURSE_REQUIRE_BROWSER=1`` (``.ci/run`` sets
it) they fail instead, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

# The browser tests share two plain modules beside this file (browser_lab: the
# JupyterLab server and steps; widget_checks: the widget checks). The suite imports
# with --import-mode=importlib, which puts no test folder on sys.path: this does.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_lab import LabServer

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
REQUIRE = os.environ.get("COURSE_REQUIRE_BROWSER", "") not in ("", "0")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOW_TO_ENABLE = (
    "The browser tests drive JupyterLab in headless Chromium. To run them, install "
    "Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or set COURSE_CHROMIUM to "
    "a Chromium or Chrome binary. CI (.ci/run) installs it and sets COURSE_REQUIRE_BROWSER=1, "
    "which turns this skip into a failure."
)
LOCAL = re.compile(r"^(?:https?://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?/|file:|data:|blob:)")


def chromium_path() -> str | None:
    """The Chromium binary to drive, or None."""
    candidates = [
        os.environ.get("COURSE_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def unavailable(reason: str):
    """Skip (on a reader's machine) or fail (in CI) when a tool is missing."""
    message = f"{reason}. {HOW_TO_ENABLE}"
    if REQUIRE:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can see a failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium for the whole session."""
    executable = chromium_path()
    if executable is None:
        unavailable("Chromium was not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed in this environment (run `make setup`)")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
    except Exception as exc:
        playwright.stop()
        unavailable(f"Chromium at {executable} did not start ({exc})")
    yield browser
    browser.close()
    playwright.stop()


def artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[-150:]


@pytest.fixture
def page(chromium, request):
    """A fresh page; non-local requests are blocked and listed in ``page.outside``."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.outside = []  # requests that tried to leave this machine
    page.console = []

    def route(route):
        if LOCAL.match(route.request.url):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: page.console.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda exc: page.console.append(f"pageerror: {exc}"))
    yield page
    failed = any(
        getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
        for when in ("setup", "call")
    )
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        stem = ARTIFACTS / artifact_name(request.node.nodeid)
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
        except Exception as exc:  # a crashed page still gets its console saved
            page.console.append(f"(screenshot failed: {exc})")
        Path(f"{stem}.console.txt").write_text("\n".join(page.console), encoding="utf-8")
    context.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory, chromium):
    """A private JupyterLab server for this module (needs Chromium first, or skips)."""
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    yield server
    server.stop()


@pytest.fixture
def lab_page(lab, page):
    """A fresh page on the lab server; every kernel is shut down afterwards."""
    yield page
    try:
        lab.shut_down_kernels()
    except OSError:
        pass  # the server is gone; the module fixture reports it
