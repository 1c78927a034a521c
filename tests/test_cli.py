"""The kora-quotes command, run in-process with a fake extractor (no models needed)."""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import html
import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kora_quotes.output import cli, inputs, writers
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
        assert "1 document, 1 quote, 0 failed" in err


def test_no_input_on_a_terminal_is_a_usage_error(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys)
    assert code == 2 and "no input" in err


@pytest.mark.parametrize("argv", [["--format", "xml", "x"], ["--batch-size", "0", "x"], ["--workers", "0", "x"], ["--threads", "0", "x"],
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
    assert "latin.txt: not UTF-8 text (byte 0xe9" in err and "such as Latin-1" in err
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
    assert list(rows[0]) == list(writers.CSV_COLUMNS)
    assert rows[0]["speaker"] == "Mr. Fake" and rows[0]["role"] == "spokesman"
    assert rows[0]["speaker_kind"] == "person" and rows[0]["cue"] == "said" and rows[0]["venue"] == "a briefing"
    assert rows[1]["venue"] == "" and rows[1]["text"] == "Two,"


def test_table_is_default_on_a_terminal(monkeypatch, capsys, corpus):
    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.setenv("COLUMNS", "200")
    code = cli.main([str(corpus / "a.txt")])
    table = sys.stdout.getvalue()
    assert code == 0
    lines = table.splitlines()
    assert lines[0].split() == ["KIND", "SPEAKER", "ROLE", "CUE", "VENUE", "TEXT"]
    assert lines[1].split()[:5] == ["direct", "Mr.", "Fake", "spokesman", "said"]
    assert lines[0].index("TEXT") == lines[1].index("one")  # columns line up


LONG = ("We will not accept any agreement that leaves the sanctions in place while the other side keeps "
        "building, and we have said so to every partner in the region, publicly and in private")


@pytest.mark.parametrize("width", [80, 100, 200])
def test_table_shows_every_quote_in_full_at_any_width(width):
    text = f'Mr. Fake said "{LONG}" at a briefing, and "short one".'
    quotes = [q.to_dict() for q in Fake().attribute(text)]
    out = io.StringIO()
    writers.Table(out, many=False, width=width).document("doc", text, quotes)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    flat = " ".join(" ".join(lines).split())
    assert LONG in flat and "short one" in flat and "\u2026" not in flat
    assert ("TEXT" in lines[0]) == (width == 200)  # one aligned row per quote only where the text gets 60+


def test_columns_choose_the_fields_and_markdown_pastes(monkeypatch, capsys, corpus):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(monkeypatch, capsys, "-f", "table", "--columns", "speaker,text", str(corpus / "a.txt"))
    assert code == 0 and out.splitlines()[0].split() == ["SPEAKER", "TEXT"]
    code, out, err = run(monkeypatch, capsys, "-f", "markdown", "--columns", "speaker,venue,text", str(corpus / "a.txt"))
    assert code == 0
    assert out.splitlines()[:3] == ["| speaker | venue | text |", "|---|---|---|", "| Mr. Fake | a briefing | one |"]
    code, out, err = run(monkeypatch, capsys, "-f", "csv", "--columns", "doc,text", str(corpus / "a.txt"))
    assert out.splitlines()[0] == "doc,text"
    code, out, err = run(monkeypatch, capsys, "--columns", "speaker,colour", str(corpus / "a.txt"))
    assert code == 2 and "unknown column(s) colour" in err


def test_markdown_escapes_table_syntax():
    text = 'He said "a | b <i>c</i> *d*".'
    out = io.StringIO()
    writers.Markdown(out, many=False, columns=("text",)).document("doc", text, [q.to_dict() for q in Fake().attribute(text)])
    assert out.getvalue().splitlines()[2] == "| a \\| b \\<i\\>c\\</i\\> \\*d\\* |"


def test_md_suffix_writes_markdown(monkeypatch, capsys, corpus, tmp_path):
    target = tmp_path / "quotes.md"
    code, out, err = run(monkeypatch, capsys, "-o", str(target), str(corpus / "a.txt"))
    assert code == 0 and target.read_text().startswith("| kind | speaker | role | cue | venue | text |")


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


# -- every input processed or reported ----------------------------------------------------------------------------

@contextlib.contextmanager
def deadline(seconds: int):
    """Fail, rather than hang, when the body blocks (opening a FIFO waits for a writer forever)."""
    def timeout(signum, frame):
        raise TimeoutError(f"blocked for {seconds} s")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def texts_of(out: str) -> list[str]:
    return [json.loads(line)["text"] for line in out.splitlines()]


def test_broken_symlink_in_a_folder_is_reported(monkeypatch, capsys, corpus, tmp_path):
    os.symlink(tmp_path / "gone.txt", corpus / "sub" / "dead.txt")
    os.symlink(tmp_path / "gone", corpus / "sub" / "dead-folder")  # reported whatever its name
    code, out, err = run(monkeypatch, capsys, str(corpus))
    assert code == 1
    assert texts_of(out) == ["one", "Two,", "Three."]  # the other files are kept
    assert f"{corpus / 'sub' / 'dead.txt'}: broken symbolic link to '{tmp_path / 'gone.txt'}'" in err
    assert "dead-folder: broken symbolic link" in err
    assert err.strip().splitlines()[-1] == "5 documents, 3 quotes, 2 failed"


def test_symlinked_folder_is_followed_and_a_loop_is_skipped(monkeypatch, capsys, corpus, tmp_path):
    elsewhere = tmp_path.parent / (tmp_path.name + "-elsewhere")
    elsewhere.mkdir()
    (elsewhere / "d.txt").write_text('"Four."', encoding="utf-8")
    os.symlink(elsewhere, corpus / "linked")
    os.symlink(corpus, corpus / "sub" / "loop")
    code, out, err = run(monkeypatch, capsys, str(corpus))
    assert code == 1
    assert texts_of(out) == ["one", "Two,", "Four.", "Three."]
    assert "loop: symbolic link loop: leads back to a folder above it" in err
    assert err.strip().splitlines()[-1] == "5 documents, 4 quotes, 0 failed, 1 skipped"


def test_unreadable_subfolder_is_reported(monkeypatch, capsys, corpus):
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "e.txt").write_text('"Hidden."', encoding="utf-8")
    real = inputs.folder_entries

    def entries(folder):
        if Path(folder) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", folder)
        return real(folder)

    monkeypatch.setattr(inputs, "folder_entries", entries)
    code, out, err = run(monkeypatch, capsys, str(corpus))
    assert code == 1
    assert texts_of(out) == ["one", "Two,", "Three."]
    assert f"{locked}: cannot read folder: Permission denied" in err
    assert err.strip().splitlines()[-1] == "4 documents, 3 quotes, 1 failed"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_subfolder_for_real(monkeypatch, capsys, corpus):
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "e.txt").write_text('"Hidden."', encoding="utf-8")
    locked.chmod(0)
    try:
        code, out, err = run(monkeypatch, capsys, str(corpus))
    finally:
        locked.chmod(0o755)
    assert code == 1 and texts_of(out) == ["one", "Two,", "Three."]
    assert "locked: cannot read folder: Permission denied" in err


def test_fifo_is_refused_not_opened(monkeypatch, capsys, corpus, tmp_path_factory):
    fifo = tmp_path_factory.mktemp("fifos") / "pipe.txt"
    os.mkfifo(fifo)
    os.mkfifo(corpus / "sub" / "inner.txt")
    os.mkfifo(corpus / "sub" / "other.fifo")  # not matching --glob: left alone
    with deadline(20):
        code, out, err = run(monkeypatch, capsys, str(fifo), str(corpus), "-", stdin=b'"From stdin."')
    assert code == 1
    assert texts_of(out) == ["one", "Two,", "Three.", "From stdin."]
    assert f"{fifo}: refused: a FIFO (named pipe), not a regular file" in err
    assert "inner.txt: refused: a FIFO" in err and "other.fifo" not in err
    assert err.strip().splitlines()[-1] == "6 documents, 4 quotes, 0 failed, 2 skipped"


def test_a_file_that_became_a_fifo_is_refused_when_read(tmp_path):
    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)
    with deadline(20), pytest.raises(inputs.InputError, match="refused: a FIFO") as caught:
        inputs.read_input(str(fifo), Stdin(b""))
    assert caught.value.skipped


def test_devices_are_refused(monkeypatch, capsys, corpus):
    code, out, err = run(monkeypatch, capsys, os.devnull, str(corpus / "a.txt"))
    assert code == 1 and texts_of(out) == ["one", "Two,"]
    assert f"{os.devnull}: refused: a character device" in err


# -- file names that are not UTF-8 ----------------------------------------------------------------------------------

@pytest.fixture
def latin_name(tmp_path):
    """A file whose name holds the Latin-1 byte 0xe9, and the name as it is written out."""
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    try:
        with open(raw, "wb") as f:
            f.write(b'He said "bonjour".')
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    return os.fsdecode(raw), f"{tmp_path}/caf\\xe9.txt"


def test_non_utf8_file_name_on_stdout_jsonl(monkeypatch, capsys, latin_name, corpus):
    path, shown = latin_name
    code, out, err = run(monkeypatch, capsys, path, str(corpus / "a.txt"))
    assert code == 0
    out.encode("utf-8")  # no lone surrogate reaches the stream
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["doc"], r["text"]) for r in rows] == [(shown, "bonjour"), (str(corpus / "a.txt"), "one"),
                                                     (str(corpus / "a.txt"), "Two,")]


def test_non_utf8_file_name_found_in_a_folder(monkeypatch, capsys, latin_name, tmp_path):
    path, shown = latin_name
    code, out, err = run(monkeypatch, capsys, str(tmp_path))
    assert code == 0 and json.loads(out)["doc"] == shown


@pytest.mark.parametrize("suffix, extra", [(".jsonl", []), (".csv", []), (".txt", []), (".html", []),
                                           (".txt", ["--explain"])])
def test_non_utf8_file_name_with_output_file(monkeypatch, capsys, latin_name, tmp_path, suffix, extra):
    path, shown = latin_name
    target = tmp_path / f"out{suffix}"
    report = tmp_path / "report.tsv"
    code, out, err = run(monkeypatch, capsys, "-o", str(target), "--report", str(report), *extra, path, path)
    assert code == 0, err
    written = target.read_bytes().decode("utf-8")  # strict
    assert "bonjour" in written
    if suffix == ".jsonl":
        assert [json.loads(line)["doc"] for line in written.splitlines()] == [shown, shown]
    elif suffix == ".csv":
        assert [r["doc"] for r in csv.DictReader(io.StringIO(written, newline=""))] == [shown, shown]
    elif suffix == ".html":
        assert html.escape(shown) in written
    else:
        assert f"== {shown}" in written
    assert report.read_bytes().decode("utf-8").splitlines()[1] == shown + "\tok\t1\t"


def test_non_utf8_file_name_in_messages(monkeypatch, capsys, tmp_path):
    missing = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"gone\xff.txt"))
    code, out, err = run(monkeypatch, capsys, missing, str(tmp_path / "new\nline\x1b[31m.txt"))
    assert code == 1 and f"{tmp_path}/gone\\xff.txt: no such file or folder" in err
    assert f"{tmp_path}/new\\x0aline\\x1b[31m.txt: no such file or folder" in err  # one line, no escape sequence


def test_display_name():
    assert inputs.display_name(os.fsdecode(b"caf\xe9\tx\x7f\xc2\x9b.txt")) == "caf\\xe9\\x09x\\x7f\\u009b.txt"
    assert inputs.display_name("Zoë/日本.txt") == "Zoë/日本.txt" and inputs.display_name(inputs.STDIN) == inputs.STDIN


# -- encodings -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    '"Hi," she said.'.encode("utf-16"),
    codecs.BOM_UTF16_BE + '"Hi," she said.'.encode("utf-16-be"),
    codecs.BOM_UTF16_LE + '"Hi," she said.'.encode("utf-16-le"),
    '"Hi," she said.'.encode("utf-32"),
    codecs.BOM_UTF32_BE + '"Hi," she said.'.encode("utf-32-be"),
    codecs.BOM_UTF8 + '"Hi," she said.'.encode("utf-8"),
], ids=["utf-16", "utf-16-be", "utf-16-le", "utf-32", "utf-32-be", "utf-8-bom"])
def test_byte_order_marks_are_decoded(monkeypatch, capsys, tmp_path, data):
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    code, out, err = run(monkeypatch, capsys, str(path))
    assert code == 0, err
    row = json.loads(out)
    assert row["text"] == "Hi," and (row["start"], row["end"]) == (1, 4)  # offsets in the text, the mark dropped


def test_utf16_without_a_mark_and_broken_utf16_are_named(monkeypatch, capsys, tmp_path):
    (tmp_path / "nobom.txt").write_bytes('"Hi," she said.'.encode("utf-16-le"))
    (tmp_path / "broken.txt").write_bytes(codecs.BOM_UTF16_LE + b'"\x00H\x00\x00\xdc')  # a lone low surrogate
    code, out, err = run(monkeypatch, capsys, str(tmp_path / "nobom.txt"), str(tmp_path / "broken.txt"))
    assert code == 1
    assert "nobom.txt: binary file (holds NUL bytes), not text; it looks like UTF-16 without a byte-order mark" in err
    assert "iconv -f utf-16le -t utf-8" in err
    assert "broken.txt: starts with a UTF-16 byte-order mark but is not valid UTF-16 text" in err


# -- --report ---------------------------------------------------------------------------------------------------------

def test_report_lists_every_input_with_status_and_count(monkeypatch, capsys, corpus, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("more")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes('"caf\xe9"'.encode("latin-1"))
    (tmp_path / "tab\tname.txt").write_text('"tabbed"', encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    report = tmp_path / "report.tsv"
    with deadline(20):
        code, out, err = run(monkeypatch, capsys, "--report", str(report), str(corpus), str(tmp_path / "latin.txt"),
                             str(tmp_path / "missing.txt"), str(tmp_path / "pipe.txt"), str(tmp_path / "tab\tname.txt"))
    assert code == 1
    assert texts_of(out) == ["one", "Two,", "Three.", "tabbed"]  # empty and quote-less documents add no rows
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "input\tstatus\tquotes\tdetail"
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(r) == 4 for r in rows)
    table = {Path(r[0]).name: r[1:] for r in rows}
    assert [Path(r[0]).name for r in rows] == ["a.txt", "blank.txt", "empty.txt", "b.txt", "c.txt", "latin.txt",
                                               "missing.txt", "pipe.txt", "tab\\x09name.txt"]  # input order
    assert table["a.txt"] == ["ok", "2", ""]
    assert table["b.txt"] == ["ok", "0", ""]
    assert table["empty.txt"] == ["ok", "0", "empty document"] and table["blank.txt"] == ["ok", "0", "empty document"]
    assert table["latin.txt"][:2] == ["failed", "0"] and table["latin.txt"][2].startswith("not UTF-8 text")
    assert table["missing.txt"] == ["failed", "0", "no such file or folder"]
    assert table["pipe.txt"][:2] == ["skipped", "0"] and table["pipe.txt"][2].startswith("refused: a FIFO")
    assert table["tab\\x09name.txt"] == ["ok", "1", ""]  # control characters in names are escaped


def test_report_that_cannot_be_written_is_a_usage_error(monkeypatch, capsys, corpus, tmp_path):
    code, out, err = run(monkeypatch, capsys, "--report", str(tmp_path / "no" / "such" / "r.tsv"), str(corpus))
    assert code == 2 and "r.tsv: cannot write" in err and out == ""


def test_empty_glob_is_a_usage_error(monkeypatch, capsys, corpus):
    code, out, err = run(monkeypatch, capsys, "--glob", "", str(corpus))
    assert code == 2 and "--glob takes a relative file name pattern" in err


# -- CSV injection ----------------------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn", "fine"]


@pytest.fixture
def formulas(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = " ".join(f'"{f}"' for f in FORMULAS).replace('"=HYPERLINK("http://x","y")"', '"=HYPERLINK(x)"')
    Path("=cmd.txt").write_text(text, encoding="utf-8")
    return ["=HYPERLINK(x)"] + FORMULAS[1:]


def test_csv_neutralises_formulas_by_default(monkeypatch, capsys, formulas):
    code, out, err = run(monkeypatch, capsys, "-f", "csv", "=cmd.txt")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["text"] for r in rows] == ["'" + f for f in formulas[:-1]] + ["fine"]
    assert {r["doc"] for r in rows} == {"'=cmd.txt"}
    assert rows[0]["speaker"] == "Mr. Fake" and rows[0]["start"] == "1"


def test_raw_csv_writes_cells_as_they_are(monkeypatch, capsys, formulas):
    code, out, err = run(monkeypatch, capsys, "-f", "csv", "--raw-csv", "=cmd.txt")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["text"] for r in rows] == formulas
    assert {r["doc"] for r in rows} == {"=cmd.txt"}


def test_safe_cell():
    assert [writers.safe_cell(v) for v in ("=1", "+1", "-1", "@a", "\ta", "\ra", "a=1", "", 5, "'=1")] == [
        "'=1", "'+1", "'-1", "'@a", "'\ta", "'\ra", "a=1", "", 5, "'=1"]
