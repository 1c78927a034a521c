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

``python -m benchmarks.roleset`` runs kora_quotes on the articles and scores each half;
``python -m benchmarks.roleset --select --worksheets DIR`` writes one worksheet per article (the
article text with PolNeAR's attributions listed) for labelers;
``benchmarks/roleset/labels.jsonl`` holds the labels, one attribution a line.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

from . import polnear, seed

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


# -- scoring -------------------------------------------------------------------

MEASURES = ("name", "role", "affiliation", "venue", "no_venue_invented", "addressee")
MIN_COVER = 0.30  # a labeled attribution is found when one quote covers >= 30% of its content (GGT-30)
BOOTSTRAP = 1000


def _chars(spans: Sequence[Sequence[int]]) -> set[int]:
    return {i for a, b in spans for i in range(a, b)}


def _norm(text: Optional[str]) -> str:
    """Lower case, words only, a leading article or possessive and abbreviations' dots dropped."""
    words = re.findall(r"[a-z0-9]+", (text or "").lower())
    while words and words[0] in ("the", "a", "an", "his", "her", "its", "their"):
        words = words[1:]
    return " ".join(seed.ABBREVIATIONS.get(w, w) for w in words)


def _contains(pred: Optional[str], gold: Sequence[str]) -> bool:
    p = _norm(pred)
    return bool(p) and any(g and (p in g or g in p) for g in map(_norm, gold))


def _found(label: dict[str, Any], preds: Sequence[dict[str, Any]]) -> Optional[dict[str, Any]]:
    gold = _chars(label["content_spans"])
    best, cover = None, 0.0
    for p in preds:
        got = len(gold & _chars(p.get("spans") or [[p["start"], p["end"]]])) / max(len(gold), 1)
        if got > cover:
            best, cover = p, got
    return best if cover >= MIN_COVER else None


def judge(label: dict[str, Any], pred: dict[str, Any]) -> dict[str, Optional[bool]]:
    """Each measure for one found attribution: True, False, or None where it does not apply."""
    speakers = list(pred.get("speakers") or ([pred["speaker"]] if pred.get("speaker") else []))
    names = [label["name"], *label.get("name_any_of", ())] if label.get("name") else []
    roles = set(map(_norm, label.get("role_any_of") or ()))
    venue = (pred.get("venue") or {}).get("text")
    return {
        "name": any(_norm(s.get("name")) in set(map(_norm, names)) for s in speakers) if names else None,
        "role": any(_norm(s.get("role")) in roles for s in speakers) if roles else None,
        "affiliation": any(_contains(s.get("affiliation"), label["affiliation_any_of"]) for s in speakers)
        if label.get("affiliation_any_of") else None,
        "venue": _contains(venue, label["venue_any_of"]) if label.get("venue_any_of") else None,
        "no_venue_invented": venue is None if not label.get("venue_any_of") else None,
        "addressee": _contains((pred.get("addressee") or {}).get("text"), label["addressee_any_of"])
        if label.get("addressee_any_of") else None,
    }


def score(labels: Sequence[dict[str, Any]], preds: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Per measure: right, total, accuracy and a bootstrap 95% interval over articles; plus how
    many speech attributions were found."""
    per_doc: dict[str, dict[str, list[bool]]] = {}
    found = total = 0
    for label in labels:
        if not label.get("speech"):
            continue
        total += 1
        pred = _found(label, preds.get(label["doc"], []))
        if pred is None:
            continue
        found += 1
        for measure, ok in judge(label, pred).items():
            if ok is not None:
                per_doc.setdefault(label["doc"], {}).setdefault(measure, []).append(ok)
    out: dict[str, Any] = {"speech": total, "found": found, "articles": len({l["doc"] for l in labels})}
    rng = random.Random(SEED)
    docs = sorted(per_doc)
    for measure in MEASURES:
        right = sum(sum(per_doc[d].get(measure, [])) for d in docs)
        n = sum(len(per_doc[d].get(measure, [])) for d in docs)
        samples = []
        for _ in range(BOOTSTRAP if n else 0):
            pick = [rng.choice(docs) for _ in docs]
            k = sum(len(per_doc[d].get(measure, [])) for d in pick)
            if k:
                samples.append(sum(sum(per_doc[d].get(measure, [])) for d in pick) / k)
        samples.sort()
        ci = [samples[int(0.025 * len(samples))], samples[int(0.975 * len(samples)) - 1]] if samples else None
        out[measure] = {"right": right, "n": n, "acc": right / n if n else None, "ci95": ci}
    return out


def run_kora(docs: Sequence[polnear.PolnearDoc]) -> dict[str, list[dict[str, Any]]]:
    from kora_quotes import Extractor

    nlp = Extractor()
    return {d.doc_id: [q.to_dict() for q in quotes] for d, quotes in zip(docs, nlp.pipe([d.text for d in docs]))}


def report(results: dict[str, dict[str, Any]]) -> str:
    lines = ["| half | found | " + " | ".join(MEASURES) + " |", "|---|---|" + "---|" * len(MEASURES)]
    for half, r in results.items():
        if not isinstance(r, dict):
            continue  # ("kept_from": the date of an earlier run whose numbers these are)
        cells = []
        for m in MEASURES:
            v = r[m]
            cells.append("–" if v["acc"] is None else
                         f"{v['acc']:.2f} ({v['right']}/{v['n']}; {v['ci95'][0]:.2f}-{v['ci95'][1]:.2f})")
        lines.append(f"| {half} | {r['found']}/{r['speech']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def labelled(root: Path) -> tuple[list[polnear.PolnearDoc], list[dict[str, Any]]]:
    """The set's articles and its labels, each with its attribution's gold content spans."""
    labels = list(load_labels())
    wanted = {l["doc"] for l in labels}
    docs = [d for d in polnear.load_split(root, "train") if d.doc_id in wanted]
    content = {(d.doc_id, q["id"]): q["content"] for d in docs for q in d.quotes}
    return docs, [{**l, "content_spans": content[l["doc"], l["attr"]]} for l in labels]


def evaluate(root: Path) -> dict[str, dict[str, Any]]:
    """kora_quotes on the set's articles, scored on each half and on both."""
    docs, labels = labelled(root)
    preds = run_kora(docs)
    return {half: score([l for l in labels if half == "all" or l["half"] == half], preds)
            for half in ("tune", "test", "all")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.roleset", description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", type=Path, default=polnear.default_dir())
    ap.add_argument("--worksheets", type=Path, help="write one worksheet JSON per selected article here")
    ap.add_argument("--select", action="store_true", help="(re)write articles.json from the selection rule")
    args = ap.parse_args(argv)
    if not (args.select or args.worksheets):
        results = evaluate(args.polnear)
        print(report(results))
        return 0
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
