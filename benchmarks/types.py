"""Scores by attribution type: PolNeAR's gold attributions typed by their cue, the way
kora_quotes types its own (:func:`kora_quotes.rules.types.lemma_type`): the lemma of the cue's
head word, read off kora_quotes' parse of the article, and the head word of the source.

For each type: the gold attributions of that type found at GGT >= 30% (one prediction covers
at least 30% of the gold content's characters), and the predictions of that type that find
some gold attribution (of any type). "speech" is the speech-cue set of the issue tracker's
targets for ``scope="quotes"``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Mapping, Optional, Sequence

from kora_quotes.output.quote import AttributionType
from kora_quotes.parsing.doc import ParsedDoc, Word
from kora_quotes.rules.cues import verb_lemma
from kora_quotes.rules.types import lemma_type

TYPES = tuple(t.value for t in AttributionType)
AT = 0.3


def _head(doc: ParsedDoc, spans: Sequence[Sequence[int]]) -> Optional[Word]:
    """The head word of the words in ``spans``: one whose head lies outside them (a content word first)."""
    words = [w for s, e in spans for w in doc.words_in(s, e)]
    inside = {w.i for w in words}
    heads = [w for w in words if w.head not in inside and w.upos != "PUNCT"] or words
    return next((w for w in heads if w.upos in ("VERB", "NOUN", "ADJ", "PROPN")), heads[0] if heads else None)


def gold_type(doc: ParsedDoc, gold: Mapping[str, Any]) -> str:
    """The type of one gold attribution: speech when it has no cue (a quotation going on)."""
    if not gold["cue"]:
        return AttributionType.SPEECH.value
    text = " ".join(doc.text[s:e] for s, e in gold["cue"]).lower()
    if text.startswith("according") or not any(ch.isalnum() for ch in text):  # a colon before a quotation
        return AttributionType.SPEECH.value
    cue = _head(doc, gold["cue"])
    if cue is None:
        return AttributionType.OTHER.value
    source = _head(doc, gold["source"]) if gold["source"] else None
    return lemma_type(verb_lemma(cue), source.lemma if source is not None else "").value


def covers(pred: Sequence[Sequence[int]], gold: Sequence[Sequence[int]]) -> bool:
    """Do the ``pred`` spans cover at least :data:`AT` of the ``gold`` spans' characters?"""
    size = sum(e - s for s, e in gold)
    inter = sum(max(0, min(e, pe) - max(s, ps)) for s, e in gold for ps, pe in pred)
    return bool(size) and inter >= AT * size


def count(doc: ParsedDoc, golds: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any]]) -> Counter:
    """Counts for one document: ``gold|T``, ``found|T``, ``pred|T``, ``right|T``."""
    c: Counter = Counter()
    spans = [p["spans"] for p in preds]
    for g in golds:
        t = gold_type(doc, g)
        c[f"gold|{t}"] += 1
        c[f"found|{t}"] += any(covers(s, g["content"]) for s in spans)
    for p, s in zip(preds, spans):
        t = p.get("attribution") or "speech"
        c[f"pred|{t}"] += 1
        c[f"right|{t}"] += any(covers(s, g["content"]) for g in golds)
    return c


def summarize(c: Mapping[str, int]) -> dict[str, dict[str, Any]]:
    """Per type: gold, found, recall, predicted, right, precision."""
    out = {}
    for t in (*TYPES, "all"):
        key = (lambda k: sum(v for kk, v in c.items() if kk.startswith(k + "|"))) if t == "all" else (lambda k: c.get(f"{k}|{t}", 0))
        gold, found, pred, right = key("gold"), key("found"), key("pred"), key("right")
        out[t] = {"gold": gold, "found": found, "recall": found / gold if gold else None,
                  "pred": pred, "right": right, "precision": right / pred if pred else None}
    return out
