"""Fast paths for stanza's tagger, lemmatizer and parser inputs at inference, same results.

1. Characters. The tagger and the parser both read every word through a
   character LSTM (``stanza.models.common.char_model.CharacterModel``); the
   tagger's is the larger (200 units). Its result for a word depends on the
   word's characters alone, yet stanza runs it once per token. A batch of a
   few hundred tokens of news or web text holds about a third as many
   distinct words (8,840 per 25,019 tokens in the tagger's batches on EWT
   test), so :func:`forward` runs the LSTM once per distinct word and copies
   the result to its tokens. Profiling the embedded pipeline on EWT test had
   put the tagger's character LSTM at 2.3 of 17 seconds. The result is the
   same up to float rounding (LSTM arithmetic over a different batch).
2. Bookkeeping that profiling showed in pure Python: ``Vocab.map`` (two
   method calls per unit, ~150,000 calls and 1.5 s on EWT test) becomes one
   dictionary lookup a unit (:func:`vocab_map`); the composite tag vocabulary
   turns each tag into ids, and each id back into its tag, once
   (:func:`composite_map`, :func:`composite_unmap`);
   padded id tensors are filled through numpy rather than row by row
   (:func:`long_tensor`); batches are sorted by length without zipping every
   field into tuples (:func:`sort_all`); and the dictionary lemmatizer looks words up
   without first encoding every character of the document for a seq2seq
   model it does not have (:func:`lemma_process`).
3. The tokenizer. With a token postprocessor (the library's retokenizer),
   stanza builds a whole Document from the tokens, runs its MWT expansion
   for hand-given expansions, writes it back to dictionaries and builds the
   Document again: 1.1 s of 13 on EWT test. Without hand-given expansions
   (the retokenizer gives none) the first build changes nothing that the
   second does not redo, so :func:`reassemble` hands the token dictionaries
   straight on.

Tags and parses of EWT and GUM test come out byte-identical with and without
these (``python -m benchmarks.fastpath``); tests/test_fastpath.py checks each
piece against stanza's own.
"""

from __future__ import annotations

from typing import Any, Callable

from .patch import replaces, stanza_ready, swap

_original_forward = None
_original_map = None
_TENSOR_USERS = ("stanza.models.pos.data", "stanza.models.depparse.data", "stanza.models.lemma.data")


@replaces("stanza.models.common.char_model", "CharacterModel.forward",
          "(self, chars, chars_mask, word_orig_idx, sentlens, wordlens)")
def forward(self: Any, chars, chars_mask, word_orig_idx, sentlens, wordlens):
    """``CharacterModel.forward``, with the LSTM run once per distinct word."""
    import torch
    from stanza.models.common.utils import tensor_unsort
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pack_sequence, pad_packed_sequence

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


@replaces("stanza.models.common.vocab", "BaseVocab.map", "(self, units)")
def vocab_map(self: Any, units):
    """``Vocab.map`` as one dictionary lookup a unit (stanza's calls two methods a unit); classes
    that change how a unit is normalised or looked up keep stanza's own."""
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import EMPTY, UNK, BaseVocab
    from stanza.models.pos.vocab import WordVocab

    cls = type(self)
    if cls is PretrainedWordVocab:  # word vectors: a space inside a unit is stored as U+00A0
        table, unk, lower = self._unit2id, self._unit2id[UNK], self.lower
        return [table.get(_vector_unit(u, lower), unk) for u in units]
    if cls.normalize_unit is not BaseVocab.normalize_unit or cls.unit2id not in (BaseVocab.unit2id, WordVocab.unit2id):
        return _original_map(self, units)  # type: ignore[misc]
    table = self._unit2id
    unk = table[UNK]
    ignore = getattr(self, "ignore", None) if cls.unit2id is WordVocab.unit2id else None
    if ignore:  # WordVocab: an ignored unit (as given, before lowercasing) is EMPTY
        empty = table[EMPTY]
        return [empty if u in ignore else table.get(u.lower() if self.lower and u is not None else u, unk)
                for u in units]
    if self.lower:
        return [table.get(u.lower() if u is not None else u, unk) for u in units]
    return [table.get(u, unk) for u in units]


def _vector_unit(unit: Any, lower: bool) -> Any:
    """``PretrainedWordVocab.normalize_unit`` inline."""
    if not unit:
        return unit
    if lower:
        unit = unit.lower()
    return unit.replace(" ", "\xa0") if " " in unit else unit


def _memo(vocab: Any, slot: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered under ``key`` in the vocabulary's own ``slot`` (unhashable keys
    are computed every time)."""
    cache = vocab.__dict__.setdefault(slot, {})
    try:
        return cache[key]
    except KeyError:
        return cache.setdefault(key, compute())
    except TypeError:
        return compute()


@replaces("stanza.models.common.vocab", "CompositeVocab.map", "(self, units)")
def composite_map(self: Any, units):
    """``CompositeVocab.map`` with each distinct tag string turned into its ids once per vocabulary."""
    out = []
    for u in units:
        ids = _memo(self, "_kq_mapped", u, lambda: self.unit2id(u))
        out.append(list(ids) if isinstance(ids, list) else ids)  # callers may change their copy
    return out


@replaces("stanza.models.common.vocab", "CompositeVocab.unmap", "(self, ids)")
def composite_unmap(self: Any, ids):
    """``CompositeVocab.unmap`` with each distinct id turned into its tag once per vocabulary."""
    return [_memo(self, "_kq_unmapped", tuple(i) if isinstance(i, list) else i, lambda: self.id2unit(i)) for i in ids]


@replaces(("stanza.models.common.data", *_TENSOR_USERS), "get_long_tensor", "(tokens_list, batch_size, pad_id=0)")
def long_tensor(tokens_list, batch_size, pad_id=0):
    """stanza's ``get_long_tensor`` for the common case, rows of ids, filled through numpy."""
    import numpy as np
    import torch

    rows = tokens_list
    if not rows or not all(isinstance(r, list) for r in rows) or any(r and isinstance(r[0], list) for r in rows):
        return _original_long_tensor(tokens_list, batch_size, pad_id=pad_id)  # type: ignore[misc]
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    out = np.full((batch_size, int(lengths.max())), pad_id, dtype=np.int64)
    filled = np.arange(out.shape[1]) < lengths[:, None]
    out[: len(rows)][filled] = np.fromiter((x for r in rows for x in r), dtype=np.int64, count=int(lengths.sum()))
    return torch.from_numpy(out)


@replaces(("stanza.models.common.data", *_TENSOR_USERS), "sort_all", "(batch, lens)")
def sort_all(batch, lens):
    """stanza's ``sort_all`` (fields in descending order of ``lens``, ties by descending index,
    and the original indices) without zipping every field into tuples to sort them."""
    if batch == [[]]:
        return [[]], []
    order = sorted(range(len(lens)), key=lambda i: (lens[i], i), reverse=True)
    return [[field[i] for i in order] for field in batch], order


@replaces("stanza.pipeline.lemma_processor", "LemmaProcessor.process", "(self, document)")
def lemma_process(self: Any, document):
    """``LemmaProcessor.process`` for a dictionary-only lemmatizer: the same lookups, without
    building the seq2seq model's character batches first."""
    from stanza.models.common import doc as stanza_doc

    if self.use_identity or not self.config.get("dict_only", False):
        return _original_lemma_process(self, document)  # type: ignore[misc]
    preds = self.trainer.predict_dict(document.get([stanza_doc.TEXT, stanza_doc.UPOS]))
    document.set([stanza_doc.LEMMA], [max([(len(x), x), (0, "_")])[1] for x in preds])
    return document


@replaces("stanza.models.tokenization.utils", "reassemble_doc_from_tokens", "(tokens, mwts, expansions, raw_text)")
def reassemble(tokens, mwts, expansions, raw_text):
    """stanza's ``reassemble_doc_from_tokens``: token dictionaries with offsets in ``raw_text``."""
    if any(e for sent in expansions for e in sent):
        return _original_reassemble(tokens, mwts, expansions, raw_text)  # type: ignore[misc]
    offset = 0
    doc = []
    for sent_words, sent_mwts in zip(tokens, mwts):
        sentence = []
        for index, (word, mwt) in enumerate(zip(sent_words, sent_mwts), 1):
            try:
                start = raw_text.index(word, offset)
            except ValueError:  # stanza's own message says where
                return _original_reassemble(tokens, mwts, expansions, raw_text)  # type: ignore[misc]
            entry = {"id": (index,), "text": word, "start_char": start, "end_char": start + len(word)}
            if mwt:
                entry["misc"] = "MWT=Yes"
            sentence.append(entry)
            offset = start + len(word)
        doc.append(sentence)
    return doc


_original_reassemble = None
_original_sort_all = None
_original_unmap = None
_original_long_tensor = None
_original_lemma_process = None


def install() -> bool:
    """Route stanza's character encoder, vocabulary lookups, tensor padding, token reassembly and
    dictionary lemmatizer through this module (idempotent). Nothing is installed, and False
    returned, when stanza is not a version these were written for (:func:`.patch.stanza_ready`)."""
    global _original_forward, _original_map, _original_unmap, _original_long_tensor, _original_lemma_process
    global _original_reassemble, _original_sort_all
    import importlib

    if not stanza_ready(__name__):
        return False

    from stanza.models.common import char_model, data, vocab
    from stanza.models.tokenization import utils as tokenization
    from stanza.pipeline import lemma_processor

    _original_forward = swap(char_model.CharacterModel, "forward", forward, _original_forward)
    _original_map = swap(vocab.BaseVocab, "map", vocab_map, _original_map)
    _original_unmap = swap(vocab.CompositeVocab, "unmap", composite_unmap, _original_unmap)
    swap(vocab.CompositeVocab, "map", composite_map, None)
    _original_long_tensor = swap(data, "get_long_tensor", long_tensor, _original_long_tensor)
    _original_sort_all = swap(data, "sort_all", sort_all, _original_sort_all)
    for name in _TENSOR_USERS:  # they imported the functions by name
        module = importlib.import_module(name)
        module.get_long_tensor = long_tensor
        module.sort_all = sort_all
    _original_reassemble = swap(tokenization, "reassemble_doc_from_tokens", reassemble, _original_reassemble)
    _original_lemma_process = swap(lemma_processor.LemmaProcessor, "process", lemma_process, _original_lemma_process)
    return True
