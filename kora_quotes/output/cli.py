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
import collections
import io
import os
import sys
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Sequence

from .inputs import Entry, InputError, UsageError, display_name, expand, isatty, printable, read_input
from .writers import (CSV_COLUMNS, FORMATS, TABLE_COLUMNS, Csv, Explain, Html, JsonLines, Markdown, Progress, Table,
                      Writer, parse_columns)

__all__ = ["main"]

PROG = "kora-quotes"
_SUFFIX_FORMAT = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
                  ".html": "html", ".htm": "html", ".txt": "table",
                 ".md": "markdown"}


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
    p.add_argument("-o", "--output", metavar="PATH",
                   help="write here instead of stdout; the suffix picks the format unless -f does: .jsonl/.json "
                        "JSON lines, .csv, .html/.htm, .md Markdown, .txt the table, anything else JSON lines")
    p.add_argument("--columns", metavar="LIST", type=_columns,
                   help=f"fields of the table, Markdown and CSV, comma-separated, from: {', '.join(CSV_COLUMNS)} "
                        f"(default: {','.join(TABLE_COLUMNS)} for the table and Markdown, all for CSV)")
    p.add_argument("--glob", default="*.txt", metavar="PATTERN",
                   help="which files to take from folders (default: %(default)s)")
    p.add_argument("--model", choices=("embedded", "embedded-ewt", "stanza"), default="embedded",
                   help="parsing models: the embedded compact ones (embedded: non-commercial use only; "
                        "embedded-ewt: commercial use allowed, see docs/model-card.md) or stanza's official "
                        "English ones (default: %(default)s)")
    p.add_argument("--scope", choices=("quotes", "attributions"), default="quotes",
                   help="quotes: speech and writing (default); attributions: also beliefs, intentions, "
                        "findings and perception, each typed in the 'attribution' field")
    p.add_argument("--rules-only", action="store_true",
                   help="with --scope attributions: keep to the rules' cues, without the learned scorer's")
    p.add_argument("--batch-size", type=int, default=16, metavar="N",
                   help="documents read at a time, and handed to a worker at a time (default: %(default)s)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes, each loading its own models (default: %(default)s)")
    p.add_argument("--threads", type=int, default=None, metavar="N",
                   help="math threads per process (default: 1; more pay only on cores nothing else uses: "
                        "--workers scales better)")
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


def _columns(spec: str) -> tuple[str, ...]:
    try:
        return parse_columns(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _version() -> str:
    try:
        from .. import __version__

        return __version__
    except Exception:  # pragma: no cover
        return "unknown"


# -- inputs -------------------------------------------------------------------

def _load_extractor(model: str, max_chars: Optional[int] = None) -> Any:
    """The extractor the command uses (tests replace this); ``max_chars`` 0 is no bound."""
    from ..extractor import MAX_CHARS, Extractor

    return Extractor(model, max_chars=MAX_CHARS if max_chars is None else (max_chars or None))


def _choose_format(args: argparse.Namespace, stdout: IO) -> str:
    if args.format:
        return args.format
    if args.output:
        return _SUFFIX_FORMAT.get(Path(args.output).suffix.lower(), "jsonl")
    return "table" if isatty(stdout) else "jsonl"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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
                    text = read_input(entry.path, self.stdin)
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
        return f"{_count(len(self.documents), 'document')}, {_count(self.quotes, 'quote')}, {self.failed} failed{skipped}"

    @property
    def exit_status(self) -> int:
        return 1 if self.failed or self.skipped else 0


def _writer(fmt: str, args: argparse.Namespace, out: IO, documents: list[Entry]) -> "Writer":
    many = len(documents) > 1
    if args.explain:
        return Explain(out, many)
    return {
        "jsonl": lambda: JsonLines(out),
        "csv": lambda: Csv(out, raw=args.raw_csv, columns=args.columns or CSV_COLUMNS),
        "table": lambda: Table(out, many, columns=args.columns or TABLE_COLUMNS),
        "markdown": lambda: Markdown(out, many, columns=args.columns or TABLE_COLUMNS),
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
        if args.threads is not None and args.threads < 1:
            raise UsageError(f"--threads must be 1 or more, got {args.threads}")
        return args, expand(args.inputs, args.glob, stdin)
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
    run = _Run(documents, stdin, stderr, progress=len(documents) > 1 and not args.quiet and isatty(stderr))
    try:
        extractor = _load_extractor(args.model, args.max_chars) if args.max_chars is not None \
            else _load_extractor(args.model)
    except Exception as exc:
        run.report(f"model {args.model!r}", f"cannot load: {exc}")
        return 1
    if args.threads is not None:
        extractor.threads = args.threads
    extractor.scope, extractor.learned = args.scope, not args.rules_only
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
