"""The character-encoder and vocabulary fast paths give stanza's own results."""

import copy

import pytest
import stanza
from stanza.models.common import char_model, vocab

from kora_quotes import _fastchars
from kora_quotes._parse import load_pipeline

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
    assert char_model.CharacterModel.forward is _fastchars.forward
    fast = _run(nlp, _fastchars.forward)
    plain = _run(nlp, _fastchars._original_forward)
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
    _run(nlp, _fastchars.forward)
    tokens = len(_run(nlp, _fastchars.forward))
    assert seen and max(seen) < tokens


def test_vocab_map_same_ids(nlp):
    tagger_vocab = nlp.processors["pos"].trainer.vocab
    words = ["the", "The", "senator", "Senator", "zzqx", "", "said", "U.S."]
    checked = 0
    for key in ("word", "upos", "xpos", "char"):
        v = tagger_vocab[key]
        if type(v).map is not _fastchars.vocab_map:
            continue
        assert v.map(words) == _fastchars._original_map(v, words)
        checked += 1
    lowered = copy.copy(tagger_vocab["word"])
    lowered.lower = True
    assert lowered.map(words) == _fastchars._original_map(lowered, words)
    assert checked >= 2


def test_vocab_classes_with_their_own_lookup_keep_it():
    from stanza.models.pos.vocab import XPOSVocab  # overrides unit2id

    assert XPOSVocab.unit2id is not vocab.BaseVocab.unit2id
