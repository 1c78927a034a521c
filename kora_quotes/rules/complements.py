"""Reports in a cue's arguments rather than a clause: what a source wants, urges, backs,
denies or talks about ("vowed to repeal it", "urged Congress to act", "endorsed Clinton",
"called for a ban", "denied any involvement", "complained about his microphone"), and reports
a small parser hung on a speech verb's object.

Which argument counts is decided by the ``complement.*`` rules, tried by priority; the
``guard.*`` rules here reject what is no report ("called them", "blasted him").
"""

from __future__ import annotations

from typing import Optional

from ..lexicon import addressee_verbs, object_not_enough, finding_sources, infinitive_cues, object_cues, topic_cues, word_class
from ..parsing.doc import Word, case_of, contiguous_run
from .candidates import Candidate, Context
from .clauses import finite
from .content import content, rest_of_clause
from .cues import verb_lemma
from .registry import first, rule

# Prepositions that introduce what a stance verb is about ("called for a ban", "voted against it").
_STANCE_CASES = word_class("stance-cases")
# The prepositions of a topic ("spoke about the shooting", "spoke of the legacy of racism",
# "spoke out against injustice").
_TOPIC_CASES = word_class("topic-cases")


def named_source(ctx: Context, subject: int) -> bool:
    w = ctx.doc.words[subject]
    if w.upos in ("PROPN", "NOUN"):
        return True
    return w.upos == "PRON" and w.text.lower() in ("he", "she", "they")


def finding(ctx: Context, cue: int, subject: int) -> bool:
    """ "A 2014 study found 31 incidents": "find" with a study, poll, court ... as subject."""
    doc = ctx.doc
    return verb_lemma(doc.words[cue]) == "find" and doc.words[subject].lemma.lower() in finding_sources()


def complements(ctx: Context, cue: int, cls: str, subject: int) -> Optional[Candidate]:
    """The report in the cue's arguments, if the cue's class and lemma allow one."""
    doc = ctx.doc
    if not named_source(ctx, subject) or doc.words[subject].i > cue or negated_cue(ctx, cue):
        return None
    lemma = verb_lemma(doc.words[cue])
    if cls == "thought" and lemma == "show" and doc.words[subject].upos != "NOUN":
        return None  # "the poll shows Clinton ahead", not "Trump showed his ID"
    if cls == "speech" and lemma not in addressee_verbs():
        cand = report_in_object(ctx, cue, subject)
        if cand is not None:
            return cand
    message_verb = lemma in object_cues() or finding(ctx, cue, subject)  # its object is what was said
    comps: list[int] = []
    names: list[str] = []
    for k in doc.kids(cue):
        if k.i < cue or (k.i in ctx.quote_of_word and not (cls == "stance" and comps and k.rel in ("obj", "xcomp"))):
            continue  # (a quoted label after the object counts: 'called the remarks "a wake-up call"')
        ok, name = first(_COMPLEMENT_RULES, ctx, k, cls, lemma, comps, message_verb)
        if ok:
            comps.append(k.i)
            names.append(name or "")
    return _report_of(ctx, cue, cls, lemma, subject, comps, names, message_verb)


def _report_of(ctx: Context, cue: int, cls: str, lemma: str, subject: int, comps: list[int], names: list[str],
               message_verb: bool) -> Optional[Candidate]:
    doc = ctx.doc
    topic = lemma in topic_cues() and any(case_of(doc, c) in _TOPIC_CASES for c in comps)
    if not comps or (cls in ("speech", "topic") and lemma not in object_cues() and not topic
                     and not any(doc.words[c].rel in ("xcomp", "advcl") for c in comps)):
        return None
    if expectation(ctx, cls, lemma, comps):
        return None
    if lemma == "call" and not any(j in ctx.quote_of_word for c in comps for j in doc.subtree(c)):
        label = quoted_label(ctx, cue, max(j for c in comps for j in doc.subtree(c)))
        if label is not None:  # 'called them in an article last week "Manchurian anchors"'
            comps = comps + label
            names.append("complement.quoted_label")
    if object_alone(ctx, lemma, comps):
        return None
    idx = sorted({j for c in comps for j in doc.subtree(c)})
    if idx and doc.words[idx[0]].rel in ("case", "mark") and doc.words[idx[0]].head in comps \
            and doc.words[idx[0]].text.lower() != "to":
        idx = idx[1:]  # "called for a ban", "spoke about the shooting": what, not the preposition
    if bare_target(ctx, idx):
        return None
    message = topic or (message_verb and any(doc.words[c].rel == "obj" or doc.words[c].xpos == "VBG" for c in comps))
    cand = content(ctx, rest_of_clause(ctx, idx, cue), cue, subject, min_words=1 if cls == "stance" or message else 3)
    for name in dict.fromkeys(names):
        cand = cand.by(name, ctx.matched(cue)) if cand is not None else None
    return cand


@rule("guard.negated_cue", stage="guard", off=False, examples=["He didn't mention the North by name."])
def negated_cue(ctx: Context, cue: int) -> bool:
    """What was not said is no report ("didn't mention the North")."""
    return any(k.text.lower() in ("not", "n't", "never") for k in ctx.doc.kids(cue, "advmod"))


@rule("guard.expectation", stage="guard", off=False, examples=["Experts expect the press to be played like a fiddle."])
def expectation(ctx: Context, cls: str, lemma: str, comps: list[int]) -> bool:
    """A thought verb's infinitive reports only after an object ("voters expect Clinton to
    win"), not on its own ("I expect to win", an intention)."""
    doc = ctx.doc
    return cls == "thought" and lemma in infinitive_cues() and not (
        doc.words[comps[0]].rel == "obj" and any(doc.words[c].rel in ("xcomp", "advcl") for c in comps))


@rule("guard.object_alone", stage="guard", off=False,
      examples=["He called them on Friday.", "She discussed the potential for diplomacy."])
def object_alone(ctx: Context, lemma: str, comps: list[int]) -> bool:
    """ "called them" (on the phone), "called on police", "discussed the potential" (a topic):
    not "called them liars", "called for a ban", 'called half of them "deplorables"'."""
    doc = ctx.doc
    quoted = any(j in ctx.quote_of_word for c in comps for j in doc.subtree(c))
    # "called the charges unsubstantiated": a predicate the parse hung on the object
    predicate = any(k.i > c and k.rel in ("acl", "amod") and (k.upos == "ADJ" or k.xpos == "VBN")
                    for c in comps for k in doc.kids(c))
    return lemma in object_not_enough() and not quoted and not predicate \
        and sum(doc.words[c].rel in ("obj", "xcomp") for c in comps) < 2 and not any(
            doc.words[c].rel in ("xcomp", "advcl") or (lemma == "call" and case_of(doc, c) == "for") for c in comps)


@rule("guard.bare_target", stage="guard", off=False, examples=["Trump blasted him."])
def bare_target(ctx: Context, idx: list[int]) -> bool:
    """A target with nothing said about it ("blasted him") is no report."""
    return all(ctx.doc.words[j].upos in ("PRON", "PUNCT", "DET") for j in idx)


# -- which arguments are the report -------------------------------------------------------
@rule("complement.infinitive", stage="reported", priority=60, off=False,
      examples=["Trump vowed to repeal the law.", "She urged Congress to act."])
def infinitive(ctx: Context, k: Word, cls: str, lemma: str, comps: list[int], message_verb: bool) -> bool:
    """A "to" clause of a stance verb or of a verb flagged "to" in cue_verbs.tsv."""
    return k.rel in ("xcomp", "advcl") and any(m.text.lower() == "to" for m in ctx.doc.kids(k.i, "mark")) \
        and (cls == "stance" or lemma in infinitive_cues()) and (k.rel == "xcomp" or bool(comps))


@rule("complement.stance_object", stage="reported", priority=55, off=False,
      examples=["Sanders endorsed Clinton on Tuesday.", "The mayor called for a ban on guns."])
def stance_object(ctx: Context, k: Word, cls: str, lemma: str, comps: list[int], message_verb: bool) -> bool:
    """A stance verb's object, or its phrase with for, on, against, as, of, about."""
    return cls == "stance" and (k.rel in ("obj", "xcomp") or (k.rel == "obl" and case_of(ctx.doc, k.i) in _STANCE_CASES))


@rule("complement.addressee", stage="reported", priority=50, off=False,
      examples=["The governor urged residents to stay indoors."])
def addressee(ctx: Context, k: Word, cls: str, lemma: str, comps: list[int], message_verb: bool) -> bool:
    """Whom, before what: the object of a "to" verb ("urged residents to stay")."""
    return k.rel in ("obj", "iobj") and lemma in infinitive_cues()


@rule("complement.message_object", stage="reported", priority=45, off=False,
      examples=["The company denied any involvement.", "A 2014 study found 31 incidents."])
def message_object(ctx: Context, k: Word, cls: str, lemma: str, comps: list[int], message_verb: bool) -> bool:
    """The object of a verb whose object is the message ("denied any involvement", "described
    the showdown as ominous", "polls show Clinton ahead")."""
    return message_verb and (k.rel == "obj" or (k.rel == "xcomp" and k.xpos == "VBG") or (bool(comps) and (
        k.rel == "xcomp" or (k.rel == "obl" and case_of(ctx.doc, k.i) == "as"))))


@rule("complement.topic", stage="reported", priority=40, off=False,
      examples=["He complained about his microphone.", "Obama spoke about the shooting."])
def topic(ctx: Context, k: Word, cls: str, lemma: str, comps: list[int], message_verb: bool) -> bool:
    """The topic of what was said, a noun phrase after about, of or against ("talked about what
    the word means" discusses a word: no topic)."""
    doc = ctx.doc
    return lemma in topic_cues() and k.rel == "obl" and k.upos in ("NOUN", "PROPN") \
        and doc.words[doc.subtree(k.i)[0]].text.lower() in _TOPIC_CASES and case_of(doc, k.i) in _TOPIC_CASES


@rule("complement.stance_reason", stage="reported", priority=35, off=False,
      examples=["Clinton blasted him for not paying income tax.", "He accused Cruz of lying."])
def stance_reason(ctx: Context, k: Word, cls: str, lemma: str, comps: list[int], message_verb: bool) -> bool:
    """ "blasted him for not paying income tax", "called for reducing the rate", "accused X of
    associating with Oswald": a stance verb's clause with for or of."""
    return cls == "stance" and (bool(comps) or lemma == "call") and k.rel == "advcl" and case_of(ctx.doc, k.i) in ("for", "of")


_COMPLEMENT_RULES = (infinitive, stance_object, addressee, message_object, topic, stance_reason)


@rule("complement.quoted_label", stage="reported", priority=30,
      examples=["Sanders campaign manager Jeff Weaver called that \"beyond preposterous.\""])
def quoted_label(ctx: Context, cue: int, last: int) -> Optional[list[int]]:
    """The words up to a quoted label right after "called X": the quotation opens within a
    few words of the object, in the same sentence, with no verb between (however the parse
    hung it)."""
    doc = ctx.doc
    between = [w for w in doc.sent_words(doc.words[cue].sent) if last < w.i and w.i not in ctx.quote_of_word]
    k = next((n for n, w in enumerate(between) if w.i + 1 in ctx.quote_of_word), None)
    if k is None or k > 6 or any(w.upos in ("VERB", "AUX") or w.text in (";", ":") for w in between[:k]):
        return None
    q = ctx.quoted[ctx.quote_of_word[between[k].i + 1]]
    return [w.i for w in between[: k + 1]] + [w.i for w in doc.words_in(q.start, q.end)]


# -- reports a small parser hung on a speech verb's object ----------------------------------
def report_in_object(ctx: Context, cue: int, subject: int) -> Optional[Candidate]:
    """A report that a small parser hung on a speech verb's object, by the first shape that fits."""
    doc = ctx.doc
    for k in doc.kids(cue, "obj"):
        words = doc.subtree(k.i)
        idx, name = first(_OBJECT_SHAPES, ctx, cue, k, words)
        if idx:
            return content(ctx, idx, cue, subject, rule=name or "")
    return None


@rule("reported.clause_in_object", stage="reported", priority=40, off=None,
      examples=["Groberg then went on to explain what he likes about Clinton."])
def clause_in_object(ctx: Context, cue: int, k: Word, words: list[int]) -> Optional[list[int]]:
    """ "said the campaign planned to ...": an object with a clause inside ("the findings raised
    questions", not "an agreement to send aid")."""
    doc = ctx.doc
    clause = finite([doc.words[j] for j in words if j != k.i]) or any(
        a.upos == "VERB" and doc.kids(a.i, "obj") and not any(m.text.lower() == "to" for m in doc.kids(a.i, "mark"))
        for a in doc.kids(k.i, "acl"))
    return words if k.i > cue and k.i not in ctx.quote_of_word and clause else None


@rule("reported.report_verb_sibling", stage="reported", priority=30, off=None,
      examples=["And its recent naming convention - adding one digit to a new account after the last one is suspended - does not seem as if it would require artificial intelligence to spot."])
def report_verb_sibling(ctx: Context, cue: int, k: Word, words: list[int]) -> Optional[list[int]]:
    """The report's verb made the cue's sibling, its subject the cue's object."""
    doc = ctx.doc
    head = doc.words[cue].head
    sibling = next((v for v in doc.kids(head, "advcl", "conj", "parataxis", "ccomp") if v.i > k.i
                    and not doc.kids(v.i, "nsubj", "nsubj:pass", "expl")
                    and finite([v, *doc.kids(v.i, "aux")])), None) if head >= 0 and k.i > cue else None
    if sibling is not None and all(j < sibling.i for j in words):
        return contiguous_run(sorted(set(words) | set(doc.subtree(sibling.i))), k.i)
    return None


@rule("reported.object_before_verb", stage="reported", priority=25, off=None,
      examples=["Clark said Brooks had begun making calls to committee members - there are two from each of the state's nine congressional districts, plus four statewide officials - but said the ultimate outcome was still up in the air."])
def object_before_verb(ctx: Context, cue: int, k: Word, words: list[int]) -> Optional[list[int]]:
    """ "noted clients are beginning to demand ...": the object right before a finite verb,
    however the parse hung that verb."""
    doc = ctx.doc
    nxt = doc.words[max(words) + 1] if max(words) + 1 < len(doc.words) else None
    if k.i > cue and nxt is not None and nxt.sent == k.sent and nxt.xpos in ("VBZ", "VBP", "VBD", "MD") \
            and nxt.i not in ctx.quote_of_word:
        verb = nxt.i if nxt.upos == "VERB" else nxt.head
        if verb > k.i and cue not in doc.subtree(verb) and verb not in doc.subtree(k.i):
            return contiguous_run(sorted(set(words) | {j for j in doc.subtree(verb) if j > k.i}), k.i)
    return None


_OBJECT_SHAPES = (clause_in_object, report_verb_sibling, object_before_verb)
