"""Dependency patterns as data: the arcs that tie a quotation to its cue.

Each row of ``data/patterns.tsv`` is checked when it loads (known fields, UD relations,
an example) and registered as the rule ``direct.link.<name>``; :func:`link` tells which
pattern, if any, ties a cue to the words of a quotation.
"""

from __future__ import annotations

import functools
from typing import Optional

import attrs

from ..lexicon import _rows
from .candidates import Context
from .cues import cue_class
from .registry import RULES, Rule, is_on

# The universal dependency relations (without subtype) a pattern may name.
UD_RELATIONS = frozenset(
    "acl advcl advmod amod appos aux case cc ccomp clf compound conj cop csubj dep det discourse dislocated "
    "expl fixed flat goeswith iobj list mark nmod nsubj nummod obj obl orphan parataxis punct reparandum root "
    "vocative xcomp".split())
_ENDS = ("quote", "cue")


@attrs.frozen
class Pattern:
    name: str
    source: str  # "quote" or "cue": the word whose head is looked up
    target: str  # where that head lies
    rels: frozenset[str]  # empty: any
    via: Optional[frozenset[str]]  # None: a direct arc; empty: any word; else these relations
    via_not_upos: frozenset[str]
    priority: int
    example: str

    @classmethod
    def from_row(cls, row: list[str]) -> "Pattern":
        if len(row) != 8:
            raise ValueError(f"data/patterns.tsv: a row needs 8 tab-separated fields, got {len(row)}: {row!r}")
        name, source, target, rels, via, not_upos, priority, example = row
        if source not in _ENDS or target not in _ENDS or source == target:
            raise ValueError(f"data/patterns.tsv, {name}: from/to must be 'quote' and 'cue', got {source!r}, {target!r}")
        sets = {key: frozenset() if value == "*" else frozenset(value.split(",")) for key, value in (("rels", rels), ("via", via))}
        bad = sorted((sets["rels"] | (sets["via"] if via != "-" else frozenset())) - UD_RELATIONS)
        if bad:
            raise ValueError(f"data/patterns.tsv, {name}: not UD relations: {', '.join(bad)}")
        if not example.strip():
            raise ValueError(f"data/patterns.tsv, {name}: give an example sentence")
        return cls(name, source, target, sets["rels"], None if via == "-" else sets["via"],
                   frozenset() if not_upos == "-" else frozenset(not_upos.split(",")), int(priority), example)

    @property
    def rule_name(self) -> str:
        return f"direct.link.{self.name}"

    def ties(self, ctx: Context, cue: int, qwords: set[int]) -> bool:
        doc = ctx.doc
        starts = sorted(qwords) if self.source == "quote" else [cue]
        goal = (lambda j: j == cue) if self.target == "cue" else (lambda j: j in qwords)
        for j in starts:
            w = doc.words[j]
            if self.rels and w.rel not in self.rels:
                continue
            if self.via is None:
                if goal(w.head):
                    return True
                continue
            h = w.head
            if h < 0 or h in qwords or not goal(doc.words[h].head) or doc.words[h].upos in self.via_not_upos:
                continue
            if not self.via or (doc.words[h].rel in self.via and h not in ctx.quote_of_word and cue_class(doc.words[h]) is None):
                return True
        return False


@functools.cache
def patterns() -> tuple[Pattern, ...]:
    """The patterns of data/patterns.tsv, highest priority first, each registered as a rule."""
    loaded = sorted((Pattern.from_row(row) for row in _rows("patterns.tsv")), key=lambda p: -p.priority)
    for p in loaded:
        RULES.register(Rule(p.rule_name, "direct", p.priority, (p.example,),
                            f"the quotation is tied to its cue by the dependency pattern {p.name!r} (data/patterns.tsv)",
                            p.ties, False))
    return tuple(loaded)


def link(ctx: Context, cue: int, qwords: set[int]) -> Optional[str]:
    """The rule name of the first pattern that ties ``cue`` to the quotation's words, or None."""
    return next((p.rule_name for p in patterns() if is_on(p.rule_name) and p.ties(ctx, cue, qwords)), None)
