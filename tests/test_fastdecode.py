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
