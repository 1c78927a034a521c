"""The command line's outputs: JSON lines, CSV (formula-safe by default), an aligned table, HTML,
the rules behind each quote (``--explain``), and the progress bar on stderr."""

from __future__ import annotations

import csv
import json
import shutil
import time
from typing import IO, Any


FORMATS = ("table", "jsonl", "csv", "html")
CSV_COLUMNS = ("doc", "kind", "speaker", "role", "speaker_kind", "cue", "venue", "start", "end", "text")


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

