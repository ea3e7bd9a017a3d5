"""The glossary's Chinese terms and the exercise markers render with real glyphs.

A glyph the fonts lack is drawn as the same "tofu" box as an unassigned code
point (U+0378). So each character the course relies on is drawn next to that
box, and the two pictures must differ.
"""

import pytest

pytestmark = pytest.mark.browser

#: Characters the course shows: a glossary term, and the verdicts of ``check``.
NEEDED = {
    "中文 (glossary)": "中",
    "✅ (correct)": "✅",
    "❌ (not yet)": "❌",
    "⏳ (pending)": "⏳",
}
MISSING = "\u0378"  # unassigned: always drawn as the missing-glyph box


def picture(page, char):
    page.set_content(
        f'<span id="g" style="font-size:48px;line-height:1;display:inline-block">{char}</span>'
    )
    return page.locator("#g").screenshot()


@pytest.mark.parametrize("what", list(NEEDED))
def test_character_has_a_real_glyph(page, what):
    tofu = picture(page, MISSING)
    assert picture(page, MISSING) == tofu  # the comparison is stable
    assert picture(page, NEEDED[what]) != tofu, f"{what} renders as a missing-glyph box"
