"""From a parsed document to attributed quotes.

The finders live in their own modules (:mod:`._direct` for quoted speech,
:mod:`._reported` for reported speech, sharing :mod:`._candidates`); this one
runs them in order and finishes their candidates. Steps, in order:
1. quoted stretches (:mod:`.marks`), minus titles and scare quotes;
2. direct quotes: a quoted stretch tied in the parse to a reporting verb
   (its ccomp, obj or parataxis, or the verb a parataxis of the quote); split
   quotes ("A," he said, "B.") are joined;
3. indirect quotes: the ccomp of a reporting verb, the clause around an
   inserted "X said", and "according to X"; mixed when they hold a quoted
   fragment;
4. continuations: a quoted sentence with no cue right after an attributed
   quote takes that quote's speaker and venue;
5. speakers (:mod:`.speakers`), venues and addressees (:mod:`.venues`).
"""

from __future__ import annotations

from typing import Optional

import attrs

from .rules.candidates import _LONGEST_QUOTE, Candidate, is_title
from .rules.clauses import overlap, phrase_head
from .rules.direct import DirectQuotes
from .parsing.doc import ParsedDoc
from .rules.reported import ReportedSpeech
from .rules.cues import cue_class, source_phrase_at, verb_lemma
from .output.quote import Quote, QuoteKind, Span
from .rules.venues import find_addressee, find_venue

__all__ = ["attribute", "is_title"]


class _Attributor(DirectQuotes, ReportedSpeech):
    """Both finders, then continuations, speakers, venues and the final quotes."""

    def continuations(self, cands: list[Candidate]) -> list[Candidate]:
        """Uncued quoted sentences after an attributed quote take its speaker."""
        doc = self.doc
        ordered = sorted(cands, key=lambda c: c.start)
        out: list[Candidate] = []
        last_attributed: Optional[Candidate] = None
        for cand in ordered:
            attributed = cand.cue is not None or cand.subject_words is not None
            if attributed:
                out.append(cand)
                if cand.kind != QuoteKind.INDIRECT or cand.quoted:
                    last_attributed = cand
                continue
            if last_attributed is None or not last_attributed.quoted:
                continue
            prev_para = last_attributed.quoted[-1].paragraph
            para = cand.quoted[0].paragraph
            if para - prev_para > 1:
                continue
            if para != prev_para:
                # a new paragraph continues only when it opens with the quote, or the last one ran on
                p_start = doc.paragraphs[para][0]
                opens = cand.quoted[0].open_start == p_start
                if not (opens or last_attributed.quoted[-1].open_end):
                    continue
            cand.continues = id(last_attributed)
            out.append(cand)
            last_attributed = cand if cand.quoted[-1].open_end else last_attributed
        return out

    # -- speakers, venues, objects ------------------------------------------------------
    def finish(self, cands: list[Candidate]) -> list[Quote]:
        doc = self.doc
        cands = sorted(cands, key=lambda c: c.start)
        by_id = {id(c): c for c in cands}
        for cand in cands:
            if cand.continues is not None:
                src = by_id.get(cand.continues)
                if src is not None:
                    cand.speakers = list(src.speakers)
                    cand.venue = src.venue
                    cand.addressee = None
                continue
            content = {w.i for s, e in cand.spans for w in doc.words_in(s, e)}
            if cand.subject_words:
                head = phrase_head(doc, cand.subject_words)
                cand.speakers = self.speakers.resolve_phrase(head, cand.subject_words)
            elif cand.subject is not None:
                pronoun = cand.subject
                if cand.cue is not None:
                    cand.subject = self._antecedent(cand.subject, cand.cue)
                exclude = content | self._quoted_in_sentence(doc.words[cand.subject].sent)
                if cand.cue is not None and cand.subject not in doc.subtree(cand.cue):
                    exclude |= set(doc.subtree(cand.cue))  # a subject the cue hangs below: not the cue's words
                cand.speakers = self.speakers.resolve(cand.subject, exclude)
                if pronoun != cand.subject:  # the mention is "who"; the name, role and kind its antecedent's
                    w = doc.words[pronoun]
                    cand.speakers = [attrs.evolve(sp, text=w.text, start=w.start, end=w.end) for sp in cand.speakers]
            if cand.cue is not None and doc.words[cand.cue].upos in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
                exclude = set(content) | self._quoted_in_sentence(doc.words[cand.cue].sent)
                if cand.subject is not None:
                    exclude |= set(doc.subtree(cand.subject))
                exclude |= {w.i for w in doc.sent_words(doc.words[cand.cue].sent)
                            if any(sp.start <= w.start < sp.end for sp in cand.speakers)}
                cand.venue = find_venue(doc, cand.cue, exclude)
                cand.addressee = find_addressee(doc, cand.cue, exclude, verb_lemma(doc.words[cand.cue]))
        quotes: list[Quote] = []
        index_of: dict[int, int] = {}
        for cand in cands:
            if not cand.speakers:
                continue
            speakers = [self.speakers.refresh(sp) for sp in cand.speakers]
            cue = self._cue_span(cand)
            continues = index_of.get(cand.continues) if cand.continues is not None else None
            index_of[id(cand)] = len(quotes)
            quotes.append(Quote.from_spans(self.text, cand.kind, cand.spans, cue=cue, speakers=speakers,
                                           venue=cand.venue, addressee=cand.addressee, continues=continues))
        return quotes

    def _antecedent(self, subject: int, cue: int) -> int:
        """ "an architect who said ...": a relative pronoun speaks for the noun its clause
        modifies, through an apposition and its modifiers ("Marc Morial, the president of the
        Urban League, who said ...": Morial)."""
        doc = self.doc
        s, c = doc.words[subject], doc.words[cue]
        if s.text.lower() not in ("who", "that", "which") or subject == 0:
            return subject
        if c.rel == "acl:relcl" and 0 <= c.head < cue:
            head = doc.words[c.head]
        else:  # the parse missed the relative clause: the noun right before the pronoun
            k = subject - 1 if doc.words[subject - 1].text != "," else subject - 2
            if k < 0 or doc.words[k].upos not in ("NOUN", "PROPN") or doc.words[k].sent != s.sent:
                return subject
            head = doc.words[k]
        while head.rel in ("nmod", "appos", "conj", "flat", "compound") and 0 <= head.head < head.i \
                and doc.words[head.head].upos in ("NOUN", "PROPN"):
            head = doc.words[head.head]
        # "Marc Morial, the president of ..., who": the name the apposition describes
        first = min(j for j in doc.subtree(head.i) if doc.words[j].upos != "PUNCT")
        if head.upos == "NOUN" and first >= 2 and doc.words[first - 1].text == "," \
                and doc.words[first - 2].upos == "PROPN" and doc.words[first - 2].sent == s.sent:
            head = doc.words[first - 2]
        return head.i if head.upos in ("NOUN", "PROPN") else subject

    def _cue_span(self, cand: Candidate) -> Optional[Span]:
        if cand.cue is None:
            return None
        doc = self.doc
        w = doc.words[cand.cue]
        hit = source_phrase_at(doc, cand.cue)
        if hit:
            s, e = doc.span_of(range(hit[0], hit[1] + 1))
            return Span.from_text(self.text, s, e)
        # include auxiliaries and particles next to the verb ("have said", "pointed out")
        idx = [cand.cue] + [c.i for c in doc.kids(cand.cue, "aux", "compound:prt") if abs(c.i - cand.cue) <= 3]
        s, e = doc.span_of(idx)
        if e - s > 40:
            s, e = w.start, w.end
        return Span.from_text(self.text, s, e)


def attribute(doc: ParsedDoc) -> list[Quote]:
    """The attributed quotes of a parsed document, in order of appearance."""
    if not doc.words:
        return []
    att = _Attributor(doc)
    labelled = att.labelled()
    direct = labelled + att.direct(labelled)
    indirect = att.indirect([c for c in direct if c.cue is not None or c.subject_words])
    cands = att.continuations(direct + indirect)
    cands = _dedupe(cands, doc)
    return att.finish(cands)


def _speech_inside(doc: ParsedDoc, outer: Candidate, inner: Candidate) -> bool:
    """Is ``inner`` a speech report whose cue lies in the content of ``outer``, a stance verb's
    ("attacking his rivals, particularly Govs. Bush and Christie, who say ...")?"""
    if inner.cue is None or outer.cue is None or cue_class(doc.words[inner.cue]) != "speech" \
            or cue_class(doc.words[outer.cue]) != "stance":
        return False  # (a finding or a source phrase around a report is an attribution of its own)
    at = doc.words[inner.cue].start
    return any(s <= at < e for s, e in outer.spans)


def _dedupe(cands: list[Candidate], doc: ParsedDoc) -> list[Candidate]:
    """Keep one candidate per stretch of text: the larger of two that overlap mostly, unless the
    smaller is a speech report inside the larger's content (see :func:`_speech_inside`)."""
    out: list[Candidate] = []
    kept_for: dict[int, int] = {}
    for cand in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        clash = None
        j = len(out) - 1
        while j >= 0 and out[j].start >= cand.start - _LONGEST_QUOTE:
            j -= 1
        for other in out[j + 1 :]:
            if other.end <= cand.start:
                continue
            ov = sum(overlap(s1, e1, s2, e2) for s1, e1 in cand.spans for s2, e2 in other.spans)
            if ov > 0.5 * min(cand.end - cand.start, other.end - other.start):
                clash = other
                break
        if clash is None:
            out.append(cand)
        elif (clash.kind == QuoteKind.INDIRECT and cand.kind != QuoteKind.INDIRECT) or _speech_inside(doc, clash, cand):
            out[out.index(clash)] = cand
            kept_for[id(clash)] = id(cand)
        else:
            kept_for[id(cand)] = id(clash)
    for cand in out:  # a continuation of a dropped quote continues the one kept in its place
        while cand.continues in kept_for:
            cand.continues = kept_for[cand.continues]
    return out
