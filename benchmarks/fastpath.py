"""``python -m benchmarks.fastpath``: the embedded pipeline with and without kora_quotes' fast paths.

Parses EWT test (and GUM test) from raw text on one thread, once through
stanza's own code and once through :mod:`kora_quotes._fastpath` and
:mod:`kora_quotes._fastdecode`, each run in a fresh process (the fast paths
patch stanza for the whole process), alternating the two so that a machine
whose speed drifts treats both alike. Prints tokens/s per run, the median of
each, the speed-up, and whether the two outputs (CoNLL-U of every word: form,
tags, lemma, head, relation) are byte-identical.

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
MODES = ("stanza", "fast")


def _one(mode: str, path: Path) -> dict[str, Any]:
    """Parse ``path``'s raw text in this process; ``mode`` "fast" installs the fast paths."""
    import torch

    torch.set_num_threads(1)
    from kora_quotes._evaluate import raw_text, to_conllu
    from kora_quotes._parse import load_pipeline

    nlp = load_pipeline("embedded", fast_paths=mode == "fast")  # the same pipeline either way
    text = raw_text(path.read_text(encoding="utf-8"))
    nlp(text[:2000])  # warm-up
    started = time.perf_counter()
    doc = nlp(text)
    seconds = time.perf_counter() - started
    tokens = sum(len(s.tokens) for s in doc.sentences)
    conllu = to_conllu(doc, text)
    return {"mode": mode, "seconds": round(seconds, 3), "tokens": tokens,
            "tokens_per_second": round(tokens / seconds, 1), "output_sha256": hashlib.sha256(conllu.encode()).hexdigest()}


def measure(ud: Path, runs: int = 3, files: Sequence[str] = tuple(FILES)) -> dict[str, Any]:
    out: dict[str, Any] = {}
    env = dict(os.environ, OMP_NUM_THREADS="1")
    for name in files:
        path = ud / FILES[name]
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: pass --ud a folder holding the UD English test files")
        rows = []
        for run in range(runs):
            for mode in MODES:
                cmd = [sys.executable, "-m", "benchmarks.fastpath", "--one", mode, "--file", str(path)]
                done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=REPO_ROOT)
                row = json.loads(done.stdout.strip().splitlines()[-1])
                rows.append(row)
                print(f"{name} run {run + 1} {mode:>6}: {row['tokens_per_second']:7.0f} tokens/s "
                      f"({row['seconds']:.1f} s)", file=sys.stderr, flush=True)
        median = {m: statistics.median(r["tokens_per_second"] for r in rows if r["mode"] == m) for m in MODES}
        hashes = {r["output_sha256"] for r in rows}
        out[name] = {"runs": rows, "median_tokens_per_second": median,
                     "speed_up": round(median["fast"] / median["stanza"], 2), "identical_output": len(hashes) == 1}
    return out


def report(result: dict[str, Any]) -> str:
    lines = ["| test set | stanza's code, tokens/s | fast paths, tokens/s | speed-up | same parses |",
             "|---|---|---|---|---|"]
    for name, r in result.items():
        m = r["median_tokens_per_second"]
        lines.append(f"| {name.upper()} test | {m['stanza']:,.0f} | {m['fast']:,.0f} | {r['speed_up']:.2f}x | "
                     f"{'yes' if r['identical_output'] else 'NO'} |")
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
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(_one(args.one, args.file)))
        return 0
    result = measure(args.ud, args.runs, [args.only] if args.only else tuple(FILES))
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["identical_output"] for r in result.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
