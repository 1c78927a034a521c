"""``python -m benchmarks``: score kora_quotes and the baseline on the seed article and PolNeAR.

Prints tables, writes every number to a JSON file and, with ``--docs``,
docs/benchmarks.md. See ``--help`` for the flags.
"""

from __future__ import annotations

import argparse
import copy
import datetime as _dt
import json
import shlex
import sys
import time
from pathlib import Path
from typing import Any, Optional, Sequence

from . import polnear, report, roleset, scopes, seed, systems, throughput
from .metrics import evaluate

REPO_ROOT = Path(__file__).resolve().parent.parent
ANNOTATOR_RULE = "one annotation per article: the lexicographically first annotator id among its .ann files"


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description="Score kora_quotes and the baseline on the seed article and PolNeAR.")
    ap.add_argument("--split", choices=("dev", "train"), default="dev", help="PolNeAR split (default: dev)")
    ap.add_argument("--polnear", type=Path, default=None, metavar="DIR",
                    help="PolNeAR directory (default: $KORA_POLNEAR, else ../shared/benchmarks/polnear from the repo root)")
    ap.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N PolNeAR documents")
    ap.add_argument("--no-speed", action="store_true", help="leave speed (documents/s, tokens/s, RSS) out of the report")
    ap.add_argument("--no-polnear", action="store_true", help="score the seed article only")
    ap.add_argument("--systems", default=",".join(systems.SYSTEMS),
                    help="comma-separated systems to run (default: kora_quotes,baseline)")
    ap.add_argument("--model", default="embedded", help="kora_quotes model: embedded or stanza (default: embedded)")
    ap.add_argument("--batch-size", type=int, default=8, help="documents per parsing call (default: 8)")
    ap.add_argument("--throughput", action="store_true",
                    help="also compare one-at-a-time extraction with Extractor.pipe in 1 and 2 processes "
                         "on the PolNeAR documents (off by default)")
    ap.add_argument("--throughput-batch-size", type=int, default=8, metavar="B",
                    help="batch_size for Extractor.pipe in the throughput comparison (default: 8)")
    ap.add_argument("--json", type=Path, default=REPO_ROOT / "benchmarks" / "results.json", metavar="PATH",
                    help="where to write every number (default: benchmarks/results.json)")
    ap.add_argument("--docs", nargs="?", const=REPO_ROOT / "docs" / "benchmarks.md", default=None, type=Path,
                    metavar="PATH", help="also write the Markdown report (default path: docs/benchmarks.md)")
    ap.add_argument("--ablate", action="store_true",
                    help="measure what each rule is worth: switch every rule off in turn on a PolNeAR train sample, "
                         "dev and the seed; prints a table, writes benchmarks/ablation.json and docs/rules.md "
                         "(--json/--docs change the paths)")
    ap.add_argument("--ablate-train", type=int, default=None, metavar="N",
                    help="with --ablate: articles in the train sample (sorted by id, every 4th, first N; default 210)")
    ap.add_argument("--ablate-exact", action="store_true",
                    help="with --ablate: re-run every document for every rule (slower; the default re-runs only "
                         "the documents where the rule fired)")
    ap.add_argument("--speed", action="store_true",
                    help="instead of scoring, time kora_quotes against spaCy's en_core_web_sm parse (the fixed "
                         "reference) and kora_quotes in 2 processes, each in a child process on one thread, "
                         "one document per call, in interleaved rounds (benchmarks/speed.py); writes "
                         "benchmarks/speed.json and, with --docs, its section of docs/benchmarks.md")
    ap.add_argument("--speed-rounds", type=int, default=None, metavar="N",
                    help="with --speed: interleaved rounds (default 3)")
    ap.add_argument("--fuzz", type=int, default=None, metavar="N",
                    help="instead of scoring, run N seeded hostile texts through extract, pipe and render_html and "
                         "check that nothing crashes and every offset indexes the text (benchmarks/fuzz.py); "
                         "writes build/fuzz/; exit 1 on any crash or violation")
    ap.add_argument("--fuzz-seed", type=int, default=0, metavar="S", help="with --fuzz: the generator's seed (default 0)")
    ap.add_argument("--fuzz-max-chars", type=int, default=None, metavar="C",
                    help="with --fuzz: the longest text generated (default 6000)")
    ap.add_argument("--fuzz-mem-mb", type=int, default=8000, metavar="MB",
                    help="with --fuzz: cap the process's address space (virtual memory, which runs well above the "
                         "resident set) at MB MiB, so a runaway case raises MemoryError (default 8000; 0: no cap)")
    return ap.parse_args(argv)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    argv = list(sys.argv[1:] if argv is None else argv)
    if args.fuzz is not None:
        from . import fuzz

        return fuzz.main(args.fuzz, seed=args.fuzz_seed, max_chars=args.fuzz_max_chars, mem_mb=args.fuzz_mem_mb,
                         model=args.model)
    if args.speed:
        from . import speed

        return speed.main(
            polnear_dir=args.polnear or polnear.default_dir(),
            split=args.split,
            limit=args.limit,
            rounds=speed.ROUNDS if args.speed_rounds is None else args.speed_rounds,
            json_path=args.json if "--json" in argv else speed.JSON_PATH,
            docs_path=args.docs,
            command="python -m benchmarks" + ("" if not argv else " " + shlex.join(argv)),
        )
    if args.ablate:
        from . import ablate

        return ablate.main(
            train_n=args.ablate_train or ablate.TRAIN_N,
            json_path=args.json if "--json" in argv else ablate.JSON_PATH,
            docs_path=args.docs if args.docs and args.docs != REPO_ROOT / "docs" / "benchmarks.md" else ablate.DOCS_PATH,
            exact=args.ablate_exact,
        )
    wanted = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(wanted) - set(systems.SYSTEMS)
    if unknown:
        _log(f"unknown system(s): {', '.join(sorted(unknown))}; choose from {', '.join(systems.SYSTEMS)}")
        return 2

    seed_text, seed_gold = seed.load_gold()
    docs: list[polnear.PolnearDoc] = []
    pn_dir = args.polnear or polnear.default_dir()
    if not args.no_polnear:
        try:
            docs = list(polnear.load_split(pn_dir, args.split, args.limit))
        except FileNotFoundError as e:
            _log(f"PolNeAR not found ({e}); pass --polnear DIR or set KORA_POLNEAR. Scoring the seed article only.")
    texts = [d.text for d in docs]

    results: dict[str, Any] = {
        "meta": {
            "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": "python -m benchmarks" + ("" if not argv else " " + shlex.join(argv)),
            "machine": report.machine_info(),
            "split": args.split,
            "polnear_dir": str(pn_dir),
            "limit": args.limit,
            "n_docs": len(docs),
            "n_gold": sum(len(d.quotes) for d in docs),
            "annotator_rule": ANNOTATOR_RULE,
            "annotators": {d.doc_id: d.annotator for d in docs},
        },
        "systems": {},
        "reference": report.REFERENCE,
    }

    kora_runner: Optional[systems.KoraRunner] = None
    for name in wanted:
        entry: dict[str, Any] = {"error": None}
        results["systems"][name] = entry
        if name == "baseline":
            run = systems.run_baseline
        else:
            _log("loading kora_quotes ...")
            try:
                runner = kora_runner = systems.KoraRunner(args.model, batch_size=args.batch_size)
            except Exception as e:  # models missing or still training
                entry["error"] = f"could not load the extractor: {type(e).__name__}: {e}"
                _log(entry["error"])
                continue

            def run(ts, runner=runner):
                return runner(ts, progress=lambda i, n: _log(f"  kora_quotes: {i}/{n} documents"))

        t0 = time.perf_counter()
        try:
            (seed_preds,), _ = run([seed_text])
            entry["seed"] = seed.score_seed(seed_text, seed_gold, seed_preds)
            entry["seed_predictions"] = seed_preds
            if docs:
                if name == "kora_quotes":
                    runner.keep_docs = True
                preds, speed = run(texts)
                entry["polnear"] = evaluate((d.text, d.quotes, p) for d, p in zip(docs, preds))
                if name == "kora_quotes":
                    _log("kora_quotes: each scope, learned scorer on and off ...")
                    results["scopes"] = scopes.run(runner.extractor, runner.docs, docs, speed["parse_s"])
                    runner.docs = []
                if not args.no_speed:
                    entry["speed"] = speed
        except Exception as e:
            entry["error"] = f"failed while running: {type(e).__name__}: {e}"
            _log(entry["error"])
        _log(f"{name}: done in {time.perf_counter() - t0:.1f}s")

    if args.throughput:
        results["throughput"] = _throughput(args, texts, kora_runner)
    if docs and "kora_quotes" in wanted and not results["systems"]["kora_quotes"].get("error"):
        _log("scoring roles, affiliations, venues and addressees (benchmarks/roleset) ...")
        results["roleset"] = roleset.evaluate(pn_dir)

    print(report.text_report(results))
    _write_results(args, results)
    return 0


def _write_results(args: argparse.Namespace, results: dict[str, Any]) -> None:
    """Write the JSON and the Markdown report. What this run did not measure (PolNeAR
    missing, speed off) is kept from the files it replaces, marked with their date."""
    old: dict[str, Any] = {}
    if args.json.exists():
        try:
            old = json.loads(args.json.read_text(encoding="utf-8"))
        except ValueError:
            old = {}
    md = report.markdown_report(results)  # (before the merge: kept tables get their note below)
    merged = report.keep_unmeasured_json(copy.deepcopy(results), old)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _log(f"wrote {args.json}")
    if args.docs:
        if args.docs.exists():
            old_date = old.get("meta", {}).get("date", "an earlier run")
            md = report.keep_unmeasured_markdown(md, args.docs.read_text(encoding="utf-8"), old_date)
        args.docs.parent.mkdir(parents=True, exist_ok=True)
        args.docs.write_text(md, encoding="utf-8")
        _log(f"wrote {args.docs} (sections it could not rerun kept)")


def _throughput(args: argparse.Namespace, texts: list[str],
                runner: Optional[systems.KoraRunner]) -> dict[str, Any]:
    """The throughput comparison, reusing the extractor loaded for the run when there is one."""
    if not texts:
        return {"error": "no PolNeAR documents to measure throughput on"}
    if args.throughput_batch_size < 1:
        return {"error": f"--throughput-batch-size must be >= 1, got {args.throughput_batch_size}"}
    if runner is None:
        _log("loading kora_quotes for the throughput comparison ...")
        try:
            runner = systems.KoraRunner(args.model, batch_size=args.batch_size)
        except Exception as e:
            msg = f"could not load the extractor: {type(e).__name__}: {e}"
            _log(msg)
            return {"error": msg}
    t0 = time.perf_counter()
    try:
        res = throughput.measure(runner.extractor, texts, batch_size=args.throughput_batch_size, progress=_log)
    except Exception as e:
        msg = f"failed while measuring: {type(e).__name__}: {e}"
        _log(msg)
        return {"error": msg}
    res["model"] = args.model
    res["error"] = None
    _log(f"throughput: done in {time.perf_counter() - t0:.1f}s")
    return res


if __name__ == "__main__":
    sys.exit(main())
