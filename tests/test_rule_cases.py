"""The table of rule tests (tests/rules/cases.jsonl, built by ``python -m benchmarks.rule_cases``).

Each case is a real passage parsed as CoNLL-U (no model needed), the quotes it yields in
``scope="attributions"`` (with the learned scorer for an open-class cue's rule), with
kind, text and speaker, and the rule it shows: named in a quote's trace, or changing the
output when switched off. Cases without a rule are negative: scare quotes, titles, headlines
and reader comments, which yield no quote.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kora_quotes import attribute
from kora_quotes.parsing.doc import ParsedDoc
from kora_quotes.rules.registry import RULES, switched_off

CASES = [json.loads(line) for line in (Path(__file__).parent / "rules" / "cases.jsonl").read_text(encoding="utf-8").splitlines()]


def _run(doc, case):
    """``scope="attributions"``, with the learned scorer for a rule of the open-class cues."""
    return attribute(doc, scope="attributions", learned=bool(case.get("learned")))


def _seen(quotes):
    return [(q.kind.value, q.text, q.speaker.name if q.speaker else None) for q in quotes]


@pytest.mark.parametrize("case", [c for c in CASES if c["rule"]], ids=lambda c: c["rule"])
def test_rule_acts_on_its_case(case):
    doc = ParsedDoc.from_conllu(case["conllu"])
    quotes = _run(doc, case)
    assert _seen(quotes) == [(q["kind"], q["text"], q["speaker"]) for q in case["quotes"]]
    if case["acts"] == "trace":
        assert any(s.rule == case["rule"] for q in quotes for s in q.trace)
    with switched_off([case["rule"]]):
        off = _run(doc, case)
    if case["acts"] == "ablation":
        assert _seen(off) != _seen(quotes) or [q.to_dict() for q in off] != [q.to_dict() for q in quotes]
    assert not any(s.rule == case["rule"] for q in off for s in q.trace)


@pytest.mark.parametrize("case", [c for c in CASES if not c["rule"]], ids=lambda c: c["text"][:40])
def test_negative_case_yields_no_quote(case):
    doc = ParsedDoc.from_conllu(case["conllu"])
    assert _run(doc, case) == []
    assert attribute(doc) == []  # nor in the default scope, learned scorer on


def test_the_table_covers_the_rules():
    """Every rule that acts on parsed words has a case, but those listed in docs/rules.md as
    having none in the seed or the PolNeAR train sample."""
    covered = {c["rule"] for c in CASES}
    missing = [r.name for r in RULES if r.stage != "repair" and r.name not in covered]
    assert len(missing) <= len(list(RULES)) // 4, missing
