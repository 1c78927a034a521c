"""Paragraph boundaries of a plain text, as character ranges.

Paragraphs are separated by blank lines when the text has any; otherwise each
line is a paragraph (scraped news usually puts one paragraph on a line).
Leading and trailing whitespace is left out of each range.
"""

from __future__ import annotations

import regex

_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK = regex.compile(r"\n\s*")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    sep = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    out: list[tuple[int, int]] = []
    pos = 0
    for m in sep.finditer(text):
        _add(text, pos, m.start(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def sections(text: str, limit: int) -> list[tuple[int, int]]:
    """``text`` cut into consecutive character ranges of at most about ``limit`` characters,
    each of whole paragraphs (a paragraph longer than ``limit`` is a section of its own);
    together they cover the text from its first paragraph to its end."""
    out: list[tuple[int, int]] = []
    start = None
    for p_start, p_end in split_paragraphs(text):
        if start is None:
            start = p_start
        elif p_end - start > limit:
            out.append((start, p_start))
            start = p_start
    if start is not None:
        out.append((start, len(text)))
    return out
