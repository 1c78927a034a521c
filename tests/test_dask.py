"""kora_quotes.output.dask on a local Dask cluster, with a fake extractor (and the real one when models load)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("dask.bag", reason="needs the dask extra: pip install 'kora-quotes[dask]'")
distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'kora-quotes[dask]'")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import kora_quotes.output.dask as kq_dask  # noqa: E402
from kora_quotes.errors import ExtractionError  # noqa: E402
from kora_quotes.extractor import Extractor  # noqa: E402
from kora_quotes.output.quote import Quote, Span, Speaker  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "seeds" / "kerry-north-korea.txt"
BUILT: list[str] = []


class Fake:
    """Every "..." is a direct quote by Ms. Fake; a text holding FAIL cannot be parsed."""

    model = "fake"
    pipe = Extractor.pipe

    def parse_many(self, texts):
        if any("FAIL" in t for t in texts):
            raise RuntimeError("cannot parse")
        return list(texts)

    def attribute(self, text):
        return [
            Quote.from_spans(text, "direct", [m.span(1)], cue=Span("says", 0, 4),
                             speakers=[Speaker("Ms. Fake", "Ms. Fake", 0, 8, role="envoy")])
            for m in re.finditer(r'"([^"]+)"', text)
        ]


def fake_factory():
    BUILT.append("fake")
    return Fake()


TEXTS = ['"a" and "b"', "no quotes", '"c"', '"d" "e" "f"', "", '"g"']


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(autouse=True)
def fresh_cache():
    kq_dask._extractors.clear()
    BUILT.clear()
    yield
    kq_dask._extractors.clear()


def test_bag_gives_quote_dicts_per_text_and_builds_one_extractor(client):
    bag = db.from_sequence(TEXTS, npartitions=3)
    result = kq_dask.extract_bag(bag, model=fake_factory).compute()
    assert [[q["text"] for q in quotes] for quotes in result] == [["a", "b"], [], ["c"], ["d", "e", "f"], [], ["g"]]
    assert result[0][0]["speaker"]["name"] == "Ms. Fake"
    assert Quote.from_dict(result[0][0]).text == "a"
    assert BUILT == ["fake"]  # three partitions, one extractor on the worker


def test_model_name_goes_through_the_factory(client, monkeypatch):
    names = []

    def factory(model):
        names.append(model)
        return Fake()

    monkeypatch.setattr(kq_dask, "_new_extractor", factory)
    bag = db.from_sequence(TEXTS, npartitions=2)
    assert len(kq_dask.extract_bag(bag, model="registered-fake").compute()) == len(TEXTS)
    assert names == ["registered-fake"]


def test_bag_failure_raises_or_skips(client):
    bag = db.from_sequence(['"ok"', "FAIL here", '"fine"'], npartitions=1)
    with pytest.raises(ExtractionError):
        kq_dask.extract_bag(bag, model=fake_factory).compute()
    skipped = kq_dask.extract_bag(bag, model=fake_factory, on_error="skip").compute()
    assert [[q["text"] for q in quotes] for quotes in skipped] == [["ok"], [], ["fine"]]
    kept = kq_dask.extract_bag(bag, model=fake_factory, on_error="return").compute()
    assert isinstance(kept[1], ExtractionError) and "cannot parse" in str(kept[1])
    assert [q["text"] for q in kept[2]] == ["fine"]


def test_dataframe_writes_parquet_and_reads_it_back(client, tmp_path):
    pdf = pd.DataFrame({"body": TEXTS}, index=pd.Index(range(len(TEXTS)), name="article"))
    quotes = kq_dask.extract_dataframe(dd.from_pandas(pdf, npartitions=3), text_column="body", model=fake_factory)
    computed = quotes.compute()
    assert dict(quotes.dtypes) == dict(computed.dtypes)  # the meta is what compute() gives
    quotes.to_parquet(tmp_path / "quotes")
    back = dd.read_parquet(tmp_path / "quotes").compute()
    assert list(back["text"]) == list("abcdefg")
    assert list(back.index) == list(computed.index)
    assert list(back["speaker"]) == ["Ms. Fake"] * 7 and str(back["start"].dtype) == "int64"


def test_dataframe_one_row_per_quote_indexed_by_document(client):
    pdf = pd.DataFrame({"body": TEXTS, "source": list("uvwxyz")}, index=pd.Index(range(10, 16), name="article"))
    df = dd.from_pandas(pdf, npartitions=3)
    quotes = kq_dask.extract_dataframe(df, text_column="body", model=fake_factory)
    assert list(quotes.columns) == list(kq_dask.QUOTE_COLUMNS)
    got = quotes.compute()
    assert got.index.name == "article"
    assert list(got.index) == [10, 10, 12, 13, 13, 13, 15]
    assert list(got["text"]) == list("abcdefg")
    assert list(got["quote"]) == [0, 1, 0, 0, 1, 2, 0]
    assert set(got["speaker"]) == {"Ms. Fake"} and set(got["role"]) == {"envoy"}
    assert quotes.divisions == df.divisions
    joined = got.join(pdf[["source"]])
    assert list(joined["source"]) == list("uuwxxxz")


def test_bad_arguments():
    bag = db.from_sequence(["x"])
    with pytest.raises(ValueError, match="on_error"):
        kq_dask.extract_bag(bag, on_error="ignore")
    with pytest.raises(TypeError, match="model"):
        kq_dask.extract_bag(bag, model=3)
    df = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="text_column"):
        kq_dask.extract_dataframe(df)
    with pytest.raises(ValueError, match="extract_bag"):
        kq_dask.extract_dataframe(df, text_column="body", on_error="return")


def _real_extractor():
    try:
        return Extractor("embedded")
    except Exception as exc:
        pytest.skip(f"the embedded models do not load yet ({type(exc).__name__})")


def test_real_model_on_the_seed(client):
    real = _real_extractor()
    text = SEED.read_text(encoding="utf-8")
    kq_dask._extractors["embedded"] = real  # already loaded: the worker thread shares this process
    result = kq_dask.extract_bag(db.from_sequence([text, "No quotes here."], npartitions=2)).compute()
    assert [q.to_dict() for q in real.extract(text)] == result[0]
    assert result[1] == []
    assert any(q["speaker"] and "Kerry" in q["speaker"]["name"] for q in result[0])
