"""render_html: structure, escaping, colours and nesting, checked with a strict HTML walker."""

from __future__ import annotations

import itertools
import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kora_quotes import render_html
from kora_quotes.output.quote import Quote, Span, Speaker, Venue
from kora_quotes.output.render import (
    CSS, PALETTE, TEXT_COLOUR, UNKNOWN_COLOUR, colour_at, contrast_ratio, speaker_colour, speaker_colours,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "kerry-north-korea.txt"
SEED_GOLD = ROOT / "benchmarks" / "kerry-north-korea.gold.json"  # hand-labelled: all the seed's quotes
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


def gold_seed_quotes() -> list[dict]:
    """The seed's hand-labelled quotes (benchmarks/), as ``Quote.to_dict()``-shaped dicts."""
    text = SEED.read_text(encoding="utf-8")
    quotes = []
    for g in json.loads(SEED_GOLD.read_text(encoding="utf-8"))["quotes"]:
        s, e = g["content_span"]
        ms, me = g["speaker_mention_span"] or (s, s)
        speakers = [{"name": sp["name"], "text": text[ms:me], "start": ms, "end": me, "role": sp["role"]}
                    for sp in g["speakers"]]
        quotes.append({"kind": g["kind"], "text": text[s:e], "start": s, "end": e, "spans": [[s, e]],
                       "speaker": speakers[0], "speakers": speakers, "cue": None, "venue": None})
    return quotes


def _colour(attrs: dict) -> str:
    return re.fullmatch(r"--kq-colour: (#[0-9a-f]{6})", attrs["style"]).group(1)


def test_speakers_of_the_seed_article_each_have_a_colour_of_their_own():
    text = SEED.read_text(encoding="utf-8")
    quotes = gold_seed_quotes()
    w = walk(render_html(text, quotes))
    colours: dict[str, set[str]] = {}
    for tag, attrs in w.tags:
        if "kq-quote" in attrs.get("class", "") or "kq-speaker" in attrs.get("class", ""):
            colours.setdefault(attrs["data-speaker"], set()).add(_colour(attrs))
    names = {sp["name"] for q in quotes for sp in q["speakers"]}
    assert set(colours) == names and len(names) >= 10  # John Kerry, North Korea, John McCain, ...
    assert all(len(c) == 1 for c in colours.values())  # one colour per speaker, throughout
    assert len({c for cs in colours.values() for c in cs}) == len(names)  # no two speakers share one
    # The legend: every speaker in their colour, in order of first appearance, then the kind key.
    chips = [a for t, a in w.tags if "kq-chip" in a.get("class", "")]
    first_seen = list(dict.fromkeys(sp["name"] for q in quotes for sp in q["speakers"]))
    assert [a["title"].split(" (")[0] for a in chips] == first_seen
    assert [_colour(a) for a in chips] == [colour_at(k) for k in range(len(first_seen))]
    assert [next(iter(colours[n])) for n in first_seen] == [_colour(a) for a in chips]


def test_colours_follow_first_appearance_and_ignore_case():
    text = SEED.read_text(encoding="utf-8")
    quotes = seed_quotes(text)
    assert speaker_colours(quotes) == {"John Kerry": PALETTE[0], "John McCain": PALETTE[1]}
    assert speaker_colours(list(reversed(quotes))) == {"John Kerry": PALETTE[0], "John McCain": PALETTE[1]}
    out = render_html(text, quotes, page=False)
    w = walk(out)
    mccain = [a for t, a in w.tags if a.get("data-speaker") == "John McCain" or "John McCain" in a.get("title", "")]
    assert mccain and {_colour(a) for a in mccain} == {PALETTE[1]}  # quote, mention, label and chip alike
    # The same speaker written differently is one speaker; a quote without one is grey.
    t = "Ann said a. ANN  said b. Someone said c."
    qs = [Quote.from_spans(t, "indirect", [(k, k + 1)], speakers=sp) for k, sp in
          ((9, [Speaker("Ann", "Ann", 0, 3)]), (22, [Speaker("ANN  ", "ANN", 12, 15)]), (38, []))]
    out = render_html(t, qs, page=False)
    assert out.count(f"--kq-colour: {PALETTE[0]}") == 7  # 2 quotes, 2 mentions, 2 labels, the chip
    assert f'<span class="kq-chip" style="--kq-colour: {PALETTE[0]}" title="Ann">Ann \u00d72</span>' in out
    assert f"--kq-colour: {UNKNOWN_COLOUR}\">unknown speaker \u00d71" in out


def test_speakers_past_the_palette_get_further_distinct_colours():
    text = " ".join(f"P{k} said x{k}." for k in range(30))
    quotes = []
    for k in range(30):
        at = text.index(f"P{k} said")
        quotes.append(Quote.from_spans(text, "indirect", [(at + len(f"P{k} said "), at + len(f"P{k} said x{k}"))],
                                       speakers=[Speaker(f"P{k}", f"P{k}", at, at + len(f"P{k}"))]))
    colours = list(speaker_colours(quotes).values())
    assert colours[:len(PALETTE)] == list(PALETTE) and len(PALETTE) >= 20
    assert len(set(colours)) == 30 and UNKNOWN_COLOUR not in colours
    assert colours == list(speaker_colours(quotes).values())  # deterministic
    walk(render_html(text, quotes))


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance, computed here independently of the module."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(colour[k:k + 2], 16) / 255) for k in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def test_every_colour_keeps_the_text_readable():
    assert f"color: {TEXT_COLOUR};" in CSS  # the text drawn on the colours (labels and marks inherit it)
    assert round(_contrast("#000000", "#ffffff"), 6) == 21 and _contrast("#777777", "#777777") == 1
    colours = list(PALETTE) + [colour_at(k) for k in range(len(PALETTE), 300)] + [UNKNOWN_COLOUR]
    for colour in colours:
        for text_colour in (TEXT_COLOUR, "#000000"):
            assert _contrast(colour, text_colour) >= 4.5, (colour, text_colour)
            assert math.isclose(contrast_ratio(colour, text_colour), _contrast(colour, text_colour))
    # Clearly distinct: the palette and the grey of unknown speakers are far apart in RGB.
    rgb = {c: [int(c[k:k + 2], 16) for k in (1, 3, 5)] for c in PALETTE + (UNKNOWN_COLOUR,)}
    assert min(math.dist(rgb[a], rgb[b]) for a, b in itertools.combinations(rgb, 2)) >= 25


def test_hover_shows_speaker_role_and_venue():
    text = SEED.read_text(encoding="utf-8")
    w = walk(render_html(text, seed_quotes(text), page=False))
    titles = {a["data-quote"]: a["title"] for t, a in w.tags if t == "mark" and "kq-quote" in a["class"]}
    assert titles["0"] == "John Kerry (Secretary of State) \u00b7 in Tokyo"
    assert titles["1"] == 'John McCain (Sen.) \u00b7 CNN\'s "State of the Union."'
    mentions = [a["title"] for t, a in w.tags if "kq-speaker" in a.get("class", "")]
    assert mentions == ["John Kerry (Secretary of State)", "John McCain (Sen.)"]
    # No role, no venue: the name alone; no speaker: said so; everything escaped.
    t = 'Bo said "x <y> & z" at <the "Club">.'
    venue = {"text": '<the "Club">', "start": 23, "end": 35, "kind": "place"}
    bo = {"name": "Bo", "text": "Bo", "start": 0, "end": 2, "role": None}
    quotes = [{"kind": "direct", "spans": [[9, 18]], "speakers": [bo], "venue": venue},
              {"kind": "direct", "spans": [[9, 18]], "speakers": [dict(bo, name="<B>", role='a "&" b')]},
              {"kind": "direct", "spans": [[9, 18]], "speakers": []},
              {"kind": "direct", "spans": [[9, 18]], "speakers": [bo]}]
    out = render_html(t, quotes, page=False)
    assert 'title="Bo \u00b7 &lt;the &quot;Club&quot;&gt;"' in out
    assert 'title="&lt;B&gt; (a &quot;&amp;&quot; b)"' in out
    w = walk(out)
    titles = [a["title"] for tag, a in w.tags if tag == "mark"]
    assert titles == ['Bo \u00b7 <the "Club">', '<B> (a "&" b)', "unknown speaker", "Bo"]


def test_speaker_colour_is_kept_for_callers():
    assert speaker_colour("John Kerry") == speaker_colour("john  kerry")
    assert speaker_colour("John Kerry") in PALETTE
    assert speaker_colour(None) == UNKNOWN_COLOUR and UNKNOWN_COLOUR not in PALETTE


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
    assert speaker_colours([quote]) == {"Jos\udce9": PALETTE[0]}
    out = render_html(text, [quote], title="T\udc82")
    out.encode("utf-8")  # strict: valid UTF-8, no surrogate left
    assert "Caf\ufffd" in out and "hi \ufffd there" in out and "Jos\ufffd" in out and "chef \ufffd" in out
    w = walk(out)
    assert w.quote_text["0/0"] == "hi \ufffd there"  # one character for one


def test_a_thought_is_framed_and_the_legend_keys_its_type():
    text = "Most Republicans believe the economy is getting worse. Mr. Lee said no."
    speaker = Speaker("Most Republicans", "Most Republicans", 0, 16)
    thought = Quote.from_spans(text, "indirect", [(25, 53)], cue=Span("believe", 17, 24), speakers=[speaker],
                               attribution="thought")
    said = Quote.from_spans(text, "indirect", [(69, 71)], cue=Span("said", 64, 68),
                            speakers=[Speaker("Mr. Lee", "Mr. Lee", 55, 62)])
    html = render_html(text, [thought, said], page=False)
    assert 'class="kq-quote kq-indirect kq-thought" data-quote="0" data-part="0" data-kind="indirect" ' \
           'data-attribution="thought"' in html
    assert 'data-attribution="speech"' in html and "kq-speech" not in html
    legend = html.split('<div class="kq-legend">')[1].split("</div>")[0]
    assert '<span class="kq-sample kq-thought" style="--kq-colour: #fff">thought</span>' in legend
    assert ".kq-thought" in CSS
    assert ">thought<" not in render_html(text, [said], page=False)
