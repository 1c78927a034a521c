"""render_html: structure, escaping, colours and nesting, checked with a strict HTML walker."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from kora_quotes import render_html
from kora_quotes.output.quote import Quote, Span, Speaker, Venue
from kora_quotes.output.render import PALETTE, speaker_colour

SEED = Path(__file__).resolve().parents[1] / "seeds" / "kerry-north-korea.txt"
VOID = {"meta", "br", "hr", "img", "link", "input"}


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    i = text.index(words, after)
    return i, i + len(words)


def seed_quotes(text: str) -> list[Quote]:
    """Hand-made quotes for the seed's "Mr. Kerry told reporters" and McCain paragraphs."""
    base = text.index("Mr. Kerry told reporters") - 120
    a = _at(text, "We're prepared to reach out. But we need the appropriate moment, the appropriate circumstances,", base)
    b = _at(text, "There are standards we need to reach to get to negotiations.", a[1])
    who = _at(text, "Mr. Kerry", a[1])
    kerry = Quote.from_spans(
        text,
        "direct",
        [a, b],
        cue=Span.from_text(text, *_at(text, "told", who[1])),
        speakers=[Speaker.from_mention(text, *who, name="John Kerry", role="Secretary of State", kind="person")],
        venue=Venue.from_text(text, *_at(text, "in Tokyo", who[1]), "place"),
        addressee=Span.from_text(text, *_at(text, "reporters", who[1])),
    )
    c = _at(text, "The most important and key element in all of this is China.")
    d = _at(text, "China is the only country that can affect North Korean behavior; "
                  "they can shut down in a short period their economy,", c[1])
    who = _at(text, "Sen. John McCain", d[1])
    mccain = Quote.from_spans(
        text,
        "direct",
        [(c[0], d[1])],
        cue=Span.from_text(text, *_at(text, "said", who[1])),
        speakers=[Speaker.from_mention(text, *who, name="John McCain", role="Sen.", kind="person")],
        venue=Venue.from_text(text, *_at(text, "CNN's \"State of the Union.\"", who[1]), "media"),
    )
    return [kerry, mccain]


class Walker(HTMLParser):
    """Checks tags are balanced and collects, per quote, the text inside its marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.quote_text: dict[str, str] = {}
        self.tags: list[tuple[str, dict]] = []
        self.paragraphs = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "p":
            self.paragraphs += 1
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        for tag, attrs in self.stack:
            if tag == "mark" and "kq-quote" in attrs.get("class", ""):
                key = attrs["data-quote"] + "/" + attrs["data-part"]
                self.quote_text[key] = self.quote_text.get(key, "") + data
                break

    def close(self):
        super().close()
        if self.stack:
            self.errors.append(f"unclosed: {[t for t, _ in self.stack]}")


def walk(markup: str) -> Walker:
    w = Walker()
    w.feed(markup)
    w.close()
    assert w.errors == []
    return w


def test_seed_article_renders_each_span_once_and_whole():
    text = SEED.read_text(encoding="utf-8")
    quotes = seed_quotes(text)
    page = render_html(text, quotes)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    w = walk(page)
    for i, q in enumerate(quotes):
        for part, (s, e) in enumerate(q.spans):
            assert w.quote_text[f"{i}/{part}"] == text[s:e]
    firsts = [a for t, a in w.tags if t == "mark" and "data-first" in a and a.get("data-part") == "0"]
    assert len(firsts) == len(quotes)
    assert w.paragraphs == len([line for line in text.split("\n") if line.strip()])
    labels = [a for t, a in w.tags if "kq-label" in a.get("class", "")]
    assert len(labels) == len(quotes)
    assert "Secretary of State" in page
    assert 'class="kq-cue"' in page and 'class="kq-venue"' in page and 'class="kq-speaker"' in page


def test_quote_objects_and_dicts_render_the_same():
    text = SEED.read_text(encoding="utf-8")
    quotes = seed_quotes(text)
    assert render_html(text, quotes) == render_html(text, [q.to_dict() for q in quotes])


def test_fragment_is_an_article_without_page():
    text = SEED.read_text(encoding="utf-8")
    fragment = render_html(text, seed_quotes(text), page=False)
    assert fragment.startswith('<article class="kq-doc">')
    assert "<html" not in fragment and "<style>" not in fragment
    walk(fragment)


def test_everything_is_escaped():
    text = 'The <b>boss</b> & co said "<script>alert(1)</script>" today.'
    s = text.index("<script>")
    speaker = Speaker('A "<x>" & Co', "The <b>boss</b> & co", 0, 20, role="<i>role</i>")
    quote = Quote.from_spans(text, "direct", [(s, s + 25)], speakers=[speaker], cue=Span.from_text(text, 21, 25))
    out = render_html(text, [quote], page=False)
    assert "<script>" not in out and "<b>" not in out and "<i>" not in out
    assert "&lt;script&gt;" in out and "&amp; co" in out and "&quot;&lt;x&gt;&quot;" in out
    w = walk(out)
    assert w.quote_text["0/0"] == "<script>alert(1)</script>"


def test_crossing_spans_stay_well_nested():
    text = "One two three four five six seven eight nine ten."
    q1 = Quote.from_spans(text, "indirect", [(0, 18)], speakers=[Speaker("Ann", "seven", 28, 33)])
    q2 = Quote.from_spans(text, "direct", [(8, 33)], speakers=[Speaker("Bob", "two", 4, 7)])
    q3 = Quote.from_spans(text, "mixed", [(14, 40)])  # no speaker
    out = render_html(text, [q1, q2, q3], page=False)
    w = walk(out)
    assert w.quote_text["0/0"] == text[0:18]
    # Pieces of a split mark share data-quote; only the first has data-first.
    for i in ("0", "1", "2"):
        pieces = [a for t, a in w.tags if t == "mark" and a.get("data-quote") == i]
        assert pieces and sum("data-first" in a for a in pieces) == 1
    assert "unknown speaker" in out


def test_paragraphs_are_kept_and_a_quote_across_lines_is_split():
    text = 'First line.\n\n"A quote that runs\nover two lines," she said.\n'
    q = Quote.from_spans(text, "direct", [(14, 47)], speakers=[Speaker("Her", "she", 49, 52)])
    out = render_html(text, [q], page=False)
    w = walk(out)
    assert w.paragraphs == 3
    assert out.count('data-quote="0" data-part="0"') == 2  # one piece per paragraph
    assert out.count("data-first") == 2  # the mark's first piece and the speaker mention


def test_colours_are_stable_per_speaker():
    assert speaker_colour("John Kerry") == speaker_colour("john  kerry")
    assert speaker_colour("John Kerry") in PALETTE
    assert speaker_colour(None) not in PALETTE
    text = SEED.read_text(encoding="utf-8")
    out = render_html(text, seed_quotes(text), page=False)
    assert f"--kq-colour: {speaker_colour('John Kerry')}" in out
    assert f"--kq-colour: {speaker_colour('John McCain')}" in out


def test_bad_offsets_are_clipped_not_fatal():
    text = "Short text."
    bad = {"kind": "direct", "text": "x", "spans": [[5, 500]], "speaker": None, "speakers": [],
           "cue": {"text": "?", "start": 900, "end": 901}, "venue": None}
    walk(render_html(text, [bad], page=False))


def test_rejects_non_text():
    with pytest.raises(TypeError):
        render_html(b"bytes", [])
    with pytest.raises(TypeError):
        render_html("text", [42])


def test_lone_surrogates_render_as_replacement_characters():
    # Text decoded with surrogateescape, or quotes read back from JSON, can hold lone surrogates.
    text = 'Caf\udce9 boss said "hi \ud800 there" today.'
    s = text.index("hi")
    e = text.index('" today')
    speaker = {"name": "Jos\udce9", "text": "boss", "start": 5, "end": 9, "role": "chef \udcff"}
    quote = {"kind": "direct", "text": text[s:e], "spans": [[s, e]], "start": s, "end": e,
             "speaker": speaker, "speakers": [speaker], "cue": {"text": "sa\udc80d", "start": 10, "end": 14},
             "venue": {"text": "Caf\udce9", "start": 0, "end": 4, "kind": "pl\udc81ce"}}
    assert speaker_colour("Jos\udce9") in PALETTE
    assert speaker_colour("Jos\udce9") == speaker_colour("jos\udce9")
    out = render_html(text, [quote], title="T\udc82")
    out.encode("utf-8")  # strict: valid UTF-8, no surrogate left
    assert "Caf\ufffd" in out and "hi \ufffd there" in out and "Jos\ufffd" in out and "chef \ufffd" in out
    w = walk(out)
    assert w.quote_text["0/0"] == "hi \ufffd there"  # one character for one
