"""Open-class cues, for ``scope="attributions"``: any verb with a subject and a clause, an
infinitive or an object it governs ("Trump wants to ...", "officials believe ...", "the poll
shows ..."), and any noun with a source and a that- or to-clause ("Clinton's plan to ...").

These over-generate on purpose: the learned scorer (:mod:`kora_quotes.scoring`) keeps the
ones that read as attributions, by the cue's lemma, its source and its clause.
"""

from __future__ import annotations

from typing import Optional

from ..parsing.doc import Word, contiguous_run
from .candidates import Candidate, Context
from .content import content, rest_of_clause
from .cues import cue_class
from .registry import rule
from .reported import headline_cue, headline_sentences
from .speakers import find_subject

# The relations a cue's report hangs by, in the order tried.
_CLAUSE_RELS = ("ccomp", "xcomp", "obj", "obl")
_NOUN_CLAUSE_RELS = ("acl", "ccomp", "acl:relcl", "nmod")
_NOUN_SOURCE_RELS = ("nmod:poss",)
# The prepositions that never open what a cue is about: time and manner ("after the debate",
# "during the rally"); "about", "for", "on", "against", "at" and the rest may ("voted for
# Clinton", "lashed out at Trump", "her endorsement of Cruz"), and the scorer weighs each.
_NOT_ABOUT = frozenset({"after", "before", "during", "since", "until", "till", "by", "despite", "without", "than"})


def open_cues(ctx: Context, taken: set[int], broad: bool = True) -> list[Candidate]:
    """Candidates of the verbs and nouns outside quotes that are no cue in ``taken``. With
    ``broad=False`` (the default scope) only verbs outside headlines, and none of the
    reporting verbs of the lexicon: those are the rules' own, whose guards may have turned them
    down, and a noun's report ("Mr. Kerry's offer to negotiate") is a proposal more often than
    a quote."""
    doc = ctx.doc
    headlines = headline_sentences(ctx) if not broad else frozenset()
    out: list[Candidate] = []
    for w in doc.words:
        if w.i in taken or w.i in ctx.quote_of_word or (not broad and (
                w.upos == "NOUN" or cue_class(w) is not None or headline_cue(ctx, w, headlines))):
            continue
        cand = verb_clause(ctx, w) if w.upos in ("VERB", "ADJ") else noun_clause(ctx, w) if w.upos == "NOUN" else None
        if cand is not None:
            out.append(cand)
    return out


@rule("open.verb_clause", stage="reported", priority=10,
      examples=["Trump wants to build a wall on the southern border.",
                "Most Republicans believe the economy is getting worse."])
def verb_clause(ctx: Context, w: Word) -> Optional[Candidate]:
    """A verb (or an adjective: "is confident that") with a subject and a clause, an
    infinitive, an object or an "about" phrase after it: what the subject said, thought,
    wants or found, if the scorer agrees."""
    doc = ctx.doc
    subject, how = find_subject(doc, w.i)
    if subject is None:
        subject, how = participle_source(ctx, w), "open.participle_source"
    if subject is None or subject in ctx.quote_of_word:
        return None
    if subject > w.i:  # "was rejected by X": what the agent rejected is the passive subject
        comp = next((k for k in doc.kids(w.i, "nsubj:pass") if k.i < w.i), None)
        if comp is None or not doc.kids(w.i, "aux:pass"):
            return None
        idx = contiguous_run(doc.subtree(comp.i), comp.i)
    else:
        comp = _complement(ctx, w.i, _CLAUSE_RELS)
        if comp is None:
            return None
        idx = _phrase(ctx, comp)
        if comp.deprel == "ccomp":
            idx = rest_of_clause(ctx, idx, w.i)
    cand = content(ctx, idx, w.i, subject, min_words=1, rule="open.verb_clause")
    return cand.by(how or "speaker.nsubj", ctx.matched(subject)) if cand is not None else None


@rule("open.participle_source", stage="speaker", priority=10,
      examples=["Thousands of supporters backing Bernie Sanders rallied in the rain."])
def participle_source(ctx: Context, w: Word) -> Optional[int]:
    """An -ing participle that modifies a noun ("supporters backing Sanders"): the noun is the
    source of what the participle says or does."""
    head = ctx.doc.words[w.head] if 0 <= w.head < w.i else None
    if w.deprel != "acl" or w.xpos != "VBG" or head is None or head.upos not in ("NOUN", "PROPN", "PRON"):
        return None
    return head.i


def _phrase(ctx: Context, comp: Word) -> list[int]:
    """The words of a complement, less the preposition that opens a prepositional one (which
    PolNeAR counts as part of the cue: "voted for")."""
    idx = contiguous_run(ctx.doc.subtree(comp.i), comp.i)
    if comp.deprel in ("obl", "nmod"):
        idx = [j for j in idx if not (ctx.doc.words[j].deprel == "case" and ctx.doc.words[j].head == comp.i)]
    return idx


def _complement(ctx: Context, i: int, rels: tuple[str, ...]) -> Optional[Word]:
    """The first of word ``i``'s dependents after it by ``rels`` (in that order); a
    prepositional one not with a preposition of :data:`_NOT_ABOUT`."""
    doc = ctx.doc
    for rel in rels:
        for k in doc.kids(i, rel):
            if k.i <= i:
                continue
            if rel in ("obl", "nmod") and not any(c.text.lower() not in _NOT_ABOUT for c in doc.kids(k.i, "case")):
                continue
            return k
    return None


@rule("open.noun_clause", stage="reported", priority=10,
      examples=["Clinton's plan to raise taxes on the wealthy drew fire."])
def noun_clause(ctx: Context, w: Word) -> Optional[Candidate]:
    """A noun with a possessor and a that- or to-clause or an "about" phrase right after it
    ("Clinton's plan to raise taxes", "his endorsement of Cruz"): the possessor is the source."""
    doc = ctx.doc
    owners = [c for c in doc.kids(w.i, *_NOUN_SOURCE_RELS) if c.upos in ("PROPN", "NOUN", "PRON") and c.i < w.i]
    if not owners or owners[0].text.lower() in ("its", "my", "our", "your"):
        return None
    comp = _complement(ctx, w.i, _NOUN_CLAUSE_RELS)
    if comp is None:
        return None
    first = doc.words[min(doc.subtree(comp.i))]
    if first.i != w.i + 1 or (comp.deprel != "nmod" and first.text.lower() not in ("that", "to")):
        return None
    idx = _phrase(ctx, comp)
    cand = content(ctx, idx, w.i, owners[0].i, min_words=1, rule="open.noun_clause")
    return cand.by("reported.noun_cue", ctx.matched(owners[0].i)) if cand is not None else None
