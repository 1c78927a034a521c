"""Continue stanza's tagger from a saved model, which its trainer cannot do itself.

    python -m kora_quotes._warmstart MODEL.pt <stanza.models.tagger arguments>

The tagger is built from the training data as usual, then given the saved
model's weights (the same data gives the same vocabulary; a mismatch raises),
and trains on from there. ``kora_quotes.training --tagger-from`` runs this.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> None:
    import torch
    import stanza.models.tagger as tagger
    from stanza.models.pos.trainer import Trainer

    source, rest = argv[0], argv[1:]

    class WarmTrainer(Trainer):
        def __init__(self, args=None, vocab=None, pretrain=None, model_file=None, device=None, foundation_cache=None):
            super().__init__(args=args, vocab=vocab, pretrain=pretrain, model_file=model_file, device=device,
                             foundation_cache=foundation_cache)
            if model_file is None:  # a new model for training, not one loaded to predict
                saved = torch.load(source, map_location="cpu", weights_only=True)
                self.model.load_state_dict(saved["model"], strict=True)
                print(f"kora_quotes._warmstart: tagger weights from {source}", flush=True)

    tagger.Trainer = WarmTrainer
    tagger.main(rest)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
