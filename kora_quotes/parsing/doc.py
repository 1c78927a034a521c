"""The parse kora_quotes works on: words with heads, relations and absolute offsets.

A :class:`ParsedDoc` is plain data: what it is given is what it holds (it builds only
indexes over its words: children, offsets). It is built from stanza output
(:func:`ParsedDoc.from_stanza_parts`) or from CoNLL-U text (:func:`ParsedDoc.from_conllu`,
used by rule tests that need no model, taken as given; :meth:`ParsedDoc.to_conllu` writes
it); a parse from stanza gets the word repairs of :mod:`kora_quotes.parsing.repairs`. Word
indices are global over the document; ``head`` is the global index of the head word, or -1
for a root.
"""

from __future__ import annotations

import bisect
from sys import intern as _intern
from typing import Any, Iterable, Iterator, Optional, Sequence

import attrs


@attrs.frozen(slots=True)
class Word:
    i: int
    text: str
    lemma: str
    upos: str
    xpos: str
    head: int
    deprel: str
    start: int
    end: int
    sent: int
    feats: str = "_"

    @property
    def rel(self) -> str:
        """The relation without its subtype ("nsubj:pass" -> "nsubj")."""
        return self.deprel.split(":", 1)[0]


@attrs.frozen(slots=True)
class Sentence:
    index: int
    first: int  # global index of its first word
    last: int  # global index one past its last word
    paragraph: int

    def __len__(self) -> int:
        return self.last - self.first


@attrs.define(slots=True)
class ParsedDoc:
    text: str
    words: list[Word]
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]  # character ranges
    children: list[list[int]] = attrs.field(init=False)
    _starts: list[int] = attrs.field(init=False, repr=False)
    _para_starts: list[int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._starts = [w.start for w in self.words]
        self._para_starts = [s for s, _ in self.paragraphs]
        self.children = [[] for _ in self.words]
        for w in self.words:
            if w.head >= 0:
                self.children[w.head].append(w.i)

    # -- navigation -------------------------------------------------------------
    def sent_words(self, s: int) -> Sequence[Word]:
        sent = self.sentences[s]
        return self.words[sent.first : sent.last]

    def kids(self, i: int, *rels: str) -> list[Word]:
        """Children of word ``i``, optionally only those whose relation (without subtype) is in ``rels``."""
        out = [self.words[c] for c in self.children[i]]
        if rels:
            out = [w for w in out if w.rel in rels or w.deprel in rels]
        return out

    def subtree(self, i: int) -> list[int]:
        """Indices of word ``i`` and all its descendants, sorted."""
        stack, seen = [i], []
        while stack:
            j = stack.pop()
            seen.append(j)
            stack.extend(self.children[j])
        return sorted(seen)

    def span_of(self, indices: Iterable[int]) -> tuple[int, int]:
        idx = list(indices)
        return min(self.words[j].start for j in idx), max(self.words[j].end for j in idx)

    def ancestors(self, i: int) -> Iterator[int]:
        seen = set()
        j = self.words[i].head
        while j >= 0 and j not in seen:
            seen.add(j)
            yield j
            j = self.words[j].head

    def word_at(self, offset: int) -> Optional[Word]:
        """The word covering character ``offset`` (binary search)."""
        lo, hi = 0, len(self.words)
        while lo < hi:
            mid = (lo + hi) // 2
            w = self.words[mid]
            if w.end <= offset:
                lo = mid + 1
            elif w.start > offset:
                hi = mid
            else:
                return w
        return None

    def words_in(self, start: int, end: int) -> list[Word]:
        """Words lying wholly inside characters [start, end) (binary search, words are in order)."""
        starts = self._starts
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [w for w in self.words[lo:hi] if w.end <= end]

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (the one before, in a gap between two)."""
        if not self.paragraphs:
            return 0
        k = bisect.bisect_right(self._para_starts, offset) - 1
        return max(0, k)

    # -- construction -------------------------------------------------------------
    @classmethod
    def from_stanza_parts(cls, text: str, parts: Sequence[tuple[int, object]], paragraphs: list[tuple[int, int]], *,
                          repair: bool = True) -> "ParsedDoc":
        """Join stanza Documents parsed from pieces of ``text``; each part is (offset of the piece, Document)."""
        return cls.from_rows(text, [sent for offset, sdoc in parts for sent in stanza_rows(offset, sdoc)], paragraphs,
                             repair=repair)

    @classmethod
    def from_rows(cls, text: str, rows: Sequence[Sequence[Row]], paragraphs: list[tuple[int, int]], *,
                  repair: bool = True) -> "ParsedDoc":
        """A parse from sentences of :data:`Row` tuples (:func:`stanza_rows` makes them), in order,
        with the word repairs of :func:`kora_quotes.parsing.repairs.repair_words` applied unless
        ``repair`` is false."""
        words: list[Word] = []
        sentences: list[Sentence] = []
        for sent in rows:
            base, s_index = len(words), len(sentences)
            for form, lemma, upos, xpos, head, deprel, start, end, feats in sent:
                words.append(Word(len(words), form, lemma, upos, xpos, base + head - 1 if head else -1, deprel,
                                  start, end, s_index, feats))
            if len(words) > base:
                sentences.append(Sentence(s_index, base, len(words), _paragraph_index(paragraphs, words[base].start)))
        if repair:
            from .repairs import repair_words  # here: the repairs import the rule registry

            words = repair_words(words)
        return cls(text, words, sentences, paragraphs)

    def to_conllu(self) -> str:
        """The parse as CoNLL-U, which :meth:`from_conllu` reads back: words
        sharing a token are written as a multi-word token, a new paragraph as ``# newpar``."""
        blocks = []
        for sent in self.sentences:
            rows = [] if sent.index == 0 or sent.paragraph == self.sentences[sent.index - 1].paragraph else ["# newpar"]
            words = self.words[sent.first : sent.last]
            k = 0
            while k < len(words):
                group = [w for w in words[k:] if (w.start, w.end) == (words[k].start, words[k].end)]
                # (between sentences from_conllu puts a space or, for # newpar, a newline of its own)
                after = "_" if group[-1].i + 1 < sent.last and self.words[group[-1].i + 1].start > group[-1].end \
                    else "SpaceAfter=No"
                if len(group) > 1:
                    n = k + 1
                    rows.append(f"{n}-{n + len(group) - 1}\t{self.text[group[0].start:group[0].end]}\t_\t_\t_\t_\t_\t_\t_\t{after}")
                for w in group:
                    head = w.head - sent.first + 1 if w.head >= 0 else 0
                    rows.append(f"{w.i - sent.first + 1}\t{w.text}\t{w.lemma}\t{w.upos}\t{w.xpos}\t{w.feats}\t{head}\t"
                                f"{w.deprel}\t_\t{after if len(group) == 1 else '_'}")
                k += len(group)
            blocks.append("\n".join(rows))
        return "\n\n".join(blocks) + "\n"

    @classmethod
    def from_conllu(cls, conllu: str) -> "ParsedDoc":
        """A parse from CoNLL-U text (rule tests need no model). The text is rebuilt from the
        tokens, honouring ``SpaceAfter=No``; sentences are joined by a space, and a
        ``# newpar`` comment starts a new paragraph (a newline)."""
        words: list[Word] = []
        sentences: list[Sentence] = []
        pieces: list[str] = []
        pos = 0
        para = 0
        for block in conllu.strip().split("\n\n"):
            lines = [ln for ln in block.splitlines() if ln.strip()]
            if not lines:
                continue
            if any(ln.startswith("# newpar") for ln in lines) and sentences:
                pieces.append("\n")
                pos += 1
                para += 1
            elif sentences:
                pieces.append(" ")
                pos += 1
            base = len(words)
            mwt_end, mwt_span = 0, (0, 0)
            rows = [ln.split("\t") for ln in lines if not ln.startswith("#")]
            for cols in rows:
                tid = cols[0]
                if "-" in tid:
                    a, b = (int(x) for x in tid.split("-"))
                    mwt_end, mwt_span = b, (pos, pos + len(cols[1]))
                    pieces.append(cols[1])
                    pos += len(cols[1])
                    if "SpaceAfter=No" not in cols[9]:
                        pieces.append(" ")
                        pos += 1
                    continue
                if "." in tid:
                    continue
                n = int(tid)
                if n <= mwt_end:
                    start, end = mwt_span
                else:
                    start, end = pos, pos + len(cols[1])
                    pieces.append(cols[1])
                    pos = end
                    if "SpaceAfter=No" not in cols[9]:
                        pieces.append(" ")
                        pos += 1
                head = int(cols[6]) if cols[6].isdigit() else 0
                words.append(Word(len(words), cols[1], cols[2], cols[3], cols[4], base + head - 1 if head else -1,
                                  cols[7], start, end, len(sentences), cols[5]))
            if len(words) > base:
                sentences.append(Sentence(len(sentences), base, len(words), para))
        return cls("".join(pieces), words, sentences, _paragraph_ranges(words, sentences))


def _paragraph_ranges(words: list[Word], sentences: list[Sentence]) -> list[tuple[int, int]]:
    """The character range of each paragraph, from its first sentence's start to its last's end."""
    paragraphs: list[tuple[int, int]] = []
    for s in sentences:
        first, last = words[s.first].start, words[s.last - 1].end
        if s.paragraph < len(paragraphs):
            paragraphs[s.paragraph] = (paragraphs[s.paragraph][0], last)
        else:
            paragraphs.append((first, last))
    return paragraphs


# One word as :meth:`ParsedDoc.from_rows` reads it: form, lemma, upos, xpos, head (1-based within
# its sentence, 0 for the root), deprel, start and end (of its token, in the whole text), feats.
Row = tuple[str, str, str, str, int, str, int, int, str]


def stanza_rows(offset: int, sdoc: Any) -> list[list[Row]]:
    """The sentences of a stanza Document parsed from the piece of text at ``offset``, as plain
    rows (so that the Document, many times larger, can be let go at once). Tags, relations
    and features are interned: a long text repeats them millions of times."""
    out = []
    for sent in sdoc.sentences:
        rows = []
        for token in sent.tokens:
            start, end = token.start_char + offset, token.end_char + offset
            for w in token.words:
                rows.append((w.text, w.lemma or w.text, _intern(w.upos or "X"), _intern(w.xpos or "_"), w.head or 0,
                             _intern(w.deprel or "dep"), start, end, _intern(w.feats or "_")))
        out.append(rows)
    return out


def _paragraph_index(paragraphs: list[tuple[int, int]], offset: int) -> int:
    """The first paragraph ending after ``offset`` (paragraphs are in order), else the last: a
    binary search, as a text of 100,000 one-line paragraphs has as many sentences."""
    k = bisect.bisect_right(paragraphs, offset, key=lambda p: p[1])
    return min(k, max(0, len(paragraphs) - 1))


def contiguous_run(indices: Iterable[int], around: int) -> list[int]:
    """The run of consecutive word indices in ``indices`` that holds ``around``."""
    idx = sorted(indices)
    pos = idx.index(around)
    left = right = pos
    while left > 0 and idx[left - 1] == idx[left] - 1:
        left -= 1
    while right + 1 < len(idx) and idx[right + 1] == idx[right] + 1:
        right += 1
    return idx[left : right + 1]


def case_of(doc: "ParsedDoc", i: int) -> Optional[str]:
    """The preposition of the phrase headed by word ``i``, lower-cased ("in" in "while in
    Beijing", "for" in "called for a ban"), else its subordinating word, else None."""
    cases = [c.text.lower() for c in doc.kids(i, "case") if c.i < i]
    if cases:
        return cases[-1]
    marks = [c.text.lower() for c in doc.kids(i, "mark") if c.i < i]
    return marks[-1] if marks else None
