"""Batched extraction (kora_quotes.output.batch.pipe) with a fake extractor: no models needed."""

from __future__ import annotations

import os
import re
import sys
import threading

import pytest

from kora_quotes.output import batch as _batch
from kora_quotes.errors import ExtractionError
from kora_quotes.output.quote import Quote, Span, Speaker

_QUOTED = re.compile(r'"([^"]+)"')


class FakeExtractor:
    """Stands in for Extractor: every "..." is a direct quote by "Mr. Fake".

    A text holding PARSE-FAIL breaks any parse it is part of; ATTR-FAIL breaks
    its own attribution only. ``calls`` records the size of each parse call.
    """

    def __init__(self, model: str = "fake") -> None:
        self.model = model
        self.calls: list[int] = []

    def parse_many(self, texts: list[str]) -> list[str]:
        self.calls.append(len(texts))
        if any("PARSE-FAIL" in t for t in texts):
            raise RuntimeError("parser choked")
        return list(texts)

    speaker = "Mr. Fake"

    def attribute(self, doc: str) -> list[Quote]:
        if "ATTR-FAIL" in doc:
            raise ValueError("attribution choked")
        return [
            Quote.from_spans(
                doc,
                "direct",
                [m.span(1)],
                speakers=[Speaker(self.speaker, self.speaker, 0, 1)],
                cue=Span("said", 0, 1),
            )
            for m in _QUOTED.finditer(doc)
        ]


def texts_of(n: int) -> list[str]:
    return [f'Doc {i}: "quote {i}" and "more {i}".' for i in range(n)]


def test_results_in_order_and_batched():
    fake = FakeExtractor()
    out = list(_batch.pipe(fake, texts_of(7), batch_size=3, n_process=1, on_error="return"))
    assert [[q.text for q in quotes] for quotes in out] == [[f"quote {i}", f"more {i}"] for i in range(7)]
    assert fake.calls == [3, 3, 1]


def test_texts_are_read_lazily():
    fake = FakeExtractor()
    seen: list[int] = []

    def feed():
        for i, t in enumerate(texts_of(100)):
            seen.append(i)
            yield t

    results = _batch.pipe(fake, feed(), batch_size=4, n_process=1, on_error="return")
    assert seen == []  # nothing read before the first result is asked for
    next(results)
    assert len(seen) == 4


def test_failing_batch_isolates_the_culprit():
    fake = FakeExtractor()
    texts = texts_of(5)
    texts[2] = 'PARSE-FAIL "x"'
    out = list(_batch.pipe(fake, texts, batch_size=5, n_process=1, on_error="return"))
    assert isinstance(out[2], ExtractionError)
    assert out[2].index == 2 and isinstance(out[2].cause, RuntimeError)
    assert [len(q) for i, q in enumerate(out) if i != 2] == [2, 2, 2, 2]
    assert fake.calls == [5, 1, 1, 1, 1, 1]  # the batch, then one text at a time


def test_failing_attribution_spares_the_rest_of_the_batch():
    fake = FakeExtractor()
    texts = texts_of(4)
    texts[1] = 'ATTR-FAIL "x"'
    out = list(_batch.pipe(fake, texts, batch_size=4, n_process=1, on_error="return"))
    assert isinstance(out[1], ExtractionError) and isinstance(out[1].cause, ValueError)
    assert fake.calls == [4]  # no need to parse again


def test_non_text_item_is_a_type_error_in_its_place():
    out = list(_batch.pipe(FakeExtractor(), ['"a"', b'"b"', None, '"c"'], batch_size=2, n_process=1, on_error="return"))
    assert [q[0].text for q in (out[0], out[3])] == ["a", "c"]
    for i in (1, 2):
        assert isinstance(out[i], ExtractionError) and out[i].index == i
        assert isinstance(out[i].cause, TypeError)
    assert "decode bytes first" in str(out[1].cause) and "a document is missing" in str(out[2].cause)


def test_blank_texts_give_no_quotes_without_parsing():
    fake = FakeExtractor()
    assert list(_batch.pipe(fake, ["", "   \n"], batch_size=8, n_process=1, on_error="return")) == [[], []]
    assert fake.calls == []


def test_on_error_raise_stops_at_the_failure():
    texts = texts_of(3) + ['PARSE-FAIL'] + texts_of(2)
    results = _batch.pipe(FakeExtractor(), texts, batch_size=2, n_process=1, on_error="raise")
    got = [next(results) for _ in range(3)]
    assert len(got) == 3
    with pytest.raises(ExtractionError) as info:
        next(results)
    assert info.value.index == 3
    assert isinstance(info.value.__cause__, RuntimeError)


def test_on_error_skip_gives_an_empty_list_and_logs_the_error(caplog):
    texts = texts_of(2) + ['PARSE-FAIL'] + texts_of(1)
    with caplog.at_level("WARNING", logger="kora_quotes"):
        out = list(_batch.pipe(FakeExtractor(), texts, batch_size=2, n_process=1, on_error="skip"))
    assert len(out) == 4 and out[2] == [] and all(out[i] for i in (0, 1, 3))
    assert "document 2 failed" in caplog.text


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"batch_size": 0}, "batch_size must be a whole number >= 1"),
        ({"batch_size": 2.5}, "batch_size"),
        ({"n_process": 0}, "n_process must be a whole number >= 1"),
        ({"on_error": "ignore"}, "on_error must be 'return'"),
    ],
)
def test_arguments_are_checked_at_call_time(kwargs, words):
    args = {"batch_size": 4, "n_process": 1, "on_error": "return", **kwargs}
    with pytest.raises(ValueError, match=re.escape(words)):
        _batch.pipe(FakeExtractor(), iter(()), **args)


def test_extractor_pipe_delegates_here():
    from kora_quotes.extractor import Extractor

    fake = FakeExtractor()
    out = list(Extractor.pipe(fake, texts_of(3), batch_size=2))
    assert [len(q) for q in out] == [2, 2, 2]
    with pytest.raises(ValueError):
        Extractor.pipe(fake, [], n_process=-1)


def test_worker_processes_keep_order_and_isolate_failures():
    texts = texts_of(11)
    texts[4] = 'PARSE-FAIL "x"'
    texts[9] = b"bytes"
    out = list(_batch.pipe(FakeExtractor("fake-model"), texts, batch_size=2, n_process=2, on_error="return"))
    assert len(out) == 11
    for i, result in enumerate(out):
        if i in (4, 9):
            assert isinstance(result, ExtractionError) and result.index == i
        else:
            assert [q.text for q in result] == [f"quote {i}", f"more {i}"]
    assert isinstance(out[4].cause, RuntimeError) and isinstance(out[9].cause, TypeError)


def test_worker_processes_raise_when_asked():
    texts = texts_of(3) + ["PARSE-FAIL"]
    with pytest.raises(ExtractionError) as info:
        list(_batch.pipe(FakeExtractor(), texts, batch_size=1, n_process=2, on_error="raise"))
    assert info.value.index == 3


class LoadedOnlyHere(FakeExtractor):
    """An extractor that cannot be rebuilt in a worker (its recipe fails) and says which process ran it."""

    def __init__(self) -> None:
        super().__init__("loaded-once")
        self._worker_recipe = self._no_second_load
        self.lock = threading.Lock()  # not picklable: only a forked worker can hold this object

    @staticmethod
    def _no_second_load():
        raise AssertionError("the worker built a second extractor")

    @property
    def speaker(self) -> str:  # the process that attributed the quote
        return str(os.getpid())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork only on Linux")
def test_forked_workers_use_the_loaded_extractor(monkeypatch):
    # earlier tests may leave idle pool threads behind; the choice itself is tested below
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert _batch.start_method() == "fork"
    out = list(_batch.pipe(LoadedOnlyHere(), texts_of(8), batch_size=1, n_process=2, on_error="return"))
    assert [[q.text for q in r] for r in out] == [[f"quote {i}", f"more {i}"] for i in range(8)]
    workers = {q.speaker.name for r in out for q in r}
    assert str(os.getpid()) not in workers and 1 <= len(workers) <= 2


def test_a_running_thread_makes_workers_spawn():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert _batch.start_method() == "spawn"
    finally:
        stop.set()
        thread.join()


def test_extraction_error_survives_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(ExtractionError(7, ValueError("bad"))))
    assert err.index == 7 and isinstance(err.cause, ValueError)


class PoisoningExtractor(FakeExtractor):
    """Runs out of memory on "HUGE"; the next parse after that fails as memory-starved kernels
    do ("could not create a primitive") until memory is freed (gc.collect)."""

    def __init__(self) -> None:
        super().__init__()
        self.poisoned = False

    def parse_many(self, texts: list[str]) -> list[str]:
        if self.poisoned:
            self.poisoned = False  # freed by the retry's gc.collect()
            raise RuntimeError("could not create a primitive")
        if any("HUGE" in t for t in texts):
            self.poisoned = True
            raise MemoryError()
        return super().parse_many(texts)


def test_one_poisoned_document_costs_no_other_its_result():
    texts = texts_of(5)
    texts[2] = 'HUGE "document" here.'
    out = list(_batch.pipe(PoisoningExtractor(), texts, batch_size=5, n_process=1, on_error="return"))
    alone = [list(_batch.pipe(FakeExtractor(), [t], batch_size=1)) for t in texts_of(5)]
    assert isinstance(out[2], ExtractionError) and isinstance(out[2].cause, MemoryError)
    for k in (0, 1, 3, 4):
        assert [q.to_dict() for q in out[k]] == [q.to_dict() for q in alone[k][0]], k
