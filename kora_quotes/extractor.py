"""The public entry points: :func:`extract` and :class:`Extractor`.

Data flows one way: text -> paragraphs -> stanza parse (:mod:`._parse`) ->
:class:`~kora_quotes.parsing.doc.ParsedDoc` -> quote candidates and attribution
(:mod:`.attribution`) -> :class:`~kora_quotes.output.quote.Quote` objects.
"""

from __future__ import annotations

import threading
from typing import Iterable, Iterator, Union

from .parsing import load as _parse
from .resolution import names
from .parsing.doc import ParsedDoc
from .attribution import attribute
from .errors import ExtractionError
from .output.quote import Quote

__all__ = ["Extractor", "extract"]

Result = Union[list[Quote], ExtractionError]


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(
            f"kora_quotes extracts from str, got {type(text).__name__}; "
            "decode bytes first (text = data.decode('utf-8'))"
        )
    return text


class Extractor:
    """A loaded parsing pipeline, ready to extract quotes from many texts.

    Loading the stanza models takes a few seconds: build one ``Extractor`` and
    reuse it. ``model`` is ``"embedded"`` (the compact models shipped in the
    package, no network needed) or ``"stanza"`` (stanza's official English
    models from the stanza resources directory; fetch them once with
    :func:`kora_quotes.download`).
    """

    def __init__(self, model: str = "embedded", *, use_gpu: bool = False) -> None:
        self.model = model
        self.use_gpu = use_gpu
        names.warm()  # the first-name data loads while stanza does
        self._nlp = _parse.load_pipeline(model, use_gpu=use_gpu)

    def __repr__(self) -> str:
        return f"Extractor(model={self.model!r})"

    # -- one text -----------------------------------------------------------
    def extract(self, text: str) -> list[Quote]:
        """The quotes of ``text``, in order of appearance."""
        text = _check_text(text)
        if not text.strip():
            return []
        return self.attribute(self.parse_many([text])[0])

    def explain(self, text: str) -> str:
        """The rules behind each quote of ``text``, one line per quote (see :meth:`Quote.explain`)."""
        return "\n".join(f"{k}. {q.kind.value} {q.text[:60]!r}: {q.explain()}"
                         for k, q in enumerate(self.extract(text), 1))

    def parse(self, text: str) -> ParsedDoc:
        """The parse kora_quotes works on (for inspection and debugging)."""
        return self.parse_many([_check_text(text)])[0]

    # -- many texts ---------------------------------------------------------
    def pipe(
        self,
        texts: Iterable[str],
        *,
        batch_size: int = 16,
        n_process: int = 1,
        on_error: str = "return",
    ) -> Iterator[Result]:
        """Extract from many texts, in order, ``batch_size`` documents per stanza call.

        Yields one list of quotes per text. When a document fails, its place
        holds an :class:`~kora_quotes.errors.ExtractionError` (with ``on_error=
        "return"``, the default) and the others go on; ``on_error="raise"``
        raises it instead. ``n_process > 1`` spreads batches over worker
        processes, each loading its own pipeline once.
        """
        from .output.batch import pipe

        return pipe(self, texts, batch_size=batch_size, n_process=n_process, on_error=on_error)

    # -- the two stages, for pipe, benchmarks and a caller's own batching ----
    def parse_many(self, texts: list[str]) -> list[ParsedDoc]:
        """Parse several texts in one stanza call (bounded pieces, offsets kept)."""
        return _parse.parse_texts(self._nlp, texts)

    def attribute(self, doc: ParsedDoc) -> list[Quote]:
        """The quotes of a parsed document (:func:`kora_quotes.attribute`)."""
        return attribute(doc)


_shared: dict[tuple[str, bool], Extractor] = {}
_shared_lock = threading.Lock()


def get_extractor(model: str = "embedded", *, use_gpu: bool = False) -> Extractor:
    """The process-wide extractor for ``model``, loaded on first use."""
    key = (model, use_gpu)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = Extractor(model, use_gpu=use_gpu)
        return _shared[key]


def extract(text: str, *, model: str = "embedded", use_gpu: bool = False) -> list[Quote]:
    """The quotes in ``text``: direct, indirect and mixed, with their speakers.

    >>> for q in extract(article):                                # doctest: +SKIP
    ...     print(q.kind, q.speaker.name, q.speaker.role, q.cue, q.venue, q.text)

    The pipeline for ``model`` is loaded on the first call and kept; use
    :class:`Extractor` to control its lifetime, and ``Extractor.pipe`` for many
    texts.
    """
    text = _check_text(text)
    if not text.strip():
        return []
    return get_extractor(model, use_gpu=use_gpu).extract(text)

