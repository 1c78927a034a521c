"""Batched extraction over many texts: the engine behind :meth:`Extractor.pipe`.

Texts are read lazily, ``batch_size`` at a time. Each batch is parsed
(``extractor.parse_many``, each text in stanza calls of its own, so that a
result never depends on the other texts of its batch) and each parse is
attributed on its own (``extractor.attribute``). When the batch parse fails as a whole, its memory is
freed and its texts are parsed again one at a time (a memory failure once more
after freeing memory again), so that only the document at fault is reported, as
an :class:`~kora_quotes.errors.ExtractionError` with its own cause in its place.

With ``n_process > 1`` whole batches go to worker processes; at most
``2 * n_process`` batches are in flight, and the results come back in input
order. On Linux, when the calling process runs no other thread, the workers are
forked from it and use its extractor as loaded: no second load (about 7 s a
worker), and the model weights stay in memory pages the processes share.
Elsewhere, or with other threads running (forking them is unsafe), workers are
started with the "spawn" method and each builds its own extractor once.
"""

from __future__ import annotations

import collections
import gc
import contextlib
import itertools
import logging
import os
import pickle
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from ..errors import ExtractionError, not_text

_log = logging.getLogger("kora_quotes")

__all__ = ["pipe"]

# What to do with a document that fails, the same words in pipe, the command line's library
# calls and the Dask functions: "return" puts an ExtractionError in its place, "skip" an empty
# list of quotes (the error is logged), "raise" stops at the first failure.
ON_ERROR = ("return", "skip", "raise")

Batch = list[tuple[int, Any]]
Result = Union[list, ExtractionError]


def _check_args(batch_size: object, n_process: object, on_error: object) -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(
            f"batch_size must be a whole number >= 1 (documents read and parsed at a time), got {batch_size!r}; "
            "pass e.g. batch_size=16"
        )
    if isinstance(n_process, bool) or not isinstance(n_process, int) or n_process < 1:
        raise ValueError(
            f"n_process must be a whole number >= 1 (1 = work in this process), got {n_process!r}; "
            f"pass e.g. n_process={max(2, min(4, os.cpu_count() or 1))}"
        )
    check_on_error(on_error)


def check_on_error(on_error: object) -> None:
    if on_error not in ON_ERROR:
        raise ValueError(
            f"on_error must be 'return' (an ExtractionError in the failed document's place), "
            f"'skip' (no quotes for it; the error is logged) or 'raise' (stop at the first failure), "
            f"got {on_error!r}"
        )


def pipe(
    extractor: Any,
    texts: Iterable[str],
    *,
    batch_size: int = 16,
    n_process: int = 1,
    on_error: str = "return",
) -> Iterator[Result]:
    """Yield the quotes of each text of ``texts``, in order (see :meth:`Extractor.pipe`).

    Arguments are checked at once (a ``ValueError`` says what to pass); the
    texts themselves are only read as the results are consumed.
    """
    _check_args(batch_size, n_process, on_error)
    batches = _batches(texts, batch_size)
    if n_process == 1:
        results = (r for batch in batches for r in _run_batch(extractor, batch))
    else:
        results = _run_parallel(extractor, batches, n_process)
    return _deliver(results, on_error)


def _batches(texts: Iterable[Any], size: int) -> Iterator[Batch]:
    numbered = enumerate(texts)
    while True:
        batch = list(itertools.islice(numbered, size))
        if not batch:
            return
        yield batch


def _deliver(results: Iterator[tuple[int, Result]], on_error: str) -> Iterator[Result]:
    for _, result in results:
        if isinstance(result, ExtractionError):
            if on_error == "raise":
                raise result from result.cause
            if on_error == "skip":
                _log.warning("%s (skipped: on_error='skip')", result)
                result = []
        yield result


def _not_text(index: int, item: object) -> ExtractionError:
    return ExtractionError(index, not_text(item))


def _one(extractor: Any, text: str) -> list:
    docs = extractor.parse_many([text])
    if len(docs) != 1:
        raise RuntimeError(f"the parser returned {len(docs)} documents for 1 text")
    return list(extractor.attribute(docs[0]))


def _long(extractor: Any, index: int, text: str) -> Result:
    try:
        return list(extractor.extract(text))
    except Exception as exc:
        return ExtractionError(index, exc)


def _memory_trouble(exc: BaseException) -> bool:
    """A failure that may be the last document's memory rather than this one's: out of memory,
    or a kernel library that could not get any after it ran out ("could not create a primitive")."""
    return isinstance(exc, MemoryError) or (isinstance(exc, RuntimeError) and any(
        m in str(exc).lower() for m in ("could not create a primitive", "out of memory", "can't allocate", "cannot allocate")))


def _alone(extractor: Any, index: int, text: str) -> Result:
    """One document on its own; a memory failure is retried once after memory is freed, so that
    a document only ever fails for its own sake, under its own error."""
    try:
        return _one(extractor, text)
    except Exception as exc:
        if not _memory_trouble(exc):
            return ExtractionError(index, exc)
        first = exc
    gc.collect()
    try:
        return _one(extractor, text)
    except Exception as exc:
        # failing for memory again: its own first failure is the cause to report
        return ExtractionError(index, first if _memory_trouble(exc) else exc)


def _run_batch(extractor: Any, batch: Batch) -> list[tuple[int, Result]]:
    """The results of one batch, as ``(index, quotes or ExtractionError)`` in input order."""
    results: dict[int, Result] = {}
    todo: Batch = []
    for index, item in batch:
        if not isinstance(item, str):
            results[index] = _not_text(index, item)
        elif not item.strip():
            results[index] = []
        elif len(item) > getattr(extractor, "section_chars", len(item)):
            results[index] = _long(extractor, index, item)  # a section at a time, on its own
        else:
            todo.append((index, item))
    if todo:
        try:
            docs = extractor.parse_many([text for _, text in todo])
            if len(docs) != len(todo):
                raise RuntimeError(f"the parser returned {len(docs)} documents for {len(todo)} texts")
        except Exception:
            # The batch failed as a whole: free what it held, then parse its texts one by one,
            # so that only the document at fault fails
            docs = []
            gc.collect()
            for index, text in todo:
                results[index] = _alone(extractor, index, text)
        else:
            for (index, _), doc in zip(todo, docs):
                try:
                    results[index] = list(extractor.attribute(doc))
                except Exception as exc:
                    results[index] = ExtractionError(index, exc)
    return [(index, results[index]) for index, _ in batch]


# -- worker processes --------------------------------------------------------

def _worker_factory(extractor: Any) -> Callable[[], Any]:
    """A picklable recipe for building ``extractor``'s twin in a worker process."""
    recipe = getattr(extractor, "_worker_recipe", None)
    if recipe is not None:
        return recipe
    kwargs: dict[str, Any] = {"use_gpu": True} if getattr(extractor, "use_gpu", False) else {}
    for bound in ("max_chars", "max_sentence_tokens", "threads", "scope", "learned"):  # the worker's twin keeps the caller's settings
        if hasattr(extractor, bound):
            kwargs[bound] = getattr(extractor, bound)
    return _Recipe(type(extractor), extractor.model, kwargs)


class _Recipe:
    def __init__(self, cls: type, model: str, kwargs: dict) -> None:
        self.cls, self.model, self.kwargs = cls, model, kwargs

    def __call__(self) -> Any:
        return self.cls(self.model, **self.kwargs)


_worker_extractor: Optional[Any] = None


def _init_worker(factory: Callable[[], Any]) -> None:
    global _worker_extractor
    try:
        import torch

        torch.set_num_threads(1)
    except Exception:  # torch missing or already configured: not fatal
        pass
    _worker_extractor = factory()


def _portable(result: Result) -> Result:
    """``result``, with an exception cause that cannot be pickled replaced by a description."""
    if isinstance(result, ExtractionError):
        try:
            pickle.dumps(result.cause)
        except Exception:
            cause = RuntimeError(f"{type(result.cause).__name__}: {result.cause}")
            return ExtractionError(result.index, cause)
    return result


def _work(batch: Batch) -> list[tuple[int, Result]]:
    return [(i, _portable(r)) for i, r in _run_batch(_worker_extractor, batch)]


@contextlib.contextmanager
def _one_thread_env() -> Iterator[None]:
    """Start workers with one math thread each (they inherit the environment at spawn)."""
    names = ("OMP_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {n: os.environ.get(n) for n in names}
    os.environ.update({n: "1" for n in names})
    try:
        yield
    finally:
        for n, v in saved.items():
            if v is None:
                os.environ.pop(n, None)
            else:
                os.environ[n] = v


class _Inherited:
    """The factory of a forked worker: the extractor its parent loaded (never pickled)."""

    def __init__(self, extractor: Any) -> None:
        self.extractor = extractor

    def __call__(self) -> Any:
        return self.extractor


def start_method() -> str:
    """How workers start here: "fork" on Linux from a process with no other thread, else "spawn"."""
    import multiprocessing
    import sys
    import threading

    forkable = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    return "fork" if forkable and threading.active_count() == 1 else "spawn"


def _new_pool(extractor: Any, n_process: int):
    import concurrent.futures
    import multiprocessing

    method = start_method()
    with _one_thread_env():
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=n_process,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(_Inherited(extractor) if method == "fork" else _worker_factory(extractor),),
        )
        # Start the workers now, while the environment says one thread.
        for f in [pool.submit(int) for _ in range(n_process)]:
            f.result()
    return pool


class _Parallel:
    """Ordered results from batches run on a pool of worker processes."""

    def __init__(self, extractor: Any, n_process: int) -> None:
        self.extractor, self.n_process = extractor, n_process
        self.pool = _new_pool(extractor, n_process)

    def renew(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = _new_pool(self.extractor, self.n_process)

    def run(self, batches: Iterator[Batch]) -> Iterator[tuple[int, Result]]:
        in_flight: collections.deque = collections.deque()
        try:
            for batch in batches:
                in_flight.append((batch, self.pool.submit(_work, batch)))
                while len(in_flight) >= 2 * self.n_process:
                    yield from self._collect(in_flight)
            while in_flight:
                yield from self._collect(in_flight)
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _collect(self, in_flight: collections.deque) -> Iterator[tuple[int, Result]]:
        from concurrent.futures.process import BrokenProcessPool

        batch, future = in_flight.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            # A worker died (crash, out of memory): redo the pending batches one
            # document at a time on a fresh pool, so only the culprit fails.
            pending = [batch] + [b for b, _ in in_flight]
            in_flight.clear()
            self.renew()
            for b in pending:
                for index, item in b:
                    yield index, self._isolated(index, item)
            return
        yield from results

    def _isolated(self, index: int, item: Any) -> Result:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(_work, [(index, item)]).result()[0][1]
        except BrokenProcessPool as exc:
            self.renew()
            return ExtractionError(index, RuntimeError(f"the worker process died on this document ({exc})"))


def _run_parallel(extractor: Any, batches: Iterator[Batch], n_process: int) -> Iterator[tuple[int, Result]]:
    yield from _Parallel(extractor, n_process).run(batches)  # the pool starts on first use
