"""Merging candidates: continuations and overlaps.

:func:`continuations` links an uncued quotation right after an attributed quote to it
(``merge.continuation``); :func:`dedupe` keeps one candidate per stretch of text
(``merge.overlap``). Links are indices into the list these functions return.
"""

from __future__ import annotations

from typing import Optional

import attrs

from ..output.quote import Quote, QuoteKind, Step
from ..parsing.doc import ParsedDoc
from ..rules.candidates import LONGEST_QUOTE, Candidate
from ..rules.clauses import overlap
from ..rules.cues import cue_class
from ..rules.registry import rule


def continuations(doc: ParsedDoc, cands: list[Candidate]) -> list[Candidate]:
    """The attributed candidates in order of start, with the uncued quotations that continue
    one (linked by index); other uncued quotations are dropped."""
    out: list[Candidate] = []
    last: Optional[int] = None  # index in ``out`` of the quote a next quotation may continue
    for cand in sorted(cands, key=lambda c: c.start):
        if cand.attributed:
            out.append(cand)
            if cand.kind != QuoteKind.INDIRECT or cand.quoted:
                last = len(out) - 1
            continue
        if last is None or not continuation(doc, out[last], cand):
            continue
        out.append(attrs.evolve(cand, continues=last))
        last = len(out) - 1 if cand.quoted[-1].open_end else last
    return out


@rule("merge.continuation", stage="merge", priority=50, off=False,
      examples=['"We are ready," Kerry said. "We have always been ready."'])
def continuation(doc: ParsedDoc, prev: Candidate, cand: Candidate) -> bool:
    """An uncued quotation continues the last attributed quote with quotation marks, in the same
    paragraph or the next (there only when it opens the paragraph, or the quote ran on)."""
    if not prev.quoted:
        return False
    prev_para, para = prev.quoted[-1].paragraph, cand.quoted[0].paragraph
    if para - prev_para > 1:
        return False
    if para != prev_para:
        opens = cand.quoted[0].open_start == doc.paragraphs[para][0]
        return opens or prev.quoted[-1].open_end
    return True


def _speech_inside(doc: ParsedDoc, outer: Candidate, inner: Candidate) -> bool:
    """Is ``inner`` a speech report whose cue lies in the content of ``outer``, a stance verb's
    ("attacking his rivals, particularly Govs. Bush and Christie, who say ...")?"""
    if inner.cue is None or outer.cue is None or cue_class(doc.words[inner.cue]) != "speech" \
            or cue_class(doc.words[outer.cue]) != "stance":
        return False  # (a finding or a source phrase around a report is an attribution of its own)
    at = doc.words[inner.cue].start
    return any(s <= at < e for s, e in outer.spans)


def _clash(cand: Candidate, out: list[Candidate], active: list[int]) -> Optional[int]:
    """The index of a kept candidate that mostly overlaps ``cand`` (of the shorter one).

    ``active`` holds, in order, the indices of the kept candidates that may still overlap a
    later one; those that end before ``cand`` starts (or began more than the longest quote
    before it) are let go for good, as candidates come in order of start: a text of
    thousands of short quotes costs no more per quote than an article."""
    active[:] = [k for k in active if out[k].end > cand.start and out[k].start >= cand.start - LONGEST_QUOTE]
    for k in active:
        other = out[k]
        ov = sum(overlap(s1, e1, s2, e2) for s1, e1 in cand.spans for s2, e2 in other.spans)
        if ov > 0.5 * min(cand.end - cand.start, other.end - other.start):
            return k
    return None


@rule("merge.overlap", stage="merge", priority=50, off=False,
      examples=["He expressed amusement that Mr. Rubio had at last described his views on immigration “not only on Spanish-language television but on English-language television,” echoing some far-right commentators who have suggested that Mr. Rubio is more willing to present himself as a pragmatist on the issue when speaking Spanish."])
def prefer(doc: ParsedDoc, kept: Candidate, cand: Candidate) -> bool:
    """Of two candidates that mostly overlap, the quote with marks wins over the indirect one,
    and a speech report inside a stance verb's content over that content; else the first
    (the larger, at the same start) stays."""
    return (kept.kind == QuoteKind.INDIRECT and cand.kind != QuoteKind.INDIRECT) or _speech_inside(doc, kept, cand)


def dedupe(doc: ParsedDoc, cands: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text (:func:`prefer`), in order of start; a continuation of
    a dropped quote continues the one kept in its place."""
    order = sorted(range(len(cands)), key=lambda k: (cands[k].start, -(cands[k].end - cands[k].start)))
    out: list[Candidate] = []
    origin: list[int] = []  # index in ``cands`` of each kept candidate
    kept_for: dict[int, int] = {}
    active: list[int] = []  # (see _clash)
    for k in order:
        cand = cands[k]
        clash = _clash(cand, out, active)
        if clash is None:
            active.append(len(out))
            out.append(cand)
            origin.append(k)
        elif prefer(doc, out[clash], cand):
            kept_for[origin[clash]] = k
            out[clash], origin[clash] = cand, k
        else:
            kept_for[k] = origin[clash]
    final = sorted(range(len(out)), key=lambda n: out[n].start)
    position = {origin[n]: p for p, n in enumerate(final)}
    result = []
    for n in final:
        cand = out[n]
        if cand.continues is not None:
            target = cand.continues
            while target in kept_for:
                target = kept_for[target]
            cand = attrs.evolve(cand, continues=position.get(target))
            if cand.continues is None:
                cand = attrs.evolve(cand, continues=-1)  # its quote is gone
        result.append(cand)
    return result


def attribution_spans(doc: ParsedDoc, quotes: list[Quote]) -> list[Quote]:
    """The quotes with each continuation that :func:`same_attribution` joins to the quote
    before folded into it (its spans added; ``continues`` indices renumbered)."""
    out: list[Quote] = []
    new_index: dict[int, int] = {}
    for k, q in enumerate(quotes):
        head = new_index.get(q.continues) if q.continues is not None else None
        if head is not None and head == len(out) - 1 and same_attribution(doc, out[head], q):
            base = out[head]
            out[head] = Quote.from_spans(doc.text, base.kind, [*base.spans, *q.spans], cue=base.cue,
                                         speakers=base.speakers, venue=base.venue, addressee=base.addressee,
                                         continues=base.continues, attribution=base.attribution,
                                         trace=(*base.trace, Step("merge.attribution_spans", q.text[:60])))
            new_index[k] = head
            continue
        new_index[k] = len(out)
        out.append(attrs.evolve(q, continues=new_index.get(q.continues)) if q.continues is not None else q)
    return out


@rule("merge.attribution_spans", stage="merge", priority=40, off=False,
      examples=['"We are ready," Kerry said. "We have always been ready."'])
def same_attribution(doc: ParsedDoc, base: Quote, cont: Quote) -> bool:
    """In ``scope="attributions"`` a quotation that goes on in the same paragraph, with no cue of
    its own, is more content of the attribution it continues, not an attribution of its own
    (PolNeAR's unit: '"A," Kerry said. "B."' is one attribution with two content spans)."""
    return cont.cue is None and doc.paragraph_of(cont.start) == doc.paragraph_of(base.end - 1)
