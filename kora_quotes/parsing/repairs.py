"""Parse repairs: every fix the library makes to stanza's input or output, in one place.

Each repair is a named rule of the ``repair`` stage (:mod:`kora_quotes.rules.registry`), with
example sentences; ``switched_off`` turns one off, and the value it was given then passes
through unchanged. They run at three points, in this order:

1. On the text of a piece, before tokenizing (:func:`repair_text`, called by
   :func:`kora_quotes.parsing.load.parse_texts`):

   - ``repair.masked_dateline``: a dateline opening a paragraph ("TOKYO—", "WASHINGTON
     (Reuters) -") is blanked (spaces, so offsets hold), where it would glue onto the subject.

2. On the tokenizer's output (:func:`retokenize`, stanza's ``tokenize_postprocessor``):

   - ``repair.real_contractions_only``: English multi-word tokens are contractions ("don't"
     -> "do n't", "gonna" -> "gon na"). A small expander also splits names that end like one
     ("Donna" -> "Don na", "Hanna" -> "Han na"), which breaks the name for speaker linking. A
     split is kept only for tokens with an apostrophe and for the apostrophe-less
     contractions listed in ``data/contractions.txt``.
   - ``repair.stub_sentence_joined``: a "sentence" of one to three words that ends in a title
     ("President" | "Xi appeared to ...", "Sen." | "John McCain said", and "Sen" "." | "Bob
     Corker said", as the tokenizer splits a paragraph's first title) is a wrong break; it is
     joined to the sentence after it. So is a break after an abbreviated title, however long
     the sentence ("... says Sen." | "Ted Cruz is ..."), also where the tokenizer split the
     title from its full stop. (Short unpunctuated lines are otherwise real sentences in web
     text: joining all of them cost EWT test 13 points of sentence F1.)

3. On the parsed words (:func:`repair_words`, called where a
   :class:`~kora_quotes.parsing.doc.ParsedDoc` is built from stanza's output; the doc itself
   is plain data that nothing rewrites, and one read from CoNLL-U is taken as given):

   - ``repair.title_attached_to_name``: a title the parser made a sibling of the name after
     it is hung on that name (nmod:desc).
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, TypeVar, Union

import attrs
import regex

from ..lexicon import contractions, titles, word_class
from ..rules.registry import rule

if TYPE_CHECKING:
    from .doc import Word

__all__ = ["repair_text", "retokenize", "repair_words", "attach_titles", "raw_text", "sentence_bound", "mask_dateline", "keep_real_contractions", "join_stub_sentences"]

Token = Union[str, tuple]
T = TypeVar("T")


def _apply(repair: Callable[[T], Optional[T]], value: T) -> T:
    """``repair(value)``, or ``value`` unchanged where the repair is switched off (it gives None)."""
    out = repair(value)
    return value if out is None else out


def repair_text(piece: str) -> str:
    """The repairs to a piece of text before stanza tokenizes it."""
    return _apply(mask_dateline, _apply(mask_unreadable, piece))


def repair_words(words: list["Word"]) -> list["Word"]:
    """The repairs to parsed words (global indices, as in a ParsedDoc)."""
    return _apply(attach_titles, words)


def retokenize(sentences: list[list[Token]]) -> list[list[Token]]:
    """The stanza ``tokenize_postprocessor``: the repairs to the tokenizer's output."""
    sentences = _apply(split_spaced_tokens, sentences)
    return _apply(split_long_sentences, _apply(join_stub_sentences, _apply(keep_real_contractions, sentences)))


# -- before tokenizing ----------------------------------------------------------

# What stanza's tokenizer cannot read back into offsets ('Mr\x1d. Kerry': "Could not find word
# |Mr.|"): control characters but tab, newline and carriage return, and lone surrogates, which
# no encoder writes either. Format characters (soft hyphens, zero-width and bidi marks, BOM)
# tokenize fine and are left alone; so are the line and paragraph separators (U+2028, U+2029),
# which split lines as newlines do.
_UNREADABLE = regex.compile(r"(?![\t\n\r])[\p{Cc}\p{Cs}]")


@rule("repair.unreadable_masked", stage="repair", priority=95,
      examples=["Mr\x1d. Kerry said he was ready."])
def mask_unreadable(piece: str) -> str:
    """Characters stanza cannot tokenize back into offsets (control characters, lone
    surrogates) are hidden from it as spaces, one for one, so every offset still indexes the
    caller's text.
    """
    return _UNREADABLE.sub(" ", piece)


# A dateline opening a paragraph ("TOKYO—", "WASHINGTON (Reuters) -").
_DATELINE = regex.compile(r"^\p{Lu}[\p{Lu}\s.,'’-]{1,40}?(?:\s*\([^()\n]{1,40}\))?\s*[—–-]{1,2}\s*(?=\p{Lu})")


@rule("repair.masked_dateline", stage="repair", priority=90,
      examples=["TOKYO\u2014Secretary of State John Kerry said he would be willing to talk."])
def mask_dateline(piece: str) -> str:
    """A dateline opening a paragraph is hidden from the parser (replaced by spaces, so offsets
    hold), where it would glue onto the subject.

    ("TOKYO—Secretary of State John Kerry said": "TOKYO" no longer part of the subject.)
    """
    m = _DATELINE.match(piece)
    if not m or not any(c.isalpha() for c in m.group()):
        return piece
    return " " * m.end() + piece[m.end():]


# -- the tokenizer's output -----------------------------------------------------


@rule("repair.spaced_token_split", stage="repair", priority=85,
      examples=["x " + "Mr. " * 500 + " Residents"])
def split_spaced_tokens(sentences: list[list[Token]]) -> list[list[Token]]:
    """A token the tokenizer made across whitespace ("Mr. Residents" over "Mr.  Residents") is
    split at it: stanza finds each token in the text again, and one whose spaces differ from
    the text's cannot be found.
    """
    if not any(isinstance(t, str) and any(c.isspace() for c in t) for sent in sentences for t in sent):
        return sentences
    return [[part for t in sent for part in (t.split() if isinstance(t, str) and any(c.isspace() for c in t) else [t])]
            for sent in sentences]

# The most tokens a sentence may have when it reaches the tagger and the parser: the parser's
# tree decoding grows with the cube of a sentence's length (a "sentence" of 1,000 quotation
# marks took 3.1 GB). News sentences are far shorter: the longest in UD English EWT train has
# 159 words, in GUM train 134, and no sentence the embedded models split PolNeAR train or dev
# into has more than 97 tokens.
MAX_SENTENCE_TOKENS = 200
# Tokens after which a long sentence is best cut, most preferred first.
_CUT_AFTER = (frozenset({";", ":"}), frozenset({",", "\u2014", "\u2013", "--", "-"}),
              frozenset({'"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "''", "``"}))


@rule("repair.long_sentence_split", stage="repair", priority=65,
      examples=["\"" * 1000, "a " * 2000])
def split_long_sentences(sentences: list[list[Token]]) -> list[list[Token]]:
    """A "sentence" longer than the parser can decode in bounded time and memory (a run of
    marks, a paragraph with no punctuation) is cut into pieces of at most
    ``MAX_SENTENCE_TOKENS``, each after a semicolon or colon, else a comma or dash, else a
    quotation mark in its second half, else where the limit falls.
    """
    bound = _BOUND.get()
    if all(len(sent) <= bound for sent in sentences):
        return sentences
    out: list[list[Token]] = []
    for sent in sentences:
        while len(sent) > bound:
            cut = _cut(sent, bound)
            out.append(sent[:cut])
            sent = sent[cut:]
        out.append(sent)
    return out


def _cut(sent: list[Token], bound: int) -> int:
    """Where to cut a sentence that is too long: one past the best token to end a piece with."""
    window = range(bound - 1, bound // 2 - 1, -1)
    for marks in _CUT_AFTER:
        k = next((k for k in window if _text(sent[k]) in marks), None)
        if k is not None:
            return k + 1
    return bound


# The sentence bound of the parse under way (``Extractor(max_sentence_tokens=...)``).
_BOUND: contextvars.ContextVar[int] = contextvars.ContextVar("kora_quotes_sentence_bound", default=MAX_SENTENCE_TOKENS)


def sentence_bound(tokens: int) -> contextlib.AbstractContextManager[None]:
    """Bound the sentences of the parses made inside the block to ``tokens`` tokens."""
    return _scoped(_BOUND, tokens)

# A sentence break is wrong after a stub this short that ends in a title (read off the
# seed article; EWT test showed that joining every short unpunctuated stub is wrong).
MAX_STUB_TOKENS = 3


# Abbreviated titles that also abbreviate a place or a section, and so may end a sentence.
_ALSO_ABBREVIATIONS = word_class("also-abbreviations")


def _may_split(text: str) -> bool:
    return any(c in text for c in "'\u2019`") or text.lower() in contractions()


def _text(token: Token) -> str:
    return token if isinstance(token, str) else token[0]


# The raw text being tokenized, when the caller says (``raw_text``): a title split from its
# full stop is joined back into one token only where the text shows no space between them.
_RAW: contextvars.ContextVar[Optional[str]] = contextvars.ContextVar("kora_quotes_raw_text", default=None)


def raw_text(text: str) -> contextlib.AbstractContextManager[None]:
    """Tell the postprocessor the text it tokenizes (stanza passes it only the tokens)."""
    return _scoped(_RAW, text)


@contextlib.contextmanager
def _scoped(var: contextvars.ContextVar, value: Any) -> Iterator[None]:
    """``var`` set to ``value`` for the block (the postprocessor's settings: stanza calls it
    with the tokens alone)."""
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def _pieces_of(sentences: list[list[Token]]) -> list[int]:
    """Which of the texts tokenized together each sentence comes from (their raw text joins
    them with a blank line, which no piece holds); all 0 when the raw text is not known."""
    raw = _RAW.get()
    if raw is None:
        return [0] * len(sentences)
    joins = [m.start() for m in regex.finditer(r"\n\n", raw)]
    out, pos = [], 0
    for sentence in sentences:
        first = raw.find(_text(sentence[0]), pos) if sentence else -1
        out.append(bisect.bisect_right(joins, first if first >= 0 else pos))
        for token in sentence:
            at = raw.find(_text(token), pos)
            if at >= 0:
                pos = at + len(_text(token))
    return out


def _glued(word: str, piece: Optional[str]) -> bool:
    """Was "<word>." written without a space in the raw text of its piece (everywhere it occurs)?"""
    return piece is not None and not regex.search(rf"(?<!\w){regex.escape(word)}\s+\.", piece)


@rule("repair.real_contractions_only", stage="repair", priority=80,
      examples=["Interim DNC Chairwoman Donna Brazile said the party would win, and Hanna agreed.",
                "We don't know."])
def keep_real_contractions(sentences: list[list[Token]]) -> list[list[Token]]:
    """Multi-word tokens that are not contractions ("Donna" split as "Don na") are unmarked,
    so that a name stays one word; "don't" and "gonna" stay split.

    (Sentences of tokens, as stanza's tokenize_postprocessor gets them: a multi-word token is
    a ``(text, True)`` pair.)
    """
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


@rule("repair.stub_sentence_joined", stage="repair", priority=70,
      examples=["The vote was close.\n\nSen. Bob Corker said the plan would fail.",
                "Texas Gov. Dan Patrick says Sen. Ted Cruz is standing tall."])
def join_stub_sentences(sentences: list[list[Token]]) -> list[list[Token]]:
    """A sentence break after a title is undone: a short sentence that ends in a title
    ("President" | "Xi appeared"), or any that ends in an abbreviated one ("says Sen." | "Ted
    Cruz is"), is joined to the next; a title whose full stop the tokenizer split off is one
    token again where the text has them together.
    """
    out: list[list[Token]] = []
    carry: list[Token] = []
    pieces = _pieces_of(sentences)
    raw = _RAW.get()
    texts = raw.split("\n\n") if raw is not None else None
    for k, sentence in enumerate(sentences):
        piece = texts[pieces[k]] if texts is not None and pieces[k] < len(texts) else None
        has_next = k + 1 < len(sentences) and pieces[k + 1] == pieces[k]  # (in the same text)
        if carry and pieces[k] != pieces[k - 1]:
            out.append(carry)  # never across texts: stanza tokenizes a batch's pieces together
            carry = []
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
        glued_title = split_stop and last not in _ALSO_ABBREVIATIONS and has_next and bool(sentences[k + 1]) \
            and _text(sentences[k + 1][0])[:1].isupper() and _glued(sentence[-2], piece)
        if has_next and (len(sentence) <= MAX_STUB_TOKENS or (last.endswith(".") and not split_stop) or glued_title) \
                and (last,) in titles():
            if split_stop and _glued(sentence[-2], piece):
                sentence = sentence[:-2] + [last]  # one token again, as the parser was trained on
            carry = sentence
            continue
        out.append(sentence)
    if carry:
        out.append(carry)
    return out


# -- the parsed words -----------------------------------------------------------


@rule("repair.title_attached_to_name", stage="repair", priority=60,
      examples=["Mr. Kerry also suggested while in Beijing that the U.S. could pull back some of its recent "
                "deployments in North Asia if China was more assertive in trying to bring Pyongyang to heel."])
def attach_titles(words: list["Word"]) -> list["Word"]:
    """A title the parser made a sibling of the name after it ("Mr." and "Kerry" both nsubj of
    "suggested", a mistake the vector-reading parser makes) is hung on that name as UD has it
    (nmod:desc), so that the name is one phrase.
    """
    single = {k[0] for k in titles() if len(k) == 1}
    out = list(words)
    for w in words:
        if w.text not in single or w.head < 0:
            continue
        for nxt in words[w.i + 1 : w.i + 4]:  # "Mr. Kerry", "Mr. John Kerry"
            if nxt.sent != w.sent or nxt.upos != "PROPN":
                break
            if nxt.head == w.head and nxt.deprel == w.deprel:
                out[w.i] = attrs.evolve(w, head=nxt.i, deprel="nmod:desc")
                break
    return out
