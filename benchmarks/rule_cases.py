"""``python -m benchmarks.rule_cases``: build the table of rule tests, tests/rules/cases.jsonl.

For every named rule it looks, in the seed article and a sample of PolNeAR train, for a
sentence where the rule acts (in ``scope="attributions"``; with the learned scorer for the
open-class cues): it names the rule in a quote's trace, or switching the rule off
changes the output; failing those, in the rule's own example sentences. Each such passage is parsed again on its own with the embedded models;
if the rule still acts there, the passage becomes a case: its text, its parse as CoNLL-U (so
the test needs no model), the quotes it yields and the rule it shows. Negative cases (scare
quotes, titles, headlines, reader comments) are written from tests/rules/negatives.txt.

Needs PolNeAR (``--polnear DIR`` or $KORA_POLNEAR) and takes a few minutes on one core.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterator, Optional

from kora_quotes import Extractor
from kora_quotes.attribution import attribute
from kora_quotes.parsing.doc import ParsedDoc
from kora_quotes.rules.registry import RULES, switched_off

from . import polnear, seed

REPO_ROOT = Path(__file__).resolve().parent.parent
CASES = REPO_ROOT / "tests" / "rules" / "cases.jsonl"
NEGATIVES = REPO_ROOT / "tests" / "rules" / "negatives.txt"
# Passages longer than this (characters) make poor examples.
MAX_PASSAGE = 400
# Candidate passages tried per rule before giving up (each spot gives up to four).
TRIES = 16


def learned(rule: str) -> bool:
    """Does ``rule`` act only with the learned scorer (an open-class cue)? The others are shown
    by the rules alone, in ``scope="attributions"``, where every one of them can act."""
    return rule.startswith("open.")


def run(doc: ParsedDoc, with_scorer: bool) -> list[Any]:
    """The quotes a case shows: ``scope="attributions"``, with the learned scorer or without."""
    return attribute(doc, scope="attributions", learned=with_scorer)


def _quotes(doc: ParsedDoc, with_scorer: bool = False) -> list[dict[str, Any]]:
    return [{"kind": q.kind.value, "text": q.text, "speaker": q.speaker.name if q.speaker else None,
             "rules": [s.rule for s in q.trace]} for q in run(doc, with_scorer)]


def acts(rule: str, doc: ParsedDoc) -> Optional[str]:
    """How ``rule`` acts on ``doc``: "trace" (it is named in a quote's trace), "ablation"
    (switching it off changes the output), or None."""
    quotes = run(doc, learned(rule))
    if any(s.rule == rule for q in quotes for s in q.trace):
        return "trace"
    with switched_off([rule]):
        off = run(doc, learned(rule))
    return "ablation" if [q.to_dict() for q in quotes] != [q.to_dict() for q in off] else None


def _passage(doc: ParsedDoc, start: int, end: int) -> str:
    """The whole sentences of ``doc`` that hold characters [start, end)."""
    sents = [s for s in doc.sentences if doc.words[s.first].start < end and doc.words[s.last - 1].end > start]
    if not sents:
        return ""
    return doc.text[doc.words[sents[0].first].start : doc.words[sents[-1].last - 1].end]


def _span_of(q: Any) -> tuple[int, int]:
    """The characters a quote, its cue and its speaker's mention cover together."""
    parts = [(q.start, q.end)] + [(x.start, x.end) for x in (q.cue, q.speaker) if x is not None]
    return min(p[0] for p in parts), max(p[1] for p in parts)


class _Corpus:
    """Parsed documents with their quotes, computed once."""

    def __init__(self, docs: list[tuple[str, ParsedDoc]], with_scorer: bool) -> None:
        self.docs, self.with_scorer = docs, with_scorer
        self.quotes = [run(doc, with_scorer) for _, doc in docs]
        self.dicts = [[json.dumps(q.to_dict(), sort_keys=True) for q in qs] for qs in self.quotes]

    def candidates(self, rule: str) -> Iterator[tuple[str, str]]:
        """(source, passage) pairs where ``rule`` acts: named in a trace, else changing the
        output when switched off; shortest first within each document."""
        traced = [(k, q) for k, qs in enumerate(self.quotes) for q in qs if any(s.rule == rule for s in q.trace)]
        yield from self._passages(traced)
        if traced:
            return
        for k, (_, doc) in enumerate(self.docs):
            with switched_off([rule]):
                off = run(doc, self.with_scorer)
            after = [json.dumps(q.to_dict(), sort_keys=True) for q in off]
            if after != self.dicts[k]:
                changed = set(after) ^ set(self.dicts[k])
                yield from self._passages([(k, q) for q in self.quotes[k] + off
                                           if json.dumps(q.to_dict(), sort_keys=True) in changed])

    def _passages(self, spots: list[tuple[int, Any]]) -> Iterator[tuple[str, str]]:
        """The passage of each spot, then with up to three sentences before it (a name or a
        role given earlier: "Secretary of State John Kerry arrived ... Mr. Kerry said")."""
        for k, q in sorted(spots, key=lambda kq: kq[1].end - kq[1].start):
            doc = self.docs[k][1]
            start, end = _span_of(q)
            first = next((s for s in doc.sentences if doc.words[s.last - 1].end > start), None)
            for back in range(4):
                if first is None or first.index - back < 0:
                    break
                text = _passage(doc, doc.words[doc.sentences[first.index - back].first].start, end)
                if text and len(text) <= MAX_PASSAGE * (1 + back):
                    yield self.docs[k][0], text


def build(extractor: Extractor, docs: list[tuple[str, ParsedDoc]], log: Any = print) -> list[dict[str, Any]]:
    cases = []
    corpora = {flag: _Corpus(docs, flag) for flag in (False, True)}
    for r in RULES:
        if r.stage == "repair":
            continue  # repairs act while parsing: tests/test_repairs.py holds their cases
        found = None
        corpus = corpora[learned(r.name)]
        tries = [c for _, c in zip(range(TRIES), corpus.candidates(r.name))] + [("example", e) for e in r.examples]
        for source, text in tries:
            parsed = ParsedDoc.from_conllu(extractor.parse(text).to_conllu())
            how = acts(r.name, parsed)
            if how:
                found = {"rule": r.name, "acts": how, "learned": learned(r.name), "source": source,
                         "conllu": parsed.to_conllu(), "text": parsed.text, "quotes": _quotes(parsed, learned(r.name))}
                break
        log(f"{r.name}: {'case from ' + found['source'] if found else 'no case found'}")
        if found:
            cases.append(found)
    for text in NEGATIVES.read_text(encoding="utf-8").splitlines():
        if text.strip() and not text.startswith("#"):
            parsed = ParsedDoc.from_conllu(extractor.parse(text).to_conllu())
            cases.append({"rule": None, "acts": None, "source": "negatives.txt", "conllu": parsed.to_conllu(),
                          "text": parsed.text, "quotes": _quotes(parsed)})
    return cases


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.rule_cases", description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", type=Path, default=None, metavar="DIR")
    ap.add_argument("--train", type=int, default=210, metavar="N", help="PolNeAR train articles (every 4th by id)")
    ap.add_argument("--out", type=Path, default=CASES)
    args = ap.parse_args(argv)
    extractor = Extractor()
    text, _ = seed.load_gold()
    train = sorted(polnear.load_split(args.polnear or polnear.default_dir(), "train", None), key=lambda d: d.doc_id)[::4][: args.train]
    names = ["seed"] + [d.doc_id for d in train]
    texts = [text] + [d.text for d in train]
    parsed = []
    for k in range(0, len(texts), 8):
        parsed += extractor.parse_many(texts[k : k + 8])
        print(f"parsed {len(parsed)}/{len(texts)}", file=sys.stderr)
    cases = build(extractor, list(zip(names, parsed)), log=lambda m: print(m, file=sys.stderr))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    print(f"wrote {len(cases)} cases to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
