"""``python -m benchmarks.fastpath``: the embedded pipeline with and without kora_quotes' fast paths.

Parses EWT test (and GUM test) from raw text on one thread three ways, each
run in a fresh process (the fast paths patch stanza for the whole process),
alternating them so that a machine whose speed drifts treats all alike:
through stanza's own code ("stanza"), through :mod:`kora_quotes.parsing.fastpath` and
:mod:`kora_quotes.parsing.fastdecode` in float32 ("fast", ``KORA_QUOTES_BF16=0``), and
with ``KORA_QUOTES_BF16=1`` ("bf16": the same, with the LSTMs in bfloat16
where the CPU has it, :mod:`kora_quotes.parsing.bf16`). Prints tokens/s per run, the
median of each, the speed-ups, whether "stanza" and "fast" give byte-identical
outputs (CoNLL-U of every word: form, tags, lemma, head, relation), and how
far "bf16" agrees with them (the CoNLL 2018 evaluator's F1, the float32 parse
as the reference).

    python -m benchmarks.fastpath [--ud ../shared/data/ud] [--runs 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional, Sequence

REPO_ROOT = Path(__file__).resolve().parent.parent
FILES = {"ewt": "en_ewt-ud-test.conllu", "gum": "en_gum-ud-test.conllu"}
MODES = ("stanza", "fast", "bf16")
_BF16_ENV = {"stanza": "0", "fast": "0", "bf16": "1"}


def _one(mode: str, path: Path, save: Optional[Path] = None) -> dict[str, Any]:
    """Parse ``path``'s raw text in this process; modes other than "stanza" install the fast paths
    (bfloat16 LSTMs as KORA_QUOTES_BF16 says). ``save``: write the CoNLL-U there."""
    import torch

    torch.set_num_threads(1)
    from kora_quotes.parsing.load import load_pipeline
    from training.evaluate import raw_text, to_conllu

    nlp = load_pipeline("embedded", fast_paths=mode != "stanza")  # the same pipeline either way
    text = raw_text(path.read_text(encoding="utf-8"))
    nlp(text[:2000])  # warm-up
    started = time.perf_counter()
    doc = nlp(text)
    seconds = time.perf_counter() - started
    tokens = sum(len(s.tokens) for s in doc.sentences)
    conllu = to_conllu(doc, text)
    if save is not None:
        save.write_text(conllu, encoding="utf-8")
    return {"mode": mode, "seconds": round(seconds, 3), "tokens": tokens,
            "tokens_per_second": round(tokens / seconds, 1), "output_sha256": hashlib.sha256(conllu.encode()).hexdigest()}


def measure(ud: Path, runs: int = 3, files: Sequence[str] = tuple(FILES)) -> dict[str, Any]:
    import tempfile

    from training.evaluate import _score

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            path = ud / FILES[name]
            if not path.exists():
                raise FileNotFoundError(f"{path} is missing: pass --ud a folder holding the UD English test files")
            rows = []
            for run in range(runs):
                for mode in MODES:
                    saved = Path(tmp) / f"{name}.{mode}.conllu"
                    cmd = [sys.executable, "-m", "benchmarks.fastpath", "--one", mode, "--file", str(path), "--save", str(saved)]
                    env = dict(os.environ, OMP_NUM_THREADS="1", KORA_QUOTES_BF16=_BF16_ENV[mode])
                    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=REPO_ROOT)
                    row = json.loads(done.stdout.strip().splitlines()[-1])
                    rows.append(row)
                    print(f"{name} run {run + 1} {mode:>6}: {row['tokens_per_second']:7.0f} tokens/s "
                          f"({row['seconds']:.1f} s)", file=sys.stderr, flush=True)
            median = {m: statistics.median(r["tokens_per_second"] for r in rows if r["mode"] == m) for m in MODES}
            exact = {r["output_sha256"] for r in rows if r["mode"] != "bf16"}
            agreement = _score(Path(tmp) / f"{name}.fast.conllu", (Path(tmp) / f"{name}.bf16.conllu").read_text(encoding="utf-8"))
            out[name] = {"runs": rows, "median_tokens_per_second": median,
                         "speed_up": round(median["fast"] / median["stanza"], 2),
                         "speed_up_bf16": round(median["bf16"] / median["stanza"], 2),
                         "identical_output": len(exact) == 1,
                         "bf16_agreement": {k: agreement[k] for k in ("Tokens", "Sentences", "UPOS", "LAS") if k in agreement}}
    return out


def report(result: dict[str, Any]) -> str:
    lines = ["| test set | stanza's code, tokens/s | fast paths (float32) | speed-up | same parses "
             "| with bfloat16 LSTMs | speed-up | agreement with float32: sentences / UPOS / LAS |",
             "|---|---|---|---|---|---|---|---|"]
    for name, r in result.items():
        m = r["median_tokens_per_second"]
        row = (f"| {name.upper()} test | {m['stanza']:,.0f} | {m['fast']:,.0f} | {r['speed_up']:.2f}x | "
               f"{'yes' if r['identical_output'] else 'NO'} |")
        if "bf16" in m:
            a = r["bf16_agreement"]
            row += (f" {m['bf16']:,.0f} | {r['speed_up_bf16']:.2f}x | "
                    f"{a.get('Sentences', 0):.2f} / {a.get('UPOS', 0):.2f} / {a.get('LAS', 0):.2f} |")
        else:
            row += " - | - | - |"
        lines.append(row)
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.fastpath", description=__doc__.split("\n\n")[0])
    ap.add_argument("--ud", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "ud",
                    help="folder with the UD English test files (default: ../shared/data/ud)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each mode per test set (default: 3)")
    ap.add_argument("--only", choices=tuple(FILES), help="one test set only")
    ap.add_argument("--json", type=Path, help="write every run to this JSON file")
    ap.add_argument("--one", choices=MODES, help=argparse.SUPPRESS)
    ap.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--save", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(_one(args.one, args.file, args.save)))
        return 0
    result = measure(args.ud, args.runs, [args.only] if args.only else tuple(FILES))
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["identical_output"] for r in result.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
