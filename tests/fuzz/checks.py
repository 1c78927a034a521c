"""The properties every result of kora_quotes must have, whatever the input.

Shared by the property tests (tests/fuzz/test_properties.py) and the long sweep
(``python -m benchmarks --fuzz N``). Each ``*_problems`` function returns a list
of human-readable violations (empty when all is well) instead of asserting, so
that a sweep can count them and a test can show them all at once.
"""

from __future__ import annotations

import json
import re
from typing import Any, Sequence

__all__ = [
    "offset_problems", "roundtrip_problems", "same_results", "render_problems", "check_all",
]


# A surrogate pair (a high surrogate right before a low one) is given as two U+FFFD in every
# text field, since JSON cannot keep it apart (kora_quotes.output.quote): one for one.
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _as_given(piece: str) -> str:
    """``piece`` as a quote's text field gives it."""
    return _PAIR.sub("\ufffd\ufffd", piece)


def _span_problems(text: str, what: str, span: Any) -> list[str]:
    """A Span, Venue or Speaker: 0 <= start <= end <= len(text) and text[start:end] == its .text."""
    out = []
    s, e = span.start, span.end
    if not (isinstance(s, int) and isinstance(e, int)):
        return [f"{what}: offsets are not ints: {s!r}, {e!r}"]
    if not 0 <= s <= e <= len(text):
        out.append(f"{what}: ({s}, {e}) outside 0..{len(text)}")
    elif _as_given(text[s:e]) != span.text:
        out.append(f"{what}: text[{s}:{e}] = {text[s:e]!r} != .text {span.text!r}")
    return out


def offset_problems(text: str, quotes: Sequence[Any]) -> list[str]:
    """Every offset indexes ``text``: content spans, cue, speakers, venue, addressee, continues."""
    out: list[str] = []
    if not isinstance(quotes, list):
        out.append(f"result is a {type(quotes).__name__}, not a list")
    for k, q in enumerate(quotes):
        tag = f"quote {k}"
        spans = q.spans
        if not spans:
            out.append(f"{tag}: no content span")
            continue
        bad = False
        for j, (s, e) in enumerate(spans):
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                out.append(f"{tag}: span {j} ({s!r}, {e!r}) empty or outside 0..{len(text)}")
                bad = True
        for j in range(1, len(spans)):
            if spans[j][0] < spans[j - 1][1]:
                out.append(f"{tag}: spans {j - 1} and {j} overlap or are out of order: {spans[j - 1]} {spans[j]}")
        if not bad:
            joined = _as_given(" ".join(text[s:e] for s, e in spans))
            if q.text != joined:
                out.append(f"{tag}: .text {q.text!r} != the spans joined {joined!r}")
        if q.start != spans[0][0] or q.end != spans[-1][1]:
            out.append(f"{tag}: start/end ({q.start}, {q.end}) != first/last span ({spans[0][0]}, {spans[-1][1]})")
        if q.cue is not None:
            out += _span_problems(text, f"{tag} cue", q.cue)
        for j, sp in enumerate(q.speakers):
            out += _span_problems(text, f"{tag} speaker {j}", sp)
            for r, role in enumerate(sp.roles):
                out += _span_problems(text, f"{tag} speaker {j} role {r}", role)
        if q.speakers and q.speaker is not q.speakers[0]:
            out.append(f"{tag}: .speaker is not speakers[0]")
        if q.venue is not None:
            out += _span_problems(text, f"{tag} venue", q.venue)
        if q.addressee is not None:
            out += _span_problems(text, f"{tag} addressee", q.addressee)
        if q.continues is not None and not (isinstance(q.continues, int) and 0 <= q.continues < len(quotes)
                                            and q.continues != k):
            out.append(f"{tag}: continues={q.continues!r} is not another quote's index (0..{len(quotes) - 1})")
        d = q.to_dict()
        if (d["start"], d["end"]) != (q.start, q.end) or d["spans"] != [list(s) for s in spans]:
            out.append(f"{tag}: to_dict offsets {d['start'], d['end'], d['spans']} != the quote's")
    return out


def roundtrip_problems(quotes: Sequence[Any]) -> list[str]:
    """``Quote.from_dict(json.loads(json.dumps(q.to_dict(trace=True))))`` gives ``q`` back, trace included.

    ``ensure_ascii=True`` escapes lone surrogates, which UTF-8 cannot carry.
    """
    from kora_quotes import Quote

    out = []
    for k, q in enumerate(quotes):
        try:
            back = Quote.from_dict(json.loads(json.dumps(q.to_dict(trace=True), ensure_ascii=True)))
        except Exception as e:  # noqa: BLE001 - a failure is a finding
            out.append(f"quote {k}: to_dict/json/from_dict raised {type(e).__name__}: {e}")
            continue
        if back != q:
            out.append(f"quote {k}: from_dict(to_dict()) differs: {back!r} != {q!r}")
        elif back.trace != q.trace:
            out.append(f"quote {k}: the trace did not round-trip: {back.trace!r} != {q.trace!r}")
    return out


def _full(quotes: Sequence[Any]) -> list[dict]:
    return [q.to_dict(trace=True) for q in quotes]


def same_results(a: Sequence[Any], b: Sequence[Any]) -> bool:
    """Two extractions agree on everything, the traces included."""
    return list(a) == list(b) and _full(a) == _full(b)


def render_problems(text: str, quotes: Sequence[Any]) -> list[str]:
    """``render_html`` takes the text with its quotes (as objects and as dicts) and gives UTF-8-encodable HTML.

    Exceptions from ``render_html`` itself propagate: the caller counts them as crashes.
    """
    from kora_quotes import render_html

    out = []
    for how, qs in (("objects", list(quotes)), ("dicts", [q.to_dict() for q in quotes])):
        html = render_html(text, qs)
        if not isinstance(html, str):
            out.append(f"render_html({how}) returned {type(html).__name__}")
            continue
        try:
            html.encode("utf-8")
        except UnicodeEncodeError as e:
            out.append(f"render_html({how}) output cannot be encoded as UTF-8: {e}")
    return out


def check_all(text: str, quotes: Sequence[Any]) -> list[str]:
    """Offsets and the JSON round trip (no rendering, no second extraction)."""
    return offset_problems(text, quotes) + roundtrip_problems(quotes)
