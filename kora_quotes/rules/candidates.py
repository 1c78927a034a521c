"""What the finders share: the candidate quote they build (frozen, evolved stage by stage)
and the :class:`Context` of one document (its quoted stretches, titles and entities, read
once, never changed), with the parse questions both finders ask of it."""

from __future__ import annotations

from typing import Optional, Sequence

import attrs
import regex

from ..lexicon import word_class
from ..output.quote import QuoteKind, Span, Spanned, Speaker, Step, Venue
from ..parsing.doc import ParsedDoc
from ..resolution.entities import Entity, EntityIndex
from ..text.marks import Quoted, find_quotes
from .clauses import as_put_it
from .cues import cue_class

# A title in quotation marks: every word capitalised (or a short function word).
MAX_TITLE_WORDS = 8
_SMALL_WORDS = word_class("title-small-words")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
# Overlap checks look this many characters back (no quote in PolNeAR or the seed is longer).
LONGEST_QUOTE = 20_000
# The tags of a one-word quote that answers rather than names ("Yes", "Never", "Nobody").
_ANSWER_TAGS = {"INTJ", "ADV", "PART", "PRON", "AUX"}


@attrs.frozen
class Candidate(Spanned):
    """A quote in the making. Stages add to it with :func:`attrs.evolve`; ``continues`` is the
    index of the candidate it continues in the document's ordered list; ``trace`` names the
    rules that made it, with the words each matched."""

    kind: QuoteKind
    spans: tuple[tuple[int, int], ...] = attrs.field(converter=lambda v: tuple(tuple(s) for s in v))
    cue: Optional[int] = None  # word index
    subject: Optional[int] = None  # word index of the subject head
    subject_words: Optional[tuple[int, ...]] = attrs.field(default=None, converter=lambda v: None if v is None else tuple(v))
    quoted: tuple[Quoted, ...] = attrs.field(default=(), converter=tuple)
    continues: Optional[int] = None
    speakers: tuple[Speaker, ...] = attrs.field(default=(), converter=tuple)
    venue: Optional[Venue] = None
    addressee: Optional[Span] = None
    trace: tuple[Step, ...] = attrs.field(default=(), converter=tuple)

    @property
    def attributed(self) -> bool:
        return self.cue is not None or self.subject_words is not None

    def by(self, rule: str, matched: str = "") -> "Candidate":
        """The candidate with one more rule in its trace."""
        return attrs.evolve(self, trace=(*self.trace, Step(rule, matched)))


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def is_title(text: str) -> bool:
    """ "State of the Union", "The Art of the Deal": capitalised words, no sentence inside."""
    words = words_of(text)
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    if regex.search(r"[.!?,;:]\s+\S", text.strip()):
        return False
    capitalised = [w for w in words if w[0].isupper()]
    return bool(capitalised) and all(w[0].isupper() or w.lower() in _SMALL_WORDS or w[0].isdigit() for w in words)


@attrs.frozen
class Context:
    """One document as every rule sees it: the parse, its quoted stretches (titles apart), the
    quote each word lies in, and its entities. Built once by :meth:`from_doc`."""

    doc: ParsedDoc
    quoted: tuple[Quoted, ...]
    titles: frozenset[int]  # indices into ``quoted`` of titles in marks
    quote_of_word: dict[int, int]  # word index -> index into ``quoted`` (titles excluded)
    entities: EntityIndex

    @classmethod
    def from_doc(cls, doc: ParsedDoc, known: Sequence[Entity] = ()) -> "Context":
        """The context of ``doc``; ``known`` entities come from earlier sections of its document."""
        quoted = tuple(find_quotes(doc.text, doc.paragraphs))
        entities = EntityIndex(doc, [(q.open_start, q.close_end) for q in quoted], known)
        # a title is part of its sentence ("on CNN's 'State of the Union'"), not a quote
        titles = frozenset(k for k, q in enumerate(quoted) if _title(doc, q))
        of_word = {w.i: k for k, q in enumerate(quoted) if k not in titles for w in doc.words_in(q.start, q.end)}
        return cls(doc, quoted, titles, of_word, entities)

    @property
    def text(self) -> str:
        return self.doc.text

    def quoted_in_sentence(self, sent: int) -> set[int]:
        return {w.i for w in self.doc.sent_words(sent) if w.i in self.quote_of_word}

    def words_of(self, q: Quoted) -> list[int]:
        return [w.i for w in self.doc.words_in(q.start, q.end) if w.i in self.quote_of_word]

    def cue_candidates(self, sents: set[int]) -> list[int]:
        """The speech verbs (and "as X put it") of the sentences ``sents``, outside quotes."""
        doc = self.doc
        return [w.i for s in sorted(sents) for w in doc.sent_words(s)
                if w.i not in self.quote_of_word and (cue_class(w) == "speech" or as_put_it(doc, w.i))]

    def source_phrase_words(self, hit: tuple[int, int]) -> Optional[list[int]]:
        """The source after "according to": up to the next comma, semicolon or sentence end
        (read off the words, not the parse, which small models often get wrong here)."""
        doc = self.doc
        first, last = hit
        words = []
        for w in doc.sent_words(doc.words[first].sent):
            if w.i <= last:
                continue
            if w.text in (",", ";", ":", "\u2014") or w.i in self.quote_of_word or (w.upos == "PUNCT" and w.text in ".!?"):
                break
            words.append(w.i)
        # ("according to..." in a truncated snippet names no one)
        return words if any(doc.words[j].upos != "PUNCT" for j in words) else None

    def matched(self, *indices: Optional[int]) -> str:
        """The words at ``indices`` as written (for a trace)."""
        idx = [j for j in indices if j is not None]
        if not idx:
            return ""
        s, e = self.doc.span_of(idx)
        return self.doc.text[s:e] if e - s <= 60 else " ".join(self.doc.words[j].text for j in idx)


def _title(doc: ParsedDoc, q: Quoted) -> bool:
    """A title in marks (:func:`is_title`), but not a one-word answer: '"Yes," he said',
    '"Never," she said' (a one-word title is a name or a noun: '"Jaws"')."""
    if not is_title(q.text(doc.text)):
        return False
    words = [w for w in doc.words_in(q.start, q.end) if w.upos != "PUNCT"]
    return not (len(words) == 1 and words[0].upos in _ANSWER_TAGS)
