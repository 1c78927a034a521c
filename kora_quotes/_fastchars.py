"""A fast path for stanza's word-from-characters encoder at inference.

The tagger and the parser both read every word through a character LSTM
(``stanza.models.common.char_model.CharacterModel``); the tagger's is the
larger (200 units). Its result for a word depends on the word's characters
alone, yet stanza runs it once per token. In news and web text a batch of a
few hundred tokens holds about a third as many distinct words (25,019 tokens
and 8,840 distinct words per tagger batch on EWT test), so :func:`forward`
runs the LSTM once per distinct word and copies the result to its tokens.
Profiling the embedded pipeline on EWT test put the tagger's character LSTM
at 2.3 of 17 seconds. The result is the same up to float rounding (LSTM
arithmetic over a different batch); tags and parses on EWT and GUM test are
checked against the plain path in tests/test_fastchars.py.

It also gives stanza's ``Vocab.map`` (a method call per word, ~150,000 calls
on EWT test) a plain dictionary lookup with the same result.
"""

from __future__ import annotations

from typing import Any

_original_forward = None
_original_map = None


def forward(self: Any, chars, chars_mask, word_orig_idx, sentlens, wordlens):
    """``CharacterModel.forward``, with the LSTM run once per distinct word."""
    import torch
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pack_sequence, pad_packed_sequence
    from stanza.models.common.utils import tensor_unsort

    if self.training or not self.attn:
        return _original_forward(self, chars, chars_mask, word_orig_idx, sentlens, wordlens)  # type: ignore[misc]
    distinct, inverse = torch.unique(chars, dim=0, return_inverse=True)
    lengths = torch.zeros(distinct.size(0), dtype=torch.long).scatter_(0, inverse, torch.as_tensor(wordlens))
    order = torch.argsort(lengths, descending=True, stable=True)
    embs = self.char_emb(distinct[order])
    sorted_lengths = lengths[order].tolist()
    layers, units = self.num_dir * self.args["char_num_layers"], self.args["char_hidden_dim"]
    hx = (self.charlstm_h_init.expand(layers, len(sorted_lengths), units).contiguous(),
          self.charlstm_c_init.expand(layers, len(sorted_lengths), units).contiguous())
    output = self.charlstm(pack_padded_sequence(embs, sorted_lengths, batch_first=True), sorted_lengths, hx=hx)
    reps = output[0]
    weights = torch.sigmoid(self.char_attn(reps.data))
    padded, _ = pad_packed_sequence(PackedSequence(reps.data * weights, reps.batch_sizes), batch_first=True)
    per_distinct = torch.empty_like(padded[:, 0])
    per_distinct[order] = padded.sum(1)
    res = tensor_unsort(per_distinct[inverse], word_orig_idx)
    res = pack_sequence(res.split(sentlens))
    if self.pad:
        res = pad_packed_sequence(res, batch_first=True)[0]
    return res


def vocab_map(self: Any, units):
    """``Vocab.map`` as one dictionary lookup a unit (stanza's calls two methods a unit); classes
    that change how a unit is normalised or looked up keep stanza's own."""
    from stanza.models.common.vocab import UNK, BaseVocab

    cls = type(self)
    if cls.unit2id is not BaseVocab.unit2id or cls.normalize_unit is not BaseVocab.normalize_unit:
        return _original_map(self, units)  # type: ignore[misc]
    table = self._unit2id
    unk = table[UNK]
    if self.lower:
        return [table.get(u.lower() if u is not None else u, unk) for u in units]
    return [table.get(u, unk) for u in units]


def install() -> None:
    """Route stanza's character encoder and vocabulary lookup through this module (idempotent)."""
    global _original_forward, _original_map
    from stanza.models.common import char_model, vocab

    if char_model.CharacterModel.forward is not forward:
        _original_forward = char_model.CharacterModel.forward
        char_model.CharacterModel.forward = forward
    if vocab.BaseVocab.map is not vocab_map:
        _original_map = vocab.BaseVocab.map
        vocab.BaseVocab.map = vocab_map
