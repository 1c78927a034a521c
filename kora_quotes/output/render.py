"""HTML rendering of an article with its quotes highlighted.

The renderer works from plain data (``Quote.to_dict()``), so saved JSON lines
render as well as fresh results. Each content span of a quote becomes a
``<mark class="kq-quote">`` carrying ``data-quote`` (the quote's index),
``data-part`` (which of its spans), ``data-kind``, ``data-attribution`` and
``data-speaker``, and a
``title`` that shows on hover who said it, in what role and where ("John Kerry
(Secretary of State) · in Tokyo"); the speaker's mention, the cue and the venue
get their own marks, and a label after the quote names the speaker and role.

Colours are given per article: speakers take the colours of :data:`PALETTE` in
the order they first appear in the text, so no two speakers of an article share
one until the palette's 20 colours run out; further speakers get colours made
by golden-angle hue steps at a fixed lightness (:func:`colour_at`). A speaker
keeps one colour throughout the article; quotes without a speaker are grey.
Every colour is a light background on which the page's text colour has a
contrast ratio of at least 4.5:1 (WCAG 2). The legend lists the speakers with
their colours in order of first appearance. A quote that attributes no speech
(``scope="attributions"``: a thought, intention, finding ...) is framed by a line
of its type's style, which the legend's key shows.

Marks that cross each other (a speaker mention inside another quote, two
quotes that overlap) are split so that the HTML stays well nested; the pieces
of one span share its ``data-quote`` and ``data-part``, and only the first
piece has ``data-first``. Paragraphs (lines of the text) become ``<p>``.

The output is always valid UTF-8: a lone surrogate in the text or in a quote's
fields (text decoded with ``surrogateescape``, or read from JSON) is written as
U+FFFD, one character for one.
"""

from __future__ import annotations

import colorsys
import html
import re
import zlib
from typing import Any, Iterable, Mapping, Optional, Sequence

import regex

__all__ = [
    "render_html", "speaker_colours", "speaker_colour", "colour_at", "contrast_ratio", "page_head", "page_tail",
]

TEXT_COLOUR = "#1b1b1b"  # the page's text colour, drawn on every speaker colour
# Light backgrounds, each far from the others (CIEDE2000), the most distinct first;
# TEXT_COLOUR on any of them has a contrast ratio of at least 8:1.
PALETTE = (
    "#fad5a8", "#e094f9", "#81f881", "#f19d9d", "#81b7f8", "#81f8f2", "#f8f881",
    "#f6c1e3", "#c3c1f6", "#d1f1c6", "#81dbf8", "#f8ab81", "#81f8c9", "#f994bd",
    "#ede7b6", "#c7ee8b", "#f8db81", "#e5bbfb", "#fab8a8", "#9daef1",
)
UNKNOWN_COLOUR = "#e0e0e0"  # quotes without a speaker
GOLDEN_ANGLE = 137.50776405003785  # degrees: hue step between colours made past the palette
_MADE_SATURATION, _MADE_LIGHTNESS = 0.75, 0.80  # HSL of made colours: contrast >= 7:1 at every hue
_CLOSERS = "\"'\u201d\u2019\u00bb)"
_UNKNOWN = "unknown speaker"

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
.kq-thought { outline: 1px dotted #444; }
.kq-intention { outline: 1px dashed #444; }
.kq-finding { outline: 3px double #444; }
.kq-perception { outline: 1px solid #444; }
.kq-other { outline: 1px dotted #999; }
""".strip()


def colour_at(index: int) -> str:
    """The colour of an article's ``index``-th speaker (counted from 0 in order of first appearance).

    The first ``len(PALETTE)`` come from :data:`PALETTE`; after it, hues step by the golden
    angle at a fixed saturation and lightness, so each new colour lands far from the last
    few and the text stays readable on all of them.
    """
    if index < len(PALETTE):
        return PALETTE[index]
    hue = (30.0 + (index - len(PALETTE)) * GOLDEN_ANGLE) % 360.0
    r, g, b = colorsys.hls_to_rgb(hue / 360.0, _MADE_LIGHTNESS, _MADE_SATURATION)
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (r, g, b)))


def relative_luminance(colour: str) -> float:
    """The WCAG 2 relative luminance of a ``#rrggbb`` colour: 0 for black, 1 for white."""
    channels = [int(colour.lstrip("#")[k:k + 2], 16) / 255 for k in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def speaker_colour(name: Optional[str]) -> str:
    """A palette colour for ``name`` alone, the same in every article (grey for no name).

    Different names can share a colour here; :func:`render_html` colours the speakers of
    an article by order of appearance instead (see :func:`speaker_colours`).
    """
    if not name:
        return UNKNOWN_COLOUR
    # surrogatepass: a lone surrogate (text decoded with surrogateescape, or read from JSON) still hashes.
    key = _key(name).encode("utf-8", "surrogatepass")
    return PALETTE[zlib.crc32(key) % len(PALETTE)]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _esc(value: Any) -> str:
    """HTML-escaped text that is valid UTF-8: a lone surrogate becomes U+FFFD (one character for one)."""
    return _SURROGATE.sub("\ufffd", html.escape(str(value), quote=True))


def _key(name: Any) -> str:
    """A speaker's name as compared: case and spacing ignored."""
    return " ".join(str(name).lower().split())


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _as_dict(quote: Any) -> Mapping[str, Any]:
    if isinstance(quote, Mapping):
        return quote
    to_dict = getattr(quote, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    raise TypeError(f"render_html takes Quote objects or their to_dict() dicts, got {type(quote).__name__}")


def _speakers(q: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    speakers = q.get("speakers") or ([q["speaker"]] if q.get("speaker") else [])
    return [s for s in speakers if isinstance(s, Mapping)]


def _name(speaker: Mapping[str, Any]) -> str:
    return str(speaker.get("name") or speaker.get("text") or "?")


def _who(speaker: Mapping[str, Any]) -> str:
    """"John Kerry (Secretary of State)", or the name alone when the role is not known."""
    role = speaker.get("role")
    return f"{_name(speaker)} ({role})" if role else _name(speaker)


def _title(q: Mapping[str, Any], speakers: Sequence[Mapping[str, Any]]) -> str:
    """The hover text of a quote: its speakers with their roles, and the venue when known."""
    if speakers:
        who = " & ".join(_who(s) for s in speakers)
    elif q.get("continues") is not None:
        who = f"continues quote #{q['continues']}"
    else:
        who = _UNKNOWN
    venue = q.get("venue")
    where = venue.get("text") if isinstance(venue, Mapping) else None
    return f"{who} \u00b7 {where}" if where else who


def _spans(q: Mapping[str, Any]) -> list[tuple[int, int]]:
    spans = q.get("spans") or [[q.get("start", 0), q.get("end", 0)]]
    return sorted((int(s), int(e)) for s, e in spans)


class _Speakers:
    """The speakers of one article in order of first appearance: colour, name as first written,
    role and number of quotes of each; ``unknown`` counts the quotes without a speaker.

    A speaker appears where their first quote starts, or at its speaker mention when that
    comes first ("Secretary of State John Kerry said ...").
    """

    def __init__(self, quotes: Sequence[Mapping[str, Any]]) -> None:
        seen = []
        self.unknown = 0
        for i, q in enumerate(quotes):
            speakers = _speakers(q)
            self.unknown += not speakers
            spans = _spans(q)
            start = spans[0][0] if spans else 0
            for k, s in enumerate(speakers):
                at, end = _int(s.get("start"), start), _int(s.get("end"), 0)
                seen.append((min(start, at) if at < end else start, i, k, s))
        self.names: dict[str, str] = {}
        self.roles: dict[str, Any] = {}
        self.counts: dict[str, int] = {}
        for *_, s in sorted(seen, key=lambda t: t[:3]):
            key = _key(_name(s))
            self.names.setdefault(key, _name(s))
            if s.get("role"):
                self.roles.setdefault(key, s["role"])
        for q in quotes:
            for key in {_key(_name(s)) for s in _speakers(q)}:
                self.counts[key] = self.counts.get(key, 0) + 1
        self.colours = {key: colour_at(n) for n, key in enumerate(self.names)}

    def colour(self, name: Optional[str]) -> str:
        """The colour of a speaker of this article; grey for no name or one not among them."""
        return self.colours.get(_key(name), UNKNOWN_COLOUR) if name else UNKNOWN_COLOUR


def speaker_colours(quotes: Iterable[Any]) -> dict[str, str]:
    """The colour of each speaker of an article's ``quotes`` (Quote objects or their
    ``to_dict()``), keyed by name, in order of first appearance: the colours
    :func:`render_html` draws them in."""
    found = _Speakers([_as_dict(q) for q in quotes])
    return {found.names[key]: colour for key, colour in found.colours.items()}


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


def _quote_marks(i: int, q: Mapping[str, Any], found: _Speakers, add) -> None:
    """Calls ``add`` for each mark of quote ``i``: its content spans, speaker mentions, cue and venue."""
    kind = str(q.get("kind") or "direct")
    attribution = str(q.get("attribution") or "speech")
    framed = "" if attribution == "speech" else f" kq-{_esc(attribution)}"
    speakers = _speakers(q)
    name = _name(speakers[0]) if speakers else None
    role = speakers[0].get("role") if speakers else None
    style = f"--kq-colour: {found.colour(name)}"
    title = _title(q, speakers)
    for part, (s, e) in enumerate(_spans(q)):
        add(s, e, 1, "mark", f"kq-quote kq-{_esc(kind)}{framed}", [
            ("data-quote", i), ("data-part", part), ("data-kind", kind), ("data-attribution", attribution),
            ("data-speaker", name), ("data-role", role), ("style", style), ("title", title),
        ])
    for s in speakers:
        add(s.get("start"), s.get("end"), 2, "span", "kq-speaker", [
            ("data-quote", i), ("data-speaker", s.get("name")),
            ("style", f"--kq-colour: {found.colour(_name(s))}"), ("title", _who(s)),
        ])
    cue, venue = q.get("cue"), q.get("venue")
    if isinstance(cue, Mapping):
        add(cue.get("start"), cue.get("end"), 3, "span", "kq-cue", [("data-quote", i)])
    if isinstance(venue, Mapping):
        add(venue.get("start"), venue.get("end"), 3, "span", "kq-venue",
            [("data-quote", i), ("data-venue-kind", venue.get("kind"))])


def _label(text: str, i: int, q: Mapping[str, Any], found: _Speakers) -> tuple[int, str]:
    """The label naming the speaker of quote ``i``, and where it goes: after the quote's closing mark."""
    speakers = _speakers(q)
    names = [_name(s) for s in speakers]
    if q.get("continues") is not None and not names:
        label_name = f"continues #{q['continues']}"
    else:
        label_name = " & ".join(names) if names else _UNKNOWN
    role = speakers[0].get("role") if speakers else None
    role_html = f'<span class="kq-role">{_esc(role)}</span>' if role else ""
    style = f"--kq-colour: {found.colour(names[0] if names else None)}"
    spans = _spans(q)
    n = len(text)
    end = min(n, max(e for _, e in spans)) if spans else 0
    while end < n and text[end] in _CLOSERS:  # put the label after the closing quotation mark
        end += 1
    return end, f'<span class="kq-label" data-quote="{i}" style="{_esc(style)}">{_esc(label_name)}{role_html}</span>'


def _marks(
    text: str, quotes: Sequence[Mapping[str, Any]], found: _Speakers
) -> tuple[list[_Mark], dict[int, list[str]]]:
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
        _quote_marks(i, q, found, add)
        end, label = _label(text, i, q, found)
        labels.setdefault(end, []).append(label)
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


def _legend(found: _Speakers, attributions: Sequence[str] = ()) -> str:
    """The speakers in order of first appearance, each in their colour with their number of
    quotes (and their role on hover), then the quotes without a speaker, then the key to the kinds."""
    if not found.names and not found.unknown:
        return '<div class="kq-legend">No quotes found.</div>'
    chips = [
        f'<span class="kq-chip" style="--kq-colour: {found.colours[key]}" '
        f'title="{_esc(_who({"name": name, "role": found.roles.get(key)}))}">'
        f"{_esc(name)} \u00d7{found.counts.get(key, 0)}</span>"
        for key, name in found.names.items()
    ]
    if found.unknown:
        chips.append(f'<span class="kq-chip" style="--kq-colour: {UNKNOWN_COLOUR}">'
                     f"{_UNKNOWN} \u00d7{found.unknown}</span>")
    key = (
        '<span class="kq-key"><span class="kq-sample kq-direct" style="--kq-colour: #ddd">direct</span> '
        '<span class="kq-sample kq-indirect" style="--kq-colour: #999">indirect</span> '
        '<span class="kq-sample kq-mixed" style="--kq-colour: #ddd">mixed</span> '
        '<span class="kq-cue">cue</span> <span class="kq-venue">venue</span>'
        + "".join(f' <span class="kq-sample kq-{_esc(a)}" style="--kq-colour: #fff">{_esc(a)}</span>'
                  for a in attributions if a != "speech")
        + "</span>"
    )
    return f'<div class="kq-legend">{"".join(chips)}{key}</div>'


def page_head(title: str = "kora_quotes") -> str:
    """The start of a standalone page holding rendered fragments (see :func:`render_html`)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
    )


def page_tail() -> str:
    """The end of a page started by :func:`page_head`."""
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
    ``title`` becomes a heading; ``legend`` lists the speakers with their colours, in
    order of first appearance. Each speaker of the article gets a colour of their own
    (see :func:`speaker_colours`); hovering a quote shows its speaker, role and venue.
    """
    if not isinstance(text, str):
        raise TypeError(f"render_html renders str, got {type(text).__name__}")
    data = [_as_dict(q) for q in quotes]
    found = _Speakers(data)
    marks, labels = _marks(text, data, found)
    parts = ['<article class="kq-doc">']
    if title:
        parts.append(f"<h1>{_esc(title)}</h1>")
    if legend:
        parts.append(_legend(found, sorted({str(q.get("attribution") or "speech") for q in data})))
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
