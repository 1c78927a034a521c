"""Word-shape rules for sentences whose parse ties no clause to the reporting verb (often a
small model's mistake): "X said (that) Y.", "Y, X said.", "Y, said X.", "Y1, X said, Y2" and
"X rejected it, saying Y", read off the words and their tags.

Each shape is a ``shallow.*`` rule; for a cue, the shapes are tried by priority, and the
first that fits decides the sentence.
"""

from __future__ import annotations

from typing import Any, Optional

from ..lexicon import never_inverted
from ..parsing.doc import Word
from .candidates import Candidate, Context
from .clauses import finite, noun_phrase, past_after_noun
from .content import content
from .cues import cue_class, verb_lemma
from .registry import rule
from .speakers import find_subject

# What a shape gives: NO (it does not fit: try the next shape), SKIP (leave this cue), or a
# one-tuple (the sentence's answer: a candidate, or None when its content is too short).
NO: Any = None
SKIP = ("skip",)


def shallow(ctx: Context, sent: int, muted: Any) -> Optional[Candidate]:
    """The report of sentence ``sent`` by word shape, or None (``muted`` tells a headline's
    cues apart)."""
    doc = ctx.doc
    words = list(doc.sent_words(sent))
    if any(w.i in ctx.quote_of_word for w in words):
        return None
    body = [w for w in words if not (w.upos == "PUNCT" and w.text in ".!?")]
    cues = [k for k, w in enumerate(body) if cue_class(w) == "speech" and w.rel not in ("amod", "acl", "acl:relcl")
            and not muted(ctx, w) and not noun_after_determiner(ctx, w)]
    for k in cues:
        if passive_cue(ctx, body, k):
            continue
        for shape in _SHAPES:
            out = shape(ctx, words, body, k)
            if out is SKIP:
                break
            if out is not NO:
                return out[0]
    return None


def _candidate(ctx: Context, content_words: list[int], cue: int, subject_words: list[Word], name: str) -> Optional[Candidate]:
    cand = content(ctx, content_words, cue, None, subject_words=[w.i for w in subject_words], rule=name)
    return cand.by(name, ctx.matched(*(w.i for w in subject_words))) if cand is not None else None


def _last_comma(before: list[Word]) -> Optional[int]:
    return max((j for j, w in enumerate(before) if w.text in (",", "\u2014")), default=None)


@rule("guard.noun_cue_word", stage="guard", off=False, examples=["The centerpiece of President Barack Obama’s climate change strategy, federal rules curbing greenhouse gas emissions mainly from coal-fired power plants, faces a key test on Tuesday when opponents try to convince a U.S. appeals court to throw out the regulations."])
def noun_after_determiner(ctx: Context, w: Word) -> bool:
    """A noun right after its determiner or adjective ("the early states") is no cue, where
    "The Wall Street Journal reports" is one."""
    return w.upos == "NOUN" and any(c.i == w.i - 1 for c in ctx.doc.kids(w.i, "det", "amod", "nummod"))


@rule("guard.passive_cue", stage="guard", off=False, examples=["Pence was asked whether he agreed."])
def passive_cue(ctx: Context, body: list[Word], k: int) -> bool:
    """The subject of a passive cue is not the speaker ("Pence was asked whether ...")."""
    return body[k].xpos == "VBN" and any(w.lemma.lower() == "be" or w.rel == "aux:pass" for w in body[:k][-3:])


@rule("shallow.inserted_attribution", stage="reported", priority=50, off=NO,
      examples=["Compaq, she predicted, would come to them."])
def inserted(ctx: Context, words: list[Word], body: list[Word], k: int) -> Any:
    """ "Y1, X said, Y2": an attribution inserted between commas."""
    before, after = body[:k], body[k + 1 :]
    comma = _last_comma(before)
    if comma is not None and comma >= 1 and noun_phrase(before[comma + 1 :]) and after \
            and after[0].text == "," and len(after) >= 3:
        return (_candidate(ctx, [w.i for w in before[:comma]] + [w.i for w in after[1:]], body[k].i,
                           before[comma + 1 :], "shallow.inserted_attribution"),)
    return NO


@rule("shallow.told_after_appositions", stage="reported", priority=45, off=NO,
      examples=["He would not quit the race, his top aide, Tad Devine, told The Huffington Post."])
def told_after_appositions(ctx: Context, words: list[Word], body: list[Word], k: int) -> Any:
    """ "Y, his top aide, Tad Devine, told The Huffington Post": never "told X"; the speaker is
    the run of noun phrases between commas before the cue."""
    before, after = body[:k], body[k + 1 :]
    comma = _last_comma(before)
    if comma is None or comma < 3 or before[comma + 1 :] or verb_lemma(body[k]) not in never_inverted():
        return NO
    start = comma
    while True:
        prev = max((j for j in range(start) if before[j].text == ","), default=None)
        segment = [w for w in before[prev + 1 : start] if w.deprel != "nmod:poss"] if prev is not None else []
        if prev is None or prev < 3 or not noun_phrase(segment):  # ("his top aide")
            break
        start = prev
    if start == comma or start < 3 or not finite(before[:start]) or len(after) > 3:
        return SKIP
    speaker = [w for w in before[start + 1 : comma] if w.text != ","]
    return (_candidate(ctx, [w.i for w in before[:start]], body[k].i, speaker, "shallow.told_after_appositions"),)


@rule("shallow.attribution_after", stage="reported", priority=40, off=NO,
      examples=["They were headed to Egypt on their long-awaited vacation, BFMTV reported."])
def attribution_after(ctx: Context, words: list[Word], body: list[Word], k: int) -> Any:
    """ "Y, X said [Friday]." and "Y, said X.": a finite clause, a comma, then the attribution."""
    before, after = body[:k], body[k + 1 :]
    comma = _last_comma(before)
    if comma is None or comma < 3:
        return NO
    np_before, tail = before[comma + 1 :], after
    if not np_before:
        if verb_lemma(body[k]) in never_inverted():
            return NO
        np_before, tail = after, []  # inverted: ", said X"
    if noun_phrase(np_before) and len(tail) <= 3 and not any(w.upos in ("VERB", "AUX") for w in tail) \
            and finite(before[:comma]):
        return (_candidate(ctx, [w.i for w in before[:comma]], body[k].i, np_before, "shallow.attribution_after"),)
    return NO


@rule("shallow.participle_saying", stage="reported", priority=35, off=NO,
      examples=["Fiorina was upfront about her distaste for Donald Trump, the current GOP front-runner, saying conservatives need to band together to stop him."])
def participle_saying(ctx: Context, words: list[Word], body: list[Word], k: int) -> Any:
    """ "X rejected the request, saying Y": the participle's subject is the sentence's."""
    doc = ctx.doc
    before, after = body[:k], body[k + 1 :]
    if body[k].xpos == "VBG" and before and before[-1].text == "," and finite(after):
        root = next((w for w in words if w.head < 0), None)
        subj = find_subject(doc, root.i)[0] if root is not None else None
        if subj is not None and subj not in ctx.quote_of_word and doc.words[subj].i < body[k].i:
            cand = content(ctx, [w.i for w in after], body[k].i, subj, rule="shallow.participle_saying")
            if cand is not None:
                return (cand.by("shallow.participle_saying", ctx.matched(subj)),)
    return NO


@rule("shallow.speaker_first", stage="reported", priority=30, off=NO,
      examples=["After meetings in Beijing, Mr. Kerry said the two raised $350 million."])
def speaker_first(ctx: Context, words: list[Word], body: list[Word], k: int) -> Any:
    """ "X said (that) Y", also after an opening phrase ("After meetings in Beijing, X said Y")."""
    before, after = body[:k], body[k + 1 :]
    lead = [w for w in before if not (w.upos in ("ADV", "AUX", "PART") and w.rel in ("advmod", "aux", "aux:pass", "advmod:emph"))]
    opening = next((j for j, w in enumerate(lead) if w.text == ","), None)
    if opening is not None and lead[0].upos in ("ADP", "ADV", "SCONJ") and not finite(lead[:opening]):
        lead = lead[opening + 1 :]
    if lead and noun_phrase(lead) and len(after) >= 3 and before and before[0] is words[0] \
            and (finite(after) or past_after_noun(after)):
        return (_candidate(ctx, [w.i for w in after], body[k].i, lead, "shallow.speaker_first"),)
    return NO


_SHAPES = tuple(sorted((inserted, told_after_appositions, attribution_after, participle_saying, speaker_first),
                       key=lambda f: -f.priority))  # type: ignore[attr-defined]
