"""Continue a stanza tagger or parser from a saved model, optionally growing it.

    python -m training.warmstart tagger|parser MODEL.pt <stanza.models.tagger|parser arguments>

The model is built from the training data as usual, then given the saved
model's weights (the same data gives the same vocabulary; a mismatch raises),
and trains on from there. stanza's tagger cannot continue a model at all, and
its parser's ``--continue_from`` needs the same architecture.

Growing: when the new model reads word vectors (``--wordvec_pretrain_file``)
and the saved one did not, the first LSTM layer takes a wider input. Its old
columns are copied in place and the new ones (the vectors' projection) start at
zero, so the grown model starts out computing exactly what the saved one did
and training can only add what the vectors bring.
``python -m training --tagger-from / --parser-from MODEL --vectors FILE`` runs this.
"""

from __future__ import annotations

import sys
from typing import Any


def _vector_columns(kind: str, args: dict) -> int:
    """Where stanza puts the projected word vectors in the first LSTM layer's input: the parser
    puts them first, the tagger after its word embedding."""
    if kind == "parser":
        return 0
    return args["word_emb_dim"] if args.get("word_emb_dim", 0) > 0 else 0


def grow_state(new: dict[str, Any], saved: dict[str, Any], *, offset: int, width: int) -> dict[str, Any]:
    """The saved weights laid out for the new model: equal shapes copied; a last dimension
    wider by ``width`` gets the saved values around zeros at ``offset`` (input columns of the
    first LSTM layer and its highway gate) or around the new model's own values
    (``drop_replacement``, the vector given for dropped words); new parameters keep their
    initialisation. Any other difference raises."""
    out = {}
    for key, fresh in new.items():
        old = saved.get(key)
        if old is None:
            out[key] = fresh
            continue
        old = old.to(fresh.dtype)
        if old.shape == fresh.shape:
            out[key] = old
        elif old.shape[:-1] == fresh.shape[:-1] and fresh.shape[-1] - old.shape[-1] == width:
            grown = fresh.clone() if key == "drop_replacement" else fresh.new_zeros(fresh.shape)
            grown[..., :offset] = old[..., :offset]
            grown[..., offset + width:] = old[..., offset:]
            out[key] = grown
        else:
            raise ValueError(f"{key}: saved shape {tuple(old.shape)} does not fit {tuple(fresh.shape)}; "
                             "train with the same data and sizes as the saved model")
    unused = sorted(set(saved) - set(new))
    if unused:
        raise ValueError(f"saved weights the new model has no place for: {unused[:5]}")
    return out


def _warm(trainer: Any, kind: str, source: str) -> None:
    import torch

    saved = torch.load(source, map_location="cpu", weights_only=True)["model"]
    model = trainer.model
    new = model.state_dict()
    unsaved = {k for k in new if k.startswith("pretrained_emb.")}  # the vectors themselves, never saved
    width = trainer.args["transformed_dim"] if trainer.args.get("pretrain") and "trans_pretrained.weight" not in saved else 0
    state = grow_state({k: v for k, v in new.items() if k not in unsaved}, saved,
                       offset=_vector_columns(kind, trainer.args), width=width)
    model.load_state_dict(state, strict=False)
    grown = f", grown by {width} input columns for word vectors" if width else ""
    print(f"training.warmstart: {kind} weights from {source}{grown}", flush=True)


def main(argv: list[str]) -> None:
    kind, source, rest = argv[0], argv[1], argv[2:]
    if kind == "tagger":
        import stanza.models.tagger as module
        from stanza.models.pos.trainer import Trainer as Base
    elif kind == "parser":
        import stanza.models.parser as module  # type: ignore[no-redef]
        from stanza.models.depparse.trainer import GraphTrainer as Base  # type: ignore[no-redef]
    else:
        sys.exit(f"first argument must be 'tagger' or 'parser', not {kind!r}\n\n{__doc__}")

    class WarmTrainer(Base):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if kwargs.get("model_file") is None and kwargs.get("model") is None:  # a new model to train
                _warm(self, kind, source)

    if kind == "tagger":
        module.Trainer = WarmTrainer
    else:
        module.GraphTrainer = WarmTrainer
    module.main(rest)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
