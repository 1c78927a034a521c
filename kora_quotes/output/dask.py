"""Quote extraction over Dask collections (``pip install "kora-quotes[dask]"``).

Each worker loads the models for a given ``model`` once and keeps them in a
module-level cache, so a partition costs only its parsing. ``model`` is a
model name (``"embedded"``, ``"stanza"``) or a zero-argument function that
builds an extractor; such a function should live at module level in an
importable module, so that it is sent to the workers by reference and its
extractor is cached per worker too.

>>> import dask.bag as db                                        # doctest: +SKIP
>>> from kora_quotes.output.dask import extract_bag
>>> quotes = extract_bag(db.from_sequence(texts, npartitions=8)).compute()

This module is named after the library it serves; inside it, ``import dask``
is the Dask package (imports are absolute).
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Hashable, Iterable, Optional, Union

from .batch import check_on_error

__all__ = ["extract_bag", "extract_dataframe", "QUOTE_COLUMNS"]

Model = Union[str, Callable[[], Any]]

# One row per quote in extract_dataframe; "doc" is the index.
QUOTE_COLUMNS = ("quote", "kind", "attribution", "speaker", "role", "speaker_kind", "cue", "venue", "start", "end", "text")

_extractors: dict[Hashable, Any] = {}
_lock = threading.Lock()


def _new_extractor(model: str) -> Any:
    from ..extractor import Extractor

    return Extractor(model)


def _extractor(model: Model) -> Any:
    """The worker's extractor for ``model``, built on first use."""
    with _lock:
        if model not in _extractors:
            _extractors[model] = model() if callable(model) else _new_extractor(model)
        return _extractors[model]


def _check(model: Model, on_error: str, batch_size: int) -> None:
    if not (isinstance(model, str) or callable(model)):
        raise TypeError(f"model must be a model name ('embedded', 'stanza') or a function returning an extractor, "
                        f"got {type(model).__name__}")
    check_on_error(on_error)
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number >= 1, got {batch_size!r}")


def _quote_dicts(texts: Iterable[Any], model: Model, on_error: str, batch_size: int) -> list[list[dict]]:
    from ..errors import ExtractionError

    extractor = _extractor(model)
    return [result if isinstance(result, ExtractionError) else [q.to_dict() for q in result]
            for result in extractor.pipe(list(texts), batch_size=batch_size, on_error=on_error)]


def extract_bag(bag: Any, model: Model = "embedded", *, on_error: str = "raise", batch_size: int = 16) -> Any:
    """A bag holding, for each text of ``bag``, the list of its quotes as ``Quote.to_dict()`` dicts.

    Partitions are processed with ``map_partitions``, ``batch_size`` texts per
    parser call. A document that fails stops the computation with an
    :class:`~kora_quotes.errors.ExtractionError` (``on_error="raise"``, the
    default), gives an empty list (``"skip"``, the error logged) or the
    :class:`~kora_quotes.errors.ExtractionError` itself in its place
    (``"return"``), as :meth:`Extractor.pipe` does. For beliefs, intentions and
    findings too, pass a function that builds the extractor:
    ``model=lambda: Extractor(scope="attributions")``.
    """
    _check(model, on_error, batch_size)
    return bag.map_partitions(_quote_dicts, model, on_error, batch_size)


def _flat_rows(doc: Any, quotes: list[dict]) -> list[dict]:
    rows = []
    for i, q in enumerate(quotes):
        speaker = q.get("speaker") or {}
        rows.append({
            "doc": doc,
            "quote": i,
            "kind": q["kind"],
            "attribution": q.get("attribution") or "speech",
            "speaker": speaker.get("name"),
            "role": speaker.get("role"),
            "speaker_kind": speaker.get("kind"),
            "cue": (q.get("cue") or {}).get("text"),
            "venue": (q.get("venue") or {}).get("text"),
            "start": q["start"],
            "end": q["end"],
            "text": q["text"],
        })
    return rows


_INT_COLUMNS = ("quote", "start", "end")


def _dtypes() -> dict[str, Any]:
    """Column dtypes of a quote frame: int64 offsets, and for text the dtype pandas itself
    gives a column of strings (``str`` in pandas 3, ``object`` before), so that the meta and
    the computed partitions agree and ``to_parquet`` writes string columns."""
    import pandas as pd

    text = pd.Series(["", None]).dtype
    return {c: "int64" if c in _INT_COLUMNS else text for c in QUOTE_COLUMNS}


def _empty_frame(index_name: Optional[str], index_dtype: Any) -> Any:
    import pandas as pd

    frame = pd.DataFrame({c: pd.Series(dtype=t) for c, t in _dtypes().items()})
    frame.index = pd.Index([], dtype=index_dtype, name=index_name)
    return frame


def _quote_frame(part: Any, text_column: str, model: Model, on_error: str, batch_size: int) -> Any:
    import pandas as pd

    index_name = part.index.name or "doc"
    meta = _empty_frame(index_name, part.index.dtype)
    texts = part[text_column].tolist()
    per_doc = _quote_dicts(texts, model, on_error, batch_size) if texts else []
    rows = [row for doc, quotes in zip(part.index, per_doc) for row in _flat_rows(doc, quotes)]
    if not rows:
        return meta
    frame = pd.DataFrame(rows).set_index("doc")
    frame.index.name = index_name
    return frame[list(QUOTE_COLUMNS)].astype(_dtypes())


def extract_dataframe(
    df: Any,
    text_column: str = "text",
    model: Model = "embedded",
    *,
    on_error: str = "raise",
    batch_size: int = 16,
) -> Any:
    """A dataframe with one row per quote of the texts in ``df[text_column]``.

    The index is the index of the document the quote comes from (so the result
    joins back onto ``df``, and keeps its divisions); the columns are
    ``quote`` (position in its document), ``kind``, ``speaker``, ``role``,
    ``speaker_kind``, ``cue``, ``venue``, ``start``, ``end`` and ``text``.
    """
    _check(model, on_error, batch_size)
    if on_error == "return":
        raise ValueError("extract_dataframe takes on_error='raise' or 'skip': a dataframe row cannot hold an "
                         "error; use extract_bag(..., on_error='return') to keep each failure")
    if text_column not in df.columns:
        raise KeyError(f"no column {text_column!r} in the dataframe (columns: {list(df.columns)}); "
                       "pass text_column=...")
    meta = _empty_frame(df.index.name or "doc", df._meta.index.dtype)
    return df.map_partitions(_quote_frame, text_column, model, on_error, batch_size, meta=meta)
