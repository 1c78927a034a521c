"""The training helpers that need no stanza run: the parser's tag noise."""

from kora_quotes.training import match_tag_errors

ROWS = [("The", "DET", "DT"), ("senator", "NOUN", "NN"), ("said", "VERB", "VBD"), ("no", "INTJ", "UH")]


def _conllu(path, tags, copies):
    lines = []
    for k in range(copies):
        lines.append(f"# sent_id = {k}")
        for i, ((form, _, _), (upos, xpos)) in enumerate(zip(ROWS, tags), start=1):
            lines.append(f"{i}\t{form}\t_\t{upos}\t{xpos}\t_\t0\t_\t_\t_")
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_training_tags_get_the_dev_error_rate(tmp_path):
    gold_tags = [(u, x) for _, u, x in ROWS]
    # dev: the tagger calls "said" a noun every time (1 error in 4 words)
    wrong = gold_tags[:2] + [("NOUN", "NN")] + gold_tags[3:]
    gold_dev = _conllu(tmp_path / "gd", gold_tags, 50)
    pred_dev = _conllu(tmp_path / "pd", wrong, 50)
    gold_train = _conllu(tmp_path / "gt", gold_tags, 2000)
    pred_train = _conllu(tmp_path / "pt", gold_tags, 2000)  # the tagger knows its training data
    rates = match_tag_errors(gold_dev, pred_dev, gold_train, pred_train, tmp_path / "out", seed=1)
    assert rates["dev_tag_error"] == 0.25 and rates["train_tag_error_after_retagging"] == 0.0
    out = (tmp_path / "out").read_text(encoding="utf-8").splitlines()
    words = [line.split("\t") for line in out if line and not line.startswith("#")]
    assert len(words) == 8000 and sum(1 for line in out if line.startswith("#")) == 2000
    changed = [w for w, (_, u, x) in zip(words, ROWS * 2000) if (w[3], w[4]) != (u, x)]
    # only the confusion seen on dev is drawn: "said" VERB/VBD -> NOUN/NN, at about a quarter of all words
    assert {(w[1], w[3], w[4]) for w in changed} == {("said", "NOUN", "NN")}
    assert 0.2 < len(changed) / len(words) < 0.3
    assert 0.2 < rates["train_tag_error_after_noise"] < 0.3


def test_parser_trains_on_gold_tags_unless_asked_to_retag(tmp_path, monkeypatch):
    from kora_quotes.training import Trainer

    calls = []
    for retag in (False, True):
        trainer = Trainer(tmp_path, tmp_path / f"out{retag}", ewt_only=True, seed=1, retag=retag)
        (trainer.models / "pos.pt").write_bytes(b"tagger")
        monkeypatch.setattr(trainer, "retag", lambda: ".retagged")
        monkeypatch.setattr(trainer, "_train_on_conllu", lambda name, module, corpus, *extra: calls.append(corpus))
        trainer.train_depparse()
    assert calls == ["", ".retagged"]
