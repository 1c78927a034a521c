"""Repairs to the tokenizer's output, before tagging and parsing (a stanza ``tokenize_postprocessor``).

1. Multi-word tokens: English ones are contractions ("don't" -> "do n't",
   "gonna" -> "gon na"). A small expander also splits names that end like one
   ("Donna" -> "Don na", "Hanna" -> "Han na"), which breaks the name for
   speaker linking. A split is kept only for tokens with an apostrophe and for
   the apostrophe-less contractions listed in ``data/contractions.txt``.
2. Sentence breaks: a "sentence" of one to three words that ends in a title
   ("President" | "Xi appeared to ...", "Sen." | "John McCain said", and
   "Sen" "." | "Bob Corker said", as the tokenizer splits a paragraph's first title) is a
   wrong break; it is joined to the sentence after it. So is a break after an abbreviated
   title, however long the sentence ("... says Sen." | "Ted Cruz is ..."), also where the
   tokenizer split the title from its full stop. (Short unpunctuated
   lines are otherwise real sentences in web text: joining all of them cost
   EWT test 13 points of sentence F1.)
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator, Optional, Union

import regex

from ..lexicon import contractions, titles

Token = Union[str, tuple]

# A sentence break is wrong after a stub this short that ends in a title (read off the
# seed article; EWT test showed that joining every short unpunctuated stub is wrong).
MAX_STUB_TOKENS = 3


# Abbreviated titles that also abbreviate a place or a section, and so may end a sentence.
_ALSO_ABBREVIATIONS = frozenset({"Del.", "Sec."})


def _may_split(text: str) -> bool:
    return any(c in text for c in "'\u2019`") or text.lower() in contractions()


def _text(token: Token) -> str:
    return token if isinstance(token, str) else token[0]


# The raw text being tokenized, when the caller says (``raw_text``): a title split from its
# full stop is joined back into one token only where the text shows no space between them.
_RAW: contextvars.ContextVar[Optional[str]] = contextvars.ContextVar("kora_quotes_raw_text", default=None)


@contextlib.contextmanager
def raw_text(text: str) -> Iterator[None]:
    """Tell the postprocessor the text it tokenizes (stanza passes it only the tokens)."""
    token = _RAW.set(text)
    try:
        yield
    finally:
        _RAW.reset(token)


def _glued(word: str) -> bool:
    """Was "<word>." written without a space in the raw text (everywhere it occurs)?"""
    raw = _RAW.get()
    return raw is not None and not regex.search(rf"(?<!\w){regex.escape(word)}\s+\.", raw)


def retokenize(sentences: list[list[Token]]) -> list[list[Token]]:
    """The stanza ``tokenize_postprocessor``: both repairs above."""
    return join_stub_sentences(keep_real_contractions(sentences))


def join_stub_sentences(sentences: list[list[Token]]) -> list[list[Token]]:
    """Join a short sentence that ends in a title ("President") to the next one."""
    out: list[list[Token]] = []
    carry: list[Token] = []
    for k, sentence in enumerate(sentences):
        sentence = carry + list(sentence)
        carry = []
        last = _text(sentence[-1]) if sentence else ""
        split_stop = last == "." and len(sentence) >= 2 and isinstance(sentence[-2], str)
        if split_stop:
            last = _text(sentence[-2]) + "."  # "Rep" "." | "Adam Schiff ...": the title's full stop split off
        # (an abbreviated title such as "Rep." never ends a sentence, whatever its length:
        # '"...," panel Chairman Rep.' | 'Jason Chaffetz said')
        # ... nor does one split from its full stop, glued to it in the text, before a capitalised
        # word ("says Sen" "." | "Ted Cruz is ..."), but for the two that are also place and section
        # abbreviations ("D-Del." ends sentences)
        glued_title = split_stop and last not in _ALSO_ABBREVIATIONS and k + 1 < len(sentences) and bool(sentences[k + 1]) \
            and _text(sentences[k + 1][0])[:1].isupper() and _glued(sentence[-2])
        if k + 1 < len(sentences) and (len(sentence) <= MAX_STUB_TOKENS or (last.endswith(".") and not split_stop) or glued_title) \
                and (last,) in titles():
            if split_stop and _glued(sentence[-2]):
                sentence = sentence[:-2] + [last]  # one token again, as the parser was trained on
            carry = sentence
            continue
        out.append(sentence)
    if carry:
        out.append(carry)
    return out


def keep_real_contractions(sentences: list[list[Token]]) -> list[list[Token]]:
    """Unmark multi-word tokens that are not contractions."""
    out = []
    for sentence in sentences:
        fixed: list[Token] = []
        for token in sentence:
            if isinstance(token, tuple) and token[1] is True and not _may_split(token[0]):
                fixed.append(token[0])
            else:
                fixed.append(token)
        out.append(fixed)
    return out
