"""The parse repairs (kora_quotes.parsing.repairs): each named rule on its example, the input
before and after; switched off, the input passes through unchanged (no model needed)."""


from pathlib import Path

import pytest

from kora_quotes.parsing import repairs
from kora_quotes.parsing.doc import ParsedDoc
from kora_quotes.rules.registry import RULES, switched_off


NAMES = ["repair.unreadable_masked", "repair.masked_dateline", "repair.spaced_token_split", "repair.real_contractions_only",
         "repair.stub_sentence_joined", "repair.long_sentence_split", "repair.title_attached_to_name"]
FIXTURES = Path(__file__).parent / "fixtures"


def _example(name, k=0):
    return RULES[name].examples[k]






def test_the_repairs_are_named_rules_of_the_repair_stage_in_the_order_they_run():
    assert [r.name for r in RULES.stage("repair")] == NAMES
    # all in one module, each with an example and a description
    assert {r.func.__module__ for r in RULES.stage("repair")} == {"kora_quotes.parsing.repairs"}
    assert all(r.examples and r.description for r in RULES.stage("repair"))


# -- before tokenizing ------------------------------------------------------------


def test_unreadable_masked():
    text = _example("repair.unreadable_masked")  # "Mr\x1d. Kerry said he was ready."
    after = repairs.repair_text(text)
    assert after == "Mr . Kerry said he was ready." and len(after) == len(text)
    odd = "a\u200bb\ud800c\x00d\u2028e\tf\ng\rh\ufeffi\x85j\xadk"
    assert repairs.mask_unreadable(odd) == "a\u200bb c d\u2028e\tf\ng\rh\ufeffi j\xadk"
    with switched_off(["repair.unreadable_masked"]):
        assert repairs.repair_text(text) == text


def test_masked_dateline():
    text = _example("repair.masked_dateline")  # "TOKYO—Secretary of State John Kerry said ..."
    after = repairs.repair_text(text)
    assert after == " " * 6 + "Secretary of State John Kerry said he would be willing to talk."
    assert len(after) == len(text)  # offsets hold
    assert repairs.mask_dateline("U.S. officials said so.") == "U.S. officials said so."
    with switched_off(["repair.masked_dateline"]):
        assert repairs.repair_text(text) == text


# -- the tokenizer's output ---------------------------------------------------------


def test_real_contractions_only():
    assert _example("repair.real_contractions_only").startswith("Interim DNC Chairwoman Donna Brazile")
    # the tokenizer marks "Donna" a multi-word token ("Don na"), like "don't"
    before = [["Interim", "DNC", "Chairwoman", ("Donna", True), "Brazile", "said", "we", ("don't", True), ("gonna", True)]]
    after = [["Interim", "DNC", "Chairwoman", "Donna", "Brazile", "said", "we", ("don't", True), ("gonna", True)]]
    assert repairs.retokenize(before) == after
    with switched_off(["repair.real_contractions_only"]):
        assert repairs.retokenize(before) == before


def test_stub_sentence_joined():
    text = _example("repair.stub_sentence_joined")  # "The vote was close.\n\nSen. Bob Corker said ..."
    before = [["The", "vote", "was", "close", "."], ["Sen", "."],
              ["Bob", "Corker", "said", "the", "plan", "would", "fail", "."]]
    with repairs.raw_text(text):
        assert repairs.retokenize(before) == [["The", "vote", "was", "close", "."],
                                              ["Sen.", "Bob", "Corker", "said", "the", "plan", "would", "fail", "."]]
        with switched_off(["repair.stub_sentence_joined"]):
            assert repairs.retokenize(before) == before

    text = _example("repair.stub_sentence_joined", 1)  # "Texas Gov. Dan Patrick says Sen. Ted Cruz ..."
    before = [["Texas", "Gov.", "Dan", "Patrick", "says", "Sen", "."], ["Ted", "Cruz", "is", "standing", "tall", "."]]
    with repairs.raw_text(text):
        assert repairs.retokenize(before) == [["Texas", "Gov.", "Dan", "Patrick", "says", "Sen.", "Ted", "Cruz", "is",
                                               "standing", "tall", "."]]
        with switched_off(["repair.stub_sentence_joined"]):
            assert repairs.retokenize(before) == before


def test_spaced_token_split():
    assert repairs.retokenize([["x", "Mr. Residents"]]) == [["x", "Mr.", "Residents"]]
    with switched_off(["repair.spaced_token_split"]):
        assert repairs.retokenize([["x", "Mr. Residents"]]) == [["x", "Mr. Residents"]]


def test_no_sentence_is_joined_across_the_texts_of_a_batch():
    # stanza tokenizes a batch's texts together: "Photo: Sen." ends one text, not a title before a name
    sentences = [["Photo", ":", "Sen."], ["Marlowe", "said", "so", "."]]
    with repairs.raw_text("Photo: Sen.\n\nMarlowe said so."):
        assert repairs.retokenize(sentences) == sentences
    with repairs.raw_text("Photo: Sen. Marlowe said so."):
        assert repairs.retokenize(sentences) == [["Photo", ":", "Sen.", "Marlowe", "said", "so", "."]]


def test_long_sentence_split():
    marks = [['"'] * 1000]
    assert [len(s) for s in repairs.retokenize(marks)] == [200] * 5
    words = [["w"] * 150 + [","] + ["w"] * 120 + [";"] + ["w"] * 10]
    assert [len(s) for s in repairs.retokenize(words)] == [151, 131]  # after the comma, then whole
    assert repairs.retokenize([["w"] * 200]) == [["w"] * 200]
    with switched_off(["repair.long_sentence_split"]):
        assert repairs.retokenize(marks) == marks


# -- the parsed words ----------------------------------------------------------------


def _shape(text):
    """The block of small_parser_shapes.conllu whose sentence is ``text``, as a parser gave it."""
    blocks = (FIXTURES / "small_parser_shapes.conllu").read_text(encoding="utf-8").split("# newpar")
    (block,) = [b for b in blocks if f"# text = {text}\n" in b]
    return ParsedDoc.from_conllu("# newpar" + block)


def _arcs(words, *texts):
    """(head word's text, relation) of the first word with each text."""
    first = {}
    for w in words:
        first.setdefault(w.text, w)
    return [(words[first[t].head].text, first[t].deprel) for t in texts]


def test_title_attached_to_name():
    before = _shape(RULES["repair.title_attached_to_name"].examples[0])  # "Mr. Kerry also suggested ..."
    assert _arcs(before.words, "Mr.", "Kerry") == [("suggested", "nsubj"), ("suggested", "nsubj")]
    after = repairs.repair_words(before.words)
    assert _arcs(after, "Mr.", "Kerry") == [("Kerry", "nmod:desc"), ("suggested", "nsubj")]
    with switched_off(["repair.title_attached_to_name"]):
        assert repairs.repair_words(before.words) == before.words


def test_a_doc_read_from_conllu_is_the_parse_as_given():
    before = _shape(RULES["repair.title_attached_to_name"].examples[0])
    assert ParsedDoc(before.text, list(before.words), before.sentences, before.paragraphs).words == before.words


@pytest.mark.parametrize("name", NAMES)
def test_a_switched_off_repair_gives_its_input_back(name):
    with switched_off([name]):
        assert RULES[name].func(object()) is None  # "no repair": the stage keeps its input


