"""Inference-only loading: no optimizers (nor the modules they import), float16 vectors widened per lookup."""

import subprocess
import sys

import pytest

from kora_quotes.parsing import lean


def test_loading_builds_no_optimizer_and_puts_the_factories_back():
    from stanza.models.common import utils

    before = utils.get_optimizer, utils.get_split_optimizer
    with lean.inference_only():
        assert utils.get_optimizer(None, None, 0.1) is None and utils.get_split_optimizer(None, None, 0.1) == {}
    assert (utils.get_optimizer, utils.get_split_optimizer) == before


def test_a_factory_failure_inside_still_restores():
    from stanza.models.common import utils

    before = utils.get_optimizer
    with pytest.raises(KeyError):
        with lean.inference_only():
            raise KeyError("boom")
    assert utils.get_optimizer is before


def test_extracting_never_imports_torch_dynamo_or_sympy():
    code = (
        "import sys\n"
        "from kora_quotes import extract\n"
        "assert extract('\"We will go,\" the minister said.')\n"
        "print(sorted(m for m in ('torch._dynamo', 'sympy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_half_vectors_are_widened_to_the_same_float32_rows():
    import torch
    from torch import nn

    table = torch.randn(50, 8).half()

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.pretrained_emb = nn.Embedding.from_pretrained(table, freeze=True)

    class Processor:
        def __init__(self):
            self._trainer = type("T", (), {"model": Model()})()

    class Pipeline:
        processors = {"pos": Processor(), "depparse": Processor(), "tokenize": object()}

    nlp = Pipeline()
    assert lean.share_half_vectors(nlp) == 2
    tagger = nlp.processors["pos"]._trainer.model
    assert tagger.pretrained_emb is nlp.processors["depparse"]._trainer.model.pretrained_emb
    ids = torch.tensor([[3, 0, 49]])
    out = tagger.pretrained_emb(ids)
    assert out.dtype == torch.float32 and torch.equal(out, table.float()[ids])
    assert lean.share_half_vectors(nlp) == 0  # nothing left in float16 to share


def test_float32_vectors_are_left_alone():
    import torch
    from torch import nn

    model = type("M", (), {"pretrained_emb": nn.Embedding(4, 2)})()
    processor = type("P", (), {"_trainer": type("T", (), {"model": model})()})()
    nlp = type("N", (), {"processors": {"pos": processor}})()
    assert lean.share_half_vectors(nlp) == 0 and model.pretrained_emb.weight.dtype == torch.float32
