"""WCAG 2 A/AA checks with axe-core, keyboard use and focus rings (issue 21).

- Every page of the static site (``make site``), light theme.
- Every slide of every deck (``make slides``), each slide on its own: reveal.js
  hides the other slides with aria-hidden, so a slide is checked by going to it
  (``location.hash``), showing all its fragments and scoping axe to it, with the
  other slides out of the document while axe runs; the whole document (the
  deck's chrome: controls, progress, slide number) is checked once per deck. A
  control plants a fault in a fragment and requires the walk to find it.
- Each widget in JupyterLab, light and dark: ``axe.assert_accessible``, called by
  ``test_jupyterlab.py::test_widget`` (so no notebook is run twice).
- Each kernel-free widget on the site, light and dark: Tab reaches every control
  in turn, each focused control has a visible focus ring (outline or box-shadow)
  with a contrast of at least 3:1 against the background behind it, and a value
  changes with keys alone, which the widget's aria-live readout shows.

The rules are axe's ``wcag2a``, ``wcag2aa``, ``wcag21a`` and ``wcag21aa`` tags.
``label-content-name-mismatch`` (WCAG 2.5.3, label in name) is among them: since
axe-core 4.x it is tagged ``wcag21a`` and no longer experimental. On the site the
best-practice rule ``region`` (all content inside landmarks) runs too, so content
outside every landmark is found. Any violation fails, except the entries of
:data:`ALLOWED`: elements of third-party chrome the course cannot change, each
with its rule, a pattern of its selector and the reason.

For trying changes without ``make``, ``COURSE_A11Y_SITE`` and ``COURSE_A11Y_DECKS``
may name an already built site or deck folder (RULES: private builds).
"""

from __future__ import annotations

import os
from pathlib import Path

import axe
import nbformat
import pytest
from axe import CONTROLS_JS, START_JS, focus_problems
from browser_lab import served

from helpers.course import NOTEBOOKS
from helpers.widgets.common import STATIC_MIME

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
REQUIRE = os.environ.get("COURSE_REQUIRE_BROWSER", "") not in ("", "0")
WRITTEN = [nb for nb in NOTEBOOKS if nb.path.exists()]

#: Violations accepted, each in chrome the course does not write. Key: a name;
#: rule: the axe rule id; target: a regular expression searched in the element's
#: selector; reason: why it cannot be fixed here.
ALLOWED = {
    "theme search button": {
        "rule": "label-content-name-mismatch",
        "target": r"search-button",
        "reason": "pydata-sphinx-theme's search button (sphinx-book-theme's navbar and sidebar): "
        "aria-label 'Search' while its visible text adds the shortcut 'Ctrl+K'; the markup is "
        "the theme's template",
    },
    "theme colour-mode button": {
        "rule": "label-content-name-mismatch",
        "target": r"theme-switch-button|\.nav-link",
        "reason": "pydata-sphinx-theme's colour-mode button: aria-label 'Color mode' over icon "
        "elements whose hidden text differs; the markup is the theme's template",
    },
}


def unavailable(reason: str):
    if REQUIRE:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def check(where: str, findings) -> None:
    """Fail with every violation that the allow-list does not accept."""
    kept, _accepted = axe.allowed(findings, ALLOWED)
    assert not kept, axe.report(where, kept)


@pytest.fixture(scope="module")
def axe_ready(chromium):
    if not axe.axe_available():
        unavailable(f"{axe.AXE_JS} is missing: `make site` or `make slides` installs it (npm ci)")


@pytest.fixture(scope="module")
def site(run_make, axe_ready):
    """The built site served on 127.0.0.1 (``make site``, or COURSE_A11Y_SITE); its URL."""
    given = os.environ.get("COURSE_A11Y_SITE")
    if given:
        root = Path(given)
    else:
        run_make("site")
        root = ROOT / "build" / "site"
    with served(root) as url:
        yield url


@pytest.fixture(scope="module")
def decks(run_make, axe_ready):
    given = os.environ.get("COURSE_A11Y_DECKS")
    if given:
        return Path(given)
    run_make("slides")
    return ROOT / "build" / "slides"


def static_kinds(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    kinds = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            static = out.get("data", {}).get(STATIC_MIME)
            if isinstance(static, dict) and static.get("kind"):
                kinds.append(static["kind"])
    return kinds


SITE_PAGES = ["index.html", *[f"{Path(nb.file).stem}.html" for nb in WRITTEN], "glossary.html"]
SITE_WIDGETS = [(nb.file, kind) for nb in WRITTEN for kind in dict.fromkeys(static_kinds(nb.path))]


def settle(page) -> None:
    """Wait until MathJax (if any) has typeset and the widgets have drawn."""
    page.wait_for_load_state("load")
    page.wait_for_function(
        """() => !window.MathJax || !MathJax.startup || !MathJax.startup.promise
                 || MathJax.startup.promise.then(() => true)""",
        timeout=30_000,
    )
    page.wait_for_timeout(300)


# --------------------------------------------------------------------------- the site


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_meets_wcag_aa(page, site, name):
    page.goto(f"{site}/{name}")
    settle(page)
    check(name, axe.run_axe(page, rules=["region"]))


# --------------------------------------------------------------------------- the decks

SLIDES_JS = """() => [...document.querySelectorAll('.reveal .slides > section')]
    .map((s) => s.querySelectorAll(':scope > section').length || 1)"""

#: Transitions off (as test_decks.py's walk): reveal fades the stack of a vertical
#: slide while its inner slide is already at opacity 1, and axe measured the text
#: colours of the half-faded slide (e.g. #51ad51 for #008800).
NO_TRANSITIONS_JS = """(reveal) => new Promise((res, rej) => require([reveal], (R) => {
    R.configure({ transition: "none", backgroundTransition: "none" });
    res(true);
}, rej))"""
REVEAL = "assets/reveal.js/dist/reveal.js"

GO_JS = """([h, v]) => {
    location.hash = `#/${h}/${v}`;
}"""

#: The slide ``[h, v]`` is present and settled: no fade under way, and every one
#: of its fragments shown (reveal shows a slide's fragments one by one, and axe
#: skips hidden content: without this, a fragment's text would never be checked).
PRESENT_JS = """([h, v]) => {
    const top = document.querySelectorAll('.reveal .slides > section')[h];
    const inner = top.querySelectorAll(':scope > section');
    const slide = inner.length ? inner[v] : top;
    if (!slide.classList.contains('present')) return false;
    for (const f of slide.querySelectorAll('.fragment')) f.classList.add('visible');
    for (let n = slide; n && n !== top.parentElement; n = n.parentElement) {
        if (getComputedStyle(n).opacity !== '1') return false;   // no fade under way
    }
    for (const f of slide.querySelectorAll('.fragment')) {
        if (getComputedStyle(f).opacity !== '1') return false;   // a fragment still fading in
    }
    for (const s of document.querySelectorAll('[data-a11y-slide]')) {
        s.removeAttribute('data-a11y-slide');
    }
    slide.setAttribute('data-a11y-slide', '');
    return true;
}"""

#: Take every other slide out of the document while axe checks the present one,
#: and put them back: axe flattens the whole document on each run, and a deck
#: holds 10-15 thousand elements (MathJax's mostly), so a deck is checked about
#: 3 times faster. The present slide keeps its place, classes, scale and
#: background (backgrounds live outside ``.slides``), so axe sees it as the room
#: does. What needs the whole document (the deck's chrome, an id used on two
#: slides) is checked once, on the first slide, with every slide in place.
ISOLATE_JS = """() => {
    const slide = document.querySelector('[data-a11y-slide]');
    const kept = new Set();
    for (let n = slide; n; n = n.parentElement) kept.add(n);
    window.__a11yOut = [...document.querySelectorAll('.reveal .slides section')]
        .filter((s) => !kept.has(s) && kept.has(s.parentElement) && !slide.contains(s))
        .map((s) => {
            const mark = document.createComment('a11y');
            s.replaceWith(mark);
            return [mark, s];
        });
    return window.__a11yOut.length;
}"""
RESTORE_JS = """() => {
    for (const [mark, s] of window.__a11yOut || []) mark.replaceWith(s);
    window.__a11yOut = [];
}"""


def open_deck(page, deck: Path) -> list[int]:
    """Load a deck from disk with transitions off; the number of slides in each stack."""
    page.goto(deck.as_uri())
    page.locator(".reveal.ready").wait_for(state="attached", timeout=30_000)
    settle(page)
    page.evaluate(NO_TRANSITIONS_JS, REVEAL)
    return page.evaluate(SLIDES_JS)


def deck_problems(page, counts: list[int]) -> list[str]:
    """Every violation on every slide of the open deck, each slide as presented."""
    problems = []
    for h, count in enumerate(counts):
        for v in range(count):
            page.evaluate(GO_JS, [h, v])
            page.wait_for_function(PRESENT_JS, arg=[h, v], timeout=30_000)
            if h == 0 and v == 0:  # once, the whole document: the chrome, ids across slides
                findings = axe.run_axe(page)
                problems += [f"(document) {f}" for f in axe.allowed(findings, ALLOWED)[0]]
            page.evaluate(ISOLATE_JS)
            try:
                findings = axe.run_axe(page, include=["[data-a11y-slide]"])
            finally:
                page.evaluate(RESTORE_JS)
            problems += [f"#/{h}/{v} {f}" for f in axe.allowed(findings, ALLOWED)[0]]
    return problems


@pytest.mark.parametrize("notebook", [nb.file for nb in WRITTEN])
def test_every_slide_of_the_deck_meets_wcag_aa(page, decks, notebook):
    deck = decks / f"{Path(notebook).stem}.slides.html"
    problems = deck_problems(page, open_deck(page, deck))
    assert not problems, f"{deck.name}: {len(problems)} violation(s)\n" + "\n".join(problems)


#: A fault planted at the top of the last stack's last slide, in a fragment (shown
#: only at a later step of the lecture): a picture without alt text.
PLANT_JS = """() => {
    const tops = document.querySelectorAll('.reveal .slides > section');
    const top = tops[tops.length - 1];
    const inner = top.querySelectorAll(':scope > section');
    const slide = inner.length ? inner[inner.length - 1] : top;
    slide.insertAdjacentHTML('afterbegin',
        '<img class="fragment" width="40" height="40" ' +
        'src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
    return document.querySelectorAll('.reveal .slides section').length;
}"""
SECTIONS_JS = "() => document.querySelectorAll('.reveal .slides section').length"


def test_the_deck_walk_finds_a_fault_in_a_fragment_and_puts_every_slide_back(page, decks):
    """The control: a planted fault is found on its slide, and no slide goes missing.

    (Faint text planted the same way is reported by axe as "incomplete", partly
    obscured, not as a contrast violation; so the control plants a missing alt.)
    """
    deck = decks / f"{Path(WRITTEN[-1].file).stem}.slides.html"
    counts = open_deck(page, deck)
    sections = page.evaluate(PLANT_JS)
    problems = deck_problems(page, counts)
    last = f"#/{len(counts) - 1}/{counts[-1] - 1} "
    assert any(p.startswith(last) and "image-alt" in p for p in problems), problems
    assert all(p.startswith(last) for p in problems), problems
    assert page.evaluate(SECTIONS_JS) == sections  # the isolation put every slide back


# --------------------------------------------------------------------------- keyboard and focus

LIVE_TEXT_JS = """(root) => [...root.querySelectorAll('[aria-live], [role=status]')]
    .map((n) => n.textContent).join(' | ')"""

VALUE_JS = """() => { const a = document.activeElement;
    return a.getAttribute('aria-valuenow') || a.getAttribute('aria-pressed') || a.value || ''; }"""

KEYS = {"range": ["ArrowRight", "ArrowLeft"], "select": ["ArrowDown", "ArrowUp"]}


def keyboard_problems(page, selector: str) -> list[str]:
    """Tab to each slider, select and button of the widget and change it with keys only.

    A slider or select must change its value with its arrow keys; at least one
    control must change what the widget's aria-live regions say.
    """
    root = page.locator(selector).first
    readouts = root.locator("[aria-live], [role=status]")
    if readouts.count() == 0:
        return ["no aria-live region (or role=status) for the readout"]
    unlabelled = root.evaluate(
        # a readout is announced when it is a live region, lies in one, or holds one
        # (the elimination stepper announces only its step's words, not its tables)
        "(r) => [...r.querySelectorAll('.cw-readout')]"
        ".filter(n => !n.closest('[aria-live]') && !n.querySelector('[aria-live]'))"
        ".map(n => n.className)"
    )
    problems = [f"readout {c} is not an aria-live region" for c in unlabelled]
    controls = root.evaluate(CONTROLS_JS)
    root.evaluate(START_JS)
    announced = False
    for _ in range(len(controls)):
        page.keyboard.press("Tab")
        kind = page.evaluate(
            "(sel) => { const a = document.activeElement;"
            " if (!document.querySelector(sel).contains(a)) return null;"
            " if (a.type === 'range' || a.getAttribute('role') === 'slider') return 'range';"
            " return a.tagName.toLowerCase() === 'select' ? 'select'"
            " : a.tagName.toLowerCase() === 'button' ? 'button' : 'other'; }",
            selector,
        )
        if kind is None:
            break
        if kind == "other":
            continue
        before_text, before_value = root.evaluate(LIVE_TEXT_JS), page.evaluate(VALUE_JS)
        changed = False
        for key in KEYS.get(kind, ["Enter"]):
            page.keyboard.press(key)
            page.wait_for_timeout(150)
            if page.evaluate(VALUE_JS) != before_value:
                changed = True
                break
        if kind != "button" and not changed:
            problems.append(f"a {kind} did not change with {KEYS[kind]}")
        if root.evaluate(LIVE_TEXT_JS) != before_text:
            announced = True
    if not announced:
        problems.append("no key press changed the text of an aria-live region")
    page.evaluate("() => document.getElementById('a11y-start').remove()")
    return problems


@pytest.mark.parametrize(("notebook", "kind"), SITE_WIDGETS)
def test_widgets_on_the_site_work_by_keyboard_with_visible_focus(page, site, notebook, kind):
    url = f"{site}/{Path(notebook).stem}.html"
    problems = []
    for theme in ("light", "dark"):
        page.goto("about:blank")
        page.goto(url)
        if theme == "dark":  # the theme's own switch: data-theme on <html>, kept in localStorage
            page.evaluate(
                "() => { localStorage.setItem('theme', 'dark');"
                " localStorage.setItem('mode', 'dark');"
                " document.documentElement.dataset.theme = 'dark';"
                " document.documentElement.dataset.mode = 'dark'; }"
            )
        settle(page)
        host = page.locator(f'.course-static-widget[data-kind="{kind}"]').first
        host.evaluate("(el) => el.setAttribute('data-a11y-widget', 'site')")
        selector = '[data-a11y-widget="site"]'
        host.scroll_into_view_if_needed()
        findings = axe.run_axe(page, include=[selector])
        problems += [f"{theme}: {f}" for f in axe.allowed(findings, ALLOWED)[0]]
        problems += [f"{theme}: {p}" for p in focus_problems(page, selector)]
        if theme == "light":
            problems += [f"{theme}: {p}" for p in keyboard_problems(page, selector)]
    assert not problems, f"{notebook} {kind}: {len(problems)} problem(s)\n" + "\n".join(problems)
