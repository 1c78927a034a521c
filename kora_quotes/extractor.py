"""The public entry points: :func:`extract` and :class:`Extractor`.

Data flows one way: text -> paragraphs -> stanza parse (:mod:`._parse`) ->
:class:`~kora_quotes.parsing.doc.ParsedDoc` -> quote candidates and attribution
(:mod:`.attribution`) -> :class:`~kora_quotes.output.quote.Quote` objects.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import threading
from typing import Any, Iterable, Iterator, Optional, Union

from .parsing import load as _parse
from .parsing.repairs import MAX_SENTENCE_TOKENS
from .text.paragraphs import sections, split_paragraphs
from .resolution import names
from .parsing.doc import ParsedDoc
from .attribution import attribute_section, check_scope as _check_scope, scorer_for
from .errors import ExtractionError, not_text
from .output.quote import Quote

__all__ = ["Extractor", "extract"]

Result = Union[list[Quote], ExtractionError]


# The default bounds on one document (characters) and on one sentence (tokens) the parser is
# given; both can be set per Extractor. 10 million characters is some 1,500 news articles.
MAX_CHARS = 10_000_000
# A text longer than this (characters) is parsed and attributed a section at a time, its
# entities carried from section to section, so that memory stays flat however long it is
# (measured on PolNeAR dev articles strung together, on the development machine: 1 MB at once
# took 322 MiB above the loaded models; 5 MB in 200 KB sections 459, in 100 KB sections with
# the memory of each handed back before the next, 326).
SECTION_CHARS = 100_000


def _check_text(text: object, max_chars: Optional[int] = None) -> str:
    if not isinstance(text, str):
        raise not_text(text)
    if max_chars is not None and len(text) > max_chars:
        raise ValueError(
            f"the text has {len(text):,} characters, more than max_chars={max_chars:,}; split it into "
            "documents, or raise the bound: Extractor(max_chars=...) or kora-quotes --max-chars"
        )
    return text


@contextlib.contextmanager
def _math_threads(n: Optional[int]) -> Iterator[None]:
    """torch's intra-op threads set to ``n`` for the block and put back after (``None``: left
    as they are). One thread per process is the default: on a machine whose other cores are
    busy, threads that wait for each other made extraction 8x slower; parallelism
    comes from processes (``pipe(n_process=...)``)."""
    if n is None:
        yield
        return
    import torch

    before = torch.get_num_threads()
    if before != n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if before != n:
            torch.set_num_threads(before)


def _release_memory() -> None:
    """Collect garbage and, on glibc, hand freed heap pages back to the system (without it a
    long text's sections leave the heap fragmented and resident memory creeps up)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


class Extractor:
    """A loaded parsing pipeline, ready to extract quotes from many texts.

    Loading the stanza models takes a few seconds: build one ``Extractor`` and
    reuse it. ``model`` is ``"embedded"`` (the compact models shipped in the
    package, no network needed; trained on UD English EWT and GUM, for
    non-commercial use), ``"embedded-ewt"`` (shipped too, trained on EWT alone,
    whose licence allows commercial use; docs/model-card.md compares them) or
    ``"stanza"`` (stanza's official English models from the stanza resources
    directory; fetch them once with :func:`kora_quotes.download`).

    Two bounds keep time and memory in check on any input: ``max_chars`` (a
    longer document raises a ``ValueError`` that says so; ``None`` for no
    bound) and ``max_sentence_tokens`` (a longer "sentence", such as a run of
    quotation marks or a paragraph with no punctuation, is cut into pieces of
    at most that many tokens before it is tagged and parsed).

    ``scope`` is what extraction returns: ``"quotes"`` (speech and writing, the default) or
    ``"attributions"`` (also thoughts and beliefs, intentions and plans, findings and
    perception, each typed in :attr:`Quote.attribution`). ``learned=True`` (the default) adds
    the open-class cues a model trained on PolNeAR train keeps ("wants to", "plans to"; in the
    default scope, verbs of speech only); ``learned=False`` keeps to the rules' cues.

    ``threads`` is how many threads torch may use while this extractor parses
    (1 by default; your own setting is put back after each call). More than
    one pays only on otherwise idle cores: for throughput, use processes
    (``pipe(n_process=...)``, ``kora-quotes --workers``). ``None`` leaves
    torch's setting alone.
    """

    def __init__(self, model: str = "embedded", *, use_gpu: bool = False, max_chars: Optional[int] = MAX_CHARS,
                 max_sentence_tokens: int = MAX_SENTENCE_TOKENS, threads: Optional[int] = 1,
                 scope: str = "quotes", learned: bool = True) -> None:
        if max_chars is not None and (isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1):
            raise ValueError(f"max_chars must be a whole number >= 1 or None (no bound), got {max_chars!r}")
        if isinstance(max_sentence_tokens, bool) or not isinstance(max_sentence_tokens, int) or max_sentence_tokens < 8:
            raise ValueError(f"max_sentence_tokens must be a whole number >= 8, got {max_sentence_tokens!r}; "
                             f"the default is {MAX_SENTENCE_TOKENS}")
        if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
            raise ValueError(f"threads must be a whole number >= 1, or None to leave torch's setting alone; "
                             f"got {threads!r}")
        _check_scope(scope)
        self.model = model
        self.scope, self.learned = scope, bool(learned)
        self.use_gpu = use_gpu
        self.threads = threads
        self.max_chars = max_chars
        self.max_sentence_tokens = max_sentence_tokens
        self.section_chars = SECTION_CHARS  # (pipe hands longer texts to extract, a section at a time)
        names.warm()  # the first-name data loads while stanza does
        self._nlp = _parse.load_pipeline(model, use_gpu=use_gpu)

    def __repr__(self) -> str:
        return f"Extractor(model={self.model!r})"

    # -- one text -----------------------------------------------------------
    def extract(self, text: str, *, scope: Optional[str] = None, learned: Optional[bool] = None) -> list[Quote]:
        """The quotes of ``text``, in order of appearance (``scope`` and ``learned``: this
        call's own, else the extractor's)."""
        text = _check_text(text, self.max_chars)
        if not text.strip():
            return []
        if len(text) > SECTION_CHARS:
            return self._extract_sections(text, **self._settings(scope, learned))
        return self.attribute(self.parse_many([text])[0], scope=scope, learned=learned)

    def _settings(self, scope: Optional[str], learned: Optional[bool]) -> dict[str, Any]:
        """The attribution keywords of one call: its own ``scope`` and ``learned``, else the extractor's."""
        scope = self.scope if scope is None else _check_scope(scope)
        use = self.learned if learned is None else bool(learned)
        return {"scope": scope, "scorer": scorer_for(use)}

    def _extract_sections(self, text: str, **settings: Any) -> list[Quote]:
        """A long text a section at a time (whole paragraphs), each parsed and let go in turn."""
        quotes: list[Quote] = []
        known: list = []
        paragraphs = split_paragraphs(text)
        for start, end in sections(text, SECTION_CHARS):
            # the section's paragraphs of the whole text: offsets are the text's own, so the
            # entities carried to later sections keep theirs (the roles' spans among them)
            layout = [(s, e) for s, e in paragraphs if start <= s < end]
            with _math_threads(self.threads):
                (doc,) = _parse.parse_texts(self._nlp, [text], max_sentence_tokens=self.max_sentence_tokens,
                                            layouts=[layout])
            found, known = attribute_section(doc, known, **settings)
            quotes += [q.shifted(0, len(quotes)) for q in found]
            del doc
            _release_memory()  # what the section held goes back to the system before the next
        return quotes

    def explain(self, text: str) -> str:
        """The rules behind each quote of ``text``, one line per quote (see :meth:`Quote.explain`)."""
        return "\n".join(f"{k}. {q.kind.value} {q.text[:60]!r}: {q.explain()}"
                         for k, q in enumerate(self.extract(text), 1))

    def parse(self, text: str) -> ParsedDoc:
        """The parse kora_quotes works on (for inspection and debugging)."""
        return self.parse_many([_check_text(text, self.max_chars)])[0]

    # -- many texts ---------------------------------------------------------
    def pipe(
        self,
        texts: Iterable[str],
        *,
        batch_size: int = 16,
        n_process: int = 1,
        on_error: str = "return",
    ) -> Iterator[Result]:
        """Extract from many texts, in order, ``batch_size`` documents at a time.

        Yields one list of quotes per text. When a document fails, its place
        holds an :class:`~kora_quotes.errors.ExtractionError` (with ``on_error=
        "return"``, the default) and the others go on; ``on_error="skip"``
        gives it an empty list instead (and logs the error on the
        ``kora_quotes`` logger); ``on_error="raise"`` raises it. ``n_process > 1`` spreads batches over worker
        processes, each loading its own pipeline once.
        """
        from .output.batch import pipe

        return pipe(self, texts, batch_size=batch_size, n_process=n_process, on_error=on_error)

    # -- the two stages, for pipe, benchmarks and a caller's own batching ----
    def parse_many(self, texts: list[str]) -> list[ParsedDoc]:
        """Parse several texts, each in stanza calls of its own (bounded pieces, offsets kept), so
        that each parse is the one the text gets alone."""
        for text in texts:
            _check_text(text, self.max_chars)
        with _math_threads(self.threads):
            return _parse.parse_texts(self._nlp, texts, max_sentence_tokens=self.max_sentence_tokens)

    def attribute(self, doc: ParsedDoc, *, scope: Optional[str] = None, learned: Optional[bool] = None) -> list[Quote]:
        """The quotes of a parsed document (:func:`kora_quotes.attribute`)."""
        return attribute_section(doc, **self._settings(scope, learned))[0]


_shared: dict[tuple[str, bool], Extractor] = {}
_shared_lock = threading.Lock()


def get_extractor(model: str = "embedded", *, use_gpu: bool = False) -> Extractor:
    """The process-wide extractor for ``model``, loaded on first use."""
    key = (model, use_gpu)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = Extractor(model, use_gpu=use_gpu)
        return _shared[key]


def extract(text: str, *, scope: str = "quotes", learned: bool = True, model: str = "embedded",
            use_gpu: bool = False) -> list[Quote]:
    """The quotes in ``text``: direct, indirect and mixed, with their speakers.

    >>> for q in extract(article):                                # doctest: +SKIP
    ...     print(q.kind, q.speaker.name, q.speaker.role, q.cue, q.venue, q.text)

    The pipeline for ``model`` is loaded on the first call and kept; use
    :class:`Extractor` to control its lifetime, and ``Extractor.pipe`` for many
    texts. ``scope="attributions"`` also returns beliefs, intentions, findings and
    perception (see :class:`Extractor`).
    """
    text = _check_text(text)
    _check_scope(scope)
    if not text.strip():
        return []
    return get_extractor(model, use_gpu=use_gpu).extract(text, scope=scope, learned=learned)

