"""A small Sphinx extension for the course site (loaded from book/_config.yml).

- Jupyter Book 1 registers some inline scripts twice (sphinx-thebe's and
  sphinx-togglebutton's settings), and the second ``const THEBE_JS_URL`` throws
  "Identifier has already been declared" in the browser. Each page keeps one
  copy of every script.
- Figures get their alt text (issue 21). A code cell says what each of its
  image outputs shows in its metadata, ``"course": {"alt": [...]}``, one string
  per image output in output order. myst-nb only knows one ``alt`` for all the
  images of a cell (cell metadata ``mystnb.image.alt``) and reads nothing but
  width and height from an output's metadata, so after a notebook is read,
  the k-th image output of each cell (a myst-nb ``mime_bundle`` holding an
  image) gets the k-th string on its image node.
- Accessibility of the theme's HTML (axe, tests/browser/test_accessibility.py):
  myst-nb's folded cells render ``<summary aria-label="Toggle hidden content">``
  whose visible text is "Show code cell content" (WCAG 2.5.3, label in name):
  the aria-label is dropped, so the summary is named by its visible text; the
  primary sidebar (logo, search, navigation) becomes a navigation landmark, so
  no content lies outside every landmark.
"""

import re
from pathlib import Path

from docutils import nodes

#: The outputs that ``course.alt`` counts (as tools/build_slides.py's IMAGE_MIMES).
IMAGE_MIMES = ("image/png", "image/svg+xml", "image/jpeg")


def _one_of_each(app, pagename, templatename, context, doctree):
    seen = set()
    kept = []
    for script in context.get("script_files", []):
        key = (
            getattr(script, "filename", str(script)) or "",  # None and "" both mean inline
            tuple(sorted((k, str(v)) for k, v in getattr(script, "attributes", {}).items())),
        )
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def _is(element):
    return lambda node: isinstance(node, nodes.container) and node.get("nb_element") == element


def _carry_alt_text(app, doctree):
    for cell in doctree.findall(_is("cell_code")):
        alts = (cell.get("cell_metadata") or {}).get("course", {}).get("alt")
        if not isinstance(alts, list):
            continue
        images = [
            bundle
            for bundle in cell.findall(_is("mime_bundle"))
            if any(child.get("mime_type") in IMAGE_MIMES for child in bundle.children)
        ]
        for bundle, alt in zip(images, alts, strict=False):
            for child in bundle.children:
                if child.get("mime_type") in IMAGE_MIMES:
                    for image in child.findall(nodes.image):
                        image["alt"] = str(alt)


FOLD_SUMMARY = '<summary aria-label="Toggle hidden content">'
PRIMARY_SIDEBAR = re.compile(r'<div id="pst-primary-sidebar" class="([^"]*)">')
PRIMARY_SIDEBAR_NAV = (
    r'<div id="pst-primary-sidebar" class="\1" role="navigation" aria-label="Course">'
)


def _summary_named_by_text(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = context["body"].replace(FOLD_SUMMARY, "<summary>")


def _sidebar_landmark(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = PRIMARY_SIDEBAR.sub(PRIMARY_SIDEBAR_NAV, text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app):
    app.connect("html-page-context", _one_of_each, priority=900)  # after the others
    app.connect("doctree-read", _carry_alt_text)
    app.connect("html-page-context", _summary_named_by_text)
    app.connect("build-finished", _sidebar_landmark)
    # env_version: a change here re-reads every page (the alt text is set when a page is read)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
