"""Speaker rules: the source phrase of a cue in the parse.

:func:`find_subject` returns the head of the cue's subject and the rule that found it: its
nsubj (``speaker.nsubj``), the agent of a passive (``speaker.passive_agent``), an inverted
"said Mr. X" (``speaker.inverted_subject``), the subject of the verb it is coordinated
with or controlled by (``speaker.shared_subject``), and others below. :func:`phrase_words`
cuts the subject's phrase out of the sentence. Who the phrase names is
:mod:`kora_quotes.resolution.speakers`' job.
"""

from __future__ import annotations

from typing import Optional

from ..lexicon import never_inverted, time_words
from ..parsing.doc import ParsedDoc, Word, contiguous_run
from .cues import cue_class, verb_lemma
from .registry import rule

_PUNCT_EDGE = {"PUNCT"}


def find_subject(doc: ParsedDoc, cue: int, _depth: int = 0) -> tuple[Optional[int], Optional[str]]:
    """The head of the cue's subject and the name of the rule that found it (None, None)."""
    subjects, name = nsubj(doc, cue), "speaker.nsubj"
    if not subjects:
        if doc.kids(cue, "aux:pass"):
            agent = passive_agent(doc, cue)
            return agent, "speaker.passive_agent" if agent is not None else None
        subjects, name = passive_subject(doc, cue), "speaker.passive_subject"
        if not subjects and doc.words[cue].upos != "VERB":
            subjects, name = noun_cue_owner(doc, cue), "speaker.noun_cue_owner"
    inverted = inverted_subject(doc, cue)
    if inverted is not None and all(c.i < cue - 1 for c in subjects):
        return inverted, "speaker.inverted_subject"  # ", said U.S. officials": a subject before the comma belongs to the report
    if subjects:
        # several (a name split by the parser: "Mr./nsubj Kerry/nsubj"): the last before the verb
        before = [c for c in subjects if c.i < cue]
        if len(before) > 1 and before[-1].upos == "NOUN" and before[-2].upos == "PROPN" \
                and any(doc.words[j].text == "," for j in range(before[-2].i + 1, before[-1].i)):
            return before[-2].i, name  # "Minyon/nsubj Moore/nsubj, a senior adviser/nsubj ...": the name, not its apposition
        return (before[-1] if before else subjects[0]).i, name
    if _depth > 3 or doc.words[cue].head < 0:
        return None, None
    for borrow in (shared_subject, reduced_relative_subject):
        head = borrow(doc, cue)
        if head is not None:
            subject, _ = find_subject(doc, head, _depth + 1)
            if borrow is shared_subject or (subject is not None and doc.words[subject].upos in ("NOUN", "PROPN")):
                return subject, borrow.rule_name if subject is not None else None  # type: ignore[attr-defined]
            return None, None
        if borrow is shared_subject and _bare_comma_verb(doc, cue):
            return None, None
    return None, None


@rule("speaker.nsubj", stage="speaker", priority=90, off=[],
      examples=["Mr. Kerry said the United States would defend Japan."])
def nsubj(doc: ParsedDoc, cue: int) -> list[Word]:
    """The cue's nominal subject, not a time the parse made one ("said Friday/nsubj")."""
    return [c for c in doc.kids(cue) if c.deprel == "nsubj" and not is_time(doc, c.i)]


@rule("speaker.passive_agent", stage="speaker", priority=80,
      examples=["The plan was reported by The Washington Post."])
def passive_agent(doc: ParsedDoc, cue: int) -> Optional[int]:
    """In a passive the agent speaks, never the subject ("was reported by The Post")."""
    agents = doc.kids(cue, "obl:agent")
    return agents[0].i if agents else None


@rule("speaker.passive_subject", stage="speaker", priority=70, off=[],
      examples=["A representative for the Ivanka Trump brand - a 12-employee business pitched as \"the ultimate destination for Women Who Work\" - noted that the company offers new mothers eight weeks of paid leave."])
def passive_subject(doc: ParsedDoc, cue: int) -> list[Word]:
    """A small parser's passive subject on an active verb ("Caddell/nsubj:pass continued:")."""
    return [c for c in doc.kids(cue) if c.deprel == "nsubj:pass"]


@rule("speaker.noun_cue_owner", stage="speaker", priority=60, off=[],
      examples=["Citing local news outlets, the Associated Press reports that Hess almost missed Flight 804."])
def noun_cue_owner(doc: ParsedDoc, cue: int) -> list[Word]:
    """ "The New York Times reports:" read as one noun phrase: its name modifiers are the speaker."""
    return [c for c in doc.kids(cue, "compound", "nmod:poss") if c.i < cue and c.upos == "PROPN"]


def _participle_after_comma(doc: ParsedDoc, cue: int) -> bool:
    return doc.words[cue].xpos == "VBG" and cue > 0 and doc.words[cue - 1].text == ","


def _bare_comma_verb(doc: ParsedDoc, cue: int) -> bool:
    """ "..., his top aide, Tad Devine, told X": a verb after a bare comma is no second predicate."""
    w = doc.words[cue]
    return w.rel == "conj" and not doc.kids(cue, "cc") and not _participle_after_comma(doc, cue) and cue > 0 \
        and doc.words[cue - 1].text == "," and cue_class(w) == "speech"


@rule("speaker.shared_subject", stage="speaker", priority=50,
      examples=["Mr. Kerry praised the talks, adding that more were needed.",
                "The senator stood and said the vote was a mistake."])
def shared_subject(doc: ParsedDoc, cue: int) -> Optional[int]:
    """The verb whose subject a coordinated, controlled or participial cue shares ("..., adding
    that ..."); when that verb is itself a report ("said X was successful, adding that ..."),
    the reporter's."""
    w = doc.words[cue]
    after_comma = _participle_after_comma(doc, cue)
    if _bare_comma_verb(doc, cue):
        return None
    if w.rel in ("conj", "xcomp") or (w.rel == "advcl" and w.xpos == "VBG") or (
            w.rel in ("ccomp", "parataxis") and after_comma and w.head < cue):
        head = w.head
        if after_comma and doc.words[head].rel in ("ccomp", "parataxis") and 0 <= doc.words[head].head < head:
            head = doc.words[head].head
        return head
    return None


@rule("speaker.reduced_relative", stage="speaker", priority=40,
      examples=["A Quinnipiac poll released in August found that most voters disagreed."])
def reduced_relative_subject(doc: ParsedDoc, cue: int) -> Optional[int]:
    """ "A poll released in August found that ...": a small parser makes the reduced relative
    the main verb and the cue its complement; the verb's subject speaks (a noun or name)."""
    w = doc.words[cue]
    h = doc.words[w.head]
    if w.rel in ("ccomp", "parataxis") and h.i < cue and h.xpos in ("VBN", "VBD") and not doc.kids(h.i, "aux", "aux:pass") \
            and all(doc.words[j].upos in ("ADP", "NOUN", "PROPN", "NUM", "DET", "ADJ", "ADV")
                    for j in range(h.i + 1, cue)):
        return h.i
    return None


@rule("speaker.inverted_subject", stage="speaker", priority=95,
      examples=["The talks will resume, said U.S. officials who asked not to be named."])
def inverted_subject(doc: ParsedDoc, cue: int) -> Optional[int]:
    """ "..., said U.S. officials who ...": a noun phrase right after a speech verb that follows
    a comma or a closing quotation mark (parsers often call it the object); never after a
    participle (", citing a threat") nor a verb whose object is the one spoken to ("told CBS")."""
    if cue == 0 or doc.words[cue - 1].text not in (",", "\u201d", '"', "\u2019", "'", "''"):
        return None
    if doc.words[cue].xpos == "VBG" or cue_class(doc.words[cue]) != "speech" \
            or verb_lemma(doc.words[cue]) in never_inverted():
        return None
    for c in doc.kids(cue):
        if c.i > cue and c.rel in ("obj", "nsubj", "obl", "iobj") and c.upos in ("NOUN", "PROPN"):
            if not any(k.rel == "case" for k in doc.kids(c.i)) and not is_time(doc, c.i):
                return c.i
    return None


def is_time(doc: ParsedDoc, i: int) -> bool:
    """ "Friday", "this week", "Thursday morning": a time expression, never a speaker."""
    near = [doc.words[i]] + doc.kids(i, "det", "amod", "compound", "nummod")  # not "officials who met Saturday"
    words = {w.text.lower() for w in near} | {doc.words[i].lemma.lower()}
    return bool(words & time_words()) or doc.words[i].rel in ("obl:tmod", "obl:npmod")


def phrase_words(doc: ParsedDoc, head: int, exclude: set[int]) -> list[int]:
    """The contiguous words of ``head``'s phrase, minus excluded words and edge punctuation."""
    # "The North on Sunday": a time phrase the parse hung on the speaker is not part of it
    times = {j for c in doc.kids(head, "nmod", "obl", "nmod:tmod", "obl:tmod") if c.i > head and is_time(doc, c.i)
             for j in doc.subtree(c.i)}
    idx = [j for j in doc.subtree(head) if j not in exclude and j not in times and doc.words[j].sent == doc.words[head].sent]
    if head not in idx:
        return [head]
    run = contiguous_run(idx, head)
    w = doc.words[head]
    if w.rel in ("compound", "nsubj", "nsubj:pass"):
        # a name the parse split into siblings: "The New York Times reports:" read as one noun
        # phrase, "South/nsubj Korea/nsubj and Japanese officials have said"
        while run[0] > 0 and run[0] - 1 not in exclude:
            prev = doc.words[run[0] - 1]
            sibling = prev.rel in ("det", "amod", "compound") if w.rel == "compound" else (
                prev.rel == w.rel and prev.upos == "PROPN")
            if prev.head != w.head or not sibling or prev.sent != w.sent \
                    or not (prev.rel == "det" or prev.text[:1].isupper()):
                break
            run = [prev.i] + run
    while len(run) > 1 and (doc.words[run[0]].upos in _PUNCT_EDGE or doc.words[run[0]].upos in ("ADP", "SCONJ")):
        run = run[1:]  # "after the billionaire mogul claimed": the conjunction is not the speaker's
    while len(run) > 1 and doc.words[run[-1]].upos in _PUNCT_EDGE:
        run = run[:-1]
    dashes = [k for k, j in enumerate(run) if doc.words[j].text in ("\u2014", "\u2013", "--")]
    if dashes and run[0] == doc.sentences[doc.words[head].sent].first \
            and any(doc.words[j].upos == "PROPN" for j in run[dashes[-1] + 1 :]):
        run = run[dashes[-1] + 1 :]  # "CLEVELAND, July 19 (UPI) — Former Attorney General ...": not the dateline
    texts = [doc.words[j].text for j in run]
    if texts.count("(") > texts.count(")") and run[-1] + 1 < len(doc.words) and doc.words[run[-1] + 1].text == ")":
        run = run + [run[-1] + 1]  # "Sen. John McCain (R., Ariz.)"
    return run


