"""Key press → picture, for every course widget, in JupyterLab in headless Chromium.

Usage: ``.venv/bin/python benchmarks/browser_latency.py [--moves 30] [--burst 30]
[--only NAME ...]`` (``make latency``). Needs Chromium (``/usr/bin/chromium`` or
``COURSE_CHROMIUM``).

It starts a private JupyterLab (the browser tests' server, ``browser_lab.py``),
and for each widget opens its notebook in a fresh 1366×768 page, runs all
cells, focuses one control and presses a key ``--moves`` times (a range input
goes to one end and back, so that every press moves it), waiting for each
move to be painted. The page times every press itself, in
``performance.now()`` milliseconds:

- t₀, the ``keydown`` event's ``timeStamp`` (when the browser took the key);
- t₁, the end of the view's synchronous DOM update: a MutationObserver on an
  attribute the view sets in its redraw (``data-paints``, which common.js's
  ``painted()`` bumps at the end of every redraw; the recommender's
  ``data-update-ms``; the rank slider's canvas ``data-k``). Its callback is a
  microtask, so it runs as soon as the event handler that redrew returns,
  before style, layout and paint;
- t₂, two ``requestAnimationFrame`` callbacks after t₁: the frame that shows
  the picture has been produced (by construction 16–33 ms after t₁ at 60 Hz).

"in handler" is t₁ − t₀: the time the page spends computing and drawing the
move inside its event handlers (plus any wait for the main thread), which the
issue asks to keep within one frame (≤ 16 ms) where the picture is computed in
the browser (every view here computes its picture in the browser; the kernel is
told afterwards and is not waited for). "painted" is t₂ − t₀.

Then a burst: ``--burst`` presses with no wait; "burst settled" is the time
from the last press's ``keydown`` to the second frame after the last redraw
(the page is quiet for a second before it is read). Target: ≤ 500 ms.

One line per widget: median, p90 and max of "painted" and of "in handler"
over the moves, and the burst. Exit status 0 always: this prints, the README
records.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TESTS = ROOT / "tests" / "browser"
FRAME_MS = 16.0  # issue 17: a browser-computed move within one frame
BURST_MS = 500.0  # issue 17: a burst of presses settles within half a second
RANK_SLIDER_MS = 100.0  # issue 9: the rank slider's key press to new picture, median
LAPTOP = {"width": 1366, "height": 768}


@dataclass(frozen=True)
class Widget:
    """One widget to time: where it is and which control and attribute to use."""

    name: str
    notebook: str
    container: str
    control: str  # the element focused, inside the container
    observed: str  # the element whose attribute the view sets last, inside the container
    attribute: str
    keys: tuple[str, ...] = ("ArrowRight", "ArrowLeft")


WIDGETS = (
    Widget("matrix explorer", "01_eigendecomposition.ipynb", ".course-matrix-explorer",
           ".course-m-a11", "", "data-paints"),
    Widget("quadratic form", "02_spectral_theorem.ipynb", ".course-quadratic-form",
           ".course-qf-theta", "", "data-paints"),
    Widget("SVD geometry", "03_svd.ipynb", ".course-svd-geometry",
           '.course-svd-stage-button[data-stage="0"]', "", "data-paints", ("ArrowRight",)),
    Widget("QR stepper", "06_qr_gram_schmidt.ipynb", ".course-qr-stepper",
           ".course-qr-step", "", "data-paints"),
    Widget("elimination", "07_lu_cholesky.ipynb", ".course-elim-stepper",
           ".course-elim-step", "", "data-paints"),
    Widget("randomized SVD", "08_randomized_svd.ipynb", ".course-rsvd",
           ".course-rsvd-q", "", "data-paints"),
    Widget("PCA direction", "09_pca.ipynb", ".course-pca-direction",
           ".course-pca-theta", "", "data-paints"),
    Widget("LoRA calculator", "10_lora.ipynb", ".course-lora-calculator",
           ".course-lora-rank", "", "data-paints"),
    Widget("recommender", "11_low_rank_beyond_svd.ipynb", ".course-recommender",
           "input.course-rec-rank", "", "data-update-ms"),
)  # fmt: skip

#: The rank slider of notebook 05, drawn in the browser since issue 17 (H1, 8a0c657):
#: ``input[type=range].course-rank-k`` and ``canvas.course-rank-image[data-k]``.
RANK_SLIDER = Widget("rank slider", "05_low_rank_approximation.ipynb", ".course-rank-slider",
                     "input[type=range].course-rank-k", "canvas.course-rank-image", "data-k",
                     ("ArrowRight",))  # fmt: skip

INSTALL = """([container, observed, attribute]) => {
    const root = document.querySelector(container);
    const target = observed ? root.querySelector(observed) : root;
    const state = {key: null, resolve: null, lastKey: null, lastDrawn: null, lastPainted: null};
    window.__latency = state;
    document.addEventListener('keydown', (e) => {
        state.key = e.timeStamp;  // same clock as performance.now()
        state.lastKey = e.timeStamp;
    }, true);
    new MutationObserver(() => {
        const drawn = performance.now();  // a microtask: the handler that redrew has returned
        state.lastDrawn = drawn;
        const t0 = state.key;
        state.key = null;
        requestAnimationFrame(() => requestAnimationFrame(() => {
            const painted = performance.now();
            state.lastPainted = Math.max(state.lastPainted || 0, painted);
            if (t0 !== null && state.resolve) {
                state.resolve([painted - t0, drawn - t0]);
                state.resolve = null;
            }
        }));
    }).observe(target, {attributes: true, attributeFilter: [attribute]});
}"""
ARM = """() => { const s = window.__latency;
                 s.key = null;
                 s.result = new Promise(resolve => {
                     s.resolve = resolve;
                     setTimeout(() => resolve(null), 3000);  // a key that changed nothing
                 }); }"""
QUIET = """async () => {
    const s = window.__latency;
    let seen = s.lastDrawn;
    for (;;) {  // a second with no redraw: the burst has settled
        await new Promise(r => setTimeout(r, 1000));
        if (s.lastDrawn === seen) break;
        seen = s.lastDrawn;
    }
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return s.lastPainted - s.lastKey;
}"""


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def chromium() -> tuple[str, list[str]]:
    """The browser tests' Chromium binary and flags."""
    sys.path.insert(0, str(BROWSER_TESTS))
    conftest = load("course_browser_conftest", BROWSER_TESTS / "conftest.py")
    path = os.environ.get("COURSE_CHROMIUM") or conftest.chromium_path()
    if path is None:
        sys.exit("Chromium not found: apt-get install chromium, or set COURSE_CHROMIUM")
    return path, conftest.CHROMIUM_ARGS


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


RANGE = """() => {
    const e = document.activeElement;
    return e && e.type === 'range' ? [+e.value, +e.min, +e.max, +(e.step || 1)] : null;
}"""


class Keys:
    """The keys to press: a range input bounces between its ends (every press moves it);
    another control (the SVD stage buttons, the kernel slider's handle) takes
    ``widget.keys`` in turn."""

    def __init__(self, page, widget: Widget):
        self.page, self.widget, self.up, self.i = page, widget, True, 0

    def next(self) -> str:
        shown = self.page.evaluate(RANGE)
        if shown is None:
            self.i += 1
            return self.widget.keys[(self.i - 1) % len(self.widget.keys)]
        value, low, high, _ = shown
        if value >= high:
            self.up = False
        elif value <= low:
            self.up = True
        return "ArrowRight" if self.up else "ArrowLeft"

    def burst(self, count: int) -> list[str]:
        """``count`` keys planned ahead (the burst does not wait to read the control)."""
        shown = self.page.evaluate(RANGE)
        if shown is None:
            return [self.widget.keys[i % len(self.widget.keys)] for i in range(count)]
        value, low, high, step = shown
        keys = []
        for _ in range(count):
            if value + step > high:
                self.up = False
            elif value - step < low:
                self.up = True
            value += step if self.up else -step
            keys.append("ArrowRight" if self.up else "ArrowLeft")
        return keys


def measure(lab_tools, server, browser, widget: Widget, moves: int, burst: int) -> dict:
    page = browser.new_page(viewport=LAPTOP)
    page.outside = []
    try:
        lab_tools.open_and_run(server, page, widget.notebook)
        page.locator(widget.container).first.scroll_into_view_if_needed()
        page.evaluate(INSTALL, [widget.container, widget.observed, widget.attribute])
        page.locator(f"{widget.container} {widget.control}").first.focus()
        painted, drawn, missed = [], [], 0
        keys = Keys(page, widget)
        for _ in range(moves):
            page.evaluate(ARM)
            page.keyboard.press(keys.next())
            result = page.evaluate("() => window.__latency.result")
            if result is None:
                missed += 1
            else:
                painted.append(result[0])
                drawn.append(result[1])
        for key in keys.burst(burst):
            page.keyboard.press(key)
        settled = page.evaluate(QUIET)
    except Exception:
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "browser-latency-failed.png"))
        raise
    finally:
        page.close()
        server.shut_down_kernels()
    return {"widget": widget, "painted": painted, "drawn": drawn, "missed": missed,
            "settled": settled}  # fmt: skip


def row(r: dict) -> str:
    p, d = r["painted"], r["drawn"]
    if not p:
        return f"{r['widget'].name:<21} no move changed the picture"
    stats = lambda t: f"{statistics.median(t):6.1f} {percentile(t, 0.9):6.1f} {max(t):6.1f}"  # noqa: E731
    missed = f"  ({r['missed']} presses changed nothing)" if r["missed"] else ""
    return f"{r['widget'].name:<21} {stats(p)}   {stats(d)}   {r['settled']:7.0f}{missed}"


def main(argv=None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30, help="timed presses per widget (≥ 20)")
    parser.add_argument("--burst", type=int, default=30, help="presses in the burst")
    parser.add_argument("--only", nargs="*", help="widget names (e.g. 'rank slider' 'QR stepper')")
    args = parser.parse_args(argv)
    if args.moves < 20:
        parser.error(f"--moves must be at least 20, got {args.moves}")
    widgets = [*WIDGETS, RANK_SLIDER]
    if args.only:
        widgets = [w for w in widgets if w.name in args.only]
        if not widgets:
            parser.error(f"--only: no widget named {args.only}")
    executable, flags = chromium()
    lab_tools = load("browser_lab", BROWSER_TESTS / "browser_lab.py")
    load_before = os.getloadavg()[0]
    server = lab_tools.LabServer(Path(tempfile.mkdtemp(prefix="browser-latency-")))
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, headless=True, args=flags)
            for widget in widgets:
                try:
                    results.append(measure(lab_tools, server, browser, widget,
                                           args.moves, args.burst))  # fmt: skip
                except Exception as exc:  # one widget failing does not lose the others
                    print(f"{widget.name}: failed ({type(exc).__name__}: {str(exc)[:300]})",
                          file=sys.stderr)  # fmt: skip
            browser.close()
    finally:
        server.stop()
    load_after = os.getloadavg()[0]
    print(f"JupyterLab in headless Chromium, 1366×768, {args.moves} moves, burst of "
          f"{args.burst}; load average {load_before:.2f} at the start, "
          f"{load_after:.2f} at the end")  # fmt: skip
    print(f"{'':<21} {'key → painted (ms)':^20}   {'in handler (ms)':^20}   burst")
    print(f"{'widget':<21} {'median':>6} {'p90':>6} {'max':>6}   "
          f"{'median':>6} {'p90':>6} {'max':>6}   settled (ms)")  # fmt: skip
    for r in results:
        print(row(r))
    frame = all(statistics.median(r["drawn"]) <= FRAME_MS for r in results if r["drawn"])
    burst_ok = all(r["settled"] <= BURST_MS for r in results)
    print(f"in handler, median ≤ {FRAME_MS:.0f} ms for every browser-drawn view: "
          f"{'met' if frame else 'NOT met'}")  # fmt: skip
    print(f"burst settled ≤ {BURST_MS:.0f} ms: {'met' if burst_ok else 'NOT met'}")
    for r in results:
        if r["widget"] is RANK_SLIDER and r["painted"]:
            median = statistics.median(r["painted"])
            print(f"{r['widget'].name}: key → painted median ≤ {RANK_SLIDER_MS:.0f} ms: "
                  f"{'met' if median <= RANK_SLIDER_MS else 'NOT met'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
