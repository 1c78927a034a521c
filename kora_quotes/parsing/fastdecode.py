"""A fast path for stanza's dependency parser at inference, with unchanged output.

1. Tree decoding. Profiling the embedded pipeline showed stanza's pure-Python
   Chu-Liu-Edmonds decoder (``chuliu_edmonds_one_root``) taking a quarter to a
   half of parsing time. For most sentences the best head of every word
   already forms a tree with a single root; that tree is then the maximum
   spanning tree, and no search is needed. :func:`decode` checks that with a
   few numpy operations and falls back to stanza's decoder otherwise. There,
   stanza's recursive cycle search (``tarjan``, most of the decoder's time)
   is replaced by :func:`cycles`, which follows the heads (every word has
   exactly one) and returns the same cycles in the same order.
2. Labels. Stanza scores every label for every (word, head) pair, n x n x L
   numbers a sentence, and turns them all into log-probabilities, although
   only the label of each chosen arc is read (all of them only where a head
   ends up with two subjects or two objects, which stanza then repairs).
   :func:`predict` decodes the heads first, scores labels for the chosen arcs
   alone (n x L), and computes a sentence's full label table only when the
   repair needs it. The label product (about a third of the parser's time on
   EWT test after that) runs in bfloat16 where the CPU has bfloat16
   arithmetic of its own (AVX-512 BF16 or AMX; where oneDNN only emulates it,
   bfloat16 was 3x slower than float32), and every label whose lead over the
   next is within bfloat16's error is scored again in float32
   (:func:`_arc_labels`), so the labels stay float32's. The product goes a
   block of arcs at a time: its intermediate holds arcs x hidden x labels
   numbers, some 200 MB for a batch of 5,000 words at once.

Parses of EWT and GUM test from raw text are identical with and without this
module (``python -m benchmarks.fastpath`` checks it and times both;
tests/test_fastdecode.py checks parts on random scores and the whole on news
sentences).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from .patch import replaces, stanza_ready, swap

_original = None
_original_predict = None
_original_tarjan = None


def _is_single_root_tree(heads: np.ndarray) -> bool:
    n = heads.shape[0]
    dependents = heads[1:]
    if np.count_nonzero(dependents == 0) != 1:
        return False
    if np.any(dependents == np.arange(1, n)):
        return False
    # pointer jumping: every word must reach the root
    cur = heads.copy()
    cur[0] = 0
    steps = 1
    while steps < n:
        cur = cur[cur]
        steps *= 2
    return bool(np.all(cur == 0))


@replaces("stanza.models.common.chuliu_edmonds", "tarjan", "(tree)")
def cycles(tree: np.ndarray) -> list[np.ndarray]:
    """The cycles of a head array (``tree[d]`` is the head of word d), as stanza's ``tarjan``
    returns them: one boolean mask per cycle, ordered by the cycle's lowest index. Every word has
    one head, so following heads from each word finds each cycle without a general graph search."""
    heads = tree.tolist()
    state = [0] * len(heads)  # 0 unvisited, 1 on the current walk, 2 done
    found: list[tuple[int, np.ndarray]] = []
    for start in range(len(heads)):
        walk = []
        node = start
        while state[node] == 0:
            state[node] = 1
            walk.append(node)
            node = heads[node]
        if state[node] == 1:  # the walk closed on itself: a cycle from ``node`` on
            members = walk[walk.index(node):]
            if len(members) > 1:
                mask = np.zeros(len(heads), dtype=bool)
                mask[members] = True
                found.append((min(members), mask))
        for visited in walk:
            state[visited] = 2
    return [mask for _, mask in sorted(found, key=lambda pair: pair[0])]


@replaces("stanza.models.depparse.model", "chuliu_edmonds_one_root", "(scores)")
def decode(scores: np.ndarray) -> np.ndarray:
    """Same result as stanza's ``chuliu_edmonds_one_root(scores)``; scores[d, h] scores head h for word d."""
    heads = np.argmax(scores, axis=1)
    heads[0] = 0
    if _is_single_root_tree(heads):
        return heads
    return _original(scores)  # type: ignore[misc]


def _arc_scores(model: Any, lstm: Any) -> Any:
    """The unlabeled arc scores, as stanza's ``forward_scores`` computes them (eval mode: no dropout)."""
    import torch
    import torch.nn.functional as F

    unlabeled = model.unlabeled(lstm, lstm).squeeze(3)
    n = lstm.size(1)
    if model.args["linearization"] or model.args["distance"]:
        offset = torch.arange(n).view(1, 1, -1).expand(lstm.size(0), -1, -1) - torch.arange(n).view(1, -1, 1).expand(lstm.size(0), -1, -1)
    if model.args["linearization"]:
        lin = model.linearization(lstm, lstm).squeeze(3)
        unlabeled += F.logsigmoid(lin * torch.sign(offset).float())
    if model.args["distance"]:
        dist = 1 + F.softplus(model.distance(lstm, lstm).squeeze(3))
        unlabeled += -torch.log((torch.abs(offset).float() - dist) ** 2 / 2 + 1)
    unlabeled.masked_fill_(torch.eye(n, dtype=torch.bool).unsqueeze(0), -float("inf"))
    return unlabeled


# A label is taken from the bfloat16 product when its best score leads the second by more than
# this; otherwise it is scored again in float32. The largest bfloat16 error on a label score of the
# shipped parser was 0.05 (EWT and GUM dev, 66,000 words); the margin is ten times that.
_BF16_MARGIN = 0.5


@functools.lru_cache(maxsize=None)
def bf16_fast() -> bool:
    """Does the CPU do bfloat16 arithmetic itself (AVX-512 BF16 or AMX)? oneDNN also reports
    bfloat16 "supported" on plain AVX-512, where it is emulated and slower than float32."""
    import torch

    try:
        native = torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported()
        return bool(native and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # pragma: no cover - torch builds without these checks
        return False


# Arcs whose labels are scored in one product: bounds its intermediate (arcs x hidden x labels
# floats: about 40 MB at the shipped parser's 201 x 51) without slowing it down (measured on
# the development machine: the same time per arc from 256 to 4,000 arcs a block).
_ARC_BLOCK = 1024


def _arc_labels(dep: Any, chosen: Any, bilinear: Any) -> Any:
    """The best label of each arc, dependent ``dep`` (R x I) and head ``chosen`` (R x J) under the
    biaffine ``bilinear`` (weight I x J x O), :data:`_ARC_BLOCK` arcs at a time."""
    import torch

    if dep.size(0) <= _ARC_BLOCK:
        return _block_labels(dep, chosen, bilinear)
    return torch.cat([_block_labels(dep[k : k + _ARC_BLOCK], chosen[k : k + _ARC_BLOCK], bilinear)
                      for k in range(0, dep.size(0), _ARC_BLOCK)])


def _block_labels(dep: Any, chosen: Any, bilinear: Any) -> Any:
    """:func:`_arc_labels` for one block: where the CPU has bfloat16 arithmetic, the product in
    bfloat16 (about 4x faster) and the close calls again in float32, so the labels are
    float32's."""
    import torch

    weight, bias = bilinear.weight, bilinear.bias

    def exact(d: Any, c: Any) -> Any:
        return torch.einsum("RJO,RJ->RO", torch.einsum("RI,IJO->RJO", d, weight), c) + bias

    if not bf16_fast():
        return exact(dep, chosen).argmax(1)
    n_in, n_out, n_labels = weight.shape
    key = (weight.data_ptr(), weight._version)  # a copy made once, again if the weights change
    cached = getattr(bilinear, "_kq_bf16", None)
    if cached is None or cached[0] != key:
        cached = (key, weight.detach().reshape(n_in, n_out * n_labels).to(torch.bfloat16))
        bilinear._kq_bf16 = cached
    flat = cached[1]
    partial = (dep.to(torch.bfloat16) @ flat).float()
    scores = torch.bmm(chosen.unsqueeze(1), partial.view(-1, n_out, n_labels)).squeeze(1) + bias
    top2 = scores.topk(2, dim=1).values
    close = (top2[:, 0] - top2[:, 1]) < _BF16_MARGIN
    if bool(close.any()):
        scores[close] = exact(dep[close], chosen[close])
    return scores.argmax(1)


@replaces("stanza.models.depparse.model", "GraphParser.predict",
          "(self, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma, head, deprel, "
          "word_orig_idx, sentlens, wordlens, text, resolve_head_constraints=False)")
def predict(self: Any, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma, head, deprel,
            word_orig_idx, sentlens, wordlens, text, resolve_head_constraints=False):
    """``GraphParser.predict`` with labels scored for the decoded arcs only (see the module doc)."""
    import torch
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse import model as stanza_model
    from stanza.models.depparse.head_constraints import (
        find_head_constraint_violations,
        resolve_head_constraint_violations,
    )

    if self.training or self.args.get("use_arc_embedding"):
        return _original_predict(self, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained,  # type: ignore[misc]
                                 lemma, head, deprel, word_orig_idx, sentlens, wordlens, text,
                                 resolve_head_constraints=resolve_head_constraints)
    vocab = self.vocab["deprel"]
    lstm = self.embed(word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma, head, deprel,
                      word_orig_idx, sentlens, wordlens, text)
    arc_logp = F.log_softmax(_arc_scores(self, lstm), 2).numpy()
    # the label scorer: a deep biaffine, its first product shared by every head of a word
    scorer = self.deprel
    dep = scorer.hidden_func(scorer.W1(lstm))
    hed = scorer.hidden_func(scorer.W2(lstm))
    dep = torch.cat([dep, dep.new_ones(*dep.shape[:-1], 1)], -1)
    hed = torch.cat([hed, hed.new_ones(*hed.shape[:-1], 1)], -1)
    bilinear = scorer.scorer.W_bilin
    trees = [stanza_model.chuliu_edmonds_one_root(arc_logp[i][:n, :n]) for i, n in enumerate(sentlens)]
    heads = torch.zeros(lstm.shape[:2], dtype=torch.long)
    for i, tree in enumerate(trees):
        heads[i, : len(tree)] = torch.from_numpy(np.asarray(tree, dtype=np.int64))
    chosen = torch.gather(hed, 1, heads.unsqueeze(2).expand(-1, -1, hed.size(2)))
    real = torch.arange(lstm.size(1)).unsqueeze(0) < torch.as_tensor(sentlens).unsqueeze(1)
    labels = torch.zeros(lstm.shape[:2], dtype=torch.long)
    labels[real] = _arc_labels(dep[real], chosen[real], bilinear)
    labels = labels.numpy()
    out = []
    for i, (n, tree) in enumerate(zip(sentlens, trees)):
        raw = [int(labels[i][j]) for j in range(1, n)]
        names = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])
        if resolve_head_constraints and find_head_constraint_violations(tree, names):
            partial = torch.einsum("LI,IJO->LJO", dep[i, :n], bilinear.weight)
            table = torch.einsum("LJO,MJ->LMO", partial, hed[i, :n]) + bilinear.bias
            tree, raw = resolve_head_constraint_violations(arc_logp[i][:n, :n], F.log_softmax(table, 2).numpy(), tree, vocab)
            names = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])
        out.append([[tree[j + 1], names[j]] for j in range(n - 1)])
    return out


def install() -> bool:
    """Route stanza's dependency parser through :func:`decode`, :func:`predict` and :func:`cycles`
    (idempotent). Nothing is installed, and False returned, when stanza is not a version these
    were written for (:func:`.patch.stanza_ready`)."""
    global _original, _original_predict, _original_tarjan
    if not stanza_ready(__name__):
        return False
    from stanza.models.common import chuliu_edmonds
    from stanza.models.depparse import model

    _original_tarjan = swap(chuliu_edmonds, "tarjan", cycles, _original_tarjan)
    _original = swap(model, "chuliu_edmonds_one_root", decode, _original)
    _original_predict = swap(model.GraphParser, "predict", predict, _original_predict)
    return True
