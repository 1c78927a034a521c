"""The decoding fast path gives exactly stanza's trees."""

import numpy as np
import pytest
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

from kora_quotes.parsing import fastdecode as _fastdecode


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

    from kora_quotes.parsing.load import load_pipeline

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


@pytest.mark.parametrize("seed", range(50))
def test_cycles_as_stanzas_tarjan(seed):
    from stanza.models.common import chuliu_edmonds

    tarjan = _fastdecode._original_tarjan or chuliu_edmonds.tarjan
    rng = np.random.default_rng(seed)
    for _ in range(40):
        n = int(rng.integers(2, 30))
        tree = rng.integers(0, n, size=n)
        tree[0] = 0
        theirs, ours = tarjan(tree.copy()), _fastdecode.cycles(tree.copy())
        assert len(theirs) == len(ours) and all(np.array_equal(a, b) for a, b in zip(theirs, ours))


def test_cycles_of_a_known_graph():
    # 1 -> 3 -> 2 -> 1 is a cycle; 4 hangs on it; 5 is its own head (not a cycle)
    found = _fastdecode.cycles(np.array([0, 3, 1, 2, 1, 5]))
    assert len(found) == 1 and list(np.flatnonzero(found[0])) == [1, 2, 3]


class _Bilinear:
    def __init__(self, weight, bias):
        self.weight, self.bias = weight, bias


def test_arc_labels_are_float32s_even_on_near_ties(monkeypatch):
    """Labels 0 and 1 differ by a hair: bfloat16 alone picks wrongly, the fallback does not."""
    import torch

    if not _fastdecode.bf16_fast():
        pytest.skip("this CPU has no bfloat16 arithmetic: the float32 path runs alone")
    torch.manual_seed(0)
    dep, chosen = torch.relu(torch.randn(400, 41)), torch.relu(torch.randn(400, 41))
    weight = torch.randn(41, 41, 5) * 0.3
    weight[:, :, 1] = weight[:, :, 0] + torch.randn(41, 41) * 1e-4
    bilinear = _Bilinear(weight, torch.zeros(5))
    exact = torch.einsum("RJO,RJ->RO", torch.einsum("RI,IJO->RJO", dep, weight), chosen).argmax(1)
    assert torch.equal(_fastdecode._arc_labels(dep, chosen, bilinear), exact)
    monkeypatch.setattr(_fastdecode, "_BF16_MARGIN", 0.0)
    assert not torch.equal(_fastdecode._arc_labels(dep, chosen, bilinear), exact)


def test_arc_labels_match_float32_on_the_shipped_parser(monkeypatch):
    import torch

    from kora_quotes.parsing.load import load_pipeline

    nlp = load_pipeline("embedded")
    bilinear = nlp.processors["depparse"].trainer.model.deprel.scorer.W_bilin
    torch.manual_seed(1)
    n_in, n_out, _ = bilinear.weight.shape
    dep, chosen = torch.relu(torch.randn(500, n_in)), torch.relu(torch.randn(500, n_out))
    with torch.no_grad():
        fast = _fastdecode._arc_labels(dep, chosen, bilinear)
        monkeypatch.setattr(_fastdecode, "bf16_fast", lambda: False)
        exact = _fastdecode._arc_labels(dep, chosen, bilinear)
    assert torch.equal(fast, exact)


def test_arc_labels_go_a_block_at_a_time_with_the_same_labels(monkeypatch):
    import torch

    torch.manual_seed(2)
    dep, chosen = torch.randn(700, 21), torch.randn(700, 21)
    bilinear = _Bilinear(torch.randn(21, 21, 7), torch.randn(7))
    whole = _fastdecode._arc_labels(dep, chosen, bilinear)
    monkeypatch.setattr(_fastdecode, "_ARC_BLOCK", 64)
    assert torch.equal(_fastdecode._arc_labels(dep, chosen, bilinear), whole)


def test_bfloat16_only_where_the_cpu_does_it_itself(monkeypatch):
    # oneDNN calls bfloat16 "supported" on plain AVX-512, where it is emulated and slower
    import torch

    monkeypatch.setattr(torch.ops.mkldnn, "_is_mkldnn_bf16_supported", lambda: True, raising=False)
    for avx512_bf16, amx, fast in ((False, False, False), (True, False, True), (False, True, True)):
        monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda v=avx512_bf16: v)
        monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda v=amx: v)
        _fastdecode.bf16_fast.cache_clear()
        assert _fastdecode.bf16_fast() is fast
    _fastdecode.bf16_fast.cache_clear()
