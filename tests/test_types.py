"""What a cue attributes (kora_quotes.rules.types) and the benchmark's typing of gold attributions."""

import pytest

from benchmarks import types
from kora_quotes import AttributionType
from kora_quotes.parsing.doc import ParsedDoc
from kora_quotes.rules.types import lemma_type

POLL = """# newpar
# text = The poll shows Clinton ahead.
1	The	the	DET	DT	_	2	det	_	start_char=0|end_char=3
2	poll	poll	NOUN	NN	_	3	nsubj	_	start_char=4|end_char=8
3	shows	show	VERB	VBZ	_	0	root	_	start_char=9|end_char=14
4	Clinton	Clinton	PROPN	NNP	_	3	obj	_	start_char=15|end_char=22
5	ahead	ahead	ADV	RB	_	3	advmod	_	start_char=23|end_char=28
6	.	.	PUNCT	.	_	3	punct	_	start_char=28|end_char=29
"""


@pytest.mark.parametrize("lemma, source, expected", [
    ("say", "", "speech"), ("tell", "", "speech"), ("according to", "", "speech"), ("statement", "", "speech"),
    ("criticism", "", "speech"), ("believe", "", "thought"), ("fear", "", "thought"),
    ("want", "", "intention"), ("plan", "", "intention"), ("find", "", "finding"),
    ("show", "poll", "finding"), ("suggest", "study", "finding"), ("according to", "poll", "speech"), ("see", "", "perception"),
    ("see", "survey", "finding"), ("build", "", "other"),
])
def test_a_cue_lemma_says_what_is_attributed(lemma, source, expected):
    assert lemma_type(lemma, source) == AttributionType(expected)


def test_gold_attributions_are_typed_by_their_cue_on_the_parse():
    doc = ParsedDoc.from_conllu(POLL)
    gold = {"content": [(15, 28)], "source": [(0, 8)], "cue": [(9, 14)]}
    assert types.gold_type(doc, gold) == "finding"
    assert types.gold_type(doc, {**gold, "cue": []}) == "speech"  # a quotation going on
    counts = types.count(doc, [gold], [{"spans": [[15, 22]], "attribution": "finding"}])
    summary = types.summarize(counts)
    assert summary["finding"] == {"gold": 1, "found": 1, "recall": 1.0, "pred": 1, "right": 1, "precision": 1.0}
    assert summary["speech"]["recall"] is None
