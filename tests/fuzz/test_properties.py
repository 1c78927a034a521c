"""Property tests: no text breaks kora_quotes (issue 18, item 7).

Through the public API with the real embedded model, on three sources of text:
the reproducers of issue 18 (``KNOWN``), seeded cases of the hostile-text
generator (tests/fuzz/generate.py), and Hypothesis-built texts. The properties:

- ``extract`` raises nothing (a ``TypeError`` for non-``str`` input only);
- every offset indexes the original text: each content span slices to its
  part, ``q.text == " ".join(parts)``, ``q.start``/``q.end`` are the first and
  last span's ends, and the cue, speakers, venue and addressee slice to their
  own ``.text``;
- ``Quote.from_dict(json.loads(json.dumps(q.to_dict(trace=True))))`` gives
  the quote back, trace included;
- the same input gives the same output;
- ``render_html(text, quotes)`` raises nothing and its output encodes as UTF-8;
- ``Extractor.pipe`` gives, document by document and in order, what
  ``extract`` gives one at a time.

Knobs (see conftest.py): KORA_FUZZ_SEED, KORA_FUZZ_CASES, KORA_FUZZ_RANDOM,
KORA_FUZZ_SLOW. The long sweep is ``python -m benchmarks --fuzz N``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kora_quotes import Extractor, ExtractionError, extract, render_html
from tests.fuzz import checks
from tests.fuzz.generate import (
    CONTROL, INVISIBLE, KNOWN, MARKS, MARKUP, NEWS, SCRIPTS, SURROGATES, TRUNCATIONS, WHITESPACE, generate,
)

SEED = int(os.environ.get("KORA_FUZZ_SEED", "0"))
N_CASES = int(os.environ.get("KORA_FUZZ_CASES", "120"))
N_PIPE = min(48, N_CASES)
HYPOTHESIS_EXAMPLES = 60


def fuzz_settings(max_examples: int):
    return settings(
        max_examples=max_examples,
        deadline=None,
        database=None,  # leaves no .hypothesis/ folder behind
        derandomize=os.environ.get("KORA_FUZZ_RANDOM") != "1",
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
        print_blob=True,
    )


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


_results: dict[int, list] = {}  # seeded case index -> extract's result, reused by the pipe test


def assert_properties(ex: Extractor, text: str, *, twice: bool = True) -> list:
    """Extract from ``text`` and check every property; returns the quotes."""
    quotes = ex.extract(text)
    problems = checks.offset_problems(text, quotes) + checks.roundtrip_problems(quotes)
    problems += checks.render_problems(text, quotes)
    if twice:
        again = ex.extract(text)
        if not checks.same_results(quotes, again):
            problems.append(f"a second extract differs: {quotes!r} != {again!r}")
    assert not problems, f"text={text[:300]!r}{'...' if len(text) > 300 else ''}:\n" + "\n".join(problems)
    return quotes


# --- the reproducers of issue 18 ------------------------------------------------

@pytest.mark.parametrize("name", sorted(KNOWN))
def test_known_reproducer(extractor, name):
    assert_properties(extractor, KNOWN[name], twice=False)


def test_known_reproducers_through_pipe(extractor):
    texts = [KNOWN[n] for n in sorted(KNOWN) if len(KNOWN[n]) < 200]  # the slow runs are covered above
    alone = [extractor.extract(t) for t in texts]
    piped = list(extractor.pipe(texts, batch_size=4))
    assert len(piped) == len(texts)
    for k, (a, p) in enumerate(zip(alone, piped)):
        assert not isinstance(p, ExtractionError), f"{texts[k]!r}: {p}"
        assert checks.same_results(a, p), texts[k]


# --- seeded generator cases -------------------------------------------------------

@pytest.mark.parametrize("index", range(N_CASES))
def test_seeded_case(extractor, index):
    case = generate(SEED, index)
    # the second extract (determinism) on every fourth case; the pipe test repeats the first N_PIPE
    _results[index] = assert_properties(extractor, case.text, twice=index % 4 == 0)


def test_pipe_matches_extract(extractor):
    texts = [generate(SEED, i).text for i in range(N_PIPE)]
    alone = [_results[i] if i in _results else extractor.extract(t) for i, t in enumerate(texts)]
    piped = list(extractor.pipe(iter(texts), batch_size=8))
    assert len(piped) == len(texts)
    for i, (a, p) in enumerate(zip(alone, piped)):
        assert not isinstance(p, ExtractionError), f"case {i} ({texts[i][:200]!r}): {p}"
        assert checks.same_results(a, p), f"case {i}: pipe and extract differ on {texts[i][:200]!r}"


# Found by this suite: in a batch, a document that ends in a title ("Sen.", "Gen", "President") is
# joined to the next document's first sentence (the title repairs run over the batch's sentences,
# across the document boundary): the first loses its quotes, the second fails with a negative
# offset or gets a wrong speaker; a masked title ("Ms\x1d.") in the next document splits "Ms." in
# the one before. Non-strict: it passes quietly once fixed.
TITLE_ENDED_PAIRS = [
    ["Photo: Sen.", "Marlowe said the bill was dead."],
    ["President", "Xi said the economy was strong."],
    ['"We will fight," said Gen.', "Osei denied it."],
    ["Ms. O said n a are", "Ms\x1d."],  # the other way round: a masked title in the next document
]


@pytest.mark.parametrize("pair", TITLE_ENDED_PAIRS, ids=["sen", "president", "gen", "masked_title_next"])
def test_pipe_document_ending_in_a_title(extractor, pair):
    alone = [extractor.extract(t) for t in pair]
    piped = list(extractor.pipe(pair, batch_size=2))
    for t, a, p in zip(pair, alone, piped):
        assert not isinstance(p, ExtractionError), f"{t!r}: {p}"
        assert checks.same_results(a, p), t


# Found by this suite (python -m benchmarks --fuzz 2000, case 0:1603, shrunk by hand): a run of titles
# before a double space makes a token "Mr. Residents" that stanza's reassembly cannot find in the
# text ("ValueError: Could not find word |Mr. Residents|"). Length-specific: 'Mr. ' * 499 passes.
def test_title_run_before_a_double_space(extractor):
    assert_properties(extractor, "x " + "Mr. " * 500 + " Residents", twice=False)


@pytest.mark.fuzz_slow
def test_long_seeded_sweep(extractor):
    n = int(os.environ.get("KORA_FUZZ_SLOW_CASES", "1000"))
    failures = []
    for i in range(N_CASES, N_CASES + n):
        text = generate(SEED, i).text
        try:
            assert_properties(extractor, text, twice=i % 10 == 0)
        except Exception as e:  # noqa: BLE001 - collect them all
            failures.append(f"case {SEED}:{i}: {type(e).__name__}: {str(e)[:500]}")
    assert not failures, f"{len(failures)} of {n} cases failed:\n" + "\n".join(failures[:20])


# --- Hypothesis ---------------------------------------------------------------------

_piece = st.one_of(
    st.sampled_from(NEWS),
    st.sampled_from(MARKS),
    st.sampled_from(CONTROL),
    st.sampled_from(INVISIBLE),
    st.sampled_from(SURROGATES),
    st.sampled_from(SCRIPTS),
    st.sampled_from(WHITESPACE),
    st.sampled_from(TRUNCATIONS),
    st.sampled_from(["Mr", "Mr.", "Dr.", "said", "told reporters", "according to", "she", "he said,", ".", ",",
                     ":", "\u2026", "...", " ", "\n", "\n\n", "Alvarez", "the minister", "that"]),
    st.builds(lambda m, s: m.replace("{s}", s), st.sampled_from(MARKUP), st.sampled_from(NEWS)),
    st.text(max_size=30),  # any Unicode (no surrogates: they come from SURROGATES)
)
hostile_text = st.lists(_piece, max_size=25).map("".join)
# Separator joins: pieces glued to the marks and titles, as the title/stop crash needed.
glued_text = st.lists(_piece, min_size=1, max_size=12).flatmap(
    lambda ps: st.sampled_from(["", " ", "\n", "\x1d", "\u200b"]).map(lambda sep: sep.join(ps)))


@fuzz_settings(HYPOTHESIS_EXAMPLES)
@given(text=hostile_text)
def test_hypothesis_hostile_pieces(extractor, text):
    assert_properties(extractor, text)


@fuzz_settings(HYPOTHESIS_EXAMPLES // 2)
@given(text=glued_text)
def test_hypothesis_glued_pieces(extractor, text):
    assert_properties(extractor, text)


@fuzz_settings(HYPOTHESIS_EXAMPLES // 2)
@given(text=st.text(st.characters(exclude_categories=()), max_size=200))
def test_hypothesis_any_unicode(extractor, text):
    assert_properties(extractor, text, twice=False)


@fuzz_settings(10)
@given(texts=st.lists(hostile_text, min_size=1, max_size=6), batch_size=st.integers(1, 4))
def test_hypothesis_pipe_matches_extract(extractor, texts, batch_size):
    alone = [extractor.extract(t) for t in texts]
    piped = list(extractor.pipe(texts, batch_size=batch_size))
    assert len(piped) == len(texts)
    for t, a, p in zip(texts, alone, piped):
        assert not isinstance(p, ExtractionError), f"{t!r}: {p}"
        assert checks.same_results(a, p), t


# --- documented errors -------------------------------------------------------------

@pytest.mark.parametrize("bad", [b"Mr. Kerry said he was ready.", None, 3, ["text"], bytearray(b"x")])
def test_non_str_is_a_type_error(extractor, bad):
    with pytest.raises(TypeError):
        extractor.extract(bad)
    with pytest.raises(TypeError):
        extract(bad)
    with pytest.raises(TypeError):
        render_html(bad, [])
    (result,) = list(extractor.pipe([bad]))
    assert isinstance(result, ExtractionError) and isinstance(result.cause, TypeError)
