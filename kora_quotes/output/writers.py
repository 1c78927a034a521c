"""The command line's outputs: JSON lines, CSV (formula-safe by default), an aligned table, HTML,
the rules behind each quote (``--explain``), and the progress bar on stderr."""

from __future__ import annotations

import csv
import json
import shutil
import textwrap
import time
from typing import IO, Any

import regex


FORMATS = ("table", "jsonl", "csv", "html", "markdown")
CSV_COLUMNS = ("doc", "kind", "attribution", "speaker", "role", "speaker_kind", "cue", "venue", "start", "end", "text")


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
        "attribution": quote.get("attribution") or "speech",
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

    def __init__(self, out: IO, raw: bool = False, columns: tuple[str, ...] = CSV_COLUMNS) -> None:
        super().__init__(out)
        self.raw, self.columns = raw, columns

    def start(self):
        self.writer = csv.DictWriter(self.out, self.columns)
        self.writer.writeheader()

    def document(self, doc, text, quotes):
        rows = ({c: row[c] for c in self.columns} for row in (_flat(doc, q) for q in quotes))
        if not self.raw:
            rows = ({key: safe_cell(value) for key, value in row.items()} for row in rows)
        self.writer.writerows(rows)


# The widest a fixed table column grows (characters); longer cells end in "…". Quote text is
# never cut: it wraps.
_CAPS = {"doc": 24, "kind": 8, "attribution": 11, "speaker": 22, "role": 24, "speaker_kind": 12, "cue": 14, "venue": 28,
         "start": 7, "end": 7}
TABLE_COLUMNS = ("kind", "speaker", "role", "cue", "venue", "text")
MIN_TEXT_WIDTH = 60  # below this, each quote takes two blocks of lines instead of one row


def parse_columns(spec: str) -> tuple[str, ...]:
    """``"speaker,text"`` -> ``("speaker", "text")``; a ``ValueError`` names an unknown column."""
    names = tuple(c.strip() for c in spec.split(",") if c.strip())
    unknown = [c for c in names if c not in CSV_COLUMNS]
    if unknown or not names:
        raise ValueError(f"unknown column(s) {', '.join(unknown) or '(none given)'}; "
                         f"choose from {', '.join(CSV_COLUMNS)}")
    return names


class Table(Writer):
    """Aligned columns for people, one block per document. The quote text wraps within the
    terminal width; when the other columns leave it under 60 characters, each quote is a
    line of its fields followed by its text, indented."""

    def __init__(self, out: IO, many: bool, columns: tuple[str, ...] = TABLE_COLUMNS,
                 width: int | None = None) -> None:
        super().__init__(out)
        self.many, self.columns = many, columns
        self.width = width or shutil.get_terminal_size((120, 24)).columns

    def document(self, doc, text, quotes):
        if self.many:
            self.out.write(f"== {doc} ({len(quotes)} quote{'' if len(quotes) == 1 else 's'})\n")
        if not quotes:
            self.out.write("(no quotes)\n\n" if self.many else "(no quotes)\n")
            return
        rows = [_flat(doc, q) for q in quotes]
        fixed = [c for c in self.columns if c != "text"]
        widths = {c: min(_CAPS[c], max(len(c), *(len(_short(r[c], _CAPS[c])) for r in rows))) for c in fixed}
        indent = sum(widths.values()) + 2 * len(fixed)
        if "text" in self.columns and self.width - indent < MIN_TEXT_WIDTH:
            self._stacked(rows, fixed)
        else:
            self._aligned(rows, fixed, widths, indent)
        if self.many:
            self.out.write("\n")

    def _aligned(self, rows, fixed, widths, indent):
        wrap = "text" in self.columns
        header = "  ".join(c.upper().ljust(widths[c]) for c in fixed) + ("  TEXT" if wrap else "")
        self.out.write(header.rstrip() + "\n")
        for r in rows:
            cells = "  ".join(_short(r[c], widths[c]).ljust(widths[c]) for c in fixed)
            lines = _wrap(r["text"], self.width - indent - 1) if wrap else [""]
            self.out.write((cells + ("  " if fixed else "") + lines[0]).rstrip() + "\n")
            for line in lines[1:]:
                self.out.write(" " * indent + line + "\n")

    def _stacked(self, rows, fixed):
        for i, r in enumerate(rows, 1):
            head = " \u00b7 ".join(" ".join(str(r[c]).split()) for c in fixed if r[c] not in ("", None))
            for line in _wrap(f"{i}. {head}", self.width - 1, follow="   "):
                self.out.write(line + "\n")
            for line in _wrap(r["text"], self.width - 5):
                self.out.write("    " + line + "\n")


def _wrap(value: Any, width: int, follow: str = "") -> list[str]:
    text = " ".join(str(value or "").split())
    return textwrap.wrap(text, max(width, 20), subsequent_indent=follow) or [""]


class Markdown(Writer):
    """A Markdown table per document, for pasting into reports."""

    def __init__(self, out: IO, many: bool, columns: tuple[str, ...] = TABLE_COLUMNS) -> None:
        super().__init__(out)
        self.many, self.columns = many, columns

    def document(self, doc, text, quotes):
        if self.many:
            self.out.write(f"## {_md_cell(doc)}\n\n")
        if not quotes:
            self.out.write("(no quotes)\n\n")
            return
        self.out.write("| " + " | ".join(self.columns) + " |\n")
        self.out.write("|" + "|".join("---" for _ in self.columns) + "|\n")
        for q in quotes:
            row = _flat(doc, q)
            self.out.write("| " + " | ".join(_md_cell(row[c]) for c in self.columns) + " |\n")
        self.out.write("\n")


def _md_cell(value: Any) -> str:
    """One table cell: on one line, with the characters Markdown reads as markup escaped."""
    text = " ".join(str("" if value is None else value).split())
    return regex.sub(r"([\\|`*_\[\]<>])", r"\\\1", text)


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

