"""Speaker labels: paragraphs of the form "PENCE: Well, look, ..." (transcripts, headlines).

A paragraph that opens with a short name (one to four capitalised words, an
optional title) followed by a colon and a sentence is taken as that speaker's
words. Labels that name something else ("Note:", "Update:") are listed in
data/not_speaker_labels.txt.
"""

from __future__ import annotations

import functools
from typing import Iterable

import attrs
import regex

from ..lexicon import _lines, word_class

_LABEL = regex.compile(
    r"[\"\u201c]?(?P<label>(?:\p{Lu}[\p{L}.'\u2019-]*)(?:\s+(?:\p{Lu}[\p{L}.'\u2019-]*|of|de|van|von|al-?\p{L}+)){0,3})"
    r"\s*:\s+(?P<content>\S.*)",
    regex.DOTALL,
)
# Small words a headline capitalises and a name never holds ("Stealth Over Health:").
_HEADLINE_WORDS = word_class("headline-words")
# The words after the label must make a sentence, not a list item or a time.
MIN_CONTENT_WORDS = 3


@functools.cache
def _stop_labels() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("not_speaker_labels.txt"))


@attrs.frozen(slots=True)
class Labelled:
    label_start: int
    label_end: int
    colon: int  # offset of the colon
    start: int  # content
    end: int
    paragraph: int


def find_labelled(text: str, paragraphs: Iterable[tuple[int, int]]) -> list[Labelled]:
    out = []
    for p, (start, end) in enumerate(paragraphs):
        m = _LABEL.match(text, start, end)
        if not m:
            continue
        label = m.group("label")
        if label.lower().rstrip(".") in _stop_labels() or len(regex.findall(r"\w+", m.group("content"))) < MIN_CONTENT_WORDS:
            continue
        if label.split()[0].lower() in ("the", "a", "an"):
            continue  # "The Latest: Trump urges ...": a headline's kicker, not a speaker's name
        if any(w in _HEADLINE_WORDS for w in label.split()[1:]):
            continue  # "Stealth Over Health: ...": a headline's capitalised small word, not a name
        if regex.match(r"^\d", m.group("content")):
            continue
        colon = text.index(":", m.end("label"))
        out.append(Labelled(m.start("label"), m.end("label"), colon, m.start("content"), end, p))
    return out
