"""Every notebook is also a lecture deck: slide metadata on every cell, and `make slides`.

The metadata checks read the notebooks. The build check runs `make slides` (it
installs the pinned reveal.js and MathJax with npm the first time) and checks
that every notebook got a deck that loads nothing from the web. The deck builder's
own pieces are checked here too: the index, the text outputs (table rows that never
wrap) and the figures' alt text. Opening the decks in Chromium is in
tests/browser/test_site.py (assets, math, widgets) and tests/browser/test_decks.py
(every slide fits a 1280×720 screen).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import build_slides  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
MAX_CODE_LINES = 35  # a code cell shown on a slide (CONTRIBUTING: about 15; decks scroll)


def slide_type(cell) -> str | None:
    """The cell's slide type; a missing one is "-" (continue the slide), as nbconvert,
    JupyterLab's property inspector (it writes "-" as absent) and jupyterlab-slideshow
    read it. An empty ``slideshow`` or an unknown type is returned as is, and fails."""
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def nb(request):
    return request.param.name, nbformat.read(request.param, as_version=4)


def test_every_cell_has_a_slide_type(nb):
    name, notebook = nb
    missing = [
        f"cell {i} ({cell.source[:40]!r}): {slide_type(cell)!r}"
        for i, cell in enumerate(notebook.cells)
        if slide_type(cell) not in SLIDE_TYPES
    ]
    assert not missing, f"{name}: cells without a valid slideshow.slide_type: {missing}"


def test_slide_types_are_chosen_for_a_lecture(nb):
    name, notebook = nb
    types = [slide_type(cell) for cell in notebook.cells]
    counts = Counter(types)
    assert types[0] == "slide", f"{name}: the title cell must open a slide"
    assert counts["slide"] >= 2, f"{name}: one slide per section, found {counts['slide']}"
    assert len(counts) >= 3, f"{name}: slide types look defaulted: {dict(counts)}"
    assert max(counts.values()) <= 0.7 * len(types), f"{name}: one type dominates: {counts}"
    assert counts["notes"] >= 1, f"{name}: no speaker notes"


def test_speaker_notes_and_hidden_solutions(nb):
    name, notebook = nb
    for i, cell in enumerate(notebook.cells):
        if slide_type(cell) == "notes":
            assert cell.cell_type == "markdown", f"{name} cell {i}: notes must be markdown"
            # JupyterLab shows the first line of a folded cell: it says what the cell is
            first = cell.source.splitlines()[0]
            assert first == "**Lecturer's notes.**", f"{name} cell {i}: {first[:40]}"
            folded = cell.metadata.get("jupyter", {}).get("source_hidden")
            assert folded is True, f"{name} cell {i}: lecturer's notes are folded"
        if "solution" in cell.metadata.get("tags", []) and cell.cell_type == "code":
            assert slide_type(cell) == "skip", f"{name} cell {i}: a hidden solution is skipped"


def test_code_on_slides_fits(nb):
    name, notebook = nb
    too_long = [
        (i, len(cell.source.splitlines()))
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        and slide_type(cell) not in ("skip", "notes")
        and len(cell.source.splitlines()) > MAX_CODE_LINES
    ]
    assert not too_long, f"{name}: code cells too long for a slide (cell, lines): {too_long}"


# --------------------------------------------------------------------------- make slides


class Assets(HTMLParser):
    """Collect every URL a page loads (not the links a reader may click)."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self._in = None
        self.inline = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attrs.get(
            "src"
        ):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])
        if attrs.get("style"):
            self.inline.append(attrs["style"])
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in in ("script", "style"):
            self.inline.append(data)


REMOTE_IN_CODE = re.compile(
    r"""(?:url\(\s*['"]?|@import\s+['"]?|['"`])\s*((?:https?:)?//[^'"`)\s]+)""", re.I
)


def remote_assets(html: str) -> list[str]:
    """The http(s) URLs a page would fetch when opened: tags, CSS and script strings."""
    parser = Assets()
    parser.feed(html)
    remote = [u for u in parser.urls if re.match(r"^(?:https?:)?//", u.strip(), re.I)]
    for code in parser.inline:
        code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)  # CSS and JS block comments
        code = re.sub(r"(?m)^\s*//.*$", "", code)  # JS line comments
        remote += REMOTE_IN_CODE.findall(code)
    # XML namespace names (document.createElementNS) are identifiers, never fetched
    return [
        u
        for u in remote
        if not re.match(r"^http://www\.w3\.org/(2000/svg|1999/xlink|1999/xhtml)$", u)
    ]


def test_remote_asset_finder_finds_what_it_should():
    page = (
        '<script src="https://cdn.example/x.js"></script><link rel=stylesheet href="//c/y.css">'
        '<a href="https://docs.example">a link is not an asset</a>'
        "<style>@import url(https://fonts.example/f.css);</style>"
        "<script>require(['https://unpkg.example/r.js']); // see https://github.example</script>"
        '<script src="assets/local.js"></script>'
    )
    assert remote_assets(page) == [
        "https://cdn.example/x.js",
        "//c/y.css",
        "https://fonts.example/f.css",
        "https://unpkg.example/r.js",
    ]


@pytest.fixture(scope="module")
def decks(run_make):
    run_make("slides")
    return ROOT / "build" / "slides"


def test_make_slides_builds_one_offline_deck_per_notebook(decks):
    assert (decks / "index.html").exists()
    index = (decks / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        deck = decks / f"{path.stem}.slides.html"
        assert deck.exists(), f"no deck for {path.name}"
        html = deck.read_text(encoding="utf-8")
        assert not remote_assets(html), f"{deck.name} loads from the web: {remote_assets(html)}"
        parser = Assets()
        parser.feed(html)
        for url in parser.urls:
            if url.startswith("data:"):
                continue
            local = decks / url.split("?")[0].split("#")[0]
            assert local.exists(), f"{deck.name} points at {url}, which is not in build/slides"
        notebook = nbformat.read(path, as_version=4)
        slides = sum(slide_type(c) in ("slide", "subslide") for c in notebook.cells)
        assert html.count("<section") >= slides, f"{deck.name}: fewer sections than slides"
        assert "application/vnd.jupyter.widget-view+json" not in html  # a note replaces widgets
        assert f'href="{deck.name}"' in index
    for asset in ("reveal.js/dist/reveal.js", "require.js", "jquery.min.js", "mathjax/MathJax.js"):
        assert (decks / "assets" / asset).exists(), asset


def test_live_slides_extension_is_enabled():
    """Live slides (jupyterlab-slideshow, Deck Mode), the widget manager, anywidget and
    jupyterlab-fonts (it applies the notebooks' Presentation Mode style) are on."""
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "labextension", "list"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    listing = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)  # no colours
    extensions = (
        "jupyterlab-slideshow",
        "@jupyter-widgets/jupyterlab-manager",
        "anywidget",
        "@deathbeds/jupyterlab-fonts",
    )
    for extension in extensions:
        assert re.search(rf"^\s*{re.escape(extension)} v\S+ enabled\s+OK", listing, re.M), listing


# --------------------------------------------------------------------------- deck index


class IndexItems(HTMLParser):
    """The deck index's list: its tag, whether it draws markers, and each item's text."""

    def __init__(self):
        super().__init__()
        self.lists, self.items, self._li = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("ol", "ul"):
            style = (attrs.get("style") or "").replace(" ", "")
            self.lists.append((tag, "list-style:none" not in style))
        if tag == "li":
            self._li = True
            self.items.append("")

    def handle_endtag(self, tag):
        if tag == "li":
            self._li = False

    def handle_data(self, data):
        if self._li:
            self.items[-1] += data


def test_index_numbers_each_deck_once(tmp_path):
    from helpers.course import NOTEBOOKS

    decks = [tmp_path / f"{Path(nb.file).stem}.slides.html" for nb in NOTEBOOKS]
    for deck in decks:
        deck.write_text("<html></html>", encoding="utf-8")
    parser = IndexItems()
    parser.feed(build_slides.write_index(decks, tmp_path).read_text(encoding="utf-8"))
    assert len(parser.lists) == 1, parser.lists
    tag, markers = parser.lists[0]
    numbered = tag == "ol" and markers  # the browser draws "0.", "1.", … before each item
    assert len(parser.items) == len(NOTEBOOKS)
    for nb, text in zip(NOTEBOOKS, parser.items, strict=True):
        in_text = re.findall(r"\b\d{1,2}\b(?= ·)", text)
        shown = len(in_text) + numbered
        assert shown == 1, f"{text!r} is numbered {shown} times (list markers: {numbered})"
        assert text.startswith(f"{nb.number:02d} · {nb.title}"), text


# --------------------------------------------------------------------------- text outputs


def test_text_outputs_keep_table_rows_whole_and_let_prose_wrap():
    table = "model   full FT (GB)  ratio\nGPT-3 175B    2793.7    8.0\n"
    html = build_slides.text_output_html("a long line of prose, with single spaces\n" + table)
    rows = re.findall(r'<span class="course-row">(.*?)</span>', html)
    assert rows == ["model   full FT (GB)  ratio", "GPT-3 175B    2793.7    8.0"]
    assert "a long line of prose, with single spaces\n<span" in html  # not a row: it may wrap
    assert '<div class="course-fit" style="--course-cols: 27">' in html  # the widest row
    plain = build_slides.text_output_html("x < y & z\n")
    assert plain == "<pre>x &lt; y &amp; z\n</pre>" and "course-fit" not in plain
    wide = build_slides.text_output_html("名前  值\nab    1\n")  # wide characters take 2 columns
    assert "--course-cols: 8" in wide
    coloured = build_slides.text_output_html("\x1b[31mError\x1b[0m  x\n")
    assert "course-row" not in coloured and "Error" in coloured and "\x1b" not in coloured
    with pytest.raises(TypeError, match="text must be a str, got int"):
        build_slides.text_output_html(3)
    with pytest.raises(TypeError, match="line must be a str, got list"):
        build_slides.text_width(["a"])


# --------------------------------------------------------------------------- alt text


class Images(HTMLParser):
    """The ``alt`` of every ``<img>`` a notebook's image outputs become in a deck."""

    def __init__(self):
        super().__init__()
        self.alts, self._depth = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div":
            self._depth.append("jp-RenderedImage" in classes or "jp-RenderedSVG" in classes)
        if tag == "img" and any(self._depth):
            self.alts.append(attrs.get("alt"))

    def handle_endtag(self, tag):
        if tag == "div" and self._depth:
            self._depth.pop()


FIGURE_NOTEBOOKS = [
    p
    for p in NOTEBOOKS
    if any(
        any(m in o.get("data", {}) for m in build_slides.IMAGE_MIMES)
        for c in nbformat.read(p, as_version=4).cells
        for o in c.get("outputs", [])
    )
]


@pytest.mark.parametrize("path", FIGURE_NOTEBOOKS, ids=[p.name for p in FIGURE_NOTEBOOKS])
def test_deck_figures_carry_the_cells_alt_text(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    expected = []  # the course.alt strings of the image outputs a deck shows, in order
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or slide_type(cell) == "skip":
            continue
        images = [
            o
            for o in cell.get("outputs", [])
            if any(m in o.get("data", {}) for m in build_slides.IMAGE_MIMES)
        ]
        alts = cell.metadata.get("course", {}).get("alt", [])
        assert len(alts) == len(images), (
            f"{path.name} cell {i}: {len(alts)} alt, {len(images)} images"
        )
        expected += alts
    parser = Images()
    parser.feed(build_slides.build_deck(path, tmp_path).read_text(encoding="utf-8"))
    assert all(alt and alt.strip() for alt in parser.alts), f"{path.name}: empty alt {parser.alts}"
    assert parser.alts == expected


def test_alt_text_metadata_is_checked():
    nb = nbformat.v4.new_notebook()
    png = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})
    png2 = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})
    cell = nbformat.v4.new_code_cell("plot()", outputs=[png, png2])
    nb.cells = [cell]
    cell.metadata["course"] = {"alt": ["first", "second"]}
    carried = build_slides.carry_alt_text(nb)
    assert [o.metadata["course_alt"] for o in carried.cells[0].outputs] == ["first", "second"]
    assert "course_alt" not in png.get("metadata", {})  # the notebook itself is not changed
    html = build_slides.img_with_alt('<img src="x.png">', carried.cells[0].outputs[0])
    assert html == '<img alt="first" src="x.png">'
    quoted = nbformat.v4.new_output("display_data", data={}, metadata={"course_alt": 'a "b" <c>'})
    assert 'alt="a &quot;b&quot; &lt;c&gt;"' in build_slides.img_with_alt("<img src=y>", quoted)
    bad = (
        (["only one"], "one string per image output (2), got 1"),
        (["", "x"], "list of non-empty strings"),
        ("a, b", "list of non-empty strings"),
    )
    for alts, words in bad:
        cell.metadata["course"] = {"alt": alts}
        with pytest.raises(ValueError, match=re.escape(words)):
            build_slides.carry_alt_text(nb)


# --------------------------------------------------------------- code colours (issue 21)

CSS_VAR = re.compile(r"(--[\w-]+)\s*:\s*([^;}]+)")


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of ``#rgb`` or ``#rrggbb``."""
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def token_colours(html: str) -> dict[str, str]:
    """Colour of each pygments ``.highlight .X`` rule of a deck, CSS variables resolved.

    Variables set on ``.reveal`` (course_deck.css) win over ``:root``'s, as they do
    in the page: ``.reveal`` is the nearer ancestor of the code.
    """
    css = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", html, re.S))
    variables = {}
    for block in re.findall(r":root[^{]*\{([^}]*)\}", css):
        variables.update(CSS_VAR.findall(block))
    for block in re.findall(r"(?m)^\.reveal \{([^}]*)\}", css):
        variables.update(CSS_VAR.findall(block))

    def resolve(value: str) -> str:
        for _ in range(10):
            m = re.search(r"var\((--[\w-]+)\)", value)
            if not m:
                break
            value = value[: m.start()] + variables.get(m.group(1), "").strip() + value[m.end() :]
        return {"blue": "#0000ff"}.get(value.strip(), value.strip())

    rules = {}
    for selectors, body in re.findall(r"([^{}]*\.highlight[^{}]*)\{([^{}]*)\}", css):
        colour = re.search(r"(?<![-\w])color\s*:\s*([^;}]+)", body)
        for sel in selectors.split(","):
            token = re.search(r"\.highlight\s+\.([\w-]+)\s*$", sel.strip())
            if colour and token:
                rules[token.group(1)] = resolve(colour.group(1))
    return rules


def test_token_colours_resolve_like_the_page():
    html = (
        "<style>:root { --c: #408080; --d: #111; }\n.highlight .c1 { color: var(--c) }\n"
        ".highlight .k { color: var(--d); font-weight: bold }</style>"
        "<style>\n.reveal {\n  --c: #3d6b6b;\n}\n</style>"
    )
    assert token_colours(html) == {"c1": "#3d6b6b", "k": "#111"}
    assert round(contrast("#ffffff", "#999999"), 2) == 2.85  # reveal's slide number, axe's figure


def test_code_tokens_on_the_slides_have_aa_contrast(decks):
    """Every pygments rule in the decks, not only the tokens axe meets on a slide: 4.5:1
    on the code backgrounds (JupyterLab's editor #f5f5f5, and white)."""
    html = (decks / f"{NOTEBOOKS[0].stem}.slides.html").read_text(encoding="utf-8")
    rules = token_colours(html)
    assert len(rules) > 30, sorted(rules)  # the whole style (41 rules), not a handful
    low = {
        token: (colour, round(min(contrast(colour, bg) for bg in ("#f5f5f5", "#ffffff")), 2))
        for token, colour in rules.items()
        if re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}", colour)
        and min(contrast(colour, bg) for bg in ("#f5f5f5", "#ffffff")) < 4.5
    }
    unresolved = {t: c for t, c in rules.items() if not c.startswith("#")}
    assert not unresolved, f"colours the test cannot read: {unresolved}"
    assert not low, f"pygments tokens under 4.5:1 on the code background: {low}"
