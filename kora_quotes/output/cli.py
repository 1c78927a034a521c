"""The ``kora-quotes`` command: quotes and their speakers from text files, folders or stdin.

Every input is accounted for: a file that cannot be read, is binary or is not
UTF-8 is reported on stderr and counted as failed, and the run goes on. The
last line on stderr sums up ("N documents, M quotes, K failed"). Exit status:
0 when every input went through, 1 when any failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Sequence

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


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Find the quotes in news text and say who said them.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  kora-quotes article.txt\n"
            "  kora-quotes -o quotes.csv corpus/\n"
            "  cat article.txt | kora-quotes -f html -o article.html\n\n"
            "exit status: 0 all inputs done, 1 some input failed, 2 usage error"
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
    p.add_argument("--explain", action="store_true",
                   help="print, one line per quote, the rules that found it and its speaker, role and venue, "
                        "with the words each matched")
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

def _expand(inputs: Sequence[str], pattern: str, stdin: IO) -> list[tuple[str, Optional[str]]]:
    """``(name, problem)`` per document: files in order, folders expanded, stdin as '<stdin>'."""
    if not inputs:
        if _isatty(stdin):
            raise UsageError("no input: name files or folders, or pipe text in (cat article.txt | kora-quotes)")
        inputs = ["-"]
    if list(inputs).count("-") > 1:
        raise UsageError("'-' (stdin) can be given once")
    found: list[tuple[str, Optional[str]]] = []
    for name in inputs:
        if name == "-":
            found.append((STDIN, None))
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob(pattern) if p.is_file())
            if files:
                found.extend((str(p), None) for p in files)
            else:
                found.append((name, f"folder holds no file matching --glob {pattern!r}"))
        elif path.exists():
            found.append((name, None))
        else:
            found.append((name, "no such file or folder"))
    return found


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise InputError("binary file (holds NUL bytes); give text files")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


def _read(name: str, stdin: IO) -> str:
    try:
        if name == STDIN:
            data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
            return data if isinstance(data, str) else _decode(data)
        return _decode(Path(name).read_bytes())
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


class Csv(Writer):
    def start(self):
        self.writer = csv.DictWriter(self.out, CSV_COLUMNS)
        self.writer.writeheader()

    def document(self, doc, text, quotes):
        self.writer.writerows(_flat(doc, q) for q in quotes)


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

def _load_extractor(model: str) -> Any:
    """The extractor the command uses (tests replace this)."""
    from ..extractor import Extractor

    return Extractor(model)


def _choose_format(args: argparse.Namespace, stdout: IO) -> str:
    if args.format:
        return args.format
    if args.output:
        return _SUFFIX_FORMAT.get(Path(args.output).suffix.lower(), "jsonl")
    return "table" if _isatty(stdout) else "jsonl"


class _Run:
    """One run over the inputs: progress, failures and counts, and the stream of texts."""

    def __init__(self, documents: list[tuple[str, Optional[str]]], stdin: IO, stderr: IO, progress: bool) -> None:
        self.documents, self.stdin, self.stderr = documents, stdin, stderr
        self.progress = Progress(len(documents), stderr, enabled=progress)
        self.failed = self.quotes = 0
        self.pending: collections.deque = collections.deque()  # (name, text) handed to the extractor

    def report(self, doc: str, problem: str) -> None:
        self.progress.clear()
        self.stderr.write(f"{PROG}: {doc}: {problem}\n")
        self.stderr.flush()

    def texts(self) -> Iterator[str]:
        for name, problem in self.documents:
            if problem is None:
                try:
                    text = _read(name, self.stdin)
                except InputError as exc:
                    problem = str(exc)
                else:
                    self.pending.append((name, text))
                    yield text
                    continue
            self.fail(name, problem)

    def fail(self, name: str, problem: str) -> None:
        self.failed += 1
        self.progress.update(0)
        self.report(name, problem)

    def extract_all(self, extractor: Any, writer: "Writer", args: argparse.Namespace) -> None:
        writer.start()
        results = extractor.pipe(self.texts(), batch_size=args.batch_size, n_process=args.workers, on_error="return")
        for result in results:
            name, text = self.pending.popleft()
            if isinstance(result, Exception):
                cause = getattr(result, "cause", result)
                self.fail(name, f"extraction failed: {type(cause).__name__}: {cause}")
                continue
            data = [q.to_dict(trace=args.explain) if hasattr(q, "to_dict") else q for q in result]
            self.quotes += len(data)
            writer.document(name, text, data)
            self.progress.update(len(data))
        writer.finish()


def _writer(fmt: str, args: argparse.Namespace, out: IO, documents: list) -> "Writer":
    many = len(documents) > 1
    if args.explain:
        return Explain(out, many)
    return {
        "jsonl": lambda: JsonLines(out),
        "csv": lambda: Csv(out),
        "table": lambda: Table(out, many),
        "html": lambda: Html(out, documents[0][0] if not many else f"{len(documents)} documents"),
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


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command; returns the exit status (0 ok, 1 some input failed, 2 usage error)."""
    stdin, stdout, stderr = sys.stdin, sys.stdout, sys.stderr
    args, documents = _arguments(argv, stdin, stderr)
    if args is None:
        return documents
    fmt = _choose_format(args, stdout)
    run = _Run(documents, stdin, stderr, progress=len(documents) > 1 and not args.quiet and _isatty(stderr))
    try:
        extractor = _load_extractor(args.model)
    except Exception as exc:
        run.report(f"model {args.model!r}", f"cannot load: {exc}")
        return 1
    out: IO = stdout
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8", newline="" if fmt == "csv" else None)
        except OSError as exc:
            run.report(args.output, f"cannot write: {exc.strerror or exc}")
            return 2
    try:
        run.extract_all(extractor, _writer(fmt, args, out, documents), args)
        out.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as other filters do.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
            pass
        return 1 if run.failed else 0
    except KeyboardInterrupt:
        run.progress.close()
        stderr.write(f"{PROG}: interrupted\n")
        return 130
    finally:
        run.progress.close()
        if out is not stdout:
            out.close()
    if not args.quiet:
        stderr.write(f"{len(documents)} documents, {run.quotes} quotes, {run.failed} failed\n")
    return 1 if run.failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
