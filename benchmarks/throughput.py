"""Throughput: one document at a time against ``Extractor.pipe``, in one and two processes.

:func:`measure` times three ways of running one loaded extractor over the same
texts, wall clock, end to end:

- ``one_at_a_time``: ``[ex.extract(t) for t in texts]``;
- ``pipe``: ``list(ex.pipe(texts, batch_size=B, n_process=1))``;
- ``pipe_parallel``: ``list(ex.pipe(texts, batch_size=B, n_process=2))``, worker
  start-up included (it is part of the user's cost).

The worker start-up is also reported apart: ``pipe`` reads its input lazily and
starts the worker pool before it reads the first text, so the time from the
call to the first text read is the time the pool took to start (each worker
loads its own pipeline). For ``n_process=1`` the same number is ~0. Each pipe
row also has ``wall_s_after_startup`` and ``speedup_after_startup``, which leave
it out. With fewer batches (``ceil(documents / batch_size)``) than processes,
some workers get nothing to do.

Each mode's quotes (``Quote.to_dict()`` lists) are compared with those of
``one_at_a_time``; a failed document counts as the same in two modes when it
failed in both. Tokens are counted as :func:`benchmarks.systems.count_tokens`
does, so tokens/s here and in the speed table are the same unit.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

from .systems import count_tokens

__all__ = ["GOAL_SPEEDUP", "MODES", "measure"]

# The goal for Extractor.pipe with two worker processes on a 2-core machine.
GOAL_SPEEDUP = 1.5

MODES = ("one_at_a_time", "pipe", "pipe_parallel")

_FAILED = "<failed>"  # a failed document's place in the compared lists
_WARM_UP = '"We are ready to talk," the minister said on Monday.\n'


def _quotes(result: Any) -> Any:
    """A document's result as comparable data: its to_dict list, or the failure marker."""
    if isinstance(result, BaseException):
        return _FAILED
    return [q.to_dict() for q in result]


def _one_at_a_time(ex: Any, texts: Sequence[str]) -> list[Any]:
    out = []
    for t in texts:
        try:
            out.append(ex.extract(t))
        except Exception as e:  # one bad document must not stop the benchmark
            out.append(e)
    return out


class _FirstRead:
    """Wraps texts; records when the first one is read."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = texts
        self.first_read: Optional[float] = None

    def __iter__(self) -> Iterator[str]:
        for t in self.texts:
            if self.first_read is None:
                self.first_read = time.perf_counter()
            yield t


def _timed(run: Callable[[], list[Any]]) -> tuple[list[Any], float]:
    t0 = time.perf_counter()
    out = run()
    return out, time.perf_counter() - t0


def _row(label: str, batch_size: Optional[int], n_process: int, wall_s: float, n_docs: int, n_tok: int,
         results: list[Any]) -> dict[str, Any]:
    return {
        "call": label,
        "batch_size": batch_size,
        "n_process": n_process,
        "wall_s": wall_s,
        "docs_per_s": n_docs / wall_s if wall_s else None,
        "tokens_per_s": n_tok / wall_s if wall_s else None,
        "errors": sum(isinstance(r, BaseException) for r in results),
    }


def _torch_threads() -> Optional[int]:
    try:
        import torch

        return int(torch.get_num_threads())
    except Exception:
        return None


def measure(
    ex: Any,
    texts: Sequence[str],
    *,
    batch_size: int = 8,
    n_process: int = 2,
    warm_up: bool = True,
    progress: Optional[Callable[[str], None]] = None,
) -> dict[str, Any]:
    """Time ``ex`` over ``texts`` in the three modes; every number, JSON-ready.

    ``ex`` needs ``extract(text)`` and ``pipe(texts, *, batch_size, n_process)``
    (a :class:`kora_quotes.Extractor`). With ``warm_up`` one short text is
    extracted first, untimed, so that lazy initialisation in this process is
    not charged to whichever mode runs first.
    """
    texts = list(texts)
    n_docs, n_tok = len(texts), count_tokens(texts)
    say = progress or (lambda msg: None)
    if warm_up:
        ex.extract(_WARM_UP)

    say(f"throughput: one at a time, {n_docs} documents ...")
    ref, wall = _timed(lambda: _one_at_a_time(ex, texts))
    modes: dict[str, dict[str, Any]] = {
        "one_at_a_time": _row("[ex.extract(t) for t in texts]", None, 1, wall, n_docs, n_tok, ref),
    }
    ref_q = [_quotes(r) for r in ref]

    for mode, procs in (("pipe", 1), ("pipe_parallel", n_process)):
        say(f"throughput: pipe, batch_size={batch_size}, n_process={procs} ...")
        src = _FirstRead(texts)
        t0 = time.perf_counter()
        out = list(ex.pipe(src, batch_size=batch_size, n_process=procs))
        wall = time.perf_counter() - t0
        row = _row(f"list(ex.pipe(texts, batch_size={batch_size}, n_process={procs}))",
                   batch_size, procs, wall, n_docs, n_tok, out)
        startup = (src.first_read - t0) if src.first_read is not None else None
        row["startup_s"] = startup
        row["wall_s_after_startup"] = None if startup is None else wall - startup
        got = [_quotes(r) for r in out]
        differing = [i for i in range(max(len(got), len(ref_q)))
                     if i >= len(got) or i >= len(ref_q) or got[i] != ref_q[i]]
        row["identical"] = not differing
        row["differing_docs"] = differing
        modes[mode] = row

    base = modes["one_at_a_time"]["wall_s"]
    for row in modes.values():
        row["speedup"] = base / row["wall_s"] if row["wall_s"] else None
        if row.get("wall_s_after_startup"):
            row["speedup_after_startup"] = base / row["wall_s_after_startup"]
    par = modes["pipe_parallel"]["speedup"]
    return {
        "documents": n_docs,
        "tokens": n_tok,
        "batch_size": batch_size,
        "batches": -(-n_docs // batch_size),
        "n_process": n_process,
        "torch_threads": _torch_threads(),
        "worker_startup_s": modes["pipe_parallel"]["startup_s"],
        "goal_speedup": GOAL_SPEEDUP,
        "meets_goal": None if par is None else par >= GOAL_SPEEDUP,
        "identical": all(modes[m]["identical"] for m in ("pipe", "pipe_parallel")),
        "modes": modes,
    }
