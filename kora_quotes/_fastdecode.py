"""A fast path for stanza's dependency parser at inference, with unchanged output.

1. Tree decoding. Profiling the embedded pipeline showed stanza's pure-Python
   Chu-Liu-Edmonds decoder (``chuliu_edmonds_one_root``) taking a quarter to a
   half of parsing time. For most sentences the best head of every word
   already forms a tree with a single root; that tree is then the maximum
   spanning tree, and no search is needed. :func:`decode` checks that with a
   few numpy operations and falls back to stanza's decoder otherwise.
2. Labels. Stanza scores every label for every (word, head) pair, n x n x L
   numbers a sentence, and turns them all into log-probabilities, although
   only the label of each chosen arc is read (all of them only where a head
   ends up with two subjects or two objects, which stanza then repairs).
   :func:`predict` decodes the heads first, scores labels for the chosen arcs
   alone (n x L), and computes a sentence's full label table only when the
   repair needs it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_original = None
_original_predict = None


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


def predict(self: Any, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma, head, deprel,
            word_orig_idx, sentlens, wordlens, text, resolve_head_constraints=False):
    """``GraphParser.predict`` with labels scored for the decoded arcs only (see the module doc)."""
    import torch
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse import model as stanza_model
    from stanza.models.depparse.head_constraints import (find_head_constraint_violations,
                                                          resolve_head_constraint_violations)

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
    partial = torch.einsum("NLI,IJO->NLJO", dep, bilinear.weight)
    trees = [stanza_model.chuliu_edmonds_one_root(arc_logp[i][:n, :n]) for i, n in enumerate(sentlens)]
    heads = torch.zeros(lstm.shape[:2], dtype=torch.long)
    for i, tree in enumerate(trees):
        heads[i, : len(tree)] = torch.from_numpy(np.asarray(tree, dtype=np.int64))
    chosen = torch.gather(hed, 1, heads.unsqueeze(2).expand(-1, -1, hed.size(2)))
    labels = (torch.einsum("NLJO,NLJ->NLO", partial, chosen) + bilinear.bias).argmax(2).numpy()
    out = []
    for i, (n, tree) in enumerate(zip(sentlens, trees)):
        raw = [int(labels[i][j]) for j in range(1, n)]
        names = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])
        if resolve_head_constraints and find_head_constraint_violations(tree, names):
            table = torch.einsum("LJO,MJ->LMO", partial[i, :n], hed[i, :n]) + bilinear.bias
            tree, raw = resolve_head_constraint_violations(arc_logp[i][:n, :n], F.log_softmax(table, 2).numpy(), tree, vocab)
            names = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])
        out.append([[tree[j + 1], names[j]] for j in range(n - 1)])
    return out


def install() -> None:
    """Route stanza's dependency parser through :func:`decode` and :func:`predict` (idempotent)."""
    global _original, _original_predict
    from stanza.models.depparse import model

    if model.chuliu_edmonds_one_root is not decode:
        _original = model.chuliu_edmonds_one_root
        model.chuliu_edmonds_one_root = decode
    if model.GraphParser.predict is not predict:
        _original_predict = model.GraphParser.predict
        model.GraphParser.predict = predict
