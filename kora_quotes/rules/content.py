"""The content of a report: the words of a clause turned into a candidate's spans, and the
rest of a clause a small parser hung elsewhere. Shared by every reported-speech rule."""

from __future__ import annotations

from typing import Optional

from ..lexicon import word_class
from ..output.quote import QuoteKind
from .candidates import Candidate, Context
from .clauses import finite, runs
from .cues import cue_class

# A reported clause does not open with a relative word ("which represents ...", "who died ...").
_NOT_A_REPORT_START = word_class("relative-openers")


def content(ctx: Context, idx: list[int], cue: int, subject: Optional[int], *,
             subject_words: Optional[list[int]] = None, min_words: int = 3,
            rule: str = "") -> Optional[Candidate]:
    """A candidate whose content is the words ``idx`` of the cue's sentence, trimmed of edge
    punctuation (a complementizer "that" stays, as PolNeAR marks it), made by ``rule``."""
    doc = ctx.doc
    sent = doc.words[cue].sent
    idx = [j for j in idx if doc.words[j].sent == sent]
    while idx and doc.words[idx[0]].upos == "PUNCT":
        idx = idx[1:]
    while idx and doc.words[idx[-1]].upos == "PUNCT" and doc.words[idx[-1]].text not in ("\"", "\u201d", "'", "\u2019"):
        idx = idx[:-1]
    if len(idx) < min_words or doc.words[idx[0]].text.lower() in _NOT_A_REPORT_START:
        return None
    spans = runs(doc, idx)
    spans = [(s, e) for s, e in spans if e - s > 0]
    while len(spans) > 1 and all(w.rel in ("mark", "advmod", "cc", "punct") for w in doc.words_in(*spans[0])):
        spans = spans[1:]
    if not spans:
        return None
    inside = [ctx.quoted[k] for k in sorted({ctx.quote_of_word[j] for j in idx if j in ctx.quote_of_word})
              if ctx.quoted[k].start >= spans[0][0] and ctx.quoted[k].end <= spans[-1][1] + 2]  # + ".”"
    if inside and inside[-1].close_end > spans[-1][1]:
        spans[-1] = (spans[-1][0], inside[-1].close_end)  # the fragment's closing mark belongs to it
    if inside and inside[0].open_start < spans[0][0] and inside[0].close_end <= spans[-1][1]:
        spans[0] = (inside[0].open_start, spans[0][1])  # ... and so does its opening one
    kind = QuoteKind.MIXED if inside else QuoteKind.INDIRECT
    cand = Candidate(kind, spans, cue=cue, subject=subject, subject_words=subject_words, quoted=inside)
    return cand.by(rule, ctx.matched(cue)) if rule else cand


def rest_of_clause(ctx: Context, idx: list[int], cue: int) -> list[int]:
    """ 'described Clinton as "a lifetime politician" who ...', 'emphasizing economic fairness,
    and a need to raise the minimum wage': the words after the object up to the end of the
    clause, which a small parser often hangs elsewhere (up to a comma or dash that opens
    another clause, a semicolon, or the sentence end)."""
    doc = ctx.doc
    if not idx:
        return idx
    words = doc.sent_words(doc.words[cue].sent)
    out = list(idx)
    for w in words:
        if w.i <= max(idx):
            continue
        if w.text in (";", ":", "\u2014", "--") or (w.upos == "PUNCT" and w.text in ".!?"):
            break
        if w.text == ",":
            nxt = doc.words[w.i + 1] if w.i + 1 < len(doc.words) else None
            if nxt is None or nxt.sent != w.sent or nxt.upos in ("SCONJ", "VERB", "AUX", "PRON") or nxt.xpos == "VBG" \
                    or cue_class(nxt) is not None or nxt.text.lower() in ("according", "but", "which", "who"):
                break
            if nxt.upos == "CCONJ" and finite([x for x in doc.words[nxt.i + 1 : nxt.i + 7] if x.sent == w.sent]):
                break  # ", and Mr. Kerry said ...": a new clause, not more of this one
        if cue_class(w) is not None and w.i not in ctx.quote_of_word:
            break
        out.append(w.i)
    while len(out) > len(idx) and doc.words[out[-1]].upos in ("CCONJ", "ADP", "DET", "SCONJ", "PUNCT"):
        out.pop()  # "... in prayer and [assured them ...]": not a dangling "and"
    return out
