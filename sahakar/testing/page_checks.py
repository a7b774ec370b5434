"""What the browser suite checks on each page it opens (core/tests/test_browser_main_pages.py):
horizontal overflow, known English phrases on a Khmer page, and axe-core's serious and
critical accessibility violations. Each check returns the reasons a page fails, [] if none.

axe-core comes with the axe-playwright-python package and is injected by Playwright itself
(not a <script> tag, so the Content-Security-Policy does not stand in its way): no network.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from sahakar.testing.english_phrases import PHRASES

# The widest element that sticks out, to name the culprit of an overflow.
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  let widest = null, right = width;
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > right + 1) { right = box.right; widest = el; }
  }
  const name = widest ? widest.tagName.toLowerCase()
    + (widest.id ? '#' + widest.id : '')
    + (widest.classList.length ? '.' + [...widest.classList].join('.') : '') : '';
  return {scroll: document.documentElement.scrollWidth, width, culprit: name};
}"""

# The text a reader sees or hears, outside elements marked as English.
TEXT_JS = """() => {
  const english = (el) => {
    const marked = el && el.closest('[lang]');
    return marked && marked.lang.startsWith('en');
  };
  const parts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || english(el) || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
    parts.push(node.textContent);
  }
  const labelled = '[aria-label],[placeholder],[title],input[type=submit]';
  for (const el of document.body.querySelectorAll(labelled)) {
    if (english(el)) continue;
    for (const a of ['aria-label', 'placeholder', 'title'])
      if (el.hasAttribute(a)) parts.push(el.getAttribute(a));
    if (el.type === 'submit' && el.value) parts.push(el.value);
  }
  return parts.join('\\n');
}"""

SERIOUS = ("serious", "critical")


def _whole(phrase: str) -> re.Pattern[str]:
    """The phrase, not part of a longer word: "None" but not "Nonetheless"."""
    start = r"(?<![A-Za-z])" if phrase[0].isalpha() else ""
    end = r"(?![A-Za-z])" if phrase[-1].isalpha() else ""
    return re.compile(start + re.escape(phrase) + end)


@cache
def _phrase_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(phrase, _whole(phrase)) for phrase in PHRASES]


def overflow(page: Any) -> list[str]:
    found = page.evaluate(OVERFLOW_JS)
    if found["scroll"] <= found["width"]:
        return []
    return [f"{found['scroll']} px wide in {found['width']} (widest: {found['culprit']})"]


def english(page: Any) -> list[str]:
    text = page.evaluate(TEXT_JS)
    return [f"{phrase!r}" for phrase, pattern in _phrase_patterns() if pattern.search(text)]


@cache
def _axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def accessibility(page: Any) -> list[str]:
    results = _axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}x: "
        f"{', '.join(str(n['target'][0]) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]
