"""The learned scorer: a logistic model over each candidate's cue, source, clause and the rules
that found it, trained on PolNeAR train (``python -m benchmarks.train_scorer``). It keeps the
candidates that read as attributions. Weights: ``models/scorer.json``, read once.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import Sequence

from .rules.candidates import Candidate, Context
from .rules.cues import cue_class
from .rules.types import attribution_type, cue_lemma

# Content length buckets, in words.
_LENGTHS = (2, 4, 8, 16, 32)


def features(ctx: Context, cand: Candidate, source: str = "open", nested: bool = False) -> list[str]:
    """The candidate's features, as names (each worth 1); ``source`` is "rule" for a candidate
    of the lexicon's rules, "open" for an open-class one; ``nested`` says that its cue lies
    inside another candidate's content (PolNeAR marks no attribution inside another)."""
    doc = ctx.doc
    lemma = cue_lemma(ctx, cand) or "<none>"
    kind = attribution_type(ctx, cand).value
    out = [f"src={source}", f"lemma={lemma}", f"kind={cand.kind.value}", f"type={kind}", f"src+type={source}|{kind}",
           f"nested={nested}", f"nested+src={nested}|{source}"]
    out += [f"rule={r}" for r in sorted({st.rule for st in cand.trace})]
    words = [w for s, e in cand.spans for w in doc.words_in(s, e) if w.upos != "PUNCT"]
    n = len(words)
    out.append(f"len<={next((b for b in _LENGTHS if n <= b), 'more')}")
    if words:
        out.append(f"first={words[0].text.lower() if words[0].upos in ('SCONJ', 'PART', 'ADP', 'PRON', 'DET') else words[0].upos}")
        out.append(f"quoted={sum(w.i in ctx.quote_of_word for w in words) * 4 // max(n, 1)}")
        out.append(f"clause={any(w.upos in ('VERB', 'AUX') and w.feats and 'VerbForm=Fin' in w.feats for w in words)}")
        out.append(f"sentence={'first' if words[0].sent == 0 else 'later'}")
    if cand.cue is not None:
        c = doc.words[cand.cue]
        cls = cue_class(c) or "none"
        out += [f"class={cls}", f"cue_upos={c.upos}", f"cue_rel={c.deprel}", f"cue_xpos={c.xpos}",
                f"lemma+xpos={lemma}|{c.xpos}", f"lemma+rel={lemma}|{c.deprel}"]
        out += [f"aux={a.lemma.lower()}" for a in doc.kids(cand.cue, "aux")]
        out += ["neg"] * bool(doc.kids(cand.cue, "advmod") and any(a.lemma.lower() in ("not", "never") for a in doc.kids(cand.cue, "advmod")))
        heads = {w.head for w in words} - {w.i for w in words}
        rel = next((w.deprel for w in words if w.head == cand.cue), "other" if cand.cue not in heads else "none")
        out += [f"comp={rel}", f"lemma+comp={lemma}|{rel}"]
        before = doc.words[words[0].i - 1] if words and words[0].i > 0 else None
        if before is not None and before.upos == "ADP":  # "voted for", "lashed out at"
            out += [f"prep={before.text.lower()}", f"lemma+prep={lemma}|{before.text.lower()}"]
    else:
        out.append("class=nocue")
    if cand.subject is not None:
        s = doc.words[cand.subject]
        what = s.text.lower() if s.upos == "PRON" else s.upos
        mention = ctx.entities.mention_at(s.i)
        named = ctx.entities.entity(mention).kind.value if mention is not None else "none"
        out += [f"subj={what}", f"subj+lemma={s.upos}|{lemma}", f"subj_entity={named}", f"subj_entity+lemma={named}|{lemma}"]
        if s.upos == "NOUN":
            out.append(f"subj_lemma={s.lemma.lower()}")
    elif cand.subject_words:
        out.append("subj=phrase")
    else:
        out.append("subj=none")
    return out


class Scorer:
    """The learned model: a weight per feature, a bias and, for each scope, the threshold chosen
    on PolNeAR dev (GGT >= 30% F1: on every attribution, or on the speech-cue ones for quotes)."""

    def __init__(self, weights: dict[str, float], bias: float, thresholds: dict[str, float]) -> None:
        self.weights, self.bias, self.thresholds = weights, bias, dict(thresholds)

    @classmethod
    def from_dict(cls, data: dict) -> "Scorer":
        return cls(dict(data["weights"]), float(data["bias"]), {k: float(v) for k, v in data["thresholds"].items()})

    def probability(self, ctx: Context, cand: Candidate, source: str = "open", nested: bool = False) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(ctx, cand, source, nested))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, ctx: Context, ruled: Sequence[Candidate], opened: Sequence[Candidate],
             scope: str = "attributions") -> list[Candidate]:
        """The candidates, of the rules' and the open-class ones, that the model takes for
        attributions in ``scope``."""
        threshold = self.thresholds[scope]
        return [c for source, cands in (("rule", ruled), ("open", opened)) for c in cands
                if self.probability(ctx, c, source, nested_in(ctx, c, ruled)) >= threshold]


def nested_in(ctx: Context, cand: Candidate, others: Sequence[Candidate]) -> bool:
    """Does the candidate's cue lie inside the content of one of ``others``?"""
    if cand.cue is None:
        return False
    at = ctx.doc.words[cand.cue].start
    return any(o is not cand and any(s <= at < e for s, e in o.spans) for o in others)


@functools.cache
def default_scorer() -> Scorer:
    """The scorer shipped with the package (models/scorer.json)."""
    path = resources.files("kora_quotes").joinpath("models/scorer.json")
    return Scorer.from_dict(json.loads(path.read_text(encoding="utf-8")))
