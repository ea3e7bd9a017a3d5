"""axe-core in a Playwright page: WCAG 2 A and AA checks.

axe-core is pinned in ``book/package.json`` (``make site``/``make slides``
install it into ``build/web/node_modules`` with ``npm ci``); it is only ever
injected by the tests, never copied into a page of the site or a deck.

- :func:`run_axe` injects ``axe.min.js`` (once per document) and runs it with the
  rules tagged ``wcag2a``, ``wcag2aa``, ``wcag21a`` and ``wcag21aa``, optionally
  scoped to part of the page (``include``) and with extra rules by id (``rules``,
  e.g. the experimental ``label-content-name-mismatch``).
- :func:`allowed` drops the violations an allow-list accepts (rule id and a
  regular expression on the target selector), keeping the reason with each.
- :func:`report` formats what is left: rule, impact, target selectors, summary.
- :func:`assert_accessible` checks one widget: axe scoped to it, and Tab through its
  controls with a visible focus ring of 3:1 or more on each (:func:`focus_problems`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from browser_lab import COLOUR_JS

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "build" / "web" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

RUN_JS = """async ({include, exclude, tags, rules}) => {
    const context = {};
    if (include && include.length) context.include = include.map((sel) => [sel]);
    if (exclude && exclude.length) context.exclude = exclude.map((sel) => [sel]);
    const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
    if (rules && rules.length) {
        options.rules = Object.fromEntries(rules.map((id) => [id, {enabled: true}]));
    }
    const result = await window.axe.run(Object.keys(context).length ? context : document, options);
    return result.violations.map((v) => ({
        rule: v.id, impact: v.impact, help: v.help, tags: v.tags,
        nodes: v.nodes.map((n) => ({
            target: n.target.map((t) => Array.isArray(t) ? t.join(' >>> ') : String(t)),
            summary: n.failureSummary || '', html: (n.html || '').slice(0, 200),
        })),
    }));
}"""


@dataclass(frozen=True)
class Finding:
    """One element that breaks one rule."""

    rule: str
    impact: str
    target: str
    summary: str
    help: str
    html: str

    def __str__(self) -> str:
        summary = " ".join(self.summary.split())
        return f"[{self.rule}, {self.impact}] {self.target}: {self.help}. {summary} {self.html}"


def axe_available() -> bool:
    """True when ``npm ci`` has put axe-core into build/web/node_modules."""
    return AXE_JS.is_file()


def run_axe(page, include=None, exclude=None, rules=()) -> list[Finding]:
    """Run axe-core's WCAG 2 A/AA rules on ``page`` and return one finding per element.

    Parameters
    ----------
    page : playwright.sync_api.Page
        The page, loaded.
    include, exclude : list of str, optional
        CSS selectors of the parts to check or to leave out (default: the whole page).
    rules : sequence of str, optional
        Rule ids to run in addition to the WCAG-tagged ones (e.g. a best-practice
        or experimental rule).

    Returns
    -------
    list of Finding

    Raises
    ------
    FileNotFoundError
        If axe-core is not installed in build/web/node_modules.
    """
    if not axe_available():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make site` (it runs npm ci)")
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE_JS))
    tags = list(WCAG_TAGS)
    raw = page.evaluate(
        RUN_JS,
        {
            "include": list(include or []),
            "exclude": list(exclude or []),
            "tags": tags,
            "rules": list(rules),
        },
    )
    return [
        Finding(
            v["rule"],
            v["impact"] or "",
            ", ".join(n["target"]),
            n["summary"],
            v["help"],
            n["html"],
        )
        for v in raw
        for n in v["nodes"]
    ]


def allowed(findings, allow_list: dict) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Split findings into (not allowed, allowed with the reason).

    ``allow_list`` maps a name to ``{"rule": id, "target": regex, "reason": text}``;
    a finding is allowed when its rule is that id and its target selector matches
    the regular expression (``re.search``).
    """
    kept, accepted = [], []
    for finding in findings:
        for entry in allow_list.values():
            if finding.rule == entry["rule"] and re.search(entry["target"], finding.target):
                accepted.append((finding, entry["reason"]))
                break
        else:
            kept.append(finding)
    return kept, accepted


def report(where: str, findings) -> str:
    """A readable list of findings, for an assertion message."""
    lines = [f"{where}: {len(findings)} WCAG 2 A/AA violation(s)"]
    lines += [f"  - {finding}" for finding in findings]
    return "\n".join(lines)


# --------------------------------------------------------------------------- focus rings

#: The focus ring of the focused element: its style, and its contrast against the
#: first opaque background behind it (the parent's, as the ring lies outside).
FOCUS_JS = (
    "() => {"
    + COLOUR_JS
    + """
    const el = document.activeElement;
    const bg = backgroundOf(el.parentElement);
    const st = getComputedStyle(el);
    const width = parseFloat(st.outlineWidth) || 0;
    const outline = st.outlineStyle !== 'none' && width > 0;
    const shadow = st.boxShadow && st.boxShadow !== 'none';
    const colour = outline ? st.outlineColor : shadow ? st.boxShadow : '';
    const c = rgb(colour);
    return {tag: el.tagName, cls: el.getAttribute('class') || el.getAttribute('aria-label') || '',
            visible: el.matches(':focus-visible'), outline, shadow: !!shadow, colour,
            ratio: c.length >= 3 ? contrast(c, bg) : 0};
}"""
)

CONTROLS_JS = """(root) => [...root.querySelectorAll(
        'input, select, button, textarea, summary, [tabindex]:not([tabindex="-1"])')]
    .filter((el) => !el.disabled && el.getClientRects().length > 0
                    && getComputedStyle(el).visibility !== 'hidden')
    .map((el, i) => { el.setAttribute('data-a11y-control', String(i)); return i; })"""

START_JS = """(root) => {
    const b = document.createElement('button');
    b.id = 'a11y-start'; b.textContent = 'start';
    root.parentElement.insertBefore(b, root);
    b.focus();
}"""


def focus_problems(page, selector: str) -> list[str]:
    """Tab through a widget from just before it; each control must get a visible ring."""
    root = page.locator(selector).first
    controls = root.evaluate(CONTROLS_JS)
    root.evaluate(START_JS)
    page.keyboard.press("Shift")  # a key first: focus moved by keys is :focus-visible
    problems, reached = [], []
    for _ in range(len(controls)):
        page.keyboard.press("Tab")
        index = page.evaluate(
            "(sel) => { const a = document.activeElement;"
            " return document.querySelector(sel).contains(a) ? a.getAttribute('data-a11y-control')"
            " : null; }",
            selector,
        )
        if index is None:
            break
        reached.append(int(index))
        ring = page.evaluate(FOCUS_JS)
        if not (ring["outline"] or ring["shadow"]) or not ring["visible"]:
            problems.append(f"no visible focus ring on {ring['tag']} {ring['cls']}: {ring}")
        elif ring["ratio"] < 3:
            problems.append(f"focus ring contrast {ring['ratio']:.2f} < 3: {ring}")
    page.evaluate("() => document.getElementById('a11y-start').remove()")
    if sorted(reached) != controls:
        problems.append(f"Tab reached controls {reached} of {controls}")
    return problems


def assert_accessible(page, container: str, theme: str = "light") -> None:
    """Assert that a widget meets WCAG 2 A/AA (axe) and shows a 3:1 focus ring on every control.

    Parameters
    ----------
    page : playwright.sync_api.Page
        The page (JupyterLab, the site or a deck) with the widget drawn.
    container : str
        CSS selector of the widget's output element (the first match is checked).
    theme : str, optional
        A word for the messages ("light" or "dark"); the caller switches the theme.

    Raises
    ------
    AssertionError
        Listing every axe violation inside the widget and every control that Tab
        does not reach or whose focus ring is missing or below 3:1.
    """
    mark = page.locator(container).first
    mark.evaluate("(el) => el.setAttribute('data-a11y-check', '')")
    try:
        mark.scroll_into_view_if_needed()
        problems = [str(f) for f in run_axe(page, include=["[data-a11y-check]"])]
        problems += focus_problems(page, "[data-a11y-check]")
    finally:
        mark.evaluate("(el) => el.removeAttribute('data-a11y-check')")
    assert not problems, f"{container} ({theme}): {len(problems)} problem(s)\n" + "\n".join(
        problems
    )
