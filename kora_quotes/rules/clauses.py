"""Shapes of clauses and words that attribution reads, whatever the parse made of them.

Small helpers with no state: does a clause have a subject or open with
"that", does a stretch of words hold a finite verb or make a noun phrase, does
a sentence end between two offsets, and the character runs of a set of words.
"""

from __future__ import annotations

import regex

from ..parsing.doc import ParsedDoc
from ..lexicon import titles


def has_subject(doc: ParsedDoc, clause: int) -> bool:
    """Does the clause have a subject (also one a small parser hung on its auxiliary: "that
    she/nsubj>has has/aux>pneumonia")?"""
    rels = ("nsubj", "nsubj:pass", "expl", "csubj")
    return bool(doc.kids(clause, *rels)) or any(
        doc.kids(a.i, *rels) for a in doc.kids(clause, "aux", "aux:pass", "cop"))


def as_put_it(doc: ParsedDoc, i: int) -> bool:
    """ "As Rosenthal recently put it, '...'": "put it" after "as" introduces a quote."""
    w = doc.words[i]
    if w.lemma.lower() != "put" or i + 1 >= len(doc.words) or doc.words[i + 1].text.lower() != "it":
        return False
    # "as" before it in the same sentence (the tokenizer may have split it after an initial: "M.")
    before = doc.text[max(0, w.start - 300) : w.start]
    m = None
    for m in regex.finditer(r"\b[Aa]s\b", before):
        pass
    return m is not None and not sentence_break(before[m.end():]) and "\n" not in before[m.end():]


def opens_with_that(doc: ParsedDoc, clause: int) -> bool:
    """The clause opens with the complementizer "that" (not "so that") and has a subject."""
    words = doc.subtree(clause)
    first = doc.words[words[0]]
    return first.text.lower() == "that" and first.rel == "mark" and first.head == clause \
        and not (first.i > 0 and doc.words[first.i - 1].text.lower() in ("so", "such", "now")) \
        and bool(doc.kids(clause, "nsubj", "nsubj:pass", "expl"))


def finite(words: list) -> bool:
    """Does a stretch of words hold a finite verb (a clause, not just a noun phrase)?"""
    return any(w.xpos in ("VBD", "VBZ", "VBP", "MD") for w in words)


def past_after_noun(words: list) -> bool:
    """ "(said) the two raised $350 million": a verb the tagger read as a participle right after
    the noun phrase that opens the words, as a past tense reads after its subject."""
    for k, w in enumerate(words[:7]):
        if w.upos not in ("DET", "NUM", "NOUN", "PROPN", "ADJ", "PRON"):
            return k > 0 and w.upos == "VERB" and w.xpos in ("VBN", "VBD") \
                and words[k - 1].upos in ("NOUN", "PROPN", "NUM", "PRON")
    return False


def title_case(words: list) -> bool:
    """A headline's shape: four words or more, every one of them capitalised but the small
    ones ("Kerry Offers Direct Korea Talks, Proposes Dialogue in Exchange for ..."). Its tags
    and parse are guesses (a small tagger calls most of it PROPN)."""
    alpha = [w.text for w in words if w.text[:1].isalpha()]
    big = [t for t in alpha if len(t) > 3]
    return len(alpha) >= 4 and len(big) >= 3 and all(t[0].isupper() for t in big)


# An acronym ("IMF", "NATO") is a name whatever the tagger says (the embedded tagger once made
# "IMF chief economist Maury Obstfeld said ..." open with a verb).
_ACRONYM = regex.compile(r"\p{Lu}{2,}")


def noun_phrase(words: list) -> bool:
    """Could these words be a speaker: a short phrase of nominal words ending in a noun, name
    or pronoun ("a source", "top black lawmakers", "Sen. John McCain (R., Ariz.)")?"""
    if not words or len(words) > 16:
        return False
    allowed = {"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PUNCT", "ADP", "CCONJ", "PART"}
    if any(w.upos not in allowed and not _ACRONYM.fullmatch(w.text) for w in words):
        return False
    heads = [w for w in words if w.upos in ("NOUN", "PROPN", "PRON") or _ACRONYM.fullmatch(w.text)]
    if not heads or words[0].upos in ("ADP", "CCONJ", "PUNCT"):
        return False
    if any(w.upos == "PRON" and w.text.lower() not in ("he", "she", "they", "it") for w in heads):
        return False
    return True


def sentence_or_clause(doc: ParsedDoc, clause: int, drop: set[int]) -> list[int]:
    """What an attribution phrase (``drop``) reports: the whole sentence when the phrase opens
    or closes it ("According to X, ...", "..., she said."), else the clause it hangs on."""
    sent = doc.sent_words(doc.words[clause].sent)
    before = [w for w in sent if w.i < min(drop) and w.upos != "PUNCT"]
    after = [w for w in sent if w.i > max(drop) and w.upos != "PUNCT"]
    if not before or not after:
        return [w.i for w in sent if w.i not in drop]
    return [j for j in doc.subtree(clause) if j not in drop]


def phrase_head(doc: ParsedDoc, words: list[int]) -> int:
    """The word of a phrase whose head lies outside it (the last such), else its last word."""
    inside = set(words)
    heads = [j for j in words if doc.words[j].head not in inside and doc.words[j].upos != "PUNCT"]
    return heads[-1] if heads else words[-1]


def sentence_break(text: str) -> bool:
    """A sentence ends in ``text``: a full stop, ? or ! before a space, not after a
    title or initial ("Ms. Moore", "John F. Kennedy")."""
    table = titles()
    for m in regex.finditer(r"[.!?]\s", text):
        word = regex.search(r"\S*$", text[: m.start()]).group()
        if m.group()[0] == "." and (regex.fullmatch(r"\p{Lu}", word) or (word + ".",) in table):
            continue
        return True
    return False


def overlap(s1: int, e1: int, s2: int, e2: int) -> int:
    return max(0, min(e1, e2) - max(s1, s2))


def runs(doc: ParsedDoc, idx: list[int]) -> list[tuple[int, int]]:
    """Character spans of contiguous runs of word indices (a gap of excluded words splits a run)."""
    spans: list[tuple[int, int]] = []
    run = [idx[0]]
    for j in idx[1:]:
        if j == run[-1] + 1:
            run.append(j)
        else:
            spans.append(trimmed(doc, run))
            run = [j]
    spans.append(trimmed(doc, run))
    return [s for s in spans if s[1] > s[0]]


def trimmed(doc: ParsedDoc, run: list[int]) -> tuple[int, int]:
    while len(run) > 1 and doc.words[run[-1]].upos == "PUNCT" and doc.words[run[-1]].text not in ("\"", "\u201d"):
        run = run[:-1]
    while len(run) > 1 and doc.words[run[0]].upos == "PUNCT":
        run = run[1:]
    if len(run) == 1 and doc.words[run[0]].upos == "PUNCT":
        return (0, 0)
    return doc.span_of(run)
