"""Loading stanza's models for inference only, in less memory, with the same results.

1. No optimizers. Each stanza trainer builds its training optimizer when it
   loads a model, even to predict. Building the first one imports
   ``torch._dynamo`` and, through it, sympy: about 70 MiB resident for code
   that inference never runs. :func:`inference_only` makes the two optimizer
   factories return nothing while a pipeline is built (the trainers keep
   ``None`` or ``{}``), and puts them back afterwards, so training in the same
   process is unaffected.
2. Word vectors in half precision. The shipped vectors are float16; stanza's
   tagger and parser compute in float32. Widening the whole table held 40 MB
   (100,004 x 100) for numbers that float16 holds exactly. :func:`share_half_vectors`
   gives both models one float16 table and widens only the rows a batch looks
   up: the same float32 values as before.

tests/test_lean.py checks both; parses and quotes of the seed and PolNeAR dev
are identical with and without.
"""

from __future__ import annotations

import contextlib
from typing import Any, Iterator

import torch
from torch import nn

from .patch import replaces, stanza_ready

_FACTORY_SIGNATURE = (
    "(name, model, lr, betas=(0.9, 0.999), eps=1e-08, momentum=0, weight_decay=None, bert_learning_rate=0.0, "
    "bert_weight_decay=None, charlm_learning_rate=0.0, lstm_bias_weight_decay=None, is_peft=False, "
    "bert_finetune_layers=None, opt_logger=None)"
)


@replaces("stanza.models.common.utils", "get_optimizer", _FACTORY_SIGNATURE)
def no_optimizer(*args: Any, **kwargs: Any) -> None:
    """stanza's ``get_optimizer`` while a pipeline is built for inference: no optimizer."""
    return None


@replaces("stanza.models.common.utils", "get_split_optimizer", _FACTORY_SIGNATURE)
def no_split_optimizers(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """stanza's ``get_split_optimizer`` while a pipeline is built for inference: no optimizers."""
    return {}


@contextlib.contextmanager
def inference_only() -> Iterator[None]:
    """While inside, stanza's trainers build no optimizers (when stanza is a version this was
    written for; otherwise nothing changes)."""
    if not stanza_ready(__name__):
        yield
        return
    from stanza.models.common import utils

    saved = utils.get_optimizer, utils.get_split_optimizer
    utils.get_optimizer, utils.get_split_optimizer = no_optimizer, no_split_optimizers
    try:
        yield
    finally:
        utils.get_optimizer, utils.get_split_optimizer = saved


class WidenedEmbedding(nn.Module):
    """An embedding over a float16 table whose lookups come out in float32."""

    def __init__(self, table: torch.Tensor) -> None:
        super().__init__()
        self.register_buffer("weight", table, persistent=False)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return nn.functional.embedding(ids, self.weight).float()


def share_half_vectors(nlp: Any) -> int:
    """Give the tagger and the parser of ``nlp`` one float16 copy of their word vectors, widened
    per lookup. Returns how many models now read it (0 where the vectors are not float16)."""
    shared = None
    changed = 0
    for name in ("pos", "depparse"):
        processor = nlp.processors.get(name)
        model = getattr(getattr(processor, "_trainer", None), "model", None)
        embedding = getattr(model, "pretrained_emb", None)
        weight = getattr(embedding, "weight", None)
        if weight is None or weight.dtype != torch.float16 or isinstance(embedding, WidenedEmbedding):
            continue
        if shared is None:
            shared = WidenedEmbedding(weight.detach())
        model.pretrained_emb = shared
        changed += 1
    return changed
