"""Rule worth on the roleset (benchmarks/roleset): what switching a rule off changes in the
speaker names, roles, affiliations, venues and addressees found right on its 42 hand-labeled
articles, which PolNeAR and the seed do not label. Part of ``python -m benchmarks --ablate``.

The rules were written from the tune half; the test half is the number to read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from kora_quotes.parsing.doc import ParsedDoc
from kora_quotes.rules.registry import Rule

from . import polnear, roleset

HALVES = ("tune", "test")


class Roleset:
    """The roleset's parsed articles and labels, scored with any rules switched off."""

    def __init__(self, docs: dict[str, ParsedDoc], labels: Sequence[dict[str, Any]]) -> None:
        self.docs, self.labels = docs, list(labels)
        self.base = self.rights()

    @classmethod
    def load(cls, cache_dir: Optional[Path]) -> "Roleset":
        from .ablate import build, parse_all

        articles, labels = roleset.labelled(polnear.default_dir())
        raw = parse_all({f"roleset/{d.doc_id}": d.text for d in articles}, cache_dir)
        return cls({d.doc_id: build(raw[f"roleset/{d.doc_id}"]) for d in articles}, labels)

    def rights(self, off: Iterable[str] = ()) -> dict[str, int]:
        """How many labels each measure gets right, per half: ``{"test_role": 107, ...}``."""
        from .ablate import predict

        preds = {k: predict(doc, off) for k, doc in self.docs.items()}
        out = {}
        for half in HALVES:
            scores = roleset.score([l for l in self.labels if l["half"] == half], preds)
            out.update({f"{half}_{m}": scores[m]["right"] for m in roleset.MEASURES})
        return out

    def worth(self, rule: Rule) -> dict[str, int]:
        """Rule off minus all on, per half and measure (negative: the rule gets labels right)."""
        got = self.rights([rule.name])
        return {k: got[k] - v for k, v in self.base.items()}


def worth_text(d: dict[str, int]) -> str:
    """ "roleset tune/test: Δname +0/-1, Δrole ..." for a rule's line in docs/rules.md."""
    return "roleset tune/test: " + ", ".join(
        f"Δ{m} {d.get(f'tune_{m}', 0):+d}/{d.get(f'test_{m}', 0):+d}" for m in roleset.MEASURES)
