"""render_html in a real browser: headless Chromium loads the page and counts the highlights.

Skipped only when no Chromium binary is found (Debian: ``apt-get install -y chromium``;
or point KORA_QUOTES_CHROMIUM at one).

Run as a script to remake the screenshot in docs/ (needs Chromium; without one it
says so and exits with status 2)::

    python tests/test_browser.py            # real extractor if it loads, else hand-made quotes
    python tests/test_browser.py OUT.png    # somewhere else
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "kerry-north-korea.txt"
SCREENSHOT = ROOT / "docs" / "render-seed.png"

sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT)]
from test_render import gold_seed_quotes, seed_quotes  # noqa: E402  (the seed's quotes, made by hand)

from kora_quotes import render_html  # noqa: E402

# Counted by the browser itself, from the DOM it built, into attributes of <body>.
COUNTER = """
<script>
const marks = [...document.querySelectorAll('mark.kq-quote')];
document.body.dataset.quotes = new Set(marks.map(m => m.dataset.quote)).size;
document.body.dataset.firsts = marks.filter(m => m.dataset.part === '0' && m.hasAttribute('data-first')).length;
document.body.dataset.labels = document.querySelectorAll('.kq-label').length;
document.body.dataset.nested = marks.filter(m => m.closest('p') === null).length;
</script>
"""

# The colour the browser resolved for each quote mark (its kind draws it as a background or
# an underline), and the hover titles it holds.
COLOURS = """
<script>
const quoteMarks = [...document.querySelectorAll('mark.kq-quote')];
const colourOf = m => getComputedStyle(m).getPropertyValue('--kq-colour').trim();
document.body.dataset.speakers = new Set(quoteMarks.map(m => m.dataset.speaker)).size;
document.body.dataset.colours = new Set(quoteMarks.map(colourOf)).size;
document.body.dataset.pairs = new Set(quoteMarks.map(m => m.dataset.speaker + '|' + colourOf(m))).size;
document.body.dataset.titled = quoteMarks.filter(m => m.title.startsWith(m.dataset.speaker)).length;
document.body.dataset.marks = quoteMarks.length;
</script>
"""


def chromium() -> str | None:
    names = [os.environ.get("KORA_QUOTES_CHROMIUM", ""), "chromium", "chromium-browser",
             "google-chrome", "google-chrome-stable", "chrome"]
    for name in names:
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def run_chromium(page: Path, *extra: str, timeout: float = 90) -> str:
    binary = chromium()
    assert binary, "no Chromium binary found (apt-get install -y chromium, or set KORA_QUOTES_CHROMIUM)"
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", f"--user-data-dir={profile}", *extra, page.as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def body_counts(dom: str) -> dict[str, int]:
    body = re.search(r"<body([^>]*)>", dom)
    assert body, dom[:500]
    return {k: int(v) for k, v in re.findall(r'data-(\w+)="(\d+)"', body.group(1))}


@pytest.fixture(scope="module")
def browser():
    if chromium() is None:
        pytest.skip("no Chromium binary found (apt-get install -y chromium, or set KORA_QUOTES_CHROMIUM)")


def _page(tmp_path: Path, html: str, script: str = COUNTER) -> Path:
    path = tmp_path / "page.html"
    path.write_text(html.replace("</body>", script + "</body>"), encoding="utf-8")
    return path


def test_browser_sees_one_highlight_per_quote(browser, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    quotes = seed_quotes(text)
    counts = body_counts(run_chromium(_page(tmp_path, render_html(text, quotes)), "--dump-dom"))
    assert counts == {"quotes": len(quotes), "firsts": len(quotes), "labels": len(quotes), "nested": 0}


def test_browser_draws_each_seed_speaker_in_a_colour_of_its_own(browser, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    quotes = gold_seed_quotes()
    counts = body_counts(run_chromium(_page(tmp_path, render_html(text, quotes), COLOURS), "--dump-dom"))
    speakers = len({q["speakers"][0]["name"] for q in quotes})
    assert speakers >= 10
    assert counts["speakers"] == counts["colours"] == counts["pairs"] == speakers
    assert counts["titled"] == counts["marks"] > 0


def test_browser_keeps_crossing_spans_apart(browser, tmp_path):
    from kora_quotes.output.quote import Quote, Speaker

    text = "One two three four five six seven.\nEight nine ten eleven."
    quotes = [
        Quote.from_spans(text, "indirect", [(0, 18)], speakers=[Speaker("Ann", "seven", 28, 33)]),
        Quote.from_spans(text, "direct", [(8, 45)], speakers=[Speaker("Bob", "two", 4, 7)]),
    ]
    counts = body_counts(run_chromium(_page(tmp_path, render_html(text, quotes)), "--dump-dom"))
    assert counts == {"quotes": 2, "firsts": 2, "labels": 2, "nested": 0}


def make_screenshot(out: Path = SCREENSHOT) -> str:
    """Render the seed article and photograph it; says which quotes it used."""
    text = SEED.read_text(encoding="utf-8")
    try:
        from kora_quotes import Extractor

        quotes, source = Extractor("embedded").extract(text), "the embedded model"
    except Exception as exc:  # models not available yet
        quotes, source = seed_quotes(text), f"hand-made quotes ({type(exc).__name__}: {exc})"
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "seed.html"
        page.write_text(render_html(text, quotes, title="U.S. Offers Direct Korea Talks (kora_quotes)"),
                        encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        run_chromium(page, f"--screenshot={out}", "--window-size=1200,1600", timeout=120)
    return f"{out}: {len(quotes)} quotes from {source}"


def main(argv: list[str]) -> int:
    """Remake the screenshot (at ``argv[0]`` if given); says why not, with a non-zero status, when it cannot."""
    if chromium() is None:
        print("tests/test_browser.py: no Chromium binary found, so no screenshot was made.\n"
              "Install one (apt-get install -y chromium) or point KORA_QUOTES_CHROMIUM at one, then rerun\n"
              "    python tests/test_browser.py [OUT.png]\n"
              "The browser tests themselves run under pytest, which skips them without Chromium:\n"
              "    python -m pytest -q tests/test_browser.py", file=sys.stderr)
        return 2
    try:
        print(make_screenshot(Path(argv[0]) if argv else SCREENSHOT))
    except (AssertionError, subprocess.TimeoutExpired) as exc:
        print(f"tests/test_browser.py: Chromium failed to take the screenshot: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
