"""Cues: the reporting verbs and phrases that introduce a quote."""

from __future__ import annotations

from typing import Optional

from ..parsing.doc import ParsedDoc, Word
from ..lexicon import cue_verbs, irregular_forms, source_phrases

# Inflections the lemmatizer may leave alone on unseen words.
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", ""))


def verb_lemma(word: Word) -> str:
    """The word's lemma, repaired for reporting verbs the lemmatizer did not know."""
    table = cue_verbs()
    lemma = word.lemma.lower()
    if lemma in table:
        return lemma
    low = word.text.lower()
    irregular = irregular_forms()
    if low in irregular:
        return irregular[low]
    for suffix, repl in _SUFFIXES:
        if low.endswith(suffix):
            stem = low[: -len(suffix)] + repl
            if stem in table:
                return stem
    return lemma


def cue_class(word: Word) -> Optional[str]:
    """"speech", "thought", "stance" or "topic" when ``word`` is a reporting verb, else None.

    A finite form of a speech verb counts whatever its tag ("said", "told":
    small tagging models sometimes call them nouns); other forms must be
    tagged VERB."""
    lemma = verb_lemma(word)
    cls = cue_verbs().get(lemma)
    if cls is None:
        return None
    if word.upos == "VERB":
        return cls
    low = word.text.lower()
    if cls == "speech" and word.rel not in ("amod", "compound", "nmod", "obj", "nsubj") and low != lemma and (
        low in irregular_forms() or low.endswith(("ed", "es", "s"))
    ):
        return cls
    return None


def source_phrase_at(doc: ParsedDoc, i: int) -> Optional[tuple[int, int]]:
    """If a source phrase ("according to") starts at word ``i``, its (first, last) word indices."""
    for phrase in source_phrases():
        n = len(phrase)
        if i + n <= len(doc.words) and all(doc.words[i + k].text.lower() == phrase[k] for k in range(n)):
            if doc.words[i + n - 1].sent == doc.words[i].sent:
                return i, i + n - 1
    return None
