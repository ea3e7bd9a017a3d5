"""Build one offline reveal.js deck per notebook (``make slides``).

Usage::

    python tools/build_slides.py --assets build/web/node_modules --out build/slides \
        notebooks/*.ipynb

Each deck is ``<out>/NN_name.slides.html`` with the notebook's stored outputs.
Everything a deck loads (reveal.js, require.js, jQuery, MathJax 2) is copied
from the npm packages pinned in ``book/package.json`` into ``<out>/assets/``,
and the decks point there with relative URLs: the folder opens offline, from
disk (``file://``) or from any static web server, with no CDN at view time.

The course's widgets run in a deck with no kernel: each widget output stores
its state (``helpers.widgets.STATIC_MIME``) and the deck inlines the widget's
ES module, the same one JupyterLab runs, with a small model shim
(:func:`static_widget_html`). Any other widget output (a plain ipywidgets
control) becomes a short note ("run this notebook in JupyterLab").

The template (``book/templates/course_reveal``) makes every slide fit the screen:
code wraps, a printed table's rows never wrap and its font shrinks to fit
(:func:`text_output_html`), a slide taller than the deck scrolls inside itself
(``static/course_deck.css``; tests/browser/test_decks.py walks every slide), and each
figure's ``<img>`` carries the alt text of its cell's ``course.alt`` metadata
(:func:`carry_alt_text`).
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "book" / "templates"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

#: What a deck needs from each npm package: (package, path inside it, path in assets/).
#: MathJax 2 is copied in part: the TeX input, the CommonHTML output and its
#: web fonts are all that ``TeX-AMS_CHTML-full`` loads.
ASSETS = (
    ("reveal.js", "dist", "reveal.js/dist"),
    ("reveal.js", "plugin/notes", "reveal.js/plugin/notes"),
    ("reveal.js", "LICENSE", "reveal.js/LICENSE"),
    ("requirejs", "require.js", "require.js"),
    ("jquery", "dist/jquery.min.js", "jquery.min.js"),
    ("mathjax", "MathJax.js", "mathjax/MathJax.js"),
    ("mathjax", "LICENSE", "mathjax/LICENSE"),
    ("mathjax", "config/TeX-AMS_CHTML-full.js", "mathjax/config/TeX-AMS_CHTML-full.js"),
    ("mathjax", "config/Safe.js", "mathjax/config/Safe.js"),
    ("mathjax", "extensions", "mathjax/extensions"),
    ("mathjax", "jax/element", "mathjax/jax/element"),
    ("mathjax", "jax/input/TeX", "mathjax/jax/input/TeX"),
    ("mathjax", "jax/output/CommonHTML", "mathjax/jax/output/CommonHTML"),
    ("mathjax", "fonts/HTML-CSS/TeX/woff", "mathjax/fonts/HTML-CSS/TeX/woff"),
    ("mathjax", "localization/en", "mathjax/localization/en"),
)

WIDGET_NOTE = (
    '<div class="course-widget-note" style="border:1px dashed #0072B2;padding:0.4em 0.8em;'
    'color:#0072B2;font-size:0.8em">A live widget appears here when this notebook runs in '
    "JupyterLab (<code>make lab</code>, then Run All).</div>"
)


def copy_assets(node_modules: Path, out: Path) -> None:
    """Copy the pinned JavaScript a deck needs into ``out/assets``."""
    assets = out / "assets"
    for package, inside, target in ASSETS:
        src = node_modules / package / inside
        if not src.exists():
            raise SystemExit(
                f"{src} is missing: install the pinned assets first (make slides does it: "
                f"npm ci in build/web)"
            )
        dest = assets / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dest)


#: The widgets that run with no kernel: their ``.js`` module in helpers/widgets.
STATIC_KINDS = (
    "matrix_explorer",
    "svd_geometry",
    "qr_stepper",
    "lora_calculator",
    "rank_slider",
    "quadratic_form",
    "pca_direction",
    "randomized_svd",
    "elimination",
)

#: The model shim a static page gives a widget's ``render``: get/set/on/off/
#: save_changes over a plain object (no kernel). ``save_changes`` tells the
#: listeners of every key set since the last call, as anywidget's model does.
_SHIM = """
function courseStaticModel(state) {
  var listeners = {}, pending = {};
  return {
    get: function (k) { return state[k]; },
    set: function (k, v) { state[k] = v; pending[k] = true; },
    on: function (name, cb) { (listeners[name] = listeners[name] || []).push(cb); },
    off: function (name, cb) {
      if (!name) { listeners = {}; return; }
      listeners[name] = (listeners[name] || []).filter(function (f) { return cb && f !== cb; });
    },
    save_changes: function () {
      var keys = Object.keys(pending); pending = {};
      keys.forEach(function (k) {
        (listeners["change:" + k] || []).forEach(function (f) { f(); });
      });
    },
    send: function () {},
  };
}
"""


def _script_safe(text: str) -> str:
    """Text that can sit inside an inline ``<script>``: no ``</script`` ends it early."""
    return text.replace("</", "<\\/")


def static_widget_html(kind: str, state: dict, module_id: str | None = None) -> str:
    """HTML that runs widget ``kind`` from ``state`` with no kernel (site pages and decks).

    The widget's ES module (the same text anywidget runs in JupyterLab) is inlined in a
    classic ``<script>`` (its ``export default`` becomes a ``return``), so the page works
    from ``file://`` with no fetch and no CORS; each module is defined once per page.
    """
    from helpers.widgets.common import widget_esm

    if kind not in STATIC_KINDS:
        raise ValueError(f"kind must be one of {STATIC_KINDS}, got {kind!r}")
    source = widget_esm(kind)
    if source.count("export default") != 1 or "\nimport " in source:
        raise ValueError(f"{kind}.js must have one 'export default' and no import")
    module = source.replace("export default", "return")
    payload = json.dumps(state, separators=(",", ":"), allow_nan=False)
    return (
        f'<div class="course-static-widget" data-kind="{kind}"></div>\n'
        "<script>\n(function () {\n"
        "  var host = document.currentScript.previousElementSibling;\n"
        "  var W = (window.__courseWidgets = window.__courseWidgets || {});\n"
        f"  if (!W.shim) {{ W.shim = (function () {{ {_SHIM} return courseStaticModel; }})(); }}\n"
        f"  if (!W[{json.dumps(kind)}]) {{ W[{json.dumps(kind)}] = (function () {{\n"
        f"{_script_safe(module)}\n  }})(); }}\n"
        f"  var state = {_script_safe(payload)};\n"
        f"  W[{json.dumps(kind)}].render({{ model: W.shim(state), el: host }});\n"
        "})();\n</script>\n"
    )


def replace_widget_views(nb: nbformat.NotebookNode, note: str = WIDGET_NOTE):
    """Return a copy of ``nb`` whose widget outputs run with no kernel, or are a note.

    A widget output that carries its state (``helpers.widgets.STATIC_MIME``, as every
    course widget's does) becomes :func:`static_widget_html`; any other widget output
    (an ipywidgets control made in the notebook) becomes ``note``.
    """
    from helpers.widgets.common import STATIC_MIME

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW not in data and STATIC_MIME not in data:
                continue
            static = data.get(STATIC_MIME)
            if isinstance(static, dict) and static.get("kind") in STATIC_KINDS:
                state = static["state"]
                if static["kind"] == "rank_slider":  # the original → the first ranks' factors
                    from helpers.widgets.rank_slider import static_page_state

                    state = static_page_state(state)
                html_text = static_widget_html(static["kind"], state)
                output["data"] = {"text/html": html_text, "text/plain": "(widget)"}
            else:
                output["data"] = {"text/html": note, "text/plain": "(live widget)"}
    return nb


#: A row of a printed table: a run of two or more spaces between two non-space characters.
TABLE_ROW = re.compile(r"\S {2,}\S")


def text_width(line: str) -> int:
    """The columns ``line`` takes in a monospace font (an East Asian wide character takes 2)."""
    if not isinstance(line, str):
        raise TypeError(f"line must be a str, got {type(line).__name__}")
    return sum(
        0
        if unicodedata.combining(ch)
        else 2
        if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in line
    )


def text_output_html(text: str) -> str:
    """The ``<pre>`` of a text output on a slide: table rows never wrap, prose lines do.

    A line with a run of two or more spaces inside it (:data:`TABLE_ROW`: a printed
    table, a matrix) is a ``<span class="course-row">`` that does not wrap, and the
    ``<pre>`` sits in a ``<div class="course-fit">`` carrying ``--course-cols``, the
    width of its widest such row, from which the deck's style sheet picks a font size
    that fits the row on the slide. Every other line wraps at the slide's edge. Text
    with ANSI colour codes (a traceback) is left to nbconvert's ``ansi2html``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if "\x1b" in text:
        from nbconvert.filters import ansi2html

        return f"<pre>{ansi2html(text)}</pre>"
    lines = text.split("\n")
    rows = [line for line in lines if TABLE_ROW.search(line)]
    body = "\n".join(
        f'<span class="course-row">{html.escape(line, quote=False)}</span>'
        if TABLE_ROW.search(line)
        else html.escape(line, quote=False)
        for line in lines
    )
    if not rows:
        return f"<pre>{body}</pre>"
    cols = max(text_width(row.rstrip()) for row in rows)
    # the div is the container whose width the font size is fitted to
    return f'<div class="course-fit" style="--course-cols: {cols}"><pre>{body}</pre></div>'


def exporter() -> SlidesExporter:
    """A SlidesExporter whose every URL is relative to the deck's folder."""
    c = Config()
    c.SlidesExporter.reveal_url_prefix = "assets/reveal.js"
    c.SlidesExporter.reveal_theme = "white"  # the only theme that imports no web font
    # a slide taller than the deck scrolls: book/templates/course_reveal/static/course_deck.css
    # does it for every slide (nbconvert's reveal_scroll misses the first one and its
    # 95vh + 20px scroll area runs past the slide's bottom)
    c.SlidesExporter.reveal_scroll = False
    c.SlidesExporter.reveal_number = "c/t"
    c.SlidesExporter.require_js_url = "assets/require.js"
    c.SlidesExporter.jquery_url = "assets/jquery.min.js"
    c.SlidesExporter.mathjax_url = "assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    c.SlidesExporter.font_awesome_url = ""
    c.SlidesExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.SlidesExporter.template_name = "course_reveal"  # reveal, minus the mermaid.js import
    slides = SlidesExporter(config=c)
    slides.register_filter("course_text", text_output_html)
    slides.register_filter("course_img_alt", img_with_alt)
    return slides


#: The image outputs a cell's ``course.alt`` list describes, one string each, in order.
IMAGE_MIMES = ("image/png", "image/svg+xml", "image/jpeg")


def carry_alt_text(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` whose image outputs carry their cell's alt text.

    A code cell that makes figures says what each shows in its metadata,
    ``"course": {"alt": ["<1st image output>", ...]}``: one non-empty string per
    image output (:data:`IMAGE_MIMES`), in output order (the interface agreed for
    issue 21). Each image output gets its string as ``metadata["course_alt"]``, which
    the deck template writes as the ``<img>``'s ``alt`` (:func:`img_with_alt`). A
    cell without ``course.alt`` is left as it is; a malformed list raises ValueError.
    """
    nb = copy.deepcopy(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        alts = cell.metadata.get("course", {}).get("alt")
        if alts is None:
            continue
        images = [
            o for o in cell.get("outputs", []) if any(m in o.get("data", {}) for m in IMAGE_MIMES)
        ]
        if not isinstance(alts, list) or not all(isinstance(a, str) and a.strip() for a in alts):
            raise ValueError(
                f"cell {i}: metadata course.alt must be a list of non-empty strings, got {alts!r}"
            )
        if len(alts) != len(images):
            raise ValueError(
                f"cell {i}: metadata course.alt must have one string per image output "
                f"({len(images)}), got {len(alts)}"
            )
        for output, alt in zip(images, alts, strict=True):
            output.setdefault("metadata", {})["course_alt"] = alt
    return nb


def img_with_alt(markup: str, output) -> str:
    """``markup`` (nbconvert's HTML of one image output) with the output's alt text
    (``metadata["course_alt"]``, :func:`carry_alt_text`) on its ``<img>``."""
    alt = output.get("metadata", {}).get("course_alt")
    if not alt:
        return markup
    return str(markup).replace("<img", f'<img alt="{html.escape(alt, quote=True)}"', 1)


def build_deck(path: Path, out: Path, slides: SlidesExporter | None = None) -> Path:
    """Write the deck of one notebook and return its path."""
    slides = slides or exporter()
    nb = carry_alt_text(replace_widget_views(nbformat.read(path, as_version=4)))
    body, _ = slides.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    dest = out / f"{path.stem}.slides.html"
    dest.write_text(body, encoding="utf-8")
    return dest


def write_index(decks: list[Path], out: Path) -> Path:
    """Write ``index.html``: the decks in course order, with their titles."""
    from helpers.course import NOTEBOOKS

    titles = {
        Path(nb.file).stem: f"{nb.number:02d} · {nb.title} ({nb.title_zh})" for nb in NOTEBOOKS
    }
    items = "\n".join(
        f'<li><a href="{html.escape(d.name)}">'
        f"{html.escape(titles.get(d.name.removesuffix('.slides.html'), d.name))}</a></li>"
        for d in sorted(decks)
    )
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Matrix decompositions: lecture slides</title></head>\n"
        '<body style="font-family:sans-serif;max-width:40em;margin:2em auto">\n'
        "<h1>Matrix decompositions: lecture slides</h1>\n"
        "<p>One reveal.js deck per notebook, with the stored outputs. Keys: "
        "<kbd>→</kbd>/<kbd>Space</kbd> next, <kbd>Esc</kbd> overview, <kbd>S</kbd> speaker "
        "notes, <kbd>F</kbd> full screen.</p>\n"
        # the titles carry the notebooks' numbers ("00 · Start here"): a list with no
        # markers, or the page would number every deck twice ("0. 00 · Start here")
        f'<ul style="list-style:none;padding-left:0">\n{items}\n</ul>\n</body></html>\n'
    )
    dest = out / "index.html"
    dest.write_text(page, encoding="utf-8")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--assets", type=Path, required=True, help="npm node_modules folder")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    copy_assets(args.assets, args.out)
    slides = exporter()
    for path in args.notebooks:
        print(f"slides: {build_deck(path, args.out, slides)}")
    for deck in args.out.glob("*.slides.html"):
        if not (ROOT / "notebooks" / deck.name.replace(".slides.html", ".ipynb")).exists():
            deck.unlink()  # its notebook was renamed or removed
    write_index(sorted(args.out.glob("*.slides.html")), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
