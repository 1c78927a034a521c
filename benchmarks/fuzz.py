"""``python -m benchmarks --fuzz N``: a long sweep of hostile texts through the public API.

Each of the N texts of the seeded generator (tests/fuzz/generate.py, sweep
``--fuzz-seed``) goes through ``Extractor.extract``; its quotes are checked with
tests/fuzz/checks.py (every offset indexes the text, every part slices to its
own text, ``to_dict`` round-trips through JSON) and drawn with ``render_html``
(which must not raise and must give UTF-8-encodable HTML). Every
``TWICE_EVERY``-th text is extracted a second time (same input, same output),
and every ``PIPE_EVERY`` texts the last ``PIPE_DOCS`` go through
``Extractor.pipe``, whose results must equal the one-at-a-time ones, in order.

The report: cases (by family), crashes by stage and exception type, offset and
other violations, the slowest cases (time and size), peak RSS and the case that
raised it most, and the total time. The first reproducer of each crash type is
written to build/fuzz/crashes.jsonl (with a shrunk version when shrinking
finds one), the first of each violation kind to build/fuzz/violations.jsonl,
and every number to build/fuzz/summary.json. The exit status is 1 if anything
crashed or broke a property, else 0.

The process's address space is capped (``--fuzz-mem-mb``, default 8000 MiB;
0 lifts the cap), so that a case that blows up the parser raises a
``MemoryError`` (counted as a crash) instead of taking the machine down. The
cap is on virtual memory, which runs well above the resident set: about 1 GB
after loading; before oneDNN's kernel cache was capped (bf77d33) it grew to
4.2 GB over a few hundred varied texts while RSS stayed under 0.9 GB, so that
a 4000 MiB cap broke healthy runs. The report gives the peak virtual size. A case that
runs past ``CASE_TIMEOUT_S`` is stopped and counted as a crash of type
``CaseTimeout``.

After a crash a plain canary text is extracted; when that fails too, the
extractor is poisoned (later texts fail for no fault of their own): the
poisoning is reported with the case that caused it, and a fresh extractor is
loaded (at most ``MAX_RELOADS`` times) so that the sweep goes on meaning
something.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import platform
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Callable, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "build" / "fuzz"
TWICE_EVERY = 10  # every 10th case is extracted twice (determinism)
PIPE_EVERY = 100  # every 100 cases, the last PIPE_DOCS go through Extractor.pipe
PIPE_DOCS = 16
PIPE_BATCH = 8
CASE_TIMEOUT_S = 120
SHRINK_CALLS = 300  # extractions a shrink may spend
SHRINK_SECONDS = 120
REPR_CHARS = 300
MAX_RELOADS = 3


class _StopSweep(Exception):
    """The extractor was poisoned more than MAX_RELOADS times."""


class CaseTimeout(Exception):
    """A case ran past CASE_TIMEOUT_S."""


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _vm_peak_mib() -> Optional[float]:
    """The peak virtual size (what an address-space cap limits), where /proc tells it."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _short(text: str, n: int = REPR_CHARS) -> str:
    r = repr(text)
    return r if len(r) <= n else r[:n] + f"... ({len(text)} chars)"


@contextlib.contextmanager
def _time_limit(seconds: float):
    if seconds <= 0 or not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum, frame):
        raise CaseTimeout(f"case ran past {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _cap_memory(mem_mb: int) -> Optional[int]:
    """Cap the address space at ``mem_mb`` MiB (never above an existing hard cap); returns the cap in bytes."""
    if mem_mb <= 0:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = mem_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return cap


def _where(exc: BaseException) -> str:
    """The innermost frames of ``exc``'s traceback, one line each."""
    frames = traceback.extract_tb(exc.__traceback__)[-4:]
    return " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))


def shrink(text: str, still_fails: Callable[[str], bool], *, max_calls: int = SHRINK_CALLS,
           max_seconds: float = SHRINK_SECONDS) -> tuple[str, int]:
    """A shorter text for which ``still_fails`` holds (delta debugging on characters).

    Removes chunks of halving size while the failure persists, then tries to
    strip every single character; stops after ``max_calls`` tries or
    ``max_seconds``. Returns the smallest text found and the tries spent.
    """
    calls = 0
    t_end = time.perf_counter() + max_seconds

    def test(candidate: str) -> bool:
        nonlocal calls
        calls += 1
        try:
            return still_fails(candidate)
        except Exception:  # noqa: BLE001 - a different failure is not this one
            return False

    chunk = max(1, len(text) // 2)
    while chunk >= 1 and calls < max_calls and time.perf_counter() < t_end:
        i, removed = 0, False
        while i < len(text) and calls < max_calls and time.perf_counter() < t_end:
            candidate = text[:i] + text[i + chunk:]
            if candidate != text and test(candidate):
                text, removed = candidate, True
            else:
                i += chunk
        if not removed:
            if chunk == 1:
                break
            chunk //= 2
    return text, calls


class Sweep:
    """The state of one sweep: counters, first reproducers, timings."""

    def __init__(self, extractor: Any, seed: int, out_dir: Path, do_shrink: bool, model: str = "embedded") -> None:
        from tests.fuzz import checks

        self.ex = extractor
        self.model = model
        self.poisonings: list[dict] = []
        self.cap_mib: Optional[int] = None
        self.exhausted: Optional[dict] = None
        self.checks = checks
        self.seed = seed
        self.out_dir = out_dir
        self.do_shrink = do_shrink
        self.cases = 0
        self.families: collections.Counter = collections.Counter()
        self.quotes = 0
        self.crashes: collections.Counter = collections.Counter()  # (stage, type) -> count
        self.crash_first: dict[tuple[str, str], dict] = {}
        self.violations: collections.Counter = collections.Counter()  # kind -> count
        self.violation_first: dict[str, dict] = {}
        self.slowest: list[tuple[float, int, str, int]] = []
        self.chars = 0
        self.extract_s = 0.0
        self.pipe_runs = 0
        self.pipe_docs = 0
        self.rss_jump = (0.0, -1, "", 0)  # MiB added to the peak, case, family, size

    # -- recording -------------------------------------------------------------------
    def _record(self, path: Path, record: dict) -> None:
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=True) + "\n")

    def crash(self, stage: str, exc: BaseException, case: Any, replay: Optional[Callable[[str], None]]) -> None:
        key = (stage, type(exc).__name__)
        self.crashes[key] += 1
        vm = _vm_peak_mib()
        if self.cap_mib and vm and vm >= 0.9 * self.cap_mib:
            # the address-space cap was reached: the process cannot recover (memory is not given back), and
            # shrinking or a fresh extractor would fail for the same reason
            self.exhausted = {"index": case.index, "family": case.family, "stage": stage, "type": key[1],
                              "message": str(exc)[:300], "vm_peak_mib": vm, "cap_mib": self.cap_mib,
                              "chars": len(case.text), "repr": _short(case.text)}
            _log(f"  ADDRESS SPACE EXHAUSTED at case {case.index} ({stage} {key[1]}: {str(exc)[:120]}; VmPeak "
                 f"{vm:.0f} MiB, cap {self.cap_mib} MiB): stopping; rerun with a larger --fuzz-mem-mb")
            raise _StopSweep
        poisoned = not isinstance(exc, CaseTimeout) and not self._canary_ok(case.index)
        if poisoned:
            self._poisoned(stage, exc, case)
        if key in self.crash_first:
            return
        rec = {
            "stage": stage, "type": key[1], "message": str(exc)[:1000], "where": _where(exc),
            "seed": case.seed, "index": case.index, "family": case.family, "chars": len(case.text),
            "repr": _short(case.text), "text": case.text, "poisoned_the_extractor": poisoned,
        }
        _log(f"  CRASH {stage} {key[1]}: {str(exc)[:200]} (case {case.seed}:{case.index} {case.family}, "
             f"{_short(case.text, 160)})")
        if self.do_shrink and replay is not None and not isinstance(exc, (MemoryError, CaseTimeout)):
            def still_fails(t: str, replay=replay, want=type(exc)) -> bool:
                try:
                    replay(t)
                except want:
                    return True
                return False

            rec["reproduces_alone"] = still_fails(case.text)  # (in a fresh extractor after a poisoning)
            if rec["reproduces_alone"]:
                small, calls = shrink(case.text, still_fails)
                rec.update(shrunk=small, shrunk_repr=_short(small), shrink_calls=calls)
                _log(f"    shrunk in {calls} tries to {_short(small, 200)}")
            else:
                _log("    does not reproduce alone: not shrunk")
        self.crash_first[key] = rec
        self._record(self.out_dir / "crashes.jsonl", rec)

    def _canary_ok(self, index: int) -> bool:
        """A plain sentence, of a length not seen before, still extracts (the extractor is not poisoned)."""
        # a length not seen before: the poisoning seen so far spares shapes the extractor has already run
        canary = f"Ms. Canary said step {index} was " + " ".join(["fine"] * (1 + index * 7 % 151)) + "."
        try:
            with _time_limit(CASE_TIMEOUT_S):
                self.ex.extract(canary)
            return True
        except Exception:  # noqa: BLE001
            return False

    def _poisoned(self, stage: str, exc: BaseException, case: Any) -> None:
        from kora_quotes import Extractor

        self.poisonings.append({"index": case.index, "family": case.family, "stage": stage,
                                "type": type(exc).__name__, "message": str(exc)[:300],
                                "vm_peak_mib": _vm_peak_mib(), "repr": _short(case.text)})
        _log(f"  POISONED: after case {case.index} ({stage} {type(exc).__name__}: {str(exc)[:120]}) a plain "
             f"canary text fails too; {'loading a fresh extractor' if len(self.poisonings) <= MAX_RELOADS else 'stopping'}")
        if len(self.poisonings) > MAX_RELOADS:
            raise _StopSweep
        old, self.ex = self.ex, None
        del old
        import gc

        gc.collect()
        try:
            self.ex = Extractor(self.model)
        except Exception as e:  # noqa: BLE001 - e.g. the address space is still exhausted
            self.poisonings[-1]["reload_failed"] = f"{type(e).__name__}: {str(e)[:200]}"
            _log(f"  could not load a fresh extractor ({type(e).__name__}: {str(e)[:120]}): stopping")
            raise _StopSweep from e

    def violation(self, kind: str, problems: list[str], case: Any,
                  replay: Optional[Callable[[str], list[str]]]) -> None:
        self.violations[kind] += 1
        if kind in self.violation_first:
            return
        rec = {
            "kind": kind, "problems": problems[:20], "seed": case.seed, "index": case.index,
            "family": case.family, "chars": len(case.text), "repr": _short(case.text), "text": case.text,
        }
        _log(f"  VIOLATION {kind}: {problems[0][:300]} (case {case.seed}:{case.index} {case.family})")
        if self.do_shrink and replay is not None:
            small, calls = shrink(case.text, lambda t: bool(replay(t)))
            rec.update(shrunk=small, shrunk_repr=_short(small), shrink_calls=calls,
                       shrunk_problems=replay(small)[:5] if small != case.text else problems[:5])
            _log(f"    shrunk in {calls} tries to {_short(small, 200)}")
        self.violation_first[kind] = rec
        self._record(self.out_dir / "violations.jsonl", rec)

    # -- one case --------------------------------------------------------------------
    def run_case(self, case: Any, twice: bool) -> Any:
        """Extract, check, render; returns the quotes or the exception (for the pipe comparison)."""
        checks, text = self.checks, case.text
        run = lambda t: self.ex.extract(t)  # noqa: E731 - the current extractor (a poisoned one is replaced)
        self.cases += 1
        self.families[case.family] += 1
        self.chars += len(text)
        peak0 = _peak_rss_mib()
        t0 = time.perf_counter()
        try:
            with _time_limit(CASE_TIMEOUT_S):
                quotes = self.ex.extract(text)
        except Exception as e:  # noqa: BLE001 - a crash is a finding
            dt = time.perf_counter() - t0
            self._timing(dt, case, peak0)
            self.crash("extract", e, case, run)
            return e
        dt = time.perf_counter() - t0
        self._timing(dt, case, peak0)
        self.quotes += len(quotes)

        offsets = checks.offset_problems(text, quotes)
        if offsets:
            self.violation("offsets", offsets, case, lambda t: checks.offset_problems(t, run(t)))
        trip = checks.roundtrip_problems(quotes)
        if trip:
            self.violation("to_dict round trip", trip, case, lambda t: checks.roundtrip_problems(run(t)))
        try:
            rendered = checks.render_problems(text, quotes)
        except Exception as e:  # noqa: BLE001
            self.crash("render_html", e, case, lambda t: checks.render_problems(t, run(t)))
        else:
            if rendered:
                self.violation("render_html output", rendered, case,
                               lambda t: checks.render_problems(t, run(t)))
        if twice:
            try:
                with _time_limit(CASE_TIMEOUT_S):
                    again = self.ex.extract(text)
            except Exception as e:  # noqa: BLE001
                self.crash("extract (second time)", e, case, None)
            else:
                if not checks.same_results(quotes, again):
                    self.violation("determinism", [f"first {quotes!r}", f"second {again!r}"], case, None)
        return quotes

    def _timing(self, dt: float, case: Any, peak0: float) -> None:
        self.extract_s += dt
        self.slowest.append((dt, case.index, case.family, len(case.text)))
        self.slowest = sorted(self.slowest, reverse=True)[:5]
        jump = _peak_rss_mib() - peak0
        if jump > self.rss_jump[0]:
            self.rss_jump = (jump, case.index, case.family, len(case.text))

    # -- pipe --------------------------------------------------------------------------
    def _pipe_differs(self, texts: list[str], k: int, alone: Any = None) -> list[str]:
        """What is wrong with document ``k`` of ``Extractor.pipe(texts)`` next to ``extract(texts[k])``."""
        from kora_quotes import ExtractionError

        if alone is None:
            try:
                alone = self.ex.extract(texts[k])
            except Exception as e:  # noqa: BLE001
                alone = e
        with _time_limit(CASE_TIMEOUT_S * 2):
            piped = list(self.ex.pipe(texts, batch_size=PIPE_BATCH))
        if len(piped) != len(texts):
            return [f"pipe gave {len(piped)} results for {len(texts)} texts"]
        out = self._pipe_check_one(piped[k], alone, k)
        if isinstance(piped[k], ExtractionError) and getattr(piped[k], "index", None) != k:
            out.append(f"its ExtractionError names document {piped[k].index}, not {k}")
        return out

    def run_pipe(self, window: list[tuple[Any, Any]]) -> None:
        from kora_quotes import ExtractionError

        texts = [c.text for c, _ in window]
        self.pipe_runs += 1
        self.pipe_docs += len(texts)
        try:
            with _time_limit(CASE_TIMEOUT_S * 2):
                piped = list(self.ex.pipe(texts, batch_size=PIPE_BATCH))
        except Exception as e:  # noqa: BLE001
            first = window[0][0]
            self.crash("pipe", e, type(first)(first.seed, first.index, "pipe window", texts[0]), None)
            return
        if len(piped) != len(texts):
            self.violation("pipe vs extract", [f"pipe gave {len(piped)} results for {len(texts)} texts"],
                           window[0][0], None)
            return
        for k, (case, alone) in enumerate(window):
            b0 = k - k % PIPE_BATCH  # the batch pipe parsed it in
            batch = texts[b0:b0 + PIPE_BATCH]
            problems = self._pipe_check_one(piped[k], alone, k)
            if isinstance(piped[k], ExtractionError) and getattr(piped[k], "index", None) != k:
                problems.append(f"its ExtractionError names document {piped[k].index}, not {k}")
            if not problems:
                continue
            problems = [f"case {case.index} (document {k} of a pipe over {len(texts)}): {p}" for p in problems]
            self.violations["pipe vs extract"] += 1
            if "pipe vs extract" in self.violation_first:
                continue
            rec = {
                "kind": "pipe vs extract", "problems": problems, "seed": case.seed, "index": case.index,
                "family": case.family, "chars": len(case.text), "repr": _short(case.text), "text": case.text,
                "batch_indices": [c.index for c, _ in window[b0:b0 + PIPE_BATCH]], "batch": batch,
            }
            _log(f"  VIOLATION pipe vs extract: {problems[0][:300]}")
            if self.do_shrink:
                rec.update(self._shrink_pipe(batch, k - b0))
                if "shrunk_batch" in rec:
                    _log(f"    shrunk to the batch {[_short(t, 120) for t in rec['shrunk_batch']]}")
            self.violation_first["pipe vs extract"] = rec
            self._record(self.out_dir / "violations.jsonl", rec)

    def _pipe_check_one(self, got: Any, alone: Any, k: int) -> list[str]:
        from kora_quotes import ExtractionError

        if isinstance(alone, BaseException):
            if not (isinstance(got, ExtractionError) and type(got.cause) is type(alone)):
                return [f"extract raised {type(alone).__name__}, pipe gave {got!r:.300}"]
            return []
        if isinstance(got, ExtractionError):
            return [f"pipe failed where extract did not: {got}"]
        if not self.checks.same_results(alone, got):
            return [f"pipe gave {[q.to_dict() for q in got]!r:.600} where extract gave "
                    f"{[q.to_dict() for q in alone]!r:.600}"]
        return []

    def _shrink_pipe(self, batch: list[str], k: int) -> dict:
        """The smallest batch found (two documents when one other document is enough) where ``pipe`` and
        ``extract`` disagree on one document."""
        if not self._pipe_differs(batch, k):
            return {"shrunk_note": "the batch alone does not reproduce it (it needs the other batches too)"}
        calls = 0
        target = batch[k]
        pair = None
        for j, mate in enumerate(batch):
            if j == k:
                continue
            calls += 1
            texts = [mate, target] if j < k else [target, mate]
            if self._pipe_differs(texts, 1 if j < k else 0):
                pair = (mate, j < k)
                break
        if pair is None:
            return {"shrunk_note": "no single other document reproduces it", "shrink_calls": calls}
        mate, before = pair

        def differs(m: str, t: str) -> bool:
            texts = [m, t] if before else [t, m]
            return bool(self._pipe_differs(texts, 1 if before else 0))

        mate, n1 = shrink(mate, lambda m: differs(m, target))
        target, n2 = shrink(target, lambda t: differs(mate, t))
        texts = [mate, target] if before else [target, mate]
        return {"shrunk_batch": texts, "shrunk_target": 1 if before else 0, "shrink_calls": calls + n1 + n2,
                "shrunk_repr": repr(texts)[:REPR_CHARS * 2],
                "shrunk_problems": self._pipe_differs(texts, 1 if before else 0)[:3]}

    # -- report ------------------------------------------------------------------------
    def summary(self, total_s: float, load_s: float, rss_loaded: float, meta: dict) -> dict:
        return {
            "meta": meta,
            "cases": self.cases,
            "families": dict(self.families.most_common()),
            "chars": self.chars,
            "quotes": self.quotes,
            "crashes": {f"{s}: {t}": n for (s, t), n in sorted(self.crashes.items())},
            "crash_reproducers": [
                {k: v for k, v in r.items() if k != "text"} for r in self.crash_first.values()
            ],
            "violations": dict(self.violations),
            "violation_reproducers": [
                {k: v for k, v in r.items() if k != "text"} for r in self.violation_first.values()
            ],
            "pipe_runs": self.pipe_runs,
            "pipe_docs": self.pipe_docs,
            "slowest": [{"seconds": round(d, 3), "index": i, "family": f, "chars": n} for d, i, f, n in self.slowest],
            "extract_s": round(self.extract_s, 2),
            "mean_extract_ms": round(1000 * self.extract_s / max(1, self.cases), 1),
            "load_s": round(load_s, 2),
            "total_s": round(total_s, 2),
            "peak_rss_mib": round(_peak_rss_mib(), 1),
            "vm_peak_mib": _vm_peak_mib(),
            "poisonings": self.poisonings,
            "address_space_exhausted": self.exhausted,
            "rss_after_load_mib": round(rss_loaded, 1),
            "largest_peak_rise": {"mib": round(self.rss_jump[0], 1), "index": self.rss_jump[1],
                                  "family": self.rss_jump[2], "chars": self.rss_jump[3]},
        }


def text_report(s: dict) -> str:
    lines = [
        f"fuzz sweep: seed {s['meta']['seed']}, {s['cases']} cases ({s['chars']:,} chars, {s['quotes']} quotes), "
        f"max {s['meta']['max_chars']} chars/case",
        "  families: " + ", ".join(f"{k} {v}" for k, v in s["families"].items()),
        f"  pipe: {s['pipe_runs']} runs over {s['pipe_docs']} documents",
        f"  crashes: {sum(s['crashes'].values())}" + ("" if s["crashes"] else " (none)"),
    ]
    for key, n in s["crashes"].items():
        lines.append(f"    {n:5d}  {key}")
    for r in s["crash_reproducers"]:
        lines.append(f"      {r['stage']} {r['type']}: {r['message'][:200]}")
        lines.append(f"        at {r['where']}")
        lines.append(f"        case {r['seed']}:{r['index']} ({r['family']}, {r['chars']} chars): {r['repr'][:200]}")
        if "shrunk_repr" in r:
            lines.append(f"        shrunk: {r['shrunk_repr']}")
    lines.append(f"  violations: {sum(s['violations'].values())}" + ("" if s["violations"] else " (none)"))
    for kind, n in s["violations"].items():
        lines.append(f"    {n:5d}  {kind}")
    for r in s["violation_reproducers"]:
        lines.append(f"      {r['kind']}: {r['problems'][0][:200]}")
        lines.append(f"        case {r['seed']}:{r['index']} ({r['family']}, {r['chars']} chars): {r['repr'][:200]}")
        if "shrunk_repr" in r:
            lines.append(f"        shrunk: {r['shrunk_repr']}")
    lines.append("  slowest: " + "; ".join(
        f"{x['seconds']:.2f} s (case {x['index']}, {x['family']}, {x['chars']} chars)" for x in s["slowest"][:3]))
    lines.append(f"  poisoned extractor: {len(s['poisonings'])} time(s)" + "".join(
        f"\n    after case {p['index']} ({p['family']}): {p['stage']} {p['type']}: {p['message'][:120]} "
        f"(VmPeak {p['vm_peak_mib']} MiB)" for p in s["poisonings"]))
    if s["address_space_exhausted"]:
        x = s["address_space_exhausted"]
        lines.append(f"  STOPPED: the address-space cap ({x['cap_mib']} MiB) was reached at case {x['index']} "
                     f"({x['family']}, {x['chars']} chars; {x['stage']} {x['type']}: {x['message'][:100]}); "
                     "rerun with a larger --fuzz-mem-mb")
    j = s["largest_peak_rise"]
    lines.append(f"  peak RSS: {s['peak_rss_mib']:.0f} MiB (after loading: {s['rss_after_load_mib']:.0f} MiB; "
                 f"largest rise {j['mib']:.0f} MiB at case {j['index']}, {j['family']}, {j['chars']} chars); "
                 f"peak virtual size {s['vm_peak_mib'] or 0:.0f} MiB (cap: {s['meta']['address_space_cap_mib']})")
    lines.append(f"  time: {s['total_s']:.1f} s total, {s['load_s']:.1f} s loading, {s['extract_s']:.1f} s in extract "
                 f"({s['mean_extract_ms']:.0f} ms/case)")
    return "\n".join(lines)


def main(n: int, *, seed: int = 0, max_chars: Optional[int] = None, mem_mb: int = 8000, model: str = "embedded",
         out_dir: Path = OUT_DIR, do_shrink: bool = True, progress_every: int = 100) -> int:
    """Run the sweep; print the report; return the exit status (1 on any crash or violation)."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))  # tests.fuzz lives in the repository, not in the package
    from tests.fuzz.generate import MAX_CHARS, generate

    if n < 1:
        _log(f"--fuzz needs a number of cases >= 1, got {n}")
        return 2
    max_chars = max_chars or MAX_CHARS
    cap = _cap_memory(mem_mb)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("crashes.jsonl", "violations.jsonl"):
        (out_dir / name).write_text("", encoding="utf-8")

    from kora_quotes import Extractor

    t_start = time.perf_counter()
    _log(f"loading kora_quotes ({model}) ...")
    extractor = Extractor(model)
    load_s = time.perf_counter() - t_start
    rss_loaded = _peak_rss_mib()
    sweep = Sweep(extractor, seed, out_dir, do_shrink, model)
    sweep.cap_mib = None if cap is None else cap // (1024 * 1024)
    window: collections.deque = collections.deque(maxlen=PIPE_DOCS)
    interrupted = False
    try:
        for i in range(n):
            case = generate(seed, i, max_chars)
            result = sweep.run_case(case, twice=i % TWICE_EVERY == 0)
            window.append((case, result))
            if (i + 1) % PIPE_EVERY == 0 or i + 1 == n:
                sweep.run_pipe(list(window))
                window.clear()
            if progress_every and (i + 1) % progress_every == 0:
                _log(f"  {i + 1}/{n} cases, {sum(sweep.crashes.values())} crashes, "
                     f"{sum(sweep.violations.values())} violations, {time.perf_counter() - t_start:.0f} s, "
                     f"peak RSS {_peak_rss_mib():.0f} MiB")
    except KeyboardInterrupt:
        interrupted = True
        _log("interrupted: reporting the cases run so far")
    except _StopSweep:
        interrupted = True
        _log("stopped early: see the report")
    meta = {
        "seed": seed, "requested": n, "max_chars": max_chars, "model": model, "interrupted": interrupted,
        "address_space_cap_mib": None if cap is None else cap // (1024 * 1024),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"), "python": platform.python_version(),
        "command": "python -m benchmarks --fuzz " + str(n) + f" --fuzz-seed {seed}",
    }
    summary = sweep.summary(time.perf_counter() - t_start, load_s, rss_loaded, meta)
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")
    print(text_report(summary))
    _log(f"wrote {out_dir / 'summary.json'}, {out_dir / 'crashes.jsonl'}, {out_dir / 'violations.jsonl'}")
    return 1 if (sweep.crashes or sweep.violations or sweep.poisonings or interrupted) else 0
