"""The training helpers that need no stanza run: the parser's tag noise."""

from pathlib import Path

import pytest

from training.train import match_tag_errors

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
    from training.train import Trainer

    calls = []
    for retag in (False, True):
        trainer = Trainer(tmp_path, tmp_path / f"out{retag}", ewt_only=True, seed=1, retag=retag)
        (trainer.models / "pos.pt").write_bytes(b"tagger")
        monkeypatch.setattr(trainer, "retag", lambda: ".retagged")
        monkeypatch.setattr(trainer, "_train_on_conllu", lambda name, module, corpus, *extra, **kw: calls.append(corpus))
        trainer.train_depparse()
    assert calls == ["", ".retagged"]


def test_tagger_continues_through_the_warm_start_wrapper(tmp_path, monkeypatch):
    from training.train import Trainer

    saved = tmp_path / "pos.pt"
    trainer = Trainer(tmp_path, tmp_path / "out", ewt_only=True, seed=1, tagger_from=saved)
    commands = []
    monkeypatch.setattr(trainer, "run", lambda name, args: commands.append(args) or 0.0)
    monkeypatch.setattr(trainer, "finish", lambda name, seconds: None)
    trainer.train_pos()
    (args,) = commands
    assert args[:3] == ["training.warmstart", "tagger", str(saved.resolve())] and args[3:5] == ["--mode", "train"]
    assert args[args.index("--lr") + 1] == "0.001"


def test_warm_start_gives_stanzas_tagger_the_saved_weights(tmp_path):
    """A tiny tagger trained for two steps, then continued from its saved file."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    rows = [("The", "the", "DET", "DT", 2, "det"), ("senator", "senator", "NOUN", "NN", 3, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"), ("no", "no", "INTJ", "UH", 3, "obj"), (".", ".", "PUNCT", ".", 3, "punct")]
    sentences = []
    for k in range(30):
        lines = [f"# sent_id = {k}", "# text = The senator said no."]
        lines += [f"{i}\t{f}\t{l}\t{u}\t{x}\t_\t{h}\t{r}\t_\t{'SpaceAfter=No' if i == 4 else '_'}"
                  for i, (f, l, u, x, h, r) in enumerate(rows, start=1)]
        sentences.append("\n".join(lines))
    data = tmp_path / "data.conllu"
    data.write_text("\n\n".join(sentences) + "\n\n", encoding="utf-8")
    tiny = ["--mode", "train", "--lang", "en", "--shorthand", "en_test", "--train_file", str(data), "--eval_file", str(data),
            "--cpu", "--no_pretrain", "--hidden_dim", "16", "--char_hidden_dim", "16", "--deep_biaff_hidden_dim", "16",
            "--composite_deep_biaff_hidden_dim", "8", "--batch_size", "10", "--max_steps", "2", "--eval_interval", "2"]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(Path(__file__).parent.parent)}
    subprocess.run([sys.executable, "-m", "stanza.models.tagger", *tiny, "--output_file", str(tmp_path / "a.conllu"),
                    "--save_dir", str(tmp_path / "a"), "--save_name", "pos.pt"], check=True, env=env, capture_output=True)
    done = subprocess.run([sys.executable, "-m", "training.warmstart", "tagger", str(tmp_path / "a" / "pos.pt"), *tiny,
                           "--output_file", str(tmp_path / "b.conllu"), "--save_dir", str(tmp_path / "b"), "--save_name", "pos.pt"],
                          check=True, env=env, capture_output=True, text=True)
    assert "tagger weights from" in done.stdout + done.stderr and "grown" not in done.stdout + done.stderr
    assert (tmp_path / "b" / "pos.pt").exists()
    # the same tagger grown to read word vectors (GloVe's text format, made into a stanza pretrain file)
    from training.train import make_vectors

    glove = tmp_path / "glove.txt"
    glove.write_text("".join(f"{w} {' '.join(str((i + j) % 7 / 7) for j in range(5))}\n"
                             for i, w in enumerate(["the", "senator", "said", "no", "."])), encoding="utf-8")
    assert make_vectors(glove, tmp_path / "vectors.pt")["words"] == 5
    with_vectors = [a for a in tiny if a != "--no_pretrain"] + ["--wordvec_pretrain_file", str(tmp_path / "vectors.pt"),
                                                                "--word_cutoff", "0"]
    done = subprocess.run([sys.executable, "-m", "training.warmstart", "tagger", str(tmp_path / "a" / "pos.pt"),
                           *with_vectors, "--output_file", str(tmp_path / "c.conllu"), "--save_dir", str(tmp_path / "c"),
                           "--save_name", "pos.pt"], check=True, env=env, capture_output=True, text=True)
    assert "grown by 125 input columns" in done.stdout + done.stderr
    assert (tmp_path / "c" / "pos.pt").exists()


def test_growing_keeps_saved_columns_around_zeros_for_the_vectors():
    import torch

    from training.warmstart import grow_state

    saved = {"lstm.weight_ih_l0": torch.tensor([[1.0, 2.0, 3.0]]), "drop_replacement": torch.tensor([4.0, 5.0, 6.0]),
             "out.weight": torch.tensor([7.0])}
    new = {"lstm.weight_ih_l0": torch.full((1, 5), 9.0), "drop_replacement": torch.full((5,), 9.0),
           "out.weight": torch.tensor([0.0]), "trans_pretrained.weight": torch.ones(2, 2)}
    grown = grow_state(new, saved, offset=1, width=2)
    assert grown["lstm.weight_ih_l0"].tolist() == [[1.0, 0.0, 0.0, 2.0, 3.0]]
    assert grown["drop_replacement"].tolist() == [4.0, 9.0, 9.0, 5.0, 6.0]  # new entries keep their initialisation
    assert grown["out.weight"].tolist() == [7.0] and grown["trans_pretrained.weight"].tolist() == [[1.0, 1.0], [1.0, 1.0]]
    with pytest.raises(ValueError, match="does not fit"):
        grow_state({"out.weight": torch.zeros(3)}, saved, offset=0, width=1)


def test_parser_continues_from_a_checkpoint_in_the_adam_stage(tmp_path, monkeypatch):
    from training.train import Trainer

    start = tmp_path / "depparse_checkpoint.pt"
    trainer = Trainer(tmp_path, tmp_path / "out", ewt_only=True, seed=1, parser_from=start)
    calls = []
    monkeypatch.setattr(trainer, "_train_on_conllu", lambda name, module, corpus, *extra, **kw: calls.append(extra))
    trainer.train_depparse()
    (extra,) = calls
    assert extra[extra.index("--continue_from") + 1] == str(start)
    assert extra[extra.index("--second_optim_start_step") + 1] == "2500"


def test_parser_checkpoint_given_relative_is_found_from_the_work_folder(tmp_path, monkeypatch):
    """stanza runs with the work folder as its current directory: a relative path must be made absolute."""
    from training.train import Trainer

    monkeypatch.chdir(tmp_path)
    trainer = Trainer(tmp_path, tmp_path / "out", ewt_only=True, seed=1, parser_from=Path("ckpt/depparse_checkpoint.pt"))
    calls = []
    monkeypatch.setattr(trainer, "_train_on_conllu", lambda name, module, corpus, *extra, **kw: calls.append(extra))
    trainer.train_depparse()
    given = calls[0][calls[0].index("--continue_from") + 1]
    assert given == str(tmp_path / "ckpt" / "depparse_checkpoint.pt")


def test_parser_grown_for_vectors_goes_through_the_warm_start(tmp_path, monkeypatch):
    from training.train import Trainer

    trainer = Trainer(tmp_path, tmp_path / "out", ewt_only=True, seed=1, parser_from=tmp_path / "depparse.pt",
                      vectors=tmp_path / "vectors.pt")
    calls = []
    monkeypatch.setattr(trainer, "_train_on_conllu", lambda name, module, corpus, *extra, **kw: calls.append((extra, kw)))
    trainer.train_depparse()
    ((extra, kw),) = calls
    assert kw["launcher"] == ["training.warmstart", "parser", str(tmp_path / "depparse.pt")]
    assert "--continue_from" not in extra and extra[extra.index("--wordvec_pretrain_file") + 1] == str(tmp_path / "vectors.pt")
    assert "--no_pretrain" not in trainer.config("depparse")


def test_stanza_subprocesses_can_launch_the_warm_start(tmp_path, monkeypatch):
    """stanza runs in the work folder: the repository root (which holds ``training``) is on its path."""
    import os

    from training.train import REPO_ROOT, Trainer

    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    trainer = Trainer(tmp_path, tmp_path / "out", ewt_only=True, seed=1)
    assert trainer.stanza_env()["PYTHONPATH"].split(os.pathsep) == [str(REPO_ROOT), "/elsewhere"]
    assert (REPO_ROOT / "training" / "warmstart.py").exists()
