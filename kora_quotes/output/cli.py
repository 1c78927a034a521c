r"""The ``kora-quotes`` command: quotes and their speakers from text files, folders or stdin.

Every input is accounted for. A file that is missing, unreadable, binary or not
text (UTF-8, or UTF-16/UTF-32 with a byte-order mark), a broken symbolic link
or an unreadable folder met in a folder, and a document the extractor fails on
are reported on stderr and counted as failed; FIFOs, sockets and devices are
refused without being opened and counted as skipped. The run goes on with the
other inputs. The last line on stderr sums up ("N documents, M quotes, K
failed"), and ``--report FILE`` lists every input with its status and quote
count. Exit status: 0 when every input went through, 1 when any failed or was
skipped, 2 for usage errors.

File names are written as text that any UTF-8 output can hold: the bytes of a
name that are not UTF-8 appear as ``\xNN`` (see :func:`display_name`). CSV
cells that a spreadsheet would run as formulas get a leading ``'`` unless
``--raw-csv`` is given.
"""

from __future__ import annotations

import argparse
import codecs
import collections
import csv
import errno
import io
import json
import os
import shutil
import stat
import sys
import time
from pathlib import Path, PurePath
from typing import IO, Any, Iterator, NamedTuple, Optional, Sequence

__all__ = ["main"]

PROG = "kora-quotes"
STDIN = "<stdin>"
FORMATS = ("table", "jsonl", "csv", "html")
CSV_COLUMNS = ("doc", "kind", "speaker", "role", "speaker_kind", "cue", "venue", "start", "end", "text")
_SUFFIX_FORMAT = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
                  ".html": "html", ".htm": "html", ".txt": "table"}


class UsageError(Exception):
    """A mistake in the command line (exit status 2)."""


class InputError(Exception):
    """An input that cannot be used as a document; the message says why."""

    def __init__(self, message: str, skipped: bool = False) -> None:
        super().__init__(message)
        self.skipped = skipped


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Find the quotes in news text and say who said them.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  kora-quotes article.txt\n"
            "  kora-quotes -o quotes.csv corpus/\n"
            "  cat article.txt | kora-quotes -f html -o article.html\n"
            "  kora-quotes --report report.tsv -o quotes.jsonl corpus/\n\n"
            "Documents without quotes (empty ones included) add no JSONL or CSV rows;\n"
            "--report lists them with 0 quotes. File names that are not UTF-8 are\n"
            "written with \\xNN for each byte that is not.\n\n"
            "exit status: 0 all inputs done, 1 some input failed or was skipped, 2 usage error"
        ),
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="text files, folders (searched recursively) or '-' for stdin; "
                        "none reads stdin when it is piped")
    p.add_argument("-f", "--format", choices=FORMATS,
                   help="output format (default: from the -o suffix, else table on a terminal, else jsonl)")
    p.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    p.add_argument("--glob", default="*.txt", metavar="PATTERN",
                   help="which files to take from folders (default: %(default)s)")
    p.add_argument("--model", choices=("embedded", "stanza"), default="embedded",
                   help="parsing models: the embedded compact ones or stanza's official English ones "
                        "(default: %(default)s)")
    p.add_argument("--batch-size", type=int, default=16, metavar="N",
                   help="documents per parser call (default: %(default)s)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes, each loading its own models (default: %(default)s)")
    p.add_argument("--max-chars", type=int, default=None, metavar="N",
                   help="refuse documents longer than N characters (default: 10,000,000); 0 for no bound")
    p.add_argument("--explain", action="store_true",
                   help="print, one line per quote, the rules that found it and its speaker, role and venue, "
                        "with the words each matched")
    p.add_argument("--report", metavar="FILE",
                   help="write a tab-separated table of every input: input, status (ok, failed or skipped), "
                        "quotes (0 included) and detail (the reason, or 'empty document')")
    p.add_argument("--raw-csv", action="store_true",
                   help="write CSV cells as they are; by default a cell starting with =, +, -, @, tab or "
                        "carriage return gets a leading ' so that spreadsheets do not run it as a formula")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no summary line (failures are still reported)")
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return p


def _version() -> str:
    try:
        from .. import __version__

        return __version__
    except Exception:  # pragma: no cover
        return "unknown"


# -- inputs -------------------------------------------------------------------

class Entry(NamedTuple):
    """One input: a path (as the OS gives it, for opening) and, when known before reading, why it is unusable."""

    path: str
    problem: Optional[str] = None
    skipped: bool = False  # refused without being opened (a special file, a folder loop), rather than failed


# Control characters (C0, DEL, C1): kept out of names and messages, so that no line is broken or terminal driven.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)} | {c: f"\\u{c:04x}" for c in range(0x80, 0xA0)}


def printable(value: str) -> str:
    """``value`` with its control characters written as ``\\xNN`` (``\\u00NN`` for C1 controls)."""
    return value.translate(_CONTROLS)


def display_name(path: str) -> str:
    """``path`` as one line of text any UTF-8 output can hold.

    The bytes of the name that are not UTF-8 are written ``\\xNN``, as are control
    characters (a tab, a line break, an escape); the same text in every format.
    """
    if path == STDIN:
        return path
    try:
        name = os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a str that no file system name decodes to
        name = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return printable(name)


_SPECIAL = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _refusal(mode: int) -> str:
    what = next((name for test, name in _SPECIAL if test(mode)), "a special file")
    return f"refused: {what}, not a regular file (never opened); give text files, or '-' for stdin"


def _stat(path: str) -> tuple[Optional[os.stat_result], Optional[str]]:
    """What ``path`` leads to (symbolic links followed), or why it leads nowhere."""
    try:
        return os.stat(path), None
    except FileNotFoundError:
        if os.path.islink(path):
            try:
                target = f" to '{display_name(os.readlink(path))}'"
            except OSError:  # pragma: no cover - it was a link a moment ago
                target = ""
            return None, f"broken symbolic link{target}"
        return None, "no such file or folder"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "symbolic link loop"
        return None, f"cannot read: {exc.strerror or exc}"


def _entries(folder: str) -> list[os.DirEntry]:
    """The entries of a folder (tests replace this to fake an unreadable one)."""
    with os.scandir(folder) as it:
        return list(it)


def _search(root: Path, pattern: str, root_stat: os.stat_result) -> list[Entry]:
    """The files under ``root`` that match ``pattern``, and every problem met on the way.

    Symbolic links to folders are followed, unless they lead back to a folder
    above them (a loop, skipped). Unreadable folders and broken symbolic links
    are reported whatever their names (what they hid cannot be told); special
    files are reported when their names match.
    """
    found: list[tuple[Path, Entry]] = []
    stack = [(root, PurePath(), frozenset({(root_stat.st_dev, root_stat.st_ino)}))]
    while stack:
        folder, rel, above = stack.pop()
        try:
            entries = _entries(str(folder))
        except OSError as exc:
            found.append((folder, Entry(str(folder), f"cannot read folder: {exc.strerror or exc}")))
            continue
        for item in entries:
            path, name = folder / item.name, rel / item.name
            st, problem = _stat(str(path))
            if st is not None and stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in above:
                    found.append((path, Entry(str(path), "symbolic link loop: leads back to a folder above it; "
                                                         "not searched again", skipped=True)))
                else:
                    stack.append((path, name, above | {key}))
            elif problem is not None:
                if name.match(pattern) or os.path.islink(path) or _is_dir(item):
                    found.append((path, Entry(str(path), problem)))
            elif name.match(pattern):
                regular = stat.S_ISREG(st.st_mode)
                found.append((path, Entry(str(path)) if regular else Entry(str(path), _refusal(st.st_mode), True)))
    return [entry for _, entry in sorted(found, key=lambda pair: pair[0])]


def _is_dir(item: os.DirEntry) -> bool:
    try:
        return item.is_dir(follow_symlinks=False)
    except OSError:  # pragma: no cover
        return False


def _expand(inputs: Sequence[str], pattern: str, stdin: IO) -> list[Entry]:
    """One entry per document: files in order, folders searched, stdin as '<stdin>', problems included."""
    if not inputs:
        if _isatty(stdin):
            raise UsageError("no input: name files or folders, or pipe text in (cat article.txt | kora-quotes)")
        inputs = ["-"]
    if list(inputs).count("-") > 1:
        raise UsageError("'-' (stdin) can be given once")
    if not pattern or PurePath(pattern).is_absolute():
        raise UsageError(f"--glob takes a relative file name pattern such as '*.txt', got {pattern!r}")
    found: list[Entry] = []
    for name in inputs:
        if name == "-":
            found.append(Entry(STDIN))
            continue
        st, problem = _stat(name)
        if st is None:
            found.append(Entry(name, problem))
        elif stat.S_ISDIR(st.st_mode):
            files = _search(Path(name), pattern, st)
            found.extend(files or [Entry(name, f"folder holds no file matching --glob {pattern!r}")])
        elif stat.S_ISREG(st.st_mode):
            found.append(Entry(name))
        else:
            found.append(Entry(name, _refusal(st.st_mode), skipped=True))
    return found


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


def _decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark dropped), or UTF-16/UTF-32 that starts with its byte-order mark."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {label} byte-order mark but is not valid {label} text "
                                 f"({exc.reason} at offset {exc.start})") from None
    if b"\x00" in data:
        raise InputError("binary file (holds NUL bytes), not text" + _utf16_hint(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): binary data or another "
            "encoding such as Latin-1; convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


def _utf16_hint(data: bytes) -> str:
    """A hint when NUL bytes fill every other place, as in UTF-16 text without a byte-order mark."""
    sample = data[:4096]
    for order, nuls, rest in (("le", sample[1::2], sample[0::2]), ("be", sample[0::2], sample[1::2])):
        if len(sample) >= 4 and nuls.count(0) >= 0.9 * len(nuls) and rest.count(0) <= 0.1 * len(rest):
            return (f"; it looks like UTF-16 without a byte-order mark: convert it first, "
                    f"e.g. iconv -f utf-16{order} -t utf-8")
    return ""


def _read(name: str, stdin: IO) -> str:
    """The text of a document; a file that turns out not to be a regular one is refused, never read."""
    try:
        if name == STDIN:
            data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
            return data if isinstance(data, str) else _decode(data)
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        with open(os.open(name, flags), "rb") as f:
            mode = os.fstat(f.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(_refusal(mode), skipped=True)
            return _decode(f.read())
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None


# -- progress -----------------------------------------------------------------

class Progress:
    """A one-line progress bar on stderr (drawn only when stderr is a terminal)."""

    def __init__(self, total: int, stream: IO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.done = self.quotes = 0
        self.started = time.monotonic()
        self.drawn = 0.0

    def update(self, quotes: int) -> None:
        self.done += 1
        self.quotes += quotes
        now = time.monotonic()
        if self.enabled and (now - self.drawn > 0.1 or self.done == self.total):
            self.drawn = now
            width = 24
            filled = width * self.done // max(self.total, 1)
            rate = self.done / max(now - self.started, 1e-9)
            line = (f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} docs, "
                    f"{self.quotes} quotes, {rate:.1f} docs/s")
            self.stream.write(line)
            self.stream.flush()

    def clear(self) -> None:
        """Wipe the bar so that a message can take its line (it is redrawn on the next update)."""
        if self.enabled and self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = 0.0

    close = clear


# -- outputs ------------------------------------------------------------------

def _flat(doc: str, quote: dict) -> dict:
    speaker = quote.get("speaker") or {}
    return {
        "doc": doc,
        "kind": quote["kind"],
        "speaker": speaker.get("name", ""),
        "role": speaker.get("role") or "",
        "speaker_kind": speaker.get("kind", ""),
        "cue": (quote.get("cue") or {}).get("text", ""),
        "venue": (quote.get("venue") or {}).get("text", ""),
        "start": quote["start"],
        "end": quote["end"],
        "text": quote["text"],
    }


def _short(value: Any, width: int) -> str:
    value = " ".join(str(value or "").split())
    return value if len(value) <= width else value[: max(width - 1, 0)] + "\u2026"


class Writer:
    def __init__(self, out: IO) -> None:
        self.out = out

    def start(self) -> None:
        pass

    def document(self, doc: str, text: str, quotes: list[dict]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        pass


class JsonLines(Writer):
    def document(self, doc, text, quotes):
        for i, q in enumerate(quotes):
            self.out.write(json.dumps({"doc": doc, "index": i, **q}, ensure_ascii=False) + "\n")


class Explain(Writer):
    """One line per quote: its number, kind and opening words, then the rules behind it."""

    def __init__(self, out: IO, many: bool) -> None:
        super().__init__(out)
        self.many = many

    def document(self, doc, text, quotes):
        from .quote import Quote

        if self.many:
            self.out.write(f"== {doc}\n")
        for i, q in enumerate(quotes, 1):
            quote = Quote.from_dict(q)
            opening = quote.text if len(quote.text) <= 50 else quote.text[:49] + "\u2026"
            self.out.write(f"{i}. {quote.kind.value} {json.dumps(opening, ensure_ascii=False)}: {quote.explain()}\n")


# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value``, with a ``'`` in front when it is text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class Csv(Writer):
    """The flat columns; cells that would be formulas get a leading ``'`` unless ``raw``."""

    def __init__(self, out: IO, raw: bool = False) -> None:
        super().__init__(out)
        self.raw = raw

    def start(self):
        self.writer = csv.DictWriter(self.out, CSV_COLUMNS)
        self.writer.writeheader()

    def document(self, doc, text, quotes):
        rows = (_flat(doc, q) for q in quotes)
        if not self.raw:
            rows = ({key: safe_cell(value) for key, value in row.items()} for row in rows)
        self.writer.writerows(rows)


class Table(Writer):
    """Aligned plain-text columns, one block per document."""

    COLUMNS = (("speaker", 22), ("role", 22), ("cue", 10), ("venue", 22), ("kind", 8))

    def __init__(self, out: IO, many: bool) -> None:
        super().__init__(out)
        self.many = many
        self.width = shutil.get_terminal_size((120, 24)).columns

    def document(self, doc, text, quotes):
        if self.many:
            self.out.write(f"== {doc} ({len(quotes)} quotes)\n")
        if not quotes:
            self.out.write("(no quotes)\n\n" if self.many else "(no quotes)\n")
            return
        rows = [_flat(doc, q) for q in quotes]
        widths = {name: min(cap, max(len(name), *(len(_short(r[name], cap)) for r in rows)))
                  for name, cap in self.COLUMNS}
        used = sum(widths.values()) + 2 * len(widths)
        text_width = max(30, self.width - used - 1)
        header = "  ".join(name.upper().ljust(widths[name]) for name, _ in self.COLUMNS) + "  TEXT"
        self.out.write(header + "\n")
        for r in rows:
            cells = "  ".join(_short(r[name], widths[name]).ljust(widths[name]) for name, _ in self.COLUMNS)
            self.out.write(cells + "  " + _short(r["text"], text_width) + "\n")
        if self.many:
            self.out.write("\n")


class Html(Writer):
    def __init__(self, out: IO, title: str) -> None:
        super().__init__(out)
        self.title = title

    def start(self):
        from .render import page_head

        self.out.write(page_head(self.title))

    def document(self, doc, text, quotes):
        import html

        from .render import render_html

        self.out.write(f'<section class="kq-section">\n<h2 class="kq-doc-title" '
                       f'style="font-family: sans-serif; max-width: 46em; margin: 2em auto 0; padding: 0 1em">'
                       f"{html.escape(doc)}</h2>\n")
        self.out.write(render_html(text, quotes, page=False))
        self.out.write("</section>\n")

    def finish(self):
        from .render import page_tail

        self.out.write(page_tail())


# -- the run ------------------------------------------------------------------

def _load_extractor(model: str, max_chars: Optional[int] = None) -> Any:
    """The extractor the command uses (tests replace this); ``max_chars`` 0 is no bound."""
    from ..extractor import MAX_CHARS, Extractor

    return Extractor(model, max_chars=MAX_CHARS if max_chars is None else (max_chars or None))


def _choose_format(args: argparse.Namespace, stdout: IO) -> str:
    if args.format:
        return args.format
    if args.output:
        return _SUFFIX_FORMAT.get(Path(args.output).suffix.lower(), "jsonl")
    return "table" if _isatty(stdout) else "jsonl"


class _Run:
    """One run over the inputs: progress, the status of each input, and the stream of texts."""

    def __init__(self, documents: list[Entry], stdin: IO, stderr: IO, progress: bool) -> None:
        self.documents, self.stdin, self.stderr = documents, stdin, stderr
        self.progress = Progress(len(documents), stderr, enabled=progress)
        self.failed = self.skipped = self.quotes = 0
        self.status: list[Optional[tuple[str, int, str]]] = [None] * len(documents)  # (status, quotes, detail)
        self.pending: collections.deque = collections.deque()  # (index, text) handed to the extractor

    def report(self, doc: str, problem: str) -> None:
        self.progress.clear()
        self.stderr.write(f"{PROG}: {doc}: {printable(problem)}\n")
        self.stderr.flush()

    def texts(self) -> Iterator[str]:
        for i, entry in enumerate(self.documents):
            problem, skipped = entry.problem, entry.skipped
            if problem is None:
                try:
                    text = _read(entry.path, self.stdin)
                except InputError as exc:
                    problem, skipped = str(exc), exc.skipped
                else:
                    self.pending.append((i, text))
                    yield text
                    continue
            self.fail(i, problem, skipped)

    def fail(self, i: int, problem: str, skipped: bool = False) -> None:
        if skipped:
            self.skipped += 1
        else:
            self.failed += 1
        self.status[i] = ("skipped" if skipped else "failed", 0, problem)
        self.progress.update(0)
        self.report(display_name(self.documents[i].path), problem)

    def extract_all(self, extractor: Any, writer: "Writer", args: argparse.Namespace) -> None:
        writer.start()
        results = extractor.pipe(self.texts(), batch_size=args.batch_size, n_process=args.workers, on_error="return")
        for result in results:
            i, text = self.pending.popleft()
            if isinstance(result, Exception):
                cause = getattr(result, "cause", result)
                self.fail(i, f"extraction failed: {type(cause).__name__}: {cause}")
                continue
            data = [q.to_dict(trace=args.explain) if hasattr(q, "to_dict") else q for q in result]
            self.quotes += len(data)
            writer.document(display_name(self.documents[i].path), text, data)
            self.status[i] = ("ok", len(data), "" if text.strip() else "empty document")
            self.progress.update(len(data))
        writer.finish()

    def write_report(self, out: IO, unreached: str) -> None:
        """The --report table: every input with its status, quote count and detail, in input order."""
        out.write("input\tstatus\tquotes\tdetail\n")
        for entry, status in zip(self.documents, self.status):
            state, quotes, detail = status or ("skipped", 0, unreached)
            out.write("\t".join((display_name(entry.path), state, str(quotes), printable(detail))) + "\n")

    def summary(self) -> str:
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        return f"{len(self.documents)} documents, {self.quotes} quotes, {self.failed} failed{skipped}"

    @property
    def exit_status(self) -> int:
        return 1 if self.failed or self.skipped else 0


def _writer(fmt: str, args: argparse.Namespace, out: IO, documents: list[Entry]) -> "Writer":
    many = len(documents) > 1
    if args.explain:
        return Explain(out, many)
    return {
        "jsonl": lambda: JsonLines(out),
        "csv": lambda: Csv(out, raw=args.raw_csv),
        "table": lambda: Table(out, many),
        "html": lambda: Html(out, display_name(documents[0].path) if not many else f"{len(documents)} documents"),
    }[fmt]()


def _arguments(argv: Optional[Sequence[str]], stdin: IO, stderr: IO) -> tuple[Optional[argparse.Namespace], Any]:
    """The parsed arguments and the documents, or (None, exit status) after a usage error."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the message
        return None, int(exc.code or 0)
    try:
        if args.batch_size < 1:
            raise UsageError(f"--batch-size must be 1 or more, got {args.batch_size}")
        if args.workers < 1:
            raise UsageError(f"--workers must be 1 or more, got {args.workers}")
        return args, _expand(args.inputs, args.glob, stdin)
    except UsageError as exc:
        parser.print_usage(stderr)
        stderr.write(f"{PROG}: error: {exc}\n")
        return None, 2


def _open_outputs(args: argparse.Namespace, fmt: str, stdout: IO, run: _Run) -> Optional[tuple[IO, Optional[IO]]]:
    """The output stream and the --report file, or None (after a message) when one cannot be written."""
    opened: list[IO] = []
    for path, newline in ((args.output, "" if fmt == "csv" else None), (args.report, "\n")):
        if not path:
            opened.append(None)
            continue
        try:
            opened.append(open(path, "w", encoding="utf-8", newline=newline))
        except OSError as exc:
            for f in opened:
                if f is not None:
                    f.close()
            run.report(display_name(path), f"cannot write: {exc.strerror or exc}")
            return None
    return (opened[0] if opened[0] is not None else stdout), opened[1]


def _close_report(run: _Run, report: Optional[IO], unreached: str) -> bool:
    """Write and close the --report file; False (after a message) when it could not be written."""
    if report is None:
        return True
    try:
        with report:
            run.write_report(report, unreached)
        return True
    except OSError as exc:
        run.report(display_name(report.name), f"cannot write the report: {exc.strerror or exc}")
        return False


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command; returns the exit status (0 ok, 1 some input failed or skipped, 2 usage error)."""
    stdin, stdout, stderr = sys.stdin, sys.stdout, sys.stderr
    args, documents = _arguments(argv, stdin, stderr)
    if args is None:
        return documents
    fmt = _choose_format(args, stdout)
    run = _Run(documents, stdin, stderr, progress=len(documents) > 1 and not args.quiet and _isatty(stderr))
    try:
        extractor = _load_extractor(args.model, args.max_chars) if args.max_chars is not None \
            else _load_extractor(args.model)
    except Exception as exc:
        run.report(f"model {args.model!r}", f"cannot load: {exc}")
        return 1
    outputs = _open_outputs(args, fmt, stdout, run)
    if outputs is None:
        return 2
    out, report = outputs
    unreached = "not reached"
    try:
        run.extract_all(extractor, _writer(fmt, args, out, documents), args)
        out.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as other filters do.
        unreached = "not reached: the output was closed"
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
            pass
        return run.exit_status
    except KeyboardInterrupt:
        unreached = "not reached: the run was interrupted"
        run.progress.close()
        stderr.write(f"{PROG}: interrupted\n")
        return 130
    finally:
        run.progress.close()
        if out is not stdout:
            out.close()
        reported = _close_report(run, report, unreached)
    if not args.quiet:
        stderr.write(run.summary() + "\n")
    return run.exit_status if reported else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
