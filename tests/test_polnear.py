"""PolNeAR reader on a tiny hand-made BRAT fixture (tests/fixtures/polnear_mini)."""

from pathlib import Path

import pytest

from benchmarks import polnear
from benchmarks.metrics import evaluate

ROOT = Path(__file__).parent / "fixtures" / "polnear_mini"


def _dev():
    return {d.doc_id: d for d in polnear.load_split(ROOT, "dev")}


def test_first_annotator_is_chosen():
    docs = _dev()
    assert docs["art-a"].annotator == "4b22"  # not ef2d, though metadata lists ef2d first
    assert len(docs["art-a"].quotes) == 3  # the ef2d file holds only one


def test_discontinuous_content_and_numbered_role():
    a = _dev()["art-a"]
    q = a.quotes[1]
    text = a.text
    assert [text[s:e] for s, e in q["content"]] == ["“We are surprised,”", "“Yesterday there were polls.”"]
    assert [text[s:e] for s, e in q["source"]] == ["Caddell"]
    assert [text[s:e] for s, e in q["cue"]] == ["said"]
    assert q["id"] == "E2"


def test_no_source_attribution_kept_and_discard_ignored():
    a = _dev()["art-a"]
    first, _, last = a.quotes
    assert [a.text[s:e] for s, e in first["content"]] == ["Voters are worried."]
    assert [a.text[s:e] for s, e in first["source"]] == ["Pat Caddell"]
    assert [a.text[s:e] for s, e in last["content"]] == ["The clip"]
    assert last["source"] == []
    assert [a.text[s:e] for s, e in last["cue"]] == ["has faced ridicule online"]


def test_parse_ann_multiline_and_discontinuous_source():
    ann = (
        "T1\tSource 0 3;8 11\tabc def\n"
        "continued text of a span with a line break\n"
        "T2\tCue 4 7\tsay\n"
        "T3\tContent 12 20\tcontent\n"
        "E1\tAttribution:T9 Source:T1 Cue:T2 Content:T3\n"
        "E2\tAttribution:T8\n"
    )
    (q,) = polnear.parse_ann(ann)
    assert q["source"] == [(0, 3), (8, 11)]
    assert q["cue"] == [(4, 7)]
    assert q["content"] == [(12, 20)]


def test_split_train_and_limit():
    train = list(polnear.load_split(ROOT, "train"))
    assert [d.doc_id for d in train] == ["art-t"]
    assert [d.doc_id for d in polnear.load_split(ROOT, "dev", limit=1)] == ["art-a"]
    empty = _dev()["art-b"]
    assert empty.quotes == []


def test_missing_split_raises():
    with pytest.raises(FileNotFoundError):
        list(polnear.load_split(ROOT, "test"))


def test_default_dir_env(monkeypatch, tmp_path):
    monkeypatch.setenv("KORA_POLNEAR", str(tmp_path))
    assert polnear.default_dir() == tmp_path
    monkeypatch.delenv("KORA_POLNEAR")
    d = polnear.default_dir()
    assert d.parts[-3:] == ("shared", "benchmarks", "polnear")


def test_gold_scores_perfectly_against_itself():
    a = _dev()["art-a"]
    preds = []
    for q in a.quotes:
        s, e = q["content"][0][0], q["content"][-1][1]
        spk = None
        if q["source"]:
            ss, se = q["source"][0]
            spk = {"name": a.text[ss:se], "text": a.text[ss:se], "start": ss, "end": se}
        cs, ce = q["cue"][0]
        preds.append(
            {
                "kind": "direct",
                "text": a.text[s:e],
                "start": s,
                "end": e,
                "spans": [list(x) for x in q["content"]],
                "cue": {"text": a.text[cs:ce], "start": cs, "end": ce},
                "speaker": spk,
                "speakers": [spk] if spk else [],
            }
        )
    res = evaluate([(a.text, a.quotes, preds)])["all"]
    assert res["exact"]["content"]["f1"] == 1.0
    assert res["exact"]["quote"]["f1"] == 1.0
    assert res["overlap"]["quote"]["f1"] == 1.0
    assert res["ggt80"]["speaker_mention_acc"] == 1.0
