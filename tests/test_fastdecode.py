"""The decoding fast path gives exactly stanza's trees."""

import numpy as np
import pytest
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

from kora_quotes import _fastdecode


@pytest.fixture(autouse=True)
def original():
    _fastdecode._original = chuliu_edmonds_one_root


def _scores(heads, noise, rng):
    n = len(heads)
    s = rng.normal(size=(n, n)) * noise
    for d, h in enumerate(heads):
        if d:
            s[d, h] += 5.0
    np.fill_diagonal(s, -np.inf)
    return s


def test_fast_path_on_a_clear_tree():
    rng = np.random.default_rng(0)
    heads = [0, 2, 0, 2, 3]
    s = _scores(heads, 0.1, rng)
    assert list(_fastdecode.decode(s)[1:]) == heads[1:]
    assert list(chuliu_edmonds_one_root(s)[1:]) == heads[1:]


@pytest.mark.parametrize("seed", range(200))
def test_same_trees_as_stanza_on_random_scores(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 15))
    s = rng.normal(size=(n, n))
    np.fill_diagonal(s, -np.inf)
    assert np.array_equal(_fastdecode.decode(s)[1:], chuliu_edmonds_one_root(s)[1:])


def test_two_roots_or_a_cycle_go_to_stanza():
    assert not _fastdecode._is_single_root_tree(np.array([0, 0, 0]))
    assert not _fastdecode._is_single_root_tree(np.array([0, 2, 1, 0]))
    assert _fastdecode._is_single_root_tree(np.array([0, 0, 1, 2]))


def test_fast_predict_gives_stanzas_heads_and_labels():
    """Labels scored for the decoded arcs only: the same parse as stanza's own predict."""
    import copy

    import stanza
    from stanza.models.depparse import model as stanza_model

    from kora_quotes._parse import load_pipeline

    nlp = load_pipeline("embedded")  # installs the fast path
    text = ("The plan will fail, the senator said. Mr. Kerry told reporters in Tokyo that the United States "
            "was prepared to reach out, but that North Korea had to stop its tests first. \"We're not going to "
            "accept that,\" said an aide who asked not to be named. Officials said the talks, which began in "
            "May and were suspended twice, could resume as early as next week if both sides agree.")
    doc = stanza.Document([], text=text)
    for name in ("tokenize", "mwt", "pos", "lemma"):
        doc = nlp.processors[name].process(doc)
    fast = stanza_model.GraphParser.predict
    parses = []
    for predict in (_fastdecode._original_predict, fast):
        stanza_model.GraphParser.predict = predict
        try:
            parsed = nlp.processors["depparse"].process(copy.deepcopy(doc))
        finally:
            stanza_model.GraphParser.predict = fast
        parses.append([(w.head, w.deprel) for s in parsed.sentences for w in s.words])
    assert fast is _fastdecode.predict and parses[0] == parses[1] and len(parses[0]) > 60
