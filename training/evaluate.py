"""Score embedded models with the CoNLL 2018 shared-task evaluator that stanza ships (udtools.udeval).

    python -m training.evaluate --models DIR --ud UD_DIR [--json OUT]

For EWT test and GUM test: end to end from raw text (tokens, sentences, UPOS,
UAS, LAS) and from gold tokens (UPOS, UAS, LAS), plus the speed of the whole
pipeline from raw text on EWT test (tokens/s, with the threads torch has).
For maintainers: it lives outside the installed package.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Optional

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "Lemmas", "UAS", "LAS")
TEST_FILES = {"ewt": "en_ewt-ud-test.conllu", "gum": "en_gum-ud-test.conllu"}


def raw_text(conllu: str) -> str:
    """The running text of a CoNLL-U file: sentences joined by spaces, paragraphs by blank lines."""
    paragraphs: list[list[str]] = []
    for block in conllu.strip().split("\n\n"):
        lines = block.splitlines()
        text = next((ln[len("# text = "):] for ln in lines if ln.startswith("# text = ")), None)
        if text is None:
            continue
        if not paragraphs or any(ln.startswith(("# newpar", "# newdoc")) for ln in lines):
            paragraphs.append([])
        paragraphs[-1].append(text)
    return "\n\n".join(" ".join(p) for p in paragraphs)


def gold_words(conllu: str) -> list[list[str]]:
    out = []
    for block in conllu.strip().split("\n\n"):
        words = [ln.split("\t")[1] for ln in block.splitlines()
                 if ln and not ln.startswith("#") and ln.split("\t")[0].isdigit()]
        if words:
            out.append(words)
    return out


def _score(gold_path: Path, pred_conllu: str) -> dict[str, float]:
    """CoNLL 2018 F1 scores. stanza 1.15 ships the shared-task evaluator as ``udtools.udeval``
    (formerly ``stanza.utils.conll18_ud_eval``) and wraps it in ``ud_scores``."""
    import io

    from stanza.models.common.utils import ud_scores

    result = ud_scores(str(gold_path), io.StringIO(pred_conllu))
    return {m: round(100 * result[m].f1, 2) for m in METRICS if m in result}


def to_conllu(doc: Any, text: Optional[str] = None) -> str:
    """CoNLL-U of a stanza Document. Token forms come from the input text where offsets are
    known: stanza's tokenizer writes very long tokens (URLs) as "<UNK>", which the shared-task
    evaluator would reject as a change of the text."""
    lines = []
    for sent in doc.sentences:
        for token in sent.tokens:
            form = token.text
            if text is not None and token.start_char is not None:
                form = text[token.start_char : token.end_char]
            if len(token.words) > 1:
                lines.append(f"{token.id[0]}-{token.id[-1]}\t{form}\t_\t_\t_\t_\t_\t_\t_\t_")
            for w in token.words:
                wform = form if len(token.words) == 1 else w.text
                lines.append("\t".join(str(x) for x in (
                    w.id, wform, w.lemma or "_", w.upos or "_", w.xpos or "_", w.feats or "_",
                    w.head if w.head is not None else 0, w.deprel or "_", "_", "_")))
        lines.append("")
    return "\n".join(lines) + "\n"


def evaluate_all(models: Path, ud: Path) -> dict[str, Any]:
    import torch

    from kora_quotes.parsing.load import CPU_BATCH, embedded_pipeline, load_pipeline

    torch.set_num_threads(1)  # speed is measured on one core

    out: dict[str, Any] = {}
    started = time.time()
    nlp = load_pipeline("embedded", folder=models)  # as extract() runs it
    out["load_seconds"] = round(time.time() - started, 2)
    gold_nlp = embedded_pipeline(models, processors="tokenize,pos,lemma,depparse", tokenize_pretokenized=True, **CPU_BATCH)
    for name, fname in TEST_FILES.items():
        path = ud / fname
        conllu = path.read_text(encoding="utf-8")
        text = raw_text(conllu)
        t0 = time.time()
        doc = nlp(text)
        seconds = time.time() - t0
        n_tokens = sum(len(s.tokens) for s in doc.sentences)
        e2e = _score(path, to_conllu(doc, text))
        gdoc = gold_nlp(gold_words(conllu))
        gold_tok = _score(path, to_conllu(gdoc))
        out[name] = {
            "raw_text": e2e,
            "gold_tokens": gold_tok,
            "tokens": n_tokens,
            "seconds": round(seconds, 2),
            "tokens_per_second": round(n_tokens / seconds, 1),
        }
        print(f"{name}: raw {e2e}  gold-tokens {gold_tok}  {n_tokens / seconds:.0f} tokens/s", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.evaluate")
    parser.add_argument("--models", type=Path, required=True)
    parser.add_argument("--ud", type=Path, required=True)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    result = evaluate_all(args.models, args.ud)
    text = json.dumps(result, indent=2)
    if args.json:
        args.json.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
