"""The parser-free baseline: quotation marks plus the nearest capitalised name."""

from benchmarks.baseline import predict
from benchmarks.metrics import evaluate, gold_quote

KEYS = {"kind", "text", "start", "end", "spans", "cue", "speaker", "speakers", "venue", "addressee"}


def test_contract_and_speaker_after():
    text = '“We are prepared to reach out,” Mr. Kerry told reporters.\n'
    (q,) = predict(text)
    assert KEYS <= set(q)
    assert q["kind"] == "direct"
    assert q["text"] == "We are prepared to reach out,"
    assert text[q["start"] : q["end"]] == q["text"]
    assert q["spans"] == [[q["start"], q["end"]]]
    assert q["speaker"]["text"] == "Mr. Kerry"
    assert q["speaker"]["name"] == "Kerry"  # titles dropped from the canonical name
    assert text[q["speaker"]["start"] : q["speaker"]["end"]] == "Mr. Kerry"
    assert q["cue"]["text"] == "told"
    assert q["speakers"] == [q["speaker"]]


def test_speaker_before_and_sentence_openers_dropped():
    text = 'But Senator John McCain said: "China is the only country that can act."\n'
    (q,) = predict(text)
    assert q["speaker"]["text"] == "Senator John McCain"
    assert q["cue"]["text"] == "said"


def test_forward_cue_beats_nearer_name_before():
    text = 'He did not name the North. "The relations seem disconnected," said an aide to Mr. Kerry.\n'
    (q,) = predict(text)
    assert q["speaker"]["text"] == "Mr. Kerry"


def test_short_quotes_and_other_paragraphs():
    text = 'The North called it a "crafty trick."\n"No name is in this paragraph at all," he said.\n'
    (q,) = predict(text)  # the two-word scare quote is skipped
    assert q["text"] == "No name is in this paragraph at all,"
    assert q["speaker"] is None and q["speakers"] == []  # "North" is in another paragraph
    assert q["cue"]["text"] == "said"


def test_straight_quotes_and_two_quotes():
    text = '"First part of it," said Jane Roe. "Second part of it."\n'
    qs = predict(text)
    assert [q["text"] for q in qs] == ["First part of it,", "Second part of it."]
    assert all(q["speaker"]["text"] == "Jane Roe" for q in qs)


def test_baseline_scores_on_a_gold():
    text = '“We are prepared to reach out,” Mr. Kerry told reporters. He said talks may follow.\n'
    gold = [
        gold_quote([[text.index("“"), text.index("”") + 1]], [[text.index("Mr."), text.index(" told")]], [[text.index("told"), text.index("told") + 4]]),
        gold_quote([[text.index("talks"), text.index(" follow") + 7]], [[text.index("He"), text.index("He") + 2]], [[text.index("said"), text.index("said") + 4]]),
    ]
    res = evaluate([(text, gold, predict(text))])
    assert (res["all"]["ggt80"]["p"], res["all"]["ggt80"]["r"]) == (1.0, 0.5)
    assert res["direct"]["ggt80"]["r"] == 1.0 and res["indirect"]["ggt80"]["r"] == 0.0
    assert res["all"]["exact"]["quote"]["p"] == 1.0
    assert res["all"]["ggt80"]["speaker_mention_acc"] == 1.0


def test_cli_runs_baseline_on_fixture(tmp_path, capsys):
    import json
    from pathlib import Path

    from benchmarks.__main__ import main

    fixture = Path(__file__).parent / "fixtures" / "polnear_mini"
    out, md = tmp_path / "r.json", tmp_path / "b.md"
    assert main(["--systems", "baseline", "--polnear", str(fixture), "--json", str(out), "--docs", str(md)]) == 0
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["meta"]["n_docs"] == 2 and res["meta"]["annotators"]["art-a"] == "4b22"
    bl = res["systems"]["baseline"]
    assert bl["polnear"]["all"]["n_gold"] == 3
    assert bl["speed"]["documents"] == 2
    assert bl["seed"]["summary"]["required"] > 0
    text = md.read_text(encoding="utf-8")
    assert "Citron retrained entirely on PolNeAR train" in text and "--systems baseline" in text
    assert "PolNeAR dev" in capsys.readouterr().out


def test_kora_runner_times_parse_and_attribution(monkeypatch):
    """The kora_quotes runner's bookkeeping, with a stand-in extractor (no model)."""
    import kora_quotes

    from benchmarks.systems import KoraRunner

    class Q:
        def __init__(self, d):
            self.d = d

        def to_dict(self):
            return self.d

    class FakeExtractor:
        def __init__(self, model):
            self.calls = []

        def parse_many(self, texts):
            self.calls.append(len(texts))
            return list(texts)

        def attribute(self, doc):
            if doc == "boom":
                raise RuntimeError("bad document")
            return [Q(q) for q in predict(doc)]

    monkeypatch.setattr(kora_quotes, "Extractor", FakeExtractor)
    runner = KoraRunner(batch_size=2)
    texts = ['"One two three," said Ann Lee.\n', "boom", "no quotes here"]
    preds, speed = runner(texts)
    assert runner.extractor.calls == [2, 1]
    assert [len(p) for p in preds] == [1, 0, 0]
    assert speed["documents"] == 3 and speed["errors"] == 1
    assert speed["tokens"] == 10  # 6 + 1 + 3 word tokens
    assert speed["total_s"] == speed["parse_s"] + speed["attribute_s"]
    assert speed["peak_rss_mb"] > 0
