"""``python -m benchmarks.train_scorer``: train the learned scorer of ``scope="attributions"``.

Every PolNeAR train article is parsed (cached under build/scorer-cache), its open-class
candidates (:mod:`kora_quotes.rules.open_cues`) are labelled by whether they cover at least
30% of a gold attribution's content (the GGT >= 30% test of :mod:`benchmarks.metrics`), and a
logistic model is fitted to them (torch, seeded). The threshold is the one that gives the best
GGT >= 30% F1 on PolNeAR dev, end to end. Writes kora_quotes/models/scorer.json, with a record
of the run (data, seed, counts, dev scores).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Optional, Sequence

from kora_quotes.attribution import attribute, candidates
from kora_quotes.rules.candidates import Candidate, Context
from kora_quotes.scoring import Scorer, features, nested_in

from . import ablate, metrics, polnear, types

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO_ROOT / "build" / "scorer-cache"
OUT_PATH = REPO_ROOT / "kora_quotes" / "models" / "scorer.json"
SEED = 16
MIN_COUNT = 3  # features seen fewer times in train are dropped
EPOCHS = 300
L2 = 1e-4
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(13))  # 0.20 .. 0.80


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def load(split: str, limit: int | None = None) -> list[ablate.Item]:
    docs = sorted(polnear.load_split(polnear.default_dir(), split), key=lambda d: d.doc_id)[:limit]
    parses = ablate.parse_all({f"{split}/{d.doc_id}": d.text for d in docs}, CACHE_DIR, batch=16)
    return [ablate.Item(d.doc_id, d.text, d.quotes, parses[f"{split}/{d.doc_id}"]) for d in docs]


def covers(cand: Candidate, golds: Sequence[dict[str, Any]]) -> bool:
    """Does the candidate cover at least 30% of some gold content's characters?"""
    return any(types.covers(cand.spans, g["content"]) for g in golds)


def attributes(ctx: Context, cand: Candidate, golds: Sequence[dict[str, Any]]) -> bool:
    """Is the candidate one of the gold attributions: its cue word inside the gold cue and its
    source's head word inside the gold source (when both have them), and its content covering
    at least 30% of the gold content?"""
    def inside(word: Optional[int], spans: Sequence[Sequence[int]]) -> bool:
        if word is None or not spans:
            return True
        at = ctx.doc.words[word].start
        return any(s <= at < e for s, e in spans)

    return covers(cand, [g for g in golds if inside(cand.cue, g["cue"]) and inside(cand.subject, g["source"])])


def examples(items: Sequence[ablate.Item]) -> list[tuple[list[str], int]]:
    out = []
    for it in items:
        ctx = Context.from_doc(it.doc)
        ruled, opened = candidates(ctx, "attributions")
        out += [(features(ctx, c, source, nested_in(ctx, c, ruled)), int(attributes(ctx, c, it.gold)))
                for source, cands in (("rule", ruled), ("open", opened)) for c in cands]
    return out


def fit(data: list[tuple[list[str], int]]) -> tuple[dict[str, float], float]:
    import torch

    torch.manual_seed(SEED)
    counts = Counter(f for feats, _ in data for f in set(feats))
    vocab = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    idx, offsets = [], []
    for feats, _ in data:
        offsets.append(len(idx))
        idx += [vocab[f] for f in feats if f in vocab]
    bag = torch.nn.EmbeddingBag(len(vocab), 1, mode="sum")
    torch.nn.init.zeros_(bag.weight)
    bias = torch.zeros(1, requires_grad=True)
    y = torch.tensor([lab for _, lab in data], dtype=torch.float32)
    x, off = torch.tensor(idx), torch.tensor(offsets)
    opt = torch.optim.Adam([bag.weight, bias], lr=0.05)
    for epoch in range(EPOCHS):
        opt.zero_grad()
        z = bag(x, off).squeeze(1) + bias
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y) + L2 * (bag.weight ** 2).sum()
        loss.backward()
        opt.step()
        if epoch % 50 == 0:
            _log(f"  epoch {epoch}: loss {loss.item():.4f}")
    w = bag.weight.detach().squeeze(1).tolist()
    weights = {f: round(w[k], 4) for f, k in vocab.items() if abs(w[k]) >= 1e-3}
    return weights, round(float(bias.item()), 4)


def score(items: Sequence[ablate.Item], scope: str, scorer: Scorer | None) -> dict[str, Any]:
    """GGT >= 30% P/R/F1 on every attribution ("all") and on the speech-cue ones ("speech": recall
    on those, precision of every prediction)."""
    counters, typed = Counter(), Counter()
    for it in items:
        preds = [q.to_dict() for q in attribute(it.doc, scope=scope, learned=scorer is not None, scorer=scorer)]
        counters.update(metrics.score_doc(it.text, it.gold, preds))
        typed.update(types.count(it.doc, it.gold, preds))
    ggt = metrics.summarize(counters)["all"]["ggt30"]
    by_type = types.summarize(typed)
    r, p = by_type["speech"]["recall"] or 0.0, by_type["all"]["precision"] or 0.0
    return {"all": {k: ggt[k] for k in ("p", "r", "f1", "speaker_mention_acc")},
            "speech": {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="train articles to use (default: all)")
    ap.add_argument("--out", type=Path, default=OUT_PATH)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    train, dev = load("train", args.limit), load("dev")
    data = examples(train)
    _log(f"train: {len(train)} articles, {len(data)} open candidates, {sum(l for _, l in data)} attributions")
    weights, bias = fit(data)
    thresholds, chosen = {}, {}
    for scope, of in (("attributions", "all"), ("quotes", "speech")):
        best = None
        for t in THRESHOLDS:
            s = score(dev, scope, Scorer(weights, bias, {scope: t}))
            f1 = s[of]["f1"]
            _log(f"  {scope}, threshold {t:.2f}: dev GGT>=30% F1 ({of}) {f1:.4f}")
            if best is None or f1 > best[1]:
                best = (t, f1, s)
        assert best is not None
        thresholds[scope], chosen[scope] = best[0], best[2]
    record = {
        "trained_on": f"PolNeAR train, {len(train)} articles ({len(data)} candidates of the rules and open-class cues)",
        "label": "an attribution when the candidate's cue word lies in a gold cue and its content covers >= 30% "
                 "of that attribution's content",
        "selected_on": "PolNeAR dev: each scope's threshold by GGT >= 30% F1 end to end (every attribution for "
                       "attributions, the speech-cue ones for quotes)",
        "seed": SEED, "epochs": EPOCHS, "l2": L2, "min_count": MIN_COUNT,
        "dev_ggt30": chosen,
        "seconds": round(time.perf_counter() - t0),
        "command": "python -m benchmarks.train_scorer",
    }
    args.out.write_text(json.dumps({"weights": weights, "bias": bias, "thresholds": thresholds, "record": record},
                                   indent=0, sort_keys=True), encoding="utf-8")
    _log(f"wrote {args.out}: {len(weights)} weights, thresholds {thresholds}; dev {chosen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
