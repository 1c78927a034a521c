"""The kora-quotes command, run in-process with a fake extractor (no models needed)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kora_quotes.output import cli
from kora_quotes.extractor import Extractor
from kora_quotes.output.quote import Quote, Span, Speaker, Venue

ROOT = Path(__file__).resolve().parents[1]


class Fake:
    """Every "..." is a direct quote by Mr. Fake (a spokesman); the first was at "a briefing" if named."""

    model = "fake"

    def parse_many(self, texts):
        if any("EXPLODE" in t for t in texts):
            raise RuntimeError("parser exploded")
        return list(texts)

    def attribute(self, text):
        import re

        quotes = []
        for i, m in enumerate(re.finditer(r'"([^"]+)"', text)):
            venue = text.find("a briefing")
            quotes.append(Quote.from_spans(
                text, "direct", [m.span(1)],
                cue=Span("said", 0, 4),
                speakers=[Speaker("Mr. Fake", "Mr. Fake", 0, 8, role="spokesman", kind="person")],
                venue=Venue.from_text(text, venue, venue + 10, "event") if venue >= 0 and i == 0 else None,
            ))
        return quotes

    pipe = Extractor.pipe


class Tty(io.StringIO):
    def isatty(self):
        return True


class Stdin:
    """A piped stdin holding ``data`` bytes."""

    def __init__(self, data: bytes, tty: bool = False):
        self.buffer = io.BytesIO(data)
        self.tty = tty

    def isatty(self):
        return self.tty


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    monkeypatch.setattr(cli, "_load_extractor", lambda model: Fake())
    monkeypatch.setattr(sys, "stdin", Stdin(b"", tty=True))


def run(monkeypatch, capsys, *argv, stdin: bytes | None = None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", Stdin(stdin))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text('He said "one" at a briefing.\n"Two," he added.', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.txt").write_text('Nothing quoted here.', encoding="utf-8")
    (sub / "c.txt").write_text('"Three."', encoding="utf-8")
    (sub / "notes.md").write_text('"ignored by the glob"', encoding="utf-8")
    return tmp_path


def test_jsonl_from_a_folder(monkeypatch, capsys, corpus):
    code, out, err = run(monkeypatch, capsys, str(corpus))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(Path(r["doc"]).name, r["index"], r["text"]) for r in rows] == [
        ("a.txt", 0, "one"), ("a.txt", 1, "Two,"), ("c.txt", 0, "Three."),
    ]
    assert set(Quote.from_dict(rows[0]).to_dict()) <= set(rows[0])  # the Quote.to_dict contract
    assert rows[0]["speaker"]["name"] == "Mr. Fake" and rows[0]["venue"]["text"] == "a briefing"
    assert err.strip().splitlines()[-1] == "3 documents, 3 quotes, 0 failed"


def test_glob_picks_other_files(monkeypatch, capsys, corpus):
    code, out, err = run(monkeypatch, capsys, "--glob", "*.md", str(corpus))
    assert code == 0 and "ignored by the glob" in out


def test_stdin_dash_and_piped(monkeypatch, capsys):
    for argv in (["-"], []):
        code, out, err = run(monkeypatch, capsys, *argv, stdin='She said "hi".'.encode())
        assert code == 0
        row = json.loads(out)
        assert row["doc"] == "<stdin>" and row["text"] == "hi"
        assert "1 documents, 1 quotes, 0 failed" in err


def test_no_input_on_a_terminal_is_a_usage_error(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys)
    assert code == 2 and "no input" in err


@pytest.mark.parametrize("argv", [["--format", "xml", "x"], ["--batch-size", "0", "x"], ["--workers", "0", "x"],
                                  ["--model", "huge", "x"], ["-", "-"]])
def test_usage_errors_exit_2(monkeypatch, capsys, argv):
    code, out, err = run(monkeypatch, capsys, *argv)
    assert code == 2 and "usage:" in err


def test_bad_inputs_are_reported_and_the_run_goes_on(monkeypatch, capsys, tmp_path, corpus):
    (tmp_path / "bin.txt").write_bytes(b'"x"\x00\x01')
    (tmp_path / "latin.txt").write_bytes('"caf\xe9"'.encode("latin-1"))
    (tmp_path / "boom.txt").write_text('"EXPLODE"', encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(monkeypatch, capsys, str(tmp_path / "bin.txt"), str(tmp_path / "missing.txt"),
                         str(corpus / "a.txt"), str(tmp_path / "latin.txt"), str(empty), str(tmp_path / "boom.txt"))
    assert code == 1
    assert [json.loads(line)["text"] for line in out.splitlines()] == ["one", "Two,"]
    assert "bin.txt: binary file" in err
    assert "missing.txt: no such file or folder" in err
    assert "latin.txt: not UTF-8 (byte 0xe9" in err
    assert "empty: folder holds no file matching --glob '*.txt'" in err
    assert "boom.txt: extraction failed: RuntimeError: parser exploded" in err
    assert err.strip().splitlines()[-1] == "6 documents, 2 quotes, 5 failed"


def test_unreadable_file(monkeypatch, capsys, tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text('"x"')
    locked.chmod(0)
    try:
        if locked.read_bytes():  # running as root: permissions do not stop us
            pytest.skip("cannot make an unreadable file as this user")
    except PermissionError:
        pass
    code, out, err = run(monkeypatch, capsys, str(locked))
    assert code == 1 and "locked.txt: cannot read" in err


def test_csv_columns(monkeypatch, capsys, corpus, tmp_path):
    target = tmp_path / "out.csv"
    code, out, err = run(monkeypatch, capsys, "-o", str(target), str(corpus / "a.txt"))  # format from suffix
    assert code == 0 and out == ""
    rows = list(csv.DictReader(target.open(newline="", encoding="utf-8")))
    assert list(rows[0]) == list(cli.CSV_COLUMNS)
    assert rows[0]["speaker"] == "Mr. Fake" and rows[0]["role"] == "spokesman"
    assert rows[0]["speaker_kind"] == "person" and rows[0]["cue"] == "said" and rows[0]["venue"] == "a briefing"
    assert rows[1]["venue"] == "" and rows[1]["text"] == "Two,"


def test_table_is_default_on_a_terminal(monkeypatch, capsys, corpus):
    monkeypatch.setattr(sys, "stdout", Tty())
    code = cli.main([str(corpus / "a.txt")])
    table = sys.stdout.getvalue()
    assert code == 0
    lines = table.splitlines()
    assert lines[0].split() == ["SPEAKER", "ROLE", "CUE", "VENUE", "KIND", "TEXT"]
    assert lines[1].split()[:4] == ["Mr.", "Fake", "spokesman", "said"]
    assert lines[0].index("TEXT") == lines[1].index("one")  # columns line up


def test_html_page_with_one_section_per_document(monkeypatch, capsys, corpus):
    code, out, err = run(monkeypatch, capsys, "-f", "html", str(corpus))
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert out.count('<section class="kq-section">') == 3
    assert len(re.findall(r'<mark [^>]*data-part="0"[^>]*data-first=""', out)) == 3


def test_progress_bar_on_a_terminal_and_quiet(monkeypatch, capsys, corpus):
    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    assert cli.main([str(corpus)]) == 0
    assert "3/3 docs" in err.getvalue() and "3 documents, 3 quotes, 0 failed" in err.getvalue()
    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    assert cli.main(["--quiet", str(corpus)]) == 0
    assert err.getvalue() == ""


def test_model_load_failure_is_reported(monkeypatch, capsys, corpus):
    def broken(model):
        raise FileNotFoundError("models missing")

    monkeypatch.setattr(cli, "_load_extractor", broken)
    code, out, err = run(monkeypatch, capsys, str(corpus))
    assert code == 1 and "cannot load: models missing" in err


def test_python_dash_m_help():
    done = subprocess.run([sys.executable, "-m", "kora_quotes", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "--batch-size" in done.stdout and "--workers" in done.stdout
    done = subprocess.run([sys.executable, "-m", "kora_quotes", "--format", "yaml"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2


def test_progress_bar_is_wiped_before_a_message():
    import io

    from kora_quotes.output.cli import Progress

    stream = io.StringIO()
    bar = Progress(3, stream, enabled=True)
    bar.update(2)
    bar.clear()
    stream.write("kora-quotes: x.txt: not UTF-8\n")
    assert stream.getvalue().endswith("\r\x1b[Kkora-quotes: x.txt: not UTF-8\n")
