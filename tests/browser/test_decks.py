"""Every slide of every lecture deck fits the screen (issue 19 item 3).

The decks (`make slides`) are opened from disk (file://) in Chromium at 1280×720, a
projector's size, and every slide, horizontal and vertical, is shown in turn. A
slide fails when any box on it (an element, or the text of one) lies outside the
slide area, or is cut off by an ancestor whose overflow is hidden, and when a row of
a printed table wraps (its columns break). A box inside a scroll area (overflow
auto/scroll) is fine, since it can be scrolled into view; the scroll area itself must
fit. The slide itself scrolls only vertically (book/templates/course_reveal/
static/course_deck.css): a line cut off at its right edge fails.

reveal.js is loaded through require.js, so there is no global ``Reveal``; the same
module, ``require(["assets/reveal.js/dist/reveal.js"])``, is the deck's initialized
instance, and the walk uses its API (``slide(h, v)``, with transitions off) inside
one ``page.evaluate`` per deck.

``COURSE_DECKS`` may name an already built deck folder instead of ``make slides``
(RULES: private builds).
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from helpers.course import NOTEBOOKS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
WRITTEN = [nb for nb in NOTEBOOKS if nb.path.exists()]
VIEWPORT = {"width": 1280, "height": 720}
TOLERANCE = 1.0  # px: sub-pixel rounding of scaled boxes

#: Walks every slide of the open deck; returns {"slides": n, "problems": [...]}.
WALK = r"""
async ({ reveal, tolerance }) => {
  const R = await new Promise((res, rej) => require([reveal], res, rej));
  R.configure({ transition: "none", backgroundTransition: "none" });
  const tol = tolerance;
  const mathjaxIdle = () => new Promise((res) => (window.MathJax && MathJax.Hub ? MathJax.Hub.Queue(res) : res()));
  const frame = () => new Promise((res) => requestAnimationFrame(() => res()));
  // boxes whose insides are drawn by their own rules (an SVG's viewBox, a formula's layout)
  const LEAF = "svg, img, canvas, video, .MathJax_CHTML, .MathJax_Preview, .MJX_Assistive_MathML";
  const describe = (el) => {
    if (el.nodeType === 3) return `text ${JSON.stringify(el.textContent.trim().slice(0, 60))}`;
    let d = el.tagName.toLowerCase();
    const cls = [...el.classList].slice(0, 3);
    if (cls.length) d += "." + cls.join(".");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
    return text ? `${d} ${JSON.stringify(text)}` : d;
  };
  const box = (r) => `(${Math.round(r.left)}, ${Math.round(r.top)}) ${Math.round(r.width)}×${Math.round(r.height)}`;
  const problems = [];
  const top = [...document.querySelectorAll(".reveal .slides > section")];
  let count = 0;
  for (let h = 0; h < top.length; h++) {
    const inner = [...top[h].querySelectorAll(":scope > section")];
    const stack = inner.length ? inner : [top[h]];
    for (let v = 0; v < stack.length; v++) {
      const slide = stack[v], where = `slide ${h}/${v}`;
      R.slide(h, v);
      await mathjaxIdle();
      await frame();
      count++;
      if (!slide.classList.contains("present")) { problems.push({ where, what: "the slide", why: "never became the present slide" }); continue; }
      const report = (what, r, why) => problems.push({ where, what, box: box(r), why });
      const area = document.querySelector(".reveal .slides").getBoundingClientRect();
      const outside = (r, a) => ({
        x: r.left < a.left - tol || r.right > a.right + tol,
        y: r.top < a.top - tol || r.bottom > a.bottom + tol,
      });
      const sr = slide.getBoundingClientRect(), so = outside(sr, area);
      if (so.x || so.y) report("the slide (section)", sr, `outside the slide area ${box(area)}`);
      // every element and every text node on the slide (fragments too: they show later)
      const items = [];
      const walker = document.createTreeWalker(slide, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode(node) {
          if (node.nodeType === 3) return node.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
          if (node.matches("aside.notes, script, style")) return NodeFilter.FILTER_REJECT;
          if (!node.checkVisibility({ visibilityProperty: false, opacityProperty: false })) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_ACCEPT;
        },
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const leaf = n.parentElement && n.parentElement.closest(LEAF);
        if (leaf && slide.contains(leaf)) continue;
        items.push(n);
      }
      const seen = new Set();
      for (const item of items) {
        let r;
        if (item.nodeType === 3) { const range = document.createRange(); range.selectNodeContents(item); r = range.getBoundingClientRect(); }
        else r = item.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) continue;  // nothing drawn, or a visually hidden label
        let scrollsX = false, scrollsY = false, why = null;
        for (let a = item.parentElement; a && a !== slide.parentElement; a = a.parentElement) {
          const cs = getComputedStyle(a), out = outside(r, a.getBoundingClientRect());
          const scrolls = (o) => o === "auto" || o === "scroll";
          if (!scrollsX && out.x && cs.overflowX !== "visible") {
            // the slide scrolls vertically only: a line cut at its right edge is cut
            if (scrolls(cs.overflowX) && a !== slide) scrollsX = true;
            else { why = `cut off (overflow-x: ${cs.overflowX}) by ${describe(a).slice(0, 70)} at ${box(a.getBoundingClientRect())}`; break; }
          }
          if (!scrollsY && out.y && cs.overflowY !== "visible") {
            if (scrolls(cs.overflowY)) scrollsY = true;
            else { why = `cut off (overflow-y: ${cs.overflowY}) by ${describe(a).slice(0, 70)} at ${box(a.getBoundingClientRect())}`; break; }
          }
          if (scrollsX && scrollsY) break;
        }
        if (!why) {
          const out = outside(r, area);
          if ((out.x && !scrollsX) || (out.y && !scrollsY)) why = `outside the slide area ${box(area)}`;
        }
        if (why && !seen.has(why + describe(item))) {
          seen.add(why + describe(item));
          report(describe(item), r, why);
        }
      }
      // a row of a printed table (a line with a run of 2+ spaces inside it) is drawn on one line
      for (const pre of slide.querySelectorAll(".jp-RenderedText pre")) {
        if (!pre.checkVisibility()) continue;
        const nodes = [], tw = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let text = "";
        for (let t = tw.nextNode(); t; t = tw.nextNode()) { nodes.push([t, text.length]); text += t.textContent; }
        if (!nodes.length) continue;
        const at = (offset) => {
          let k = nodes.length - 1;
          while (k > 0 && nodes[k][1] > offset) k--;
          return [nodes[k][0], Math.min(offset - nodes[k][1], nodes[k][0].textContent.length)];
        };
        let start = 0;
        for (const line of text.split("\n")) {
          const end = start + line.length;
          if (/\S {2,}\S/.test(line)) {
            const range = document.createRange();
            range.setStart(...at(start));
            range.setEnd(...at(end));
            const tops = new Set([...range.getClientRects()].filter((q) => q.width > 0).map((q) => Math.round(q.top)));
            if (tops.size > 1) report(`table row ${JSON.stringify(line.trim().slice(0, 60))}`, range.getBoundingClientRect(), `wraps onto ${tops.size} lines: its columns break`);
          }
          start = end + 1;
        }
      }
    }
  }
  return { slides: count, problems };
}
"""  # noqa: E501 (JavaScript)


def walk_deck(page, deck: Path, extra_css: str = "") -> dict:
    """Open ``deck`` from disk at :data:`VIEWPORT` and walk all its slides (:data:`WALK`);
    ``extra_css`` is added to the page first (the test of the walk itself)."""
    page.set_viewport_size(VIEWPORT)
    page.goto(deck.as_uri(), wait_until="load")
    page.locator(".reveal.ready").wait_for(state="attached", timeout=30_000)
    if extra_css:
        page.add_style_tag(content=extra_css)
    return page.evaluate(
        WALK, {"reveal": "assets/reveal.js/dist/reveal.js", "tolerance": TOLERANCE}
    )


@pytest.fixture(scope="module")
def decks(run_make, chromium):
    """``make slides``'s decks, or the folder ``COURSE_DECKS`` names (a private build)."""
    given = os.environ.get("COURSE_DECKS")
    if given:
        return Path(given)
    run_make("slides")
    return ROOT / "build" / "slides"


@pytest.mark.parametrize("notebook", [nb.file for nb in WRITTEN])
def test_every_slide_fits_a_1280x720_screen(page, decks, notebook):
    deck = decks / f"{Path(notebook).stem}.slides.html"
    cells = nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells
    types = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in cells]
    result = walk_deck(page, deck)
    # every slide and subslide of the notebook was walked (the title cell opens the first)
    assert result["slides"] == sum(t in ("slide", "subslide") for t in types), result["slides"]
    problems = result["problems"]
    lines = [f"{p['where']}: {p['what']} at {p.get('box', '?')}: {p['why']}" for p in problems]
    assert not problems, f"{deck.name}: {len(problems)} boxes do not fit:\n" + "\n".join(
        lines[:40]
    )
    errors = [line for line in page.console if line.startswith("pageerror")]
    assert not errors, f"{deck.name}: JavaScript errors: {errors}"


#: The deck style sheet's fixes undone: slides that do not scroll, code that does not
#: wrap, table rows that do.
UNDONE = """
.reveal .slides > section:not(.stack), .reveal .slides > section > section {
  max-height: none !important; overflow: visible !important; }
.reveal .slides div.highlight > pre, .reveal .slides div.highlight > pre code {
  white-space: pre !important; overflow: hidden !important; }
.reveal .slides .jp-RenderedText pre .course-row { white-space: pre-wrap !important; }
.reveal .slides .jp-RenderedText .course-fit pre { font-size: 24px !important; }
"""


def test_the_walk_finds_what_does_not_fit(page, decks):
    """Without the deck style sheet's fixes, the walk reports each kind of misfit."""
    deck = decks / "10_lora.slides.html"
    problems = walk_deck(page, deck, UNDONE)["problems"]
    whys = [p["why"] for p in problems]
    assert any(w.startswith("outside the slide area") for w in whys), whys[:5]
    assert any(w.startswith("cut off (overflow-x: hidden)") for w in whys), whys[:5]
    assert any("its columns break" in w for w in whys), whys[:5]
