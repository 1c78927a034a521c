"""bfloat16 LSTMs: close to float32, every LSTM of the pipeline converted, and an off switch."""

import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence

from kora_quotes.parsing import bf16 as _bf16
from kora_quotes.parsing import fastdecode as _fastdecode
from kora_quotes.parsing.load import load_pipeline

NEWS = "The plan will fail, the senator said. \"We're not going to accept that,\" said an aide."


def _lstm():
    torch.manual_seed(0)
    return torch.nn.LSTM(30, 20, 1, batch_first=True, bidirectional=True).eval()


@pytest.mark.parametrize("packed", [True, False])
def test_half_lstm_stays_close_to_float32(packed):
    lstm = _lstm()
    x = torch.randn(4, 7, 30)
    lengths = [7, 6, 3, 1]
    inp = pack_padded_sequence(x, lengths, batch_first=True) if packed else x
    with torch.no_grad():
        want, (wh, _) = lstm(inp)
        half = _bf16._half_lstm_class()(_lstm())
        got, (gh, _) = half(inp)
    if packed:
        assert torch.equal(got.batch_sizes, want.batch_sizes)
        got, want = got.data, want.data
    assert got.dtype == torch.float32 and gh.dtype == torch.float32
    assert 0 < (got - want).abs().max() < 0.05  # bfloat16 arithmetic: close, not equal
    assert (gh - wh).abs().max() < 0.05


def test_convert_replaces_nested_lstms_once():
    outer = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ModuleDict({"a": _lstm(), "b": torch.nn.ModuleList([_lstm()])}))
    assert _bf16.convert(outer) == 2
    assert _bf16.convert(outer) == 0  # already converted
    assert isinstance(outer[1]["a"], _bf16._half_lstm_class())
    assert outer[1]["b"][0].lstm.weight_ih_l0.dtype == torch.bfloat16


@pytest.mark.parametrize("value, on", [("0", False), ("off", False), ("1", True), ("yes", True), (None, False)])
def test_environment_switch(monkeypatch, value, on):
    monkeypatch.setattr(_fastdecode, "bf16_fast", lambda: True)
    if value is None:
        monkeypatch.delenv(_bf16.ENV, raising=False)
    else:
        monkeypatch.setenv(_bf16.ENV, value)
    assert _bf16.wanted() is on
    monkeypatch.setattr(_fastdecode, "bf16_fast", lambda: False)
    assert _bf16.wanted() is False  # never without the CPU's bfloat16 arithmetic


def _lstm_dtypes(nlp):
    return {name: {m.weight_ih_l0.dtype for m in nlp.processors[name]._trainer.model.modules()
                   if isinstance(m, torch.nn.LSTM)} for name in _bf16.PROCESSORS}


def test_pipeline_lstms_follow_the_switch(monkeypatch):
    monkeypatch.setenv(_bf16.ENV, "0")
    plain = load_pipeline("embedded")
    assert set(map(frozenset, _lstm_dtypes(plain).values())) == {frozenset({torch.float32})}
    if not _fastdecode.bf16_fast():
        pytest.skip("this CPU has no bfloat16 arithmetic: the pipeline stays float32")
    monkeypatch.setenv(_bf16.ENV, "1")
    half = load_pipeline("embedded")
    assert set(map(frozenset, _lstm_dtypes(half).values())) == {frozenset({torch.bfloat16})}
    # the same parse of a plain news sentence either way
    a, b = plain(NEWS), half(NEWS)
    assert [(w.head, w.deprel) for s in a.sentences for w in s.words] == [(w.head, w.deprel) for s in b.sentences for w in s.words]
