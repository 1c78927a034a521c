"""The throughput comparison (benchmarks.throughput) with a fake extractor: no models needed."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import report, throughput
from benchmarks.systems import count_tokens
from kora_quotes.errors import ExtractionError
from kora_quotes.output.quote import Quote, Span, Speaker

TEXTS = ['"One two three," said Ann Lee.\n', "no quotes here", "boom", '"Four five," he said.\n']


def _fixed(text: str) -> list[Quote]:
    """The same quotes for a text every time: one per text holding a quotation mark."""
    if '"' not in text:
        return []
    end = text.index('"', 1)
    return [Quote.from_spans(text, "direct", [(1, end)], cue=Span("said", 0, 4),
                             speakers=[Speaker("Ann Lee", "Ann Lee", 0, 1)])]


class FakeExtractor:
    """extract/pipe returning fixed quotes; "boom" fails. ``drift`` changes one result of n_process > 1."""

    def __init__(self, model: str = "fake", drift: bool = False) -> None:
        self.model = model
        self.drift = drift
        self.extracted: list[str] = []
        self.pipe_calls: list[tuple[int, int]] = []

    def extract(self, text: str) -> list[Quote]:
        self.extracted.append(text)
        if text == "boom":
            raise RuntimeError("bad document")
        return _fixed(text)

    def pipe(self, texts, *, batch_size: int = 16, n_process: int = 1, on_error: str = "return"):
        self.pipe_calls.append((batch_size, n_process))
        for i, t in enumerate(texts):  # lazily, like the real one
            if t == "boom":
                yield ExtractionError(i, RuntimeError("bad document"))
            elif self.drift and n_process > 1 and i == 0:
                yield []
            else:
                yield _fixed(t)


def test_measure_modes_speedups_and_identity():
    fake = FakeExtractor()
    res = throughput.measure(fake, TEXTS, batch_size=3)
    assert fake.extracted[0] == throughput._WARM_UP and fake.extracted[1:] == TEXTS
    assert fake.pipe_calls == [(3, 1), (3, 2)]
    assert list(res["modes"]) == list(throughput.MODES)
    assert res["documents"] == 4 and res["batches"] == 2 and res["tokens"] == count_tokens(TEXTS) == 14
    assert res["identical"] is True
    for mode, row in res["modes"].items():
        assert row["wall_s"] > 0 and row["errors"] == 1
        assert abs(row["docs_per_s"] - 4 / row["wall_s"]) < 1e-9
        assert abs(row["tokens_per_s"] - 14 / row["wall_s"]) < 1e-9
        assert abs(row["speedup"] - res["modes"]["one_at_a_time"]["wall_s"] / row["wall_s"]) < 1e-9
    assert res["modes"]["one_at_a_time"]["speedup"] == 1.0
    assert res["modes"]["pipe_parallel"]["n_process"] == 2
    assert res["modes"]["pipe"]["identical"] and res["modes"]["pipe_parallel"]["differing_docs"] == []
    assert res["worker_startup_s"] == res["modes"]["pipe_parallel"]["startup_s"] >= 0
    assert res["goal_speedup"] == 1.5 and res["meets_goal"] in (True, False)
    json.dumps(res)  # JSON-ready


def test_measure_reports_differences():
    res = throughput.measure(FakeExtractor(drift=True), TEXTS, batch_size=2, warm_up=False)
    assert res["modes"]["pipe"]["identical"] is True
    assert res["modes"]["pipe_parallel"]["identical"] is False
    assert res["modes"]["pipe_parallel"]["differing_docs"] == [0]
    assert res["identical"] is False
    res["model"] = "fake"
    out = report.text_report({"meta": {"split": "dev", "machine": {"usable_cores": 2}}, "systems": {},
                              "throughput": res})
    assert "Throughput on PolNeAR dev" in out and "identical quotes" in out
    assert "pipe, 2 processes: 0" in out
    assert "Only 2 batch(es)" not in out  # 4 documents in batches of 2: enough for 2 processes


def test_cli_throughput_with_fake_extractor(tmp_path, monkeypatch, capsys):
    import kora_quotes

    from benchmarks.__main__ import main

    monkeypatch.setattr(kora_quotes, "Extractor", FakeExtractor)
    fixture = Path(__file__).parent / "fixtures" / "polnear_mini"
    out, md = tmp_path / "r.json", tmp_path / "b.md"
    argv = ["--systems", "baseline", "--polnear", str(fixture), "--throughput", "--throughput-batch-size", "1",
            "--json", str(out), "--docs", str(md)]
    assert main(argv) == 0
    tp = json.loads(out.read_text(encoding="utf-8"))["throughput"]
    assert tp["error"] is None and tp["documents"] == 2 and tp["batch_size"] == 1 and tp["identical"] is True
    assert set(tp["modes"]) == set(throughput.MODES)
    assert "== Throughput on PolNeAR dev" in capsys.readouterr().out
    text = md.read_text(encoding="utf-8")
    assert "## Throughput on PolNeAR dev" in text and ">= 1.5x over one at a time" in text
    assert "`list(ex.pipe(texts, batch_size=1, n_process=2))`" in text
    assert tp["modes"]["pipe_parallel"]["wall_s_after_startup"] <= tp["modes"]["pipe_parallel"]["wall_s"]


def test_cli_throughput_off_by_default(tmp_path):
    from benchmarks.__main__ import main

    fixture = Path(__file__).parent / "fixtures" / "polnear_mini"
    out = tmp_path / "r.json"
    assert main(["--systems", "baseline", "--polnear", str(fixture), "--json", str(out)]) == 0
    assert "throughput" not in json.loads(out.read_text(encoding="utf-8"))
