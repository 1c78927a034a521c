"""The character-encoder and vocabulary fast paths give stanza's own results."""

import copy

import pytest
import stanza
from stanza.models.common import char_model, vocab

from kora_quotes.parsing import fastpath as _fastpath
from kora_quotes.parsing.load import load_pipeline

NEWS = ("The plan will fail, the senator said. \"We're not going to accept that,\" said an aide who asked "
        "not to be named. Officials said the talks, which began in May and were suspended twice, could "
        "resume as early as next week if both sides agree, according to the ministry's spokesman.")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("embedded")  # installs the fast paths


def _run(nlp, forward):
    saved = char_model.CharacterModel.forward
    char_model.CharacterModel.forward = forward
    try:
        doc = stanza.Document([], text=NEWS)
        for name in ("tokenize", "mwt", "pos", "lemma", "depparse"):
            doc = nlp.processors[name].process(doc)
        return [(w.upos, w.xpos, w.head, w.deprel) for s in doc.sentences for w in s.words]
    finally:
        char_model.CharacterModel.forward = saved


def test_tags_and_parses_as_with_stanzas_encoder(nlp):
    assert char_model.CharacterModel.forward is _fastpath.forward
    fast = _run(nlp, _fastpath.forward)
    plain = _run(nlp, _fastpath._original_forward)
    assert len(fast) > 50 and fast == plain


def test_repeated_words_are_encoded_once(nlp, monkeypatch):
    """'the' and ',' recur in the text: the LSTM sees fewer rows than there are tokens."""
    seen = []
    model = nlp.processors["pos"].trainer.model.charmodel
    lstm_forward = type(model.charlstm).forward

    def spy(self, input, lengths, hx=None):
        seen.append(len(lengths))
        return lstm_forward(self, input, lengths, hx)

    monkeypatch.setattr(type(model.charlstm), "forward", spy)
    _run(nlp, _fastpath.forward)
    tokens = len(_run(nlp, _fastpath.forward))
    assert seen and max(seen) < tokens


def test_vocab_map_same_ids(nlp):
    tagger_vocab = nlp.processors["pos"].trainer.vocab
    words = ["the", "The", "senator", "Senator", "zzqx", "", "said", "U.S."]
    checked = 0
    for key in ("word", "upos", "xpos", "char"):
        v = tagger_vocab[key]
        if type(v).map is not _fastpath.vocab_map:
            continue
        assert v.map(words) == _fastpath._original_map(v, words)
        checked += 1
    lowered = copy.copy(tagger_vocab["word"])
    lowered.lower = True
    assert lowered.map(words) == _fastpath._original_map(lowered, words)
    assert checked >= 2


def test_vocab_classes_with_their_own_lookup_keep_it():
    from stanza.models.pos.vocab import XPOSVocab  # overrides unit2id

    assert XPOSVocab.unit2id is not vocab.BaseVocab.unit2id


def test_word_vocab_with_ignored_units_as_stanzas():
    from stanza.models.pos.vocab import WordVocab

    v = WordVocab([[("a",), ("b",), ("_",), ("A",)]], idx=0, ignore=["_"])
    units = ["a", "b", "_", "A", "zz", None]
    assert v.map(units) == _fastpath._original_map(v, units)
    assert v.map(["_"]) == [v.unit2id("_")]


def test_composite_unmap_as_stanzas(nlp):
    xpos = nlp.processors["pos"].trainer.vocab["xpos"]
    ids = [xpos.unit2id(t) for t in ["NN", "VBD", "NNP", "NN", "ZZZ"]]
    assert xpos.unmap(ids) == _fastpath._original_unmap(xpos, ids)
    assert xpos.unmap(ids)[:3] == ["NN", "VBD", "NNP"]


@pytest.mark.parametrize("rows", [[[3, 4, 5], [6], []], [[1]], [[7, 8], [9, 10]]])
def test_long_tensor_as_stanzas(rows):
    import torch

    for batch in (len(rows), len(rows) + 2):
        assert torch.equal(_fastpath.long_tensor(rows, batch), _fastpath._original_long_tensor(rows, batch))
        assert torch.equal(_fastpath.long_tensor(rows, batch, pad_id=9), _fastpath._original_long_tensor(rows, batch, pad_id=9))


def test_long_tensor_of_nested_rows_goes_to_stanza():
    import torch

    rows = [[[1, 2], [3, 4]], [[5, 6]]]
    assert torch.equal(_fastpath.long_tensor(rows, 2), _fastpath._original_long_tensor(rows, 2))


def test_dictionary_lemmas_as_stanzas(nlp):
    lemma = nlp.processors["lemma"]
    assert lemma.config.get("dict_only")
    doc = stanza.Document([], text=NEWS)
    for name in ("tokenize", "mwt", "pos"):
        doc = nlp.processors[name].process(doc)
    fast = [w.lemma for w in _fastpath.lemma_process(lemma, copy.deepcopy(doc)).iter_words()]
    plain = [w.lemma for w in _fastpath._original_lemma_process(lemma, copy.deepcopy(doc)).iter_words()]
    assert fast == plain and "say" in fast and "talk" in fast


def test_composite_map_as_stanzas(nlp):
    from stanza.models.common.vocab import BaseVocab

    xpos = nlp.processors["pos"].trainer.vocab["xpos"]
    tags = ["NN", "VBD", "NNP", "NN", "ZZZ", "_"]
    assert xpos.map(tags) == BaseVocab.map(xpos, tags) == [xpos.unit2id(t) for t in tags]


def test_tokens_reassembled_as_stanzas(nlp, monkeypatch):
    """Through the library's retokenizer (a stanza postprocessor): the same Document either way."""
    from stanza.models.tokenization import utils as tokenization

    text = (NEWS + "\n\nHe said \"I can't\" and won't. Gonna go, wanna see. Mr. Smith's U.S.-based firm "
            "(Sen. Kerry, D-Mass.) lost $5.2 million.")
    docs = []
    for reassemble in (_fastpath.reassemble, _fastpath._original_reassemble):
        monkeypatch.setattr(tokenization, "reassemble_doc_from_tokens", reassemble)
        docs.append(nlp.processors["mwt"].process(nlp.processors["tokenize"].process(text)).to_dict())
    assert docs[0] == docs[1] and len(docs[0]) >= 6


def test_hand_given_expansions_go_to_stanza():
    called = []
    saved = _fastpath._original_reassemble
    _fastpath._original_reassemble = lambda *args: called.append(args) or "stanza's"
    try:
        assert _fastpath.reassemble([["gonna"]], [[True]], [["gon na"]], "gonna") == "stanza's"
        assert _fastpath.reassemble([["go"]], [[False]], [[None]], "go") == [[
            {"id": (1,), "text": "go", "start_char": 0, "end_char": 2}]]
    finally:
        _fastpath._original_reassemble = saved
    assert len(called) == 1


@pytest.mark.parametrize("lens", [[3, 1, 3, 2], [5], [2, 2, 2], [1, 4, 0, 4, 1]])
def test_sort_all_as_stanzas(lens):
    fields = [[f"w{i}" for i in range(len(lens))], [[i] * n for i, n in enumerate(lens)]]
    assert _fastpath.sort_all(fields, lens) == _fastpath._original_sort_all(fields, lens)
    assert _fastpath.sort_all([[]], []) == _fastpath._original_sort_all([[]], [])


def test_fastpath_benchmark_report_flags_changed_parses():
    from benchmarks import fastpath

    result = {"ewt": {"median_tokens_per_second": {"stanza": 1400.0, "fast": 2100.0, "bf16": 2300.0}, "speed_up": 1.5,
                      "speed_up_bf16": 1.64, "identical_output": True,
                      "bf16_agreement": {"Sentences": 99.9, "UPOS": 99.95, "LAS": 99.8}},
              "gum": {"median_tokens_per_second": {"stanza": 1400.0, "fast": 2100.0}, "speed_up": 1.5,
                      "identical_output": False}}
    table = fastpath.report(result).splitlines()
    assert table[2] == "| EWT test | 1,400 | 2,100 | 1.50x | yes | 2,300 | 1.64x | 99.90 / 99.95 / 99.80 |"
    assert table[3].startswith("| GUM test | 1,400 | 2,100 | 1.50x | NO |")
