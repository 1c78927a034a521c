"""Quotation marks: find the quoted stretches of a text.

Handles straight and curly double marks, guillemets (either direction), low-9
openers, and curly single marks at the top level (told apart from
apostrophes); single marks nested inside double ones stay part of the outer
quote. A paragraph that opens a quote and never closes it ends the quote at
the paragraph's end, flagged ``open_end`` (news style for a quote that runs
on into the next paragraph, which then opens with a mark again). Unbalanced
marks never raise and never swallow text beyond their paragraph.
"""

from __future__ import annotations

from typing import Iterable, Optional

import attrs
import regex

# A mark and what it can do; straight double marks are decided by context.
_OPENERS = {"\u201c": "\u201d", "\u201e": "\u201d\u201c", "\u00ab": "\u00bb", "\u00bb": "\u00ab", "\u2018": "\u2019", "\u201a": "\u2019\u2018"}
_DOUBLE_OPENERS = {"\u201c", "\u201e", "\u00ab", "\u00bb", '"'}
_SINGLE_OPENERS = {"\u2018", "\u201a"}
# Two apostrophes or two backticks stand for a double mark in some newswire (''like this'').
_ANY_MARK = regex.compile(r"''|``|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a]")
_LETTER = regex.compile(r"\p{L}|\p{N}")


@attrs.frozen(slots=True)
class Quoted:
    """The inside of one pair of quotation marks (offsets exclude the marks)."""

    start: int
    end: int
    open_start: int  # offset of the opening mark
    close_end: int  # offset just past the closing mark (== end when unclosed)
    paragraph: int
    open_end: bool = False  # unclosed at the paragraph's end (runs on)

    def text(self, text: str) -> str:
        return text[self.start : self.end]


def _is_letter(ch: Optional[str]) -> bool:
    return bool(ch) and bool(_LETTER.match(ch))  # type: ignore[arg-type]


def _straight_opens(text: str, i: int, para_start: int, length: int = 1) -> bool:
    """A straight double mark opens when it follows a space, a paragraph start or an opening bracket/dash."""
    prev = text[i - 1] if i > para_start else None
    nxt = text[i + length] if i + length < len(text) else None
    if nxt is None or nxt.isspace():
        return False
    return prev is None or prev.isspace() or prev in "([{\u2014\u2013-/:" or prev in _OPENERS


def _single_opens(text: str, i: int, para_start: int) -> bool:
    prev = text[i - 1] if i > para_start else None
    nxt = text[i + 1] if i + 1 < len(text) else None
    return (prev is None or prev.isspace() or prev in "([{\u2014\u2013\"\u201c") and _is_letter(nxt)


def _single_closes(text: str, i: int) -> bool:
    """A right single mark closes (rather than being an apostrophe) when no letter follows it."""
    nxt = text[i + 1] if i + 1 < len(text) else None
    return not _is_letter(nxt)


def find_quotes(text: str, paragraphs: Iterable[tuple[int, int]]) -> list[Quoted]:
    """Every top-level quoted stretch of ``text``, in order, paragraph by paragraph."""
    out: list[Quoted] = []
    for p, (p_start, p_end) in enumerate(paragraphs):
        out.extend(_in_paragraph(text, p, p_start, p_end))
    return out


def _in_paragraph(text: str, p: int, p_start: int, p_end: int) -> list[Quoted]:
    out: list[Quoted] = []
    # stack of (opening mark, offset, length); only the bottom entry makes a top-level quote
    stack: list[tuple[str, int, int]] = []
    for m in _ANY_MARK.finditer(text, p_start, p_end):
        raw, i = m.group(), m.start()
        n = len(raw)
        ch = {"''": '"', "``": "\u201c"}.get(raw, raw)
        if stack:
            top_mark, top_at, top_len = stack[-1]
            if _closes(text, ch, i, top_mark, n):
                stack.pop()
                if not stack:
                    if i > top_at + top_len:
                        out.append(Quoted(top_at + top_len, i, top_at, i + n, p))
                continue
            if ch == '"' or ch in _DOUBLE_OPENERS or (ch in _SINGLE_OPENERS and _single_opens(text, i, p_start)):
                if ch == '"' and not _straight_opens(text, i, p_start, n):
                    continue
                if len(stack) < 3:
                    stack.append((ch, i, n))
            continue
        if ch == '"':
            if _straight_opens(text, i, p_start, n):
                stack.append((ch, i, n))
        elif ch in _SINGLE_OPENERS:
            if _single_opens(text, i, p_start):
                stack.append((ch, i, n))
        elif ch in _OPENERS:
            stack.append((ch, i, n))
        elif ch == "\u201d" and _straight_opens(text, i, p_start, n):
            stack.append(('"', i, n))  # ”like this”: some sites print the closing mark at both ends
        # a stray closer outside any quote is ignored
    if stack:
        mark, at, length = stack[0]
        end = p_end
        if end > at + length:
            # unclosed: the quote runs to the paragraph's end (and maybe on into the next)
            out.append(Quoted(at + length, end, at, end, p, open_end=True))
    return out


def _closes(text: str, ch: str, i: int, opener: str, length: int = 1) -> bool:
    if opener == '"':
        return ch in '"\u201d'
    expected = _OPENERS.get(opener, "")
    if ch not in expected and not (opener in _DOUBLE_OPENERS and ch == '"'):
        return False
    if ch == "\u2019":
        return _single_closes(text, i)
    return True
