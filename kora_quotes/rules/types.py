"""What a candidate attributes (:class:`~kora_quotes.output.quote.AttributionType`): speech for a
quotation and for the reporting verbs and phrases of the lexicon, else the type its cue's
lemma has in attribution_types.tsv (a poll or study that shows or finds: a finding)."""

from __future__ import annotations

from ..lexicon import attribution_types, cue_nouns, cue_verbs, finding_sources
from ..output.quote import AttributionType, QuoteKind
from .candidates import Candidate, Context
from .cues import source_phrase_at, verb_lemma

_SPEECH_CLASSES = ("speech", "stance", "topic")


def cue_lemma(ctx: Context, cand: Candidate) -> str:
    """The lemma of the candidate's cue ("according to" for a source phrase; "" for none)."""
    if cand.cue is None:
        return ""
    doc = ctx.doc
    hit = source_phrase_at(doc, cand.cue)
    if hit:
        return " ".join(w.text.lower() for w in doc.words[hit[0] : hit[1] + 1])
    return verb_lemma(doc.words[cand.cue])


def attribution_type(ctx: Context, cand: Candidate) -> AttributionType:
    """Speech, thought, intention, finding, perception or other."""
    if cand.kind is QuoteKind.DIRECT or cand.cue is None:
        return AttributionType.SPEECH
    source = ctx.doc.words[cand.subject].lemma if cand.subject is not None else ""
    return lemma_type(cue_lemma(ctx, cand), source)


def lemma_type(lemma: str, source: str = "") -> AttributionType:
    """What a cue of ``lemma`` attributes to a source whose head word's lemma is ``source``."""
    listed = attribution_types().get(lemma)
    if source.lower() in finding_sources() and listed != "intention" and " " not in lemma:
        return AttributionType.FINDING  # "the poll suggests", "the study found", "a report says"
    if listed == "speech" or listed is None and (cue_verbs().get(lemma) in _SPEECH_CLASSES or lemma in cue_nouns() or " " in lemma):
        return AttributionType.SPEECH
    if listed is None:
        return AttributionType.THOUGHT if cue_verbs().get(lemma) == "thought" else AttributionType.OTHER
    return AttributionType(listed)
