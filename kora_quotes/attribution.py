"""From a parsed document to attributed quotes: :func:`attribute`.

Data flows one way, each stage adding to frozen candidates (:class:`~.rules.candidates.Candidate`):
1. the document's :class:`~.rules.candidates.Context`: quoted stretches (titles apart) and entities;
2. direct quotes (:mod:`.rules.direct`): transcript labels, quotations tied to their cue;
3. reported speech (:mod:`.rules.reported`), not the direct quotes again;
4. continuations (:mod:`.resolution.merging`): an uncued quotation after an attributed one
   takes its speaker; overlapping candidates are settled;
5. speakers (:mod:`.resolution.speakers`), roles, venues and addressees (:mod:`.rules.venues`),
   and the final :class:`~.output.quote.Quote` objects, each with the rules behind it.
"""

from __future__ import annotations

from typing import Optional, Sequence

import attrs

from .output.quote import AttributionType, Quote, Span, Speaker, Step
from .parsing.doc import ParsedDoc
from .resolution.entities import Entity
from .resolution.merging import attribution_spans, continuations, dedupe
from .resolution.speakers import SpeakerResolver
from .scoring import Scorer, default_scorer
from .rules.candidates import Candidate, Context, is_title
from .rules.clauses import phrase_head
from .rules.cues import source_phrase_at, verb_lemma
from .rules.direct import direct, labelled
from .rules.open_cues import open_cues
from .rules.registry import RULES, STAGES, rule
from .rules.reported import indirect
from .rules.scenes import context_venues
from .rules.types import attribution_type
from .rules.venues import find_addressee, find_venue, interview_with, outlet_addressee, platform_verb

__all__ = ["attribute", "attribute_section", "candidates", "check_scope", "scorer_for", "is_title", "SCOPES"]

# What extraction returns: speech and writing, or every attribution (beliefs, plans, findings ...).
SCOPES = ("quotes", "attributions")

# Rules that find a venue and name it in the trace themselves (others get their kind's step).
_VENUE_FINDERS = ("venue.platform_verb", "venue.told_outlet")


def attribute(doc: ParsedDoc, *, scope: str = "quotes", learned: bool = True,
              scorer: Optional[Scorer] = None) -> list[Quote]:
    """The attributed quotes of a parsed document (your own parse included), in order of
    appearance: speech and writing (``scope="quotes"``) or every attribution
    (``scope="attributions"``). With ``learned`` the shipped scorer (or ``scorer``) keeps the
    open-class cues it takes for attributions; ``learned=False`` is the rules alone."""
    return attribute_section(doc, scope=scope, scorer=scorer_for(learned, scorer))[0]


def scorer_for(learned: bool, scorer: Optional[Scorer] = None) -> Optional[Scorer]:
    """The scorer a call uses: ``scorer`` if given, else the shipped one if ``learned``, else none."""
    if scorer is not None:
        return scorer
    return default_scorer() if learned else None


def attribute_section(doc: ParsedDoc, known: Sequence[Entity] = (), *, scope: str = "quotes",
                      scorer: Optional[Scorer] = None) -> tuple[list[Quote], list[Entity]]:
    """The quotes of one section of a long document, whose earlier sections named the ``known``
    entities, and the entities known after it (to carry to the next section)."""
    if not doc.words:
        return [], list(known)
    ctx = Context.from_doc(doc, known)
    ruled, opened = candidates(ctx, scope, open_class=scorer is not None)
    found = scorer.keep(ctx, ruled, opened, scope) if scorer is not None else ruled
    cands = dedupe(doc, continuations(doc, found))
    quotes = _finish(ctx, cands)
    return (attribution_spans(doc, quotes) if scope == "attributions" else quotes), ctx.entities.entities


def check_scope(scope: object) -> str:
    """``scope`` itself, when it is one of :data:`SCOPES`; else a ValueError that says which to pick."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(map(repr, SCOPES))}, got {scope!r}: \"quotes\" for "
                         f"speech and writing, \"attributions\" for beliefs, intentions and findings too")
    return str(scope)


def candidates(ctx: Context, scope: str = "quotes", open_class: bool = True) -> tuple[list[Candidate], list[Candidate]]:
    """The rules' candidates in ``scope`` and, with ``open_class``, the open-class ones for a
    scorer to judge (in the default scope, verbs of speech only)."""
    check_scope(scope)
    labels = labelled(ctx) or []
    found = labels + direct(ctx, labels)
    found += indirect(ctx, [c for c in found if c.cue is not None or c.subject_words])
    opened = open_cues(ctx, {c.cue for c in found if c.cue is not None}, broad=scope == "attributions") \
        if open_class else []
    if scope == "quotes":
        return [c for c in found if attribution_type(ctx, c) is AttributionType.SPEECH], \
            [c for c in opened if attribution_type(ctx, c) is AttributionType.SPEECH]
    return found, opened


def _finish(ctx: Context, cands: list[Candidate]) -> list[Quote]:
    """Speakers, venues and addressees for each candidate, then the quotes (those with a speaker)."""
    resolver = SpeakerResolver(ctx.doc, ctx.entities)
    done: list[Candidate] = []
    for cand in cands:
        if cand.continues is not None:
            if not 0 <= cand.continues < len(done):  # (its quote is gone, or comes later: no speaker to take)
                done.append(cand)
                continue
            src = done[cand.continues]
            venue = attrs.evolve(src.venue, scope="context") if src.venue is not None else None
            done.append(attrs.evolve(cand, speakers=src.speakers, venue=venue, addressee=None)
                        .by("merge.continuation", ctx.matched(src.cue)))
        else:
            done.append(_setting(ctx, _speakers(ctx, resolver, cand)))
    quotes: list[Quote] = []
    index_of: dict[int, int] = {}
    for k, cand in enumerate(done):
        if not cand.speakers:
            continue
        speakers = [resolver.refresh(sp) for sp in cand.speakers]
        mention = " and ".join(sp.text for sp in cand.speakers)
        trace = tuple(Step(st.rule, mention) if st.rule.startswith("speaker.") else st for st in cand.trace) \
            + _resolution_steps(resolver, cand.speakers, speakers)
        if cand.venue is not None and not any(st.rule in _VENUE_FINDERS for st in trace):
            trace += (Step(f"venue.{cand.venue.kind.value}", cand.venue.text),)
        trace = tuple(sorted(trace, key=lambda st: STAGES.index(RULES[st.rule].stage)))  # (stable: by stage)
        continues = index_of.get(cand.continues) if cand.continues is not None else None
        index_of[k] = len(quotes)
        quotes.append(Quote.from_spans(ctx.text, cand.kind, cand.spans, cue=_cue_span(ctx, cand), speakers=speakers,
                                       venue=cand.venue, addressee=cand.addressee, continues=continues,
                                       attribution=attribution_type(ctx, cand), trace=trace))
    return context_venues(ctx.doc, quotes)


def _resolution_steps(resolver: SpeakerResolver, found: tuple[Speaker, ...], final: list[Speaker]) -> tuple[Step, ...]:
    """The coreference and role steps of a quote's speakers."""
    steps: list[Step] = []
    for before, after in zip(found, final):
        how = resolver.how(before)
        ent = resolver.entity_of(before)
        if not how and ent is not None and ent.canonical not in before.text:
            how = "coref.name_part"  # "Mr. Kerry" -> John Kerry: the entity of a fuller name
        if how:
            steps.append(Step(how, after.name or before.text))
        if after.role:
            steps.append(Step(ent.role_rule if ent is not None and ent.role_rule else "role.head_noun", after.role))
        if after.affiliation and ent is not None and ent.affiliation_rule:
            steps.append(Step(ent.affiliation_rule, after.affiliation))
    return tuple(steps)


def _speakers(ctx: Context, resolver: SpeakerResolver, cand: Candidate) -> Candidate:
    doc = ctx.doc
    content = {w.i for s, e in cand.spans for w in doc.words_in(s, e)}
    if cand.subject_words:
        head = phrase_head(doc, list(cand.subject_words))
        return attrs.evolve(cand, speakers=resolver.resolve_phrase(head, list(cand.subject_words)))
    if cand.subject is None:
        return cand
    antecedent = relative_pronoun(ctx, cand.subject, cand.cue) if cand.cue is not None else None
    subject = cand.subject if antecedent is None else antecedent
    exclude = content | ctx.quoted_in_sentence(doc.words[subject].sent)
    if cand.cue is not None and subject not in doc.subtree(cand.cue):
        exclude |= set(doc.subtree(cand.cue))  # a subject the cue hangs below: not the cue's words
    speakers = resolver.resolve(subject, exclude)
    if subject != cand.subject:  # the mention is "who"; the name, role and kind its antecedent's
        w = doc.words[cand.subject]
        speakers = [attrs.evolve(sp, text=w.text, start=w.start, end=w.end) for sp in speakers]
        cand = cand.by("coref.relative_pronoun", ctx.matched(subject))
    return attrs.evolve(cand, subject=subject, speakers=speakers)


def _setting(ctx: Context, cand: Candidate) -> Candidate:
    """The venue and addressee of a cued candidate, outside its content and speakers."""
    doc = ctx.doc
    if cand.cue is None or doc.words[cand.cue].upos not in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
        return cand
    exclude = {w.i for s, e in cand.spans for w in doc.words_in(s, e)} | ctx.quoted_in_sentence(doc.words[cand.cue].sent)
    if cand.subject is not None:
        exclude |= set(doc.subtree(cand.subject))
    exclude |= {w.i for w in doc.sent_words(doc.words[cand.cue].sent)
                if any(sp.start <= w.start < sp.end for sp in cand.speakers)}
    addressee = find_addressee(doc, cand.cue, exclude, verb_lemma(doc.words[cand.cue]))
    venue = find_venue(doc, cand.cue, exclude)
    if venue is None:
        venue = platform_verb(doc, cand.cue)
        cand = cand.by("venue.platform_verb", venue.text) if venue is not None else cand
    if venue is None and addressee is not None:
        venue = outlet_addressee(doc, addressee)
        cand = cand.by("venue.told_outlet", venue.text) if venue is not None else cand
    with_whom = interview_with(venue) if addressee is None and venue is not None else None
    cand = attrs.evolve(cand, venue=venue, addressee=addressee or with_whom)
    if with_whom is not None:
        return cand.by("venue.interview_with", with_whom.text)
    return cand.by("venue.addressee", addressee.text) if addressee is not None else cand


@rule("coref.relative_pronoun", stage="coref", priority=50,
      examples=["Contrast that with Trump, who has called the 12-nation TPP pact \"insanity,\" and Sanders, who says it's \"disastrous.\""])
def relative_pronoun(ctx: Context, subject: int, cue: int) -> Optional[int]:
    """The noun a relative pronoun subject speaks for, None when the subject is no such pronoun."""
    head = _antecedent(ctx, subject, cue)
    return None if head == subject else head


def _antecedent(ctx: Context, subject: int, cue: int) -> int:
    """ "an architect who said ...": a relative pronoun speaks for the noun its clause
    modifies, through an apposition and its modifiers ("Marc Morial, the president of the
    Urban League, who said ...": Morial)."""
    doc = ctx.doc
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


def _cue_span(ctx: Context, cand: Candidate) -> Optional[Span]:
    """The cue as written: a source phrase whole ("according to"), a verb with its auxiliaries
    and particles ("have said", "pointed out")."""
    if cand.cue is None:
        return None
    doc = ctx.doc
    w = doc.words[cand.cue]
    hit = source_phrase_at(doc, cand.cue)
    if hit:
        s, e = doc.span_of(range(hit[0], hit[1] + 1))
        return Span.from_text(ctx.text, s, e)
    idx = [cand.cue] + [c.i for c in doc.kids(cand.cue, "aux", "compound:prt") if abs(c.i - cand.cue) <= 3]
    s, e = doc.span_of(idx)
    if e - s > 40:
        s, e = w.start, w.end
    return Span.from_text(ctx.text, s, e)
