"""Training and evaluation of the embedded stanza models, for maintainers (not installed with
kora_quotes).

    python -m training --ud DIR --out build/train [--install] [--evaluate]   (training.train)
    python -m training.evaluate --models DIR --ud UD_DIR                      (CoNLL 2018 scores)
    python -m training.warmstart tagger|parser MODEL.pt ...                   (continue a model)

Run from the repository root, which puts this package on the import path.
"""
