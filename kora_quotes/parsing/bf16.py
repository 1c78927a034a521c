"""The embedded pipeline's LSTMs in bfloat16, on CPUs with bfloat16 arithmetic.

Profiling the embedded pipeline on EWT test put its LSTMs (the tokenizer's
two, the tagger's and the parser's two-layer highway LSTMs, their character
LSTMs) at about 40% of the time. On a CPU with bfloat16 instructions
(AVX512-BF16, AMX) torch runs an LSTM about 1.8 times faster in bfloat16.
:func:`convert` wraps each ``nn.LSTM`` of a loaded pipeline in a
:class:`HalfLSTM`, which turns its weights to bfloat16 (in place: no second
copy): inputs go in as bfloat16, outputs come back as float32, everything
around the LSTMs stays float32.

Unlike :mod:`kora_quotes.parsing.fastpath`, this changes numbers: an LSTM state moves
by up to about 0.01, and a few tags and arcs in ten thousand change (EWT and
GUM test: docs/model-card.md, "Speed"). It is off unless ``KORA_QUOTES_BF16=1``
is in the environment (see :func:`wanted` for why); on a CPU without bfloat16
arithmetic, on a GPU, and for stanza's official models (``model="stanza"``, not
measured this way), float32 is kept anyway.
"""

from __future__ import annotations

import functools
import os
from typing import Any

ENV = "KORA_QUOTES_BF16"


def wanted() -> bool:
    """bfloat16 LSTMs: only with ``KORA_QUOTES_BF16=1``, and where the CPU has bfloat16 arithmetic.

    Off by default: on EWT test (one long text) they parse about 8% faster, but on news articles
    one at a time (PolNeAR dev, 40 articles) they were no faster than float32 once oneDNN's kernel
    cache is bounded, and 3-10% faster with it unbounded at twice the memory (1.27 GB against 0.65)."""
    from .fastdecode import bf16_fast

    return os.environ.get(ENV, "0").strip().lower() in ("1", "true", "yes", "on") and bf16_fast()


@functools.lru_cache(maxsize=None)
def _half_lstm_class() -> type:
    import torch
    from torch.nn.utils.rnn import PackedSequence

    class HalfLSTM(torch.nn.Module):
        """An ``nn.LSTM`` (eval mode) run in bfloat16, float32 in and out, packed or padded."""

        def __init__(self, lstm: torch.nn.LSTM) -> None:
            super().__init__()
            self.lstm = lstm.to(torch.bfloat16)
            self.batch_first = lstm.batch_first

        def forward(self, input, hx=None):
            if isinstance(input, PackedSequence):
                input = PackedSequence(input.data.to(torch.bfloat16), input.batch_sizes,
                                       input.sorted_indices, input.unsorted_indices)
            else:
                input = input.to(torch.bfloat16)
            if hx is not None:
                hx = (hx[0].to(torch.bfloat16), hx[1].to(torch.bfloat16))
            out, (h, c) = self.lstm(input, hx)
            if isinstance(out, PackedSequence):
                out = PackedSequence(out.data.float(), out.batch_sizes, out.sorted_indices, out.unsorted_indices)
            else:
                out = out.float()
            return out, (h.float(), c.float())

    return HalfLSTM


def convert(module: Any) -> int:
    """Replace every ``nn.LSTM`` below ``module`` with a :class:`HalfLSTM`; returns how many."""
    import torch

    half_lstm = _half_lstm_class()
    count = 0
    for name, child in list(module.named_children()):
        if type(child) is torch.nn.LSTM and not child.weight_ih_l0.is_cuda:
            setattr(module, name, half_lstm(child))
            count += 1
        elif not isinstance(child, half_lstm):
            count += convert(child)
    return count


# The processors whose LSTMs are converted (the MWT expander's seq2seq, 1% of the time, is left).
PROCESSORS = ("tokenize", "pos", "depparse")


def convert_pipeline(nlp: Any) -> int:
    """:func:`convert` on the models of a loaded stanza Pipeline (eval mode, as at inference)."""
    count = 0
    for name, processor in nlp.processors.items():
        if name not in PROCESSORS:
            continue
        trainer = getattr(processor, "_trainer", None)
        model = getattr(trainer, "model", None)
        if model is not None:
            model.eval()
            count += convert(model)
    return count
