"""The role, venue and addressee set: hand-labeled speech attributions from PolNeAR train.

Which articles: PolNeAR train, outside the rule ablation's train sample (which takes
every 4th document by id), six per publisher, drawn with a fixed seed among articles of
250-1,300 words with at least five attributions. Half of each publisher's articles are
the *tune* half (rules may be written from them), half the *test* half (never looked at
while writing rules; the number to read).

What is labeled: PolNeAR's own attributions whose cue is speech or writing (the label
guideline, ``benchmarks/roleset/GUIDELINE.md``, says which). For each, written from the
article text alone: the canonical speaker name, every role the text supports, the
affiliation, the venue with its scope and kind, and the addressee.

``python -m benchmarks.roleset --worksheets DIR`` writes one worksheet per article (the
article text with PolNeAR's attributions listed) for labelers;
``benchmarks/roleset/labels.jsonl`` holds the labels, one attribution a line.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path
from typing import Any, Iterator

from . import polnear

HERE = Path(__file__).resolve().parent / "roleset"
LABELS = HERE / "labels.jsonl"
PER_PUBLISHER = 6
SEED = 15
MIN_WORDS, MAX_WORDS, MIN_ATTRIBUTIONS = 250, 1300, 5


def _publishers(root: Path) -> dict[str, str]:
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as f:
        return {r["filename"]: r["publisher"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r.get("compartment") == "train"}


def select(root: Path) -> list[dict[str, str]]:
    """``[{"doc": id, "publisher": p, "half": "tune" | "test"}]``, in a fixed order."""
    publisher = _publishers(root)
    docs = list(polnear.load_split(root, "train"))
    ablation = {d.doc_id for d in docs[::4]}  # benchmarks.ablate.train_sample's pool
    pool: dict[str, list[str]] = {}
    for d in docs:
        words = len(d.text.split())
        if d.doc_id in ablation or not MIN_WORDS <= words <= MAX_WORDS or len(d.quotes) < MIN_ATTRIBUTIONS:
            continue
        pool.setdefault(publisher[d.doc_id], []).append(d.doc_id)
    rng = random.Random(SEED)
    chosen = []
    for pub in sorted(pool):
        picks = rng.sample(sorted(pool[pub]), PER_PUBLISHER)
        chosen += [{"doc": doc, "publisher": pub, "half": "tune" if i % 2 == 0 else "test"}
                   for i, doc in enumerate(picks)]
    return chosen


def _text(text: str, spans: list[list[int]]) -> str:
    return " ... ".join(text[a:b] for a, b in spans)


def worksheet(doc: polnear.PolnearDoc) -> dict[str, Any]:
    """The article and its PolNeAR attributions, for a labeler."""
    rows = []
    for q in doc.quotes:
        rows.append({
            "attr": q["id"],
            "source": _text(doc.text, q["source"]), "source_spans": q["source"],
            "cue": _text(doc.text, q["cue"]), "cue_spans": q["cue"],
            "content": _text(doc.text, q["content"]), "content_spans": q["content"],
        })
    return {"doc": doc.doc_id, "annotator": doc.annotator, "text": doc.text, "attributions": rows}


def load_labels(path: Path = LABELS) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.roleset", description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", type=Path, default=polnear.default_dir())
    ap.add_argument("--worksheets", type=Path, help="write one worksheet JSON per selected article here")
    args = ap.parse_args(argv)
    chosen = select(args.polnear)
    (HERE / "articles.json").write_text(json.dumps(chosen, indent=1) + "\n")
    if args.worksheets:
        args.worksheets.mkdir(parents=True, exist_ok=True)
        by_id = {d.doc_id: d for d in polnear.load_split(args.polnear, "train")}
        for c in chosen:
            (args.worksheets / f"{c['doc']}.json").write_text(json.dumps(worksheet(by_id[c["doc"]]), indent=1) + "\n")
    print(f"{len(chosen)} articles: " + ", ".join(f"{p} {sum(c['publisher'] == p for c in chosen)}"
                                                 for p in sorted({c['publisher'] for c in chosen})))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
