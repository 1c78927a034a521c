"""kora_quotes in each scope, learned scorer on and off, on the same parses: PolNeAR scores
overall and by attribution type (:mod:`benchmarks.types`), and the time attribution takes.

The scorer's share of the time is the learned setting's attribution time less the rules-only
setting's, over the learned setting's whole time per document (parse included).
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any, Optional, Sequence

from . import metrics, types

# name -> Extractor.attribute keywords; the first is the default of extract().
SETTINGS = {
    "quotes": {"scope": "quotes"},
    "quotes, rules only": {"scope": "quotes", "learned": False},
    "attributions": {"scope": "attributions"},
    "attributions, rules only": {"scope": "attributions", "learned": False},
}


def run(extractor: Any, parsed: Sequence[Any], docs: Sequence[Any], parse_s: float) -> dict[str, Any]:
    """Scores and times of every setting on the ``parsed`` documents of PolNeAR ``docs``."""
    out: dict[str, Any] = {}
    for name, kwargs in SETTINGS.items():
        preds, seconds = [], 0.0
        for doc in parsed:
            t0 = time.perf_counter()
            quotes = extractor.attribute(doc, **kwargs)
            seconds += time.perf_counter() - t0
            preds.append([q.to_dict() for q in quotes])
        typed: Counter = Counter()
        for doc, d, p in zip(parsed, docs, preds):
            typed.update(types.count(doc, d.quotes, p))
        out[name] = {"polnear": metrics.evaluate((d.text, d.quotes, p) for d, p in zip(docs, preds)),
                     "types": types.summarize(typed), "attribute_s": seconds, "parse_s": parse_s,
                     "documents": len(parsed)}
    return out


def _scorer_share(res: dict[str, Any], scope: str) -> Optional[float]:
    learned, rules = res.get(scope), res.get(f"{scope}, rules only")
    if not learned or not rules:
        return None
    total = learned["parse_s"] + learned["attribute_s"]
    return (learned["attribute_s"] - rules["attribute_s"]) / total if total else None


def tables(res: dict[str, Any], md: bool) -> list[tuple[str, str]]:
    """The report's sections: scores by setting, then recall and precision by type."""
    from .report import _f, _prf, _table

    scopes = res.get("scopes")
    if not scopes:
        return []
    rows, typed = [], []
    for name, r in scopes.items():
        a = r["polnear"]["all"]
        share = _scorer_share(scopes, name)
        rows.append([name, str(a["n_pred"]), _prf(a["ggt30"]), _f(a["q50"]["f1"]), _f(a["overlap"]["content"]["f1"]),
                     _f(a["exact"]["quote"]["f1"]), _f(a["ggt30"]["speaker_mention_acc"]),
                     f"{1000 * r['attribute_s'] / max(1, r['documents']):.0f}",
                     f"{100 * share:.1f}%" if share is not None else "–"])
        t = r["types"]
        typed.append([name] + [f"{_f(t[k]['recall'])} ({t[k]['found']}/{t[k]['gold']})" for k in (*types.TYPES, "all")]
                     + [f"{_f(t[k]['precision'])} ({t[k]['right']}/{t[k]['pred']})" for k in ("speech", "all")])
    headers = ["setting", "pred", "GGT >=30% P/R/F1", "quote F1 (>=50% of shorter)", "content token F1",
               "all-exact F1", "speaker mention acc", "attribution ms/doc", "learned scorer's share of time"]
    type_headers = ["setting"] + [f"{k} R" for k in (*types.TYPES, "all")] + ["speech P", "all P"]
    split = res["meta"].get("split", "dev")
    return [
        (f"PolNeAR {split}: scopes, learned scorer on and off (same parses)", _table(headers, rows, md)),
        (f"PolNeAR {split}: by attribution type (GGT >= 30%; gold typed by its cue, predictions by their "
         "attribution field; a prediction is right when it finds any gold attribution)", _table(type_headers, typed, md)),
    ]
