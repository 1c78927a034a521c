"""Run the systems under test over documents, timing parsing and attribution apart.

Each runner returns ``(predictions, speed)``: one list of ``Quote.to_dict()``
dicts per document, and timing numbers. kora_quotes is loaded once
(:class:`kora_quotes.Extractor`); texts go to ``Extractor.parse_many`` in
batches (parsing), then each parsed document to ``Extractor.attribute``
(attribution). Peak RSS is the benchmark process's maximum resident set size
(``resource.getrusage``), so it includes everything loaded before.
"""

from __future__ import annotations

import resource
import sys
import time
from typing import Any, Callable, Optional, Sequence

from . import baseline
from .metrics import Doc

__all__ = ["SYSTEMS", "run_baseline", "KoraRunner", "peak_rss_mb", "count_tokens"]


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux


def count_tokens(texts: Sequence[str]) -> int:
    """Word tokens (``\\w+`` runs) in the texts: the unit of tokens/s."""
    return sum(Doc(t).n_tokens for t in texts)


def _speed(texts: Sequence[str], parse_s: float, attribute_s: float, load_s: float, errors: int) -> dict[str, Any]:
    total = parse_s + attribute_s
    n_tok = count_tokens(texts)
    return {
        "documents": len(texts),
        "tokens": n_tok,
        "load_s": load_s,
        "parse_s": parse_s,
        "attribute_s": attribute_s,
        "total_s": total,
        "docs_per_s": len(texts) / total if total else None,
        "tokens_per_s": n_tok / total if total else None,
        "parse_share": parse_s / total if total else None,
        "errors": errors,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_baseline(texts: Sequence[str]) -> tuple[list[list[dict[str, Any]]], dict[str, Any]]:
    """The baseline's predictions (it has no parsing stage: all time is attribution)."""
    t0 = time.perf_counter()
    preds = [baseline.predict(t) for t in texts]
    return preds, _speed(texts, 0.0, time.perf_counter() - t0, 0.0, 0)


class KoraRunner:
    """kora_quotes with its pipeline loaded once; raises at construction when it cannot load."""

    def __init__(self, model: str = "embedded", batch_size: int = 8) -> None:
        from kora_quotes import Extractor

        t0 = time.perf_counter()
        self.extractor = Extractor(model)
        self.load_s = time.perf_counter() - t0
        self.batch_size = batch_size
        self.keep_docs = False  # keep the parses of the last call in self.docs (to attribute again)
        self.docs: list[Any] = []

    def __call__(
        self, texts: Sequence[str], progress: Optional[Callable[[int, int], None]] = None
    ) -> tuple[list[list[dict[str, Any]]], dict[str, Any]]:
        ex = self.extractor
        parse_s = attribute_s = 0.0
        errors = 0
        preds: list[list[dict[str, Any]]] = []
        self.docs = []
        for b in range(0, len(texts), self.batch_size):
            batch = list(texts[b : b + self.batch_size])
            t0 = time.perf_counter()
            docs = ex.parse_many(batch)
            parse_s += time.perf_counter() - t0
            if self.keep_docs:
                self.docs += docs
            for doc in docs:
                t0 = time.perf_counter()
                try:
                    quotes = ex.attribute(doc)
                except Exception:  # one bad document must not stop the benchmark
                    errors += 1
                    quotes = []
                attribute_s += time.perf_counter() - t0
                preds.append([q.to_dict() for q in quotes])
            if progress:
                progress(min(b + self.batch_size, len(texts)), len(texts))
        return preds, _speed(texts, parse_s, attribute_s, self.load_s, errors)


SYSTEMS = ("kora_quotes", "baseline")
