"""Build the course as a static web site with Jupyter Book 1 (``make site``).

Usage::

    python tools/build_site.py --assets build/web/node_modules \
        --jupyter-book .venv-site/bin/jupyter-book --src build/site-src --out build/site

It stages a Jupyter Book in ``--src``:

- ``_config.yml`` from ``book/``, and a ``_toc.yml`` written from
  ``helpers.course.NOTEBOOKS``, so the navigation follows the course order;
- ``index.md``: the course map, and a table with each notebook's page and a
  download link to the ``.ipynb``;
- every notebook with its stored outputs (nothing is executed) and a download
  link under its title; each course widget runs on the page with no kernel
  (its ES module inlined with a model shim, seeded from the state its output
  stores: ``build_slides.replace_widget_views``), any other widget is a note;
  each figure's ``<img>`` gets its alt text from the cell's ``course.alt``
  metadata (``book/_ext/course_site.py``);
  lecturer's notes (slide type ``notes``) are left out, and solution cells
  (tag ``solution``) are folded: a code cell with its outputs (tag
  ``hide-cell``), a markdown cell inside a closed "Solution" dropdown;
- ``glossary.md``: the English–中文 glossary of notebook 00 as its own page;
- ``static/mathjax``: MathJax 3 from the npm package pinned in
  ``book/package.json``, so math renders with no CDN.

then runs Jupyter Book (pinned in ``requirements-site.txt``, installed in its
own ``.venv-site``) and copies the HTML to ``--out``. Staged files are only
rewritten when their content changes, so Sphinx rebuilds only what changed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from build_slides import WIDGET_NOTE, carry_alt_text, replace_widget_views  # noqa: E402

from helpers.course import NOTEBOOK_DIR, NOTEBOOKS  # noqa: E402

#: MathJax 3 files the site needs: the tex-chtml component, what it loads
#: lazily (TeX extensions, the menu, assistive MathML, the speech engine) and
#: the CHTML web fonts. The SVG and all-in-one bundles are left out.
MATHJAX_KEEP = ("tex-chtml.js", "input", "output/chtml.js", "output/chtml", "a11y", "ui", "sre")
MATHJAX_KEEP += ("adaptors", "core.js", "loader.js", "startup.js")


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write ``content`` to ``path`` unless it already holds exactly that."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def copy_tree_if_changed(src: Path, dest: Path) -> None:
    """Mirror ``src`` into ``dest``, touching only files whose bytes differ."""
    for file in src.rglob("*"):
        if file.is_file():
            write_if_changed(dest / file.relative_to(src), file.read_bytes())


def course_notebooks(folder: Path = NOTEBOOK_DIR) -> list:
    """The notebooks of the map that exist in ``folder``, in reading order."""
    return [nb for nb in NOTEBOOKS if (folder / nb.file).exists()]


def toc_yml(notebooks) -> str:
    lines = [
        "# Written by tools/build_site.py from helpers.course.NOTEBOOKS: do not edit.",
        "format: jb-book",
        "root: index",
        "parts:",
        "  - caption: The course",
        "    chapters:",
    ]
    lines += [f"      - file: {Path(nb.file).stem}" for nb in notebooks]
    lines += ["  - caption: Reference", "    chapters:", "      - file: glossary"]
    return "\n".join(lines) + "\n"


def download_role(file: str) -> str:
    return f"{{download}}`{file} <downloads/{file}>`"


def index_md(notebooks) -> str:
    rows = "\n".join(
        f"| {nb.number:02d} | [{nb.title}]({nb.file}) | {nb.title_zh} | {download_role(nb.file)} |"
        for nb in notebooks
    )
    return f"""# Matrix decompositions, from eigenvalues to LoRA

An interactive course on matrix decompositions: eigendecomposition, the spectral
theorem, the SVD, low-rank approximation, QR, LU and Cholesky, randomized SVD, PCA
and LoRA. Every proof is paired with code, every number in the text is computed
beside it, and every exercise checks itself.

This site shows each notebook with the outputs stored in the repository. To run
the code, move the widgets and check your answers, download a notebook (or clone
the repository) and open it in JupyterLab with `make lab`.
Exercise solutions are folded away: click **Show code cell content** (a code
solution) or **Solution** (a worked proof) under an exercise to reveal one, after
you have tried. The widgets work on these pages too, with no kernel.

![The map of the course: read along the arrows](course_map.png)

| # | notebook | 中文 | download |
|---|---|---|---|
{rows}

The English–中文 [glossary](glossary.md) collects every key term of the course.
"""


def glossary_md(start_here: nbformat.NotebookNode) -> str:
    """The glossary cell of notebook 00 as a page of its own."""
    for cell in start_here.cells:
        if cell.cell_type == "markdown" and re.search(r'<a\s+id="glossary"', cell.source):
            body = re.sub(r'<a\s+id="glossary"></a>\s*', "", cell.source)
            body = re.sub(r"^##\s+(?:\d+\.\s*)?", "# ", body, count=1, flags=re.M)
            return body + "\n"
    raise SystemExit('notebook 00 has no glossary cell (a markdown cell with <a id="glossary">)')


def fold_for_site(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Leave out the lecturer's notes; fold each solution with its outputs.

    A cell whose ``slideshow.slide_type`` is ``notes`` is dropped. A code cell
    tagged ``solution`` gets the tag ``hide-cell`` (Jupyter Book 1 folds its
    input and outputs behind "Show code cell content"); a markdown one is put
    inside a closed ``Solution`` dropdown (Jupyter Book cannot fold a markdown
    cell by a tag).
    """
    kept = []
    for cell in nb.cells:
        if cell.get("metadata", {}).get("slideshow", {}).get("slide_type") == "notes":
            continue
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "solution" in tags:
            if cell.cell_type == "code":
                if "hide-cell" not in tags:
                    tags.append("hide-cell")
            elif cell.cell_type == "markdown":
                fence = "::::" if ":::" in cell.source else ":::"
                cell.source = f"{fence}{{dropdown}} Solution\n{cell.source}\n{fence}"
        kept.append(cell)
    nb.cells = kept
    return nb


def site_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook as the site shows it: a download link, live widgets, folded solutions.

    Each figure's alt text stays in its cell's ``course.alt`` metadata, which the
    site's Sphinx extension (``book/_ext/course_site.py``) puts on the ``<img>``;
    ``carry_alt_text`` refuses a malformed list (not one string per image output).
    """
    nb = replace_widget_views(nbformat.read(path, as_version=4), note=WIDGET_NOTE)
    nb = carry_alt_text(nb)
    nb = fold_for_site(nb)
    link = nbformat.v4.new_markdown_cell(
        f"⬇ Download this notebook: {download_role(path.name)}. Run it in JupyterLab "
        "(`make lab`) to execute the code; the widgets on this page work without it."
    )
    link.metadata["slideshow"] = {"slide_type": "skip"}
    nb.cells.insert(1, link)
    nb.metadata.pop("widgets", None)
    nb.metadata.setdefault("language_info", {}).setdefault("pygments_lexer", "ipython3")
    return nb


def copy_mathjax(node_modules: Path, static: Path) -> None:
    es5 = node_modules / "mathjax3" / "es5"
    if not (es5 / "tex-chtml.js").exists():
        raise SystemExit(f"{es5} is missing: make site installs it (npm ci in build/web)")
    for name in MATHJAX_KEEP:
        src = es5 / name
        if src.is_dir():
            copy_tree_if_changed(src, static / "mathjax" / name)
        else:
            write_if_changed(static / "mathjax" / name, src.read_bytes())
    write_if_changed(static / "mathjax" / "LICENSE", (es5.parent / "LICENSE").read_bytes())


def stage(src: Path, node_modules: Path, folder: Path = NOTEBOOK_DIR) -> list[str]:
    """Write the Jupyter Book sources into ``src``; return the staged page names.

    ``folder`` holds the notebooks (by default ``notebooks/``; the browser test
    passes freshly executed copies).
    """
    notebooks = course_notebooks(folder)
    write_if_changed(src / "_config.yml", (ROOT / "book" / "_config.yml").read_bytes())
    copy_tree_if_changed(ROOT / "book" / "_ext", src / "_ext")
    write_if_changed(src / "_toc.yml", toc_yml(notebooks))
    write_if_changed(src / "index.md", index_md(notebooks))
    write_if_changed(src / "course_map.png", (ROOT / "figures" / "course_map.png").read_bytes())
    start_here = nbformat.read(folder / "00_start_here.ipynb", as_version=4)
    write_if_changed(src / "glossary.md", glossary_md(start_here))
    pages = ["index", "glossary"]
    for nb in notebooks:
        path = folder / nb.file
        write_if_changed(src / "downloads" / nb.file, path.read_bytes())
        write_if_changed(src / nb.file, nbformat.writes(site_notebook(path)) + "\n")
        pages.append(Path(nb.file).stem)
    planned = {nb.file for nb in NOTEBOOKS}
    for old in src.glob("*.ipynb"):
        if old.name not in {nb.file for nb in notebooks} and old.name in planned:
            old.unlink()
    copy_mathjax(node_modules, src / "static")
    return pages


def build(src: Path, out: Path, jupyter_book: Path) -> None:
    result = subprocess.run(
        [str(jupyter_book), "build", str(src), "--builder", "html"],
        capture_output=True,
        text=True,
        check=False,
    )
    log = result.stdout + result.stderr
    warnings = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
    for line in warnings:
        print(line)
    if result.returncode != 0:
        print(log[-5000:])
        raise SystemExit(f"jupyter-book failed with exit code {result.returncode}")
    html = src / "_build" / "html"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(html, out)
    for notebook in (src / "downloads").glob("*.ipynb"):
        # the theme's ".ipynb" download button serves _sources/: give it the original
        shutil.copy2(notebook, out / "_sources" / notebook.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=Path, required=True, help="npm node_modules folder")
    parser.add_argument("--jupyter-book", type=Path, required=True)
    parser.add_argument("--src", type=Path, required=True, help="staging folder")
    parser.add_argument("--out", type=Path, required=True, help="where the HTML goes")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOK_DIR, help="notebook folder")
    args = parser.parse_args(argv)
    pages = stage(args.src, args.assets, args.notebooks.resolve())
    build(args.src, args.out, args.jupyter_book)
    print(f"site: {args.out / 'index.html'} ({len(pages)} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
