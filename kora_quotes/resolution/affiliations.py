"""Affiliations: the party, state, country or organisation a role ties a person to.

"Florida Sen. Marco Rubio" (Florida), "Indian Defence Minister Manohar Parrikar" (Indian),
"Randi Weingarten, president of the American Federation of Teachers" (American Federation of
Teachers), "Republican rival Donald Trump" (Republican), "Japan's foreign minister" (Japan).
The role itself stays the office ("Senator", "president"); a name never absorbs these words.
"""

from __future__ import annotations

from typing import Optional

import regex

from ..parsing.doc import ParsedDoc
from ..rules.registry import rule

# words before a title that say whose office it is: at most this many
_MAX_WORDS = 4
_OWNER = regex.compile(r"^(?P<a>\p{Lu}[\p{L}.\-]*(?:\s\p{Lu}[\p{L}.\-]*)*)['\u2019]s\s")
_OF_ORG = regex.compile(r"\b(?:of|for|at)\s(?:the\s)?(?P<a>\p{Lu}[\p{L}.\-'\u2019]*(?:\s(?:of\s|for\s|and\s)?\p{Lu}[\p{L}.\-'\u2019]*)*)\s*$")
_LEADING = regex.compile(r"^(?P<a>(?:\p{Lu}[\p{L}.\-]*\s)+)(?=\p{Ll})")


_PARENTHESIS = regex.compile(r"\s*\(([^()\n]{1,30})\)")


@rule("affiliation.parenthesis", stage="affiliation", priority=70,
      examples=["Sen. John McCain (R., Ariz.) said the plan was flawed."])
def parenthesis(text: str, end: int) -> Optional[str]:
    """ "John McCain (R., Ariz.)": a party and state in parentheses right after the name."""
    m = _PARENTHESIS.match(text, end)
    return m.group(1).strip() if m and regex.search(r"\p{Lu}", m.group(1)) else None


def affiliation_of(doc: ParsedDoc, name_end: int, title_first: Optional[int],
                   role_phrase: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """A person mention's affiliation and the rule that found it, trying the rules in order."""
    tries = (
        (parenthesis, lambda: parenthesis(doc.text, name_end)),
        (before_title, lambda: before_title(doc, title_first) if title_first is not None else None),
        (in_role, lambda: in_role(role_phrase) if role_phrase else None),
        (of_after_name, lambda: of_after_name(doc.text, name_end)),
    )
    for fn, run in tries:
        found = run()
        if found:
            return found, fn.rule_name  # type: ignore[attr-defined]
    return None, None


@rule("affiliation.before_title", stage="affiliation", priority=60,
      examples=["Indian Defence Minister Manohar Parrikar told the forum that the sea lanes must stay open."])
def before_title(doc: ParsedDoc, title_first: int) -> Optional[str]:
    """Capitalised words right before a title, in its sentence: "Florida Sen.", "Ohio Democratic
    Party Chairman"."""
    words = doc.words
    j = title_first
    while j > 0 and title_first - j < _MAX_WORDS and words[j - 1].sent == words[title_first].sent \
            and words[j - 1].upos in ("PROPN", "ADJ", "NOUN") and words[j - 1].text[:1].isupper() \
            and _joined(doc, j - 1, j):
        j -= 1
    if j == title_first or (j == doc.sentences[words[j].sent].first and words[j].upos == "NOUN"):
        return None
    return doc.text[words[j].start:words[title_first - 1].end]


def _joined(doc: ParsedDoc, left: int, right: int) -> bool:
    """Only spaces between two words (no comma, no line break)."""
    return doc.text[doc.words[left].end:doc.words[right].start].strip(" ") == ""


_OF_AFTER_NAME = regex.compile(
    r"(?:,\s(?:an?\s)?(?P<party>\p{Lu}\p{Ll}+)\s|\s)of\s(?P<a>\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)(?=[\s,.;:)]|$)")


@rule("affiliation.of_after_name", stage="affiliation", priority=55,
      examples=["Sen. Ted Cruz of Texas said the deal was a mistake."])
def of_after_name(text: str, end: int) -> Optional[str]:
    """ "Ted Cruz of Texas", "Steve Cohen, Democrat of Tennessee": the place or party after the name."""
    m = _OF_AFTER_NAME.match(text, end)
    if not m:
        return None
    return f"{m.group('party')} of {m.group('a')}" if m.group("party") else m.group("a")


@rule("affiliation.in_role", stage="affiliation", priority=50,
      examples=["Randi Weingarten, president of the American Federation of Teachers, said the plan would fail."])
def in_role(role: str) -> Optional[str]:
    """The organisation, owner or party inside a role phrase: "president of the American
    Federation of Teachers", "Japan's foreign minister", "Republican rival"."""
    for pattern in (_OF_ORG, _OWNER, _LEADING):
        m = pattern.search(role)
        if m:
            return m.group("a").strip()
    return None
