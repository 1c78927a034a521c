"""What the attribution steps share: the candidate quote they build, title detection, and the
document state and parse helpers of both finders (:mod:`._direct`, :mod:`._reported`)."""

from __future__ import annotations

from typing import Optional

import attrs
import regex

from .clauses import as_put_it
from ..parsing.doc import ParsedDoc
from .cues import cue_class
from ..resolution.entities import EntityIndex
from ..text.marks import Quoted, find_quotes
from ..output.quote import QuoteKind, Span, Speaker, Venue
from ..resolution.speakers import SpeakerResolver

# A title in quotation marks: every word capitalised (or a short function word).
MAX_TITLE_WORDS = 8
_SMALL_WORDS = {"of", "the", "a", "an", "and", "or", "in", "on", "for", "to", "at", "by", "with", "from", "&"}
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
# Overlap checks look this many characters back (no quote in PolNeAR or the seed is longer).
_LONGEST_QUOTE = 20_000
# The tags of a one-word quote that answers rather than names ("Yes", "Never", "Nobody").
_ANSWER_TAGS = {"INTJ", "ADV", "PART", "PRON", "AUX"}
_LINK_RELS = {"ccomp", "parataxis", "obj", "xcomp", "dep", "advcl", "root", "conj", "csubj", "acl", "nsubj"}


@attrs.define
class Candidate:
    kind: QuoteKind
    spans: list[tuple[int, int]]
    cue: Optional[int] = None  # word index
    subject: Optional[int] = None  # word index of the subject head
    subject_words: Optional[list[int]] = None  # explicit source phrase ("according to X")
    quoted: list[Quoted] = attrs.field(factory=list)
    continues: Optional[int] = None
    speakers: list[Speaker] = attrs.field(factory=list)
    venue: Optional[Venue] = None
    addressee: Optional[Span] = None

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_title(text: str) -> bool:
    """ "State of the Union", "The Art of the Deal": capitalised words, no sentence inside."""
    words = _words(text)
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    if regex.search(r"[.!?,;:]\s+\S", text.strip()):
        return False
    capitalised = [w for w in words if w[0].isupper()]
    return bool(capitalised) and all(w[0].isupper() or w.lower() in _SMALL_WORDS or w[0].isdigit() for w in words)


class AttributorBase:
    """One document's quoted stretches, entities and speakers, and the parse helpers the
    direct and reported-speech finders share."""

    def __init__(self, doc: ParsedDoc) -> None:
        self.doc = doc
        self.text = doc.text
        self.quoted = find_quotes(doc.text, doc.paragraphs)
        marks_ranges = [(q.open_start, q.close_end) for q in self.quoted]
        self.entities = EntityIndex(doc, marks_ranges)
        self.speakers = SpeakerResolver(doc, self.entities)
        self.in_quote: set[int] = set()
        self.quote_of_word: dict[int, int] = {}
        # a title is part of its sentence ("on CNN's 'State of the Union'"), not a quote
        self.titles = {k for k, q in enumerate(self.quoted) if self._title(q)}
        for k, q in enumerate(self.quoted):
            if k in self.titles:
                continue
            for w in doc.words_in(q.start, q.end):
                self.in_quote.add(w.i)
                self.quote_of_word[w.i] = k

    # -- helpers ----------------------------------------------------------------------
    def _title(self, q: Quoted) -> bool:
        """A title in marks (:func:`is_title`), but not a one-word answer: '"Yes," he said',
        '"Never," she said' (a one-word title is a name or a noun: '"Jaws"')."""
        if not is_title(q.text(self.text)):
            return False
        words = [w for w in self.doc.words_in(q.start, q.end) if w.upos != "PUNCT"]
        return not (len(words) == 1 and words[0].upos in _ANSWER_TAGS)

    def _quoted_in_sentence(self, sent: int) -> set[int]:
        return {w.i for w in self.doc.sent_words(sent) if w.i in self.in_quote}

    def _words_of(self, q: Quoted) -> list[int]:
        return [w.i for w in self.doc.words_in(q.start, q.end) if w.i in self.in_quote]

    def _linked(self, cue: int, qwords: set[int]) -> bool:
        """Is the cue tied to the quote in the parse (within two arcs, through no other cue)?"""
        doc = self.doc
        # the quote hangs below the cue
        for j in qwords:
            w = doc.words[j]
            if w.head == cue and w.rel in _LINK_RELS:
                return True
            h = w.head
            if h >= 0 and h not in qwords and doc.words[h].head == cue and h not in self.in_quote and cue_class(doc.words[h]) is None:
                if doc.words[h].rel in ("ccomp", "parataxis", "obj", "dep", "xcomp") and w.rel in _LINK_RELS:
                    return True
        # the cue hangs below the quote ("...," he said -> said is parataxis of the quote's verb)
        w = doc.words[cue]
        if w.head in qwords and w.rel in ("parataxis", "dep", "conj", "advcl", "ccomp", "root", "acl", "appos"):
            return True
        if w.head >= 0 and w.head not in qwords:
            h = doc.words[w.head]
            if h.head in qwords and w.rel in ("parataxis", "dep", "conj") and h.upos not in ("VERB",):
                return True
        return False

    def _cue_candidates(self, sents: set[int]) -> list[int]:
        doc = self.doc
        out = []
        for s in sorted(sents):
            for w in doc.sent_words(s):
                if w.i not in self.in_quote and (cue_class(w) == "speech" or as_put_it(doc, w.i)):
                    out.append(w.i)
        return out

    def _source_phrase_words(self, hit: tuple[int, int]) -> Optional[list[int]]:
        """The source after "according to": up to the next comma, semicolon or sentence end
        (read off the words, not the parse, which small models often get wrong here)."""
        doc = self.doc
        first, last = hit
        sent = doc.words[first].sent
        words = []
        for w in doc.sent_words(sent):
            if w.i <= last:
                continue
            if w.text in (",", ";", ":", "\u2014") or w.i in self.in_quote or (w.upos == "PUNCT" and w.text in ".!?"):
                break
            words.append(w.i)
        return words or None
