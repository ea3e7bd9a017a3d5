"""The static site (`make site`) and the lecture decks (`make slides`) in Chromium, offline.

The site is served from build/site by a local HTTP server on 127.0.0.1; the
decks are opened straight from disk (file://), as a lecturer would open them.
Every request that would leave this machine is blocked and recorded, so "no
CDN at view time" is checked, not assumed. Math must have rendered (MathJax
output elements, no MathJax errors) and no asset may fail to load.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
import widget_checks
from browser_lab import served

from helpers.course import NOTEBOOKS
from helpers.widgets.common import STATIC_MIME

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
WRITTEN = [nb for nb in NOTEBOOKS if nb.path.exists()]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: The widgets the site and decks run with no kernel (tools/build_slides.py's list).
_BUILD_SLIDES = (ROOT / "tools" / "build_slides.py").read_text(encoding="utf-8")
STATIC_KINDS = tuple(
    ast.literal_eval(re.search(r"^STATIC_KINDS = (\(.*?\))", _BUILD_SLIDES, re.M | re.S).group(1))
)
MATH = re.compile(r"\$[^$\n]+\$|\$\$")


def has_math(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    return any(c.cell_type == "markdown" and MATH.search(c.source) for c in nb.cells)


def has_hidden_solution(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    return any("hide-input" in c.metadata.get("tags", []) for c in nb.cells)


def widget_kinds(path: Path) -> tuple[list[str], int]:
    """The kernel-free widget kinds a notebook's outputs carry, and how many other widgets."""
    nb = nbformat.read(path, as_version=4)
    kinds, others = [], 0
    for c in nb.cells:
        for out in c.get("outputs", []):
            data = out.get("data", {})
            static = data.get(STATIC_MIME)
            if isinstance(static, dict) and static.get("kind") in STATIC_KINDS:
                kinds.append(static["kind"])
            elif WIDGET_VIEW in data or STATIC_MIME in data:
                others += 1
    return kinds, others


def check_widget(page, kind: str, host) -> None:
    """Move one kernel-free widget and compare it with its Python model (widget_checks)."""
    if kind == "matrix_explorer":
        widget_checks.check_matrix_explorer(page, host)
    elif kind == "svd_geometry":
        widget_checks.check_svd_geometry(page, host)
    elif kind == "qr_stepper":
        widget_checks.check_qr_stepper(page, host, widget_checks.qr_matrix(host))
    elif kind == "lora_calculator":
        widget_checks.check_lora_calculator(page, host)
    elif kind == "rank_slider":
        from helpers.images import ImageSVD, load_image

        image = ImageSVD(load_image("grace_hopper", mode="RGB"))
        widget_checks.check_rank_slider_static(page, host, image)
    else:  # a newer widget: its check_<kind>(page, root) in one of the check modules
        import importlib

        for name in sorted(p.stem for p in Path(__file__).parent.glob("widget_checks*.py")):
            check = getattr(importlib.import_module(name), f"check_{kind}", None)
            if check is not None:
                check(page, host)
                return
        pytest.fail(f"no browser check (check_{kind}) for the kernel-free widget {kind!r}")


@pytest.fixture(scope="module")
def site(run_make, chromium):
    """build/site, freshly made, served on 127.0.0.1; yields its base URL."""
    run_make("site")
    root = ROOT / "build" / "site"
    with served(root) as url:
        yield url


@pytest.fixture(scope="module")
def decks(run_make, chromium):
    run_make("slides")
    return ROOT / "build" / "slides"


def watch(page) -> dict:
    """Record failed requests and HTTP errors, each with the visit that issued it."""
    seen = {"visit": 0, "issued": {}, "failed": [], "http_errors": []}

    def issued(request):
        seen["issued"][request] = seen["visit"]

    def failed(request):
        visit = seen["issued"].get(request, seen["visit"])
        seen["failed"].append((visit, f"{request.url}: {request.failure}"))

    def response(response):
        if response.status >= 400:
            seen["http_errors"].append(f"{response.url}: {response.status}")

    page.on("request", issued)
    page.on("requestfailed", failed)
    page.on("response", response)
    return seen


def visit(page, url: str, seen: dict) -> None:
    """Open a page and wait for every script, style sheet, font and image.

    The previous page is unloaded first (about:blank), so a request it was still
    making (MathJax fetches fonts after a slide change) is counted as its own.
    """
    page.goto("about:blank")
    seen["visit"] += 1
    page.goto(url, wait_until="load")


def check_clean(page, url: str, seen: dict) -> None:
    """Nothing left the machine, failed, answered >= 400 or threw, on this page so far.

    A request of the previous page that the navigation to this one cancelled
    (net::ERR_ABORTED, e.g. a font MathJax was still fetching) is not this page's.
    """
    assert not page.outside, f"{url} tried to load from the web: {page.outside}"
    failed = [
        text
        for visit, text in seen["failed"]
        if visit == seen["visit"] or not text.endswith("net::ERR_ABORTED")
    ]
    assert not failed, f"{url}: requests failed: {failed}"
    assert not seen["http_errors"], f"{url}: HTTP errors: {seen['http_errors']}"
    errors = [line for line in page.console if line.startswith("pageerror")]
    assert not errors, f"{url}: JavaScript errors: {errors}"


def math_rendered(page, selector: str, error_selector: str) -> None:
    page.wait_for_function(
        "(sel) => document.querySelectorAll(sel).length > 0", arg=selector, timeout=30_000
    )
    assert page.locator(error_selector).count() == 0, "MathJax reported errors"


def test_every_page_renders_offline_with_math_folded_solutions_and_downloads(page, site):
    seen = watch(page)
    visit(page, f"{site}/index.html", seen)
    assert page.locator("img[alt^='The map of the course']").first.evaluate(
        "img => img.complete && img.naturalWidth > 0"
    )
    check_clean(page, "index.html", seen)
    for nb in WRITTEN:
        url = f"{site}/{Path(nb.file).stem}.html"
        visit(page, url, seen)
        assert page.locator("h1").first.inner_text().startswith(f"{nb.number:02d}")
        if has_math(nb.path):
            math_rendered(page, "mjx-container", "mjx-merror, [data-mjx-error]")
        if has_hidden_solution(nb.path):
            folded = page.locator(".cell.tag_hide-input details.hide")
            assert folded.count() > 0, f"{nb.file}: solutions are not folded away"
            assert all(not d.evaluate("d => d.open") for d in folded.all())
            assert not folded.first.locator(".cell_input").first.is_visible()
        kinds, others = widget_kinds(nb.path)
        for kind in kinds:  # alive with no kernel: drawn, and no note in its place
            page.locator(f'.course-static-widget[data-kind="{kind}"] .course-w').first.wait_for()
        assert page.locator(".course-widget-note").count() == others, nb.file
        original = nb.path.read_bytes()
        href = page.locator("a.reference.download").first.get_attribute("href")
        assert href.endswith(nb.file), href
        download = page.request.get(f"{site}/{href}")
        assert download.ok and download.body() == original, f"{nb.file}: the download link"
        source = page.request.get(f"{site}/_sources/{nb.file}")  # the theme's ⬇ .ipynb button
        assert source.ok and source.body() == original, f"{nb.file}: the .ipynb button"
        check_clean(page, url, seen)
    visit(page, f"{site}/glossary.html", seen)
    assert page.locator("table tr").count() > 10, "the glossary table is missing"
    check_clean(page, "glossary.html", seen)


STATIC_WIDGETS = [
    (nb.file, kind) for nb in WRITTEN for kind in dict.fromkeys(widget_kinds(nb.path)[0])
]


@pytest.mark.parametrize(("notebook", "kind"), STATIC_WIDGETS)
def test_widgets_move_on_the_site_with_no_kernel(page, site, notebook, kind):
    seen = watch(page)
    url = f"{site}/{Path(notebook).stem}.html"
    visit(page, url, seen)
    host = page.locator(f'.course-static-widget[data-kind="{kind}"]').first
    host.scroll_into_view_if_needed()
    check_widget(page, kind, host)
    check_clean(page, url, seen)


@pytest.mark.parametrize(("notebook", "kind"), STATIC_WIDGETS)
def test_widgets_move_in_the_decks_from_disk(page, decks, notebook, kind):
    """In the deck, opened from file://: go to the widget's slide, then move it."""
    seen = watch(page)
    deck = decks / f"{Path(notebook).stem}.slides.html"
    visit(page, deck.as_uri(), seen)
    page.locator(".reveal.ready").wait_for(state="attached", timeout=30_000)
    host = page.locator(f'.course-static-widget[data-kind="{kind}"]').first
    # reveal.js is loaded through require.js (no global Reveal): go there by the URL
    # hash, #/h/v, computed from the slide's place among the sections
    host.evaluate(
        """el => {
            const top = [...document.querySelectorAll('.reveal .slides > section')];
            const h = top.findIndex(s => s.contains(el));
            const inner = [...top[h].querySelectorAll(':scope > section')];
            const v = Math.max(0, inner.findIndex(s => s.contains(el)));
            location.hash = `#/${h}/${v}`;
        }"""
    )
    page.wait_for_function(
        "el => el.closest('section').classList.contains('present')",
        arg=host.element_handle(),
        timeout=30_000,
    )
    check_widget(page, kind, host)
    check_clean(page, deck.name, seen)


def test_navigation_follows_the_course_order(page, site):
    page.goto(f"{site}/index.html")
    links = page.locator("nav.bd-docs-nav a.reference.internal").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    pages = [href.split("#")[0] for href in links]
    expected = [f"{Path(nb.file).stem}.html" for nb in WRITTEN] + ["glossary.html"]
    assert [p for p in pages if p in expected] == expected


def test_decks_open_offline_from_disk(page, decks):
    seen = watch(page)
    for nb in WRITTEN:
        deck = decks / f"{Path(nb.file).stem}.slides.html"
        visit(page, deck.as_uri(), seen)
        page.locator(".reveal.ready").wait_for(state="attached", timeout=30_000)
        assert page.locator(".slides > section").count() >= 2, f"{deck.name}: no slides"
        if has_math(nb.path):
            math_rendered(page, ".MathJax_CHTML, .mjx-chtml", ".MathJax_Error, .mjx-merror")
        check_clean(page, deck.name, seen)
        page.keyboard.press("ArrowRight")  # reveal.js answers the keyboard
        page.wait_for_function("() => location.hash.length > 1")
