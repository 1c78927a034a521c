"""Every rule's examples show the rule at work, parsed by the embedded models: the rule is named
in a quote's trace, or switching it off changes the output. (Parse repairs act while parsing;
tests/test_repairs.py shows theirs.)"""

from __future__ import annotations

import pytest

from kora_quotes import RULES, Extractor, attribute, switched_off

# Rules whose own example the shipped parser reads so that another rule does the work; their
# worth is measured in docs/rules.md.
NOT_SHOWN: set[str] = set()


@pytest.fixture(scope="module")
def parses():
    try:
        ex = Extractor()
    except Exception as exc:  # pragma: no cover - the embedded models ship with the package
        pytest.skip(f"models do not load: {exc}")
    texts = sorted({e for r in RULES if r.stage != "repair" for e in r.examples})
    return dict(zip(texts, ex.parse_many(texts)))


def _acts(name, doc):
    """In ``scope="attributions"``, by the rules alone or with the learned scorer (open-class cues)."""
    return any(_acts_in(name, doc, learned) for learned in (False, True))


def _acts_in(name, doc, learned):
    quotes = attribute(doc, scope="attributions", learned=learned)
    if any(s.rule == name for q in quotes for s in q.trace):
        return True
    with switched_off([name]):
        return [q.to_dict() for q in attribute(doc, scope="attributions", learned=learned)] != [q.to_dict() for q in quotes]


@pytest.mark.parametrize("name", [r.name for r in RULES if r.stage != "repair"])
def test_a_rules_examples_show_it(parses, name):
    shown = any(_acts(name, parses[e]) for e in RULES[name].examples)
    assert shown != (name in NOT_SHOWN), name
