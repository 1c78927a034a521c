"""HTML rendering of an article with its quotes highlighted.

The renderer works from plain data (``Quote.to_dict()``), so saved JSON lines
render as well as fresh results. Each content span of a quote becomes a
``<mark class="kq-quote">`` carrying ``data-quote`` (the quote's index),
``data-part`` (which of its spans), ``data-kind`` and ``data-speaker``; the
speaker's mention, the cue and the venue get their own marks, and a label
after the quote names the speaker and role. Colours come from a fixed palette,
picked by the speaker's canonical name, so a speaker keeps their colour from
one article to the next.

Marks that cross each other (a speaker mention inside another quote, two
quotes that overlap) are split so that the HTML stays well nested; the pieces
of one span share its ``data-quote`` and ``data-part``, and only the first
piece has ``data-first``. Paragraphs (lines of the text) become ``<p>``.

The output is always valid UTF-8: a lone surrogate in the text or in a quote's
fields (text decoded with ``surrogateescape``, or read from JSON) is written as
U+FFFD, one character for one.
"""

from __future__ import annotations

import html
import re
import zlib
from typing import Any, Iterable, Mapping, Optional, Sequence

import regex

__all__ = ["render_html", "speaker_colour", "page_head", "page_tail"]

# Light backgrounds that keep black text readable, distinct enough side by side.
PALETTE = (
    "#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6",
    "#a0c4ff", "#ffadad", "#d0f4de", "#e4c1f9", "#fcd5ce", "#b9fbc0",
)
UNKNOWN_COLOUR = "#e0e0e0"
_CLOSERS = "\"'\u201d\u2019\u00bb)"

CSS = """
.kq-doc { font: 17px/1.65 Georgia, 'Times New Roman', serif; color: #1b1b1b; max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
.kq-doc p { margin: 0 0 1em; }
.kq-doc h1 { font: bold 1.5em/1.3 Helvetica, Arial, sans-serif; }
.kq-doc h2 { font: bold 1.1em/1.3 Helvetica, Arial, sans-serif; border-bottom: 1px solid #ccc; margin-top: 2em; }
.kq-quote, .kq-sample { background: var(--kq-colour); padding: 0.1em 0.15em; border-radius: 0.25em; color: inherit; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.kq-indirect { background: transparent; border-bottom: 0.18em solid var(--kq-colour); border-radius: 0; }
.kq-mixed { background: linear-gradient(transparent 62%, var(--kq-colour) 62%); }
.kq-speaker { font-weight: bold; border-bottom: 0.18em solid var(--kq-colour); }
.kq-cue { text-decoration: underline dotted #555; text-underline-offset: 0.2em; font-style: italic; }
.kq-venue { text-decoration: underline wavy #2a7ab0; text-underline-offset: 0.25em; }
.kq-label { font: bold 0.62em/1 Helvetica, Arial, sans-serif; text-transform: uppercase; letter-spacing: 0.03em; background: var(--kq-colour); border: 1px solid rgba(0,0,0,0.25); border-radius: 0.3em; padding: 0.15em 0.4em; margin-left: 0.3em; vertical-align: middle; white-space: nowrap; }
.kq-role { font-weight: normal; text-transform: none; margin-left: 0.35em; }
.kq-legend { font: 0.8em/2 Helvetica, Arial, sans-serif; margin: 0 0 1.2em; display: flex; flex-wrap: wrap; gap: 0.3em 0; }
.kq-legend .kq-chip { background: var(--kq-colour); border-radius: 0.3em; padding: 0.2em 0.5em; margin-right: 0.4em; white-space: nowrap; }
.kq-legend .kq-key { margin-left: 0.8em; color: #555; }
""".strip()


def speaker_colour(name: Optional[str]) -> str:
    """The palette colour of a speaker: the same name always gets the same colour."""
    if not name:
        return UNKNOWN_COLOUR
    # surrogatepass: a lone surrogate (text decoded with surrogateescape, or read from JSON) still hashes.
    key = " ".join(str(name).lower().split()).encode("utf-8", "surrogatepass")
    return PALETTE[zlib.crc32(key) % len(PALETTE)]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _esc(value: Any) -> str:
    """HTML-escaped text that is valid UTF-8: a lone surrogate becomes U+FFFD (one character for one)."""
    return _SURROGATE.sub("\ufffd", html.escape(str(value), quote=True))


def _as_dict(quote: Any) -> Mapping[str, Any]:
    if isinstance(quote, Mapping):
        return quote
    to_dict = getattr(quote, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    raise TypeError(f"render_html takes Quote objects or their to_dict() dicts, got {type(quote).__name__}")


class _Mark:
    """One annotation to draw: the half-open range [start, end) and how to open it."""

    __slots__ = ("start", "end", "rank", "tag", "classes", "attrs", "order")

    def __init__(self, start, end, rank, tag, classes, attrs, order):
        self.start, self.end, self.rank = start, end, rank
        self.tag, self.classes, self.attrs, self.order = tag, classes, attrs, order

    def open(self, first: bool) -> str:
        attrs = "".join(f' {k}="{_esc(v)}"' for k, v in self.attrs if v is not None)
        more = ' data-first=""' if first else ""
        return f'<{self.tag} class="{self.classes}"{attrs}{more}>'

    def close(self) -> str:
        return f"</{self.tag}>"


def _speaker_of(q: Mapping[str, Any]) -> Optional[Mapping[str, Any]]:
    if q.get("speaker"):
        return q["speaker"]
    speakers = q.get("speakers") or []
    return speakers[0] if speakers else None


def _names(q: Mapping[str, Any]) -> list[str]:
    speakers = q.get("speakers") or ([q["speaker"]] if q.get("speaker") else [])
    return [s.get("name") or s.get("text") or "?" for s in speakers]


def _marks(text: str, quotes: Sequence[Mapping[str, Any]]) -> tuple[list[_Mark], dict[int, list[str]]]:
    """The marks of all quotes, and the labels to insert, keyed by text offset."""
    n = len(text)
    marks: list[_Mark] = []
    labels: dict[int, list[str]] = {}

    def add(start, end, rank, tag, classes, attrs):
        try:
            start, end = max(0, int(start)), min(n, int(end))
        except (TypeError, ValueError):
            return
        if start < end:
            marks.append(_Mark(start, end, rank, tag, classes, attrs, len(marks)))

    for i, q in enumerate(quotes):
        kind = str(q.get("kind") or "direct")
        speaker = _speaker_of(q)
        names = _names(q)
        name = names[0] if names else None
        role = speaker.get("role") if speaker else None
        colour = speaker_colour(name)
        style = f"--kq-colour: {colour}"
        cue, venue = q.get("cue"), q.get("venue")
        title = f"{kind} quote #{i}" + (f" \u2014 {' & '.join(names)}" if names else " \u2014 speaker unknown")
        if role:
            title += f" ({role})"
        if cue:
            title += f"; cue: {cue.get('text')}"
        if venue:
            title += f"; venue: {venue.get('text')}"
        spans = q.get("spans") or [[q.get("start", 0), q.get("end", 0)]]
        for part, (s, e) in enumerate(sorted((int(s), int(e)) for s, e in spans)):
            add(s, e, 1, "mark", f"kq-quote kq-{_esc(kind)}", [
                ("data-quote", i), ("data-part", part), ("data-kind", kind),
                ("data-speaker", name), ("data-role", role), ("style", style), ("title", title),
            ])
        for k, s in enumerate(q.get("speakers") or ([speaker] if speaker else [])):
            if s and s.get("end", 0) > s.get("start", 0):
                c = speaker_colour(s.get("name") or s.get("text"))
                add(s["start"], s["end"], 2, "span", "kq-speaker", [
                    ("data-quote", i), ("data-speaker", s.get("name")), ("style", f"--kq-colour: {c}"),
                ])
        if cue:
            add(cue.get("start"), cue.get("end"), 3, "span", "kq-cue", [("data-quote", i)])
        if venue:
            add(venue.get("start"), venue.get("end"), 3, "span", "kq-venue",
                [("data-quote", i), ("data-venue-kind", venue.get("kind"))])
        if q.get("continues") is not None and not names:
            label_name = f"continues #{q['continues']}"
        else:
            label_name = " & ".join(names) if names else "unknown speaker"
        role_html = f'<span class="kq-role">{_esc(role)}</span>' if role else ""
        end = min(n, max(int(e) for _, e in spans)) if spans else 0
        while end < n and text[end] in _CLOSERS:  # put the label after the closing quotation mark
            end += 1
        labels.setdefault(end, []).append(
            f'<span class="kq-label" data-quote="{i}" style="{_esc(style)}">{_esc(label_name)}{role_html}</span>'
        )
    return marks, labels


def _paragraph(
    text: str, start: int, end: int, marks: list[_Mark], labels: dict[int, list[str]], opened: set[int]
) -> str:
    """The HTML of text[start:end], with the marks that touch it, well nested."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = {start, end}
    for m in inside:
        cuts.update((max(m.start, start), min(m.end, end)))
    cuts.update(p for p in labels if start < p <= end)
    points = sorted(cuts)
    out: list[str] = []
    stack: list[_Mark] = []
    for k, p in enumerate(points):
        # Close what ends here; marks opened after it but still running are closed and reopened.
        ending = [j for j, m in enumerate(stack) if min(m.end, end) <= p]
        if ending:
            low = ending[0]
            reopen = [m for m in stack[low:] if min(m.end, end) > p]
            for m in reversed(stack[low:]):
                out.append(m.close())
            del stack[low:]
        else:
            reopen = []
        if p in labels and start < p <= end:
            out.extend(labels[p])
        if p == end:
            break
        starting = [m for m in inside if max(m.start, start) == p]
        starting.sort(key=lambda m: (-m.end, m.rank, m.order))
        for m in reopen + starting:
            out.append(m.open(first=m.order not in opened))
            opened.add(m.order)
            stack.append(m)
        out.append(_esc(text[p:points[k + 1]]))
    for m in reversed(stack):
        out.append(m.close())
    return "".join(out)


def _legend(quotes: Sequence[Mapping[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for q in quotes:
        for name in _names(q) or ["unknown speaker"]:
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return '<div class="kq-legend">No quotes found.</div>'
    chips = "".join(
        f'<span class="kq-chip" style="--kq-colour: {speaker_colour(None if name == "unknown speaker" else name)}">'
        f"{_esc(name)} \u00d7{count}</span>"
        for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    key = (
        '<span class="kq-key"><span class="kq-sample kq-direct" style="--kq-colour: #ddd">direct</span> '
        '<span class="kq-sample kq-indirect" style="--kq-colour: #999">indirect</span> '
        '<span class="kq-sample kq-mixed" style="--kq-colour: #ddd">mixed</span> '
        '<span class="kq-cue">cue</span> <span class="kq-venue">venue</span></span>'
    )
    return f'<div class="kq-legend">{chips}{key}</div>'


def page_head(title: str = "kora_quotes") -> str:
    """The start of a standalone page holding rendered fragments (see :func:`render_html`)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
    )


def page_tail() -> str:
    return "</body>\n</html>\n"


def render_html(
    text: str,
    quotes: Iterable[Any],
    *,
    page: bool = True,
    title: Optional[str] = None,
    legend: bool = True,
) -> str:
    """``text`` as HTML, with ``quotes`` (Quote objects or their ``to_dict()``) highlighted.

    ``page=True`` gives a standalone document with its stylesheet; ``page=False``
    gives an ``<article class="kq-doc">`` fragment to embed in a page that
    includes :data:`CSS` (``page_head()`` and ``page_tail()`` wrap several).
    ``title`` becomes a heading; ``legend`` lists the speakers with their colours.
    """
    if not isinstance(text, str):
        raise TypeError(f"render_html renders str, got {type(text).__name__}")
    data = [_as_dict(q) for q in quotes]
    marks, labels = _marks(text, data)
    parts = ['<article class="kq-doc">']
    if title:
        parts.append(f"<h1>{_esc(title)}</h1>")
    if legend:
        parts.append(_legend(data))
    paragraphs = [(m.start(), m.end()) for m in regex.finditer(r"[^\n]+", text) if m.group().strip()]
    # A label goes where its quote ends, or at the end of the paragraph before (line breaks).
    by_paragraph: list[dict[int, list[str]]] = [{} for _ in paragraphs]
    for p, labs in sorted(labels.items()):
        k = max((j for j, (s, _) in enumerate(paragraphs) if s < p), default=None)
        if k is None:
            k = 0 if paragraphs else None
        if k is None:
            continue
        s, e = paragraphs[k]
        by_paragraph[k].setdefault(min(max(p, s + 1), e), []).extend(labs)
    opened: set[int] = set()
    for (s, e), para_labels in zip(paragraphs, by_paragraph):
        parts.append(f"<p>{_paragraph(text, s, e, marks, para_labels, opened)}</p>")
    parts.append("</article>")
    fragment = "\n".join(parts) + "\n"
    if not page:
        return fragment
    return page_head(title or "kora_quotes") + fragment + page_tail()
