"""A seeded generator of hostile texts for fuzzing kora_quotes (see tests/fuzz/README.md).

``generate(seed, index)`` gives one :class:`Case` and is deterministic per
``(seed, index)``: the same pair gives the same text on every machine and
Python version (``random.Random`` seeded with a string is stable), whatever
else was generated before. ``cases(seed, n)`` walks indices ``0..n-1``.

Every text is at most ``max_chars`` characters (default :data:`MAX_CHARS`),
which keeps a case well under a second on one core (a run of 1,000 quotation
marks or ``"a " * 2000`` being the slow end, about 1-2 s).

The families (:data:`FAMILIES`) follow issue 18: news sentences with every
kind of quotation mark, balanced, unbalanced and nested; control characters
(the ``Mr\\x1d. Kerry`` title pattern included); zero-width and bidi
characters; lone surrogates; emoji, CJK, Arabic and other scripts; HTML and
Markdown markup; huge words; runs of marks; ``"a " * N``; long paragraphs
without sentence punctuation; empty and whitespace-only texts; truncated
feed snippets ("... according to..."); odd line breaks; and mixes of all of
these with plain news sentences. The news sentences are written for this
file, not taken from any article.

Run ``python -m tests.fuzz.generate SEED N`` from the repository root to
print cases.
"""

from __future__ import annotations

import random
from typing import Callable, Iterator, NamedTuple

__all__ = ["Case", "FAMILIES", "MAX_CHARS", "NEWS", "QUOTE_PAIRS", "generate", "cases", "family_text"]

MAX_CHARS = 6000


class Case(NamedTuple):
    seed: int
    index: int
    family: str
    text: str


# --- material ------------------------------------------------------------------

SPEAKERS = [
    "Mr. Alvarez", "Ms. Okonkwo", "Dr. Lindqvist", "Senator Marlowe", "Gov. Petrakis",
    "the mayor", "a spokeswoman for the ministry", "the company's chief executive",
    "Prime Minister Haldane", "Rep. Jo Whitcombe", "the union", "officials in Brussels",
    "Mrs. Tanaka-Ruiz", "Gen. Osei", "the White House", "an aide to the governor",
    "Prof. Varga", "St. Clair", "she", "he", "they", "the council",
]
CUES = ["said", "told reporters", "added", "warned", "argued", "wrote", "insisted",
        "said in a statement", "told the BBC", "said on X", "said at a news conference",
        "posted on Facebook", "claimed", "acknowledged", "noted"]
CONTENT = [
    "we are not going to back down now",
    "the talks collapsed because nobody trusted the numbers",
    "this budget is a disgrace",
    "I have never met the man",
    "the bridge will reopen in March",
    "our priority is the safety of the workers",
    "there was no agreement on the timetable",
    "the vote was rigged from the start",
    "it is too early to say whether the plan will work",
    "prices will keep rising until the end of the year",
    "nobody told us the plant was closing",
    "we welcome the court's decision",
    "the ceasefire is holding, for now",
    "I'm not going to comment on rumours",
]
NEWS = [
    "The city council voted on Tuesday to close two public libraries.",
    "Mr. Alvarez said the deal would be signed within a week.",
    '"We are ready to talk," Ms. Okonkwo told reporters in Lagos.',
    "Officials said the storm had cut power to 40,000 homes.",
    "According to the ministry, exports fell 3.2 percent in May.",
    "The company declined to comment on the report.",
    '"This is not over," she said. "We will appeal."',
    "Senator Marlowe argued that the bill would raise costs for farmers.",
    "Dr. Lindqvist, who led the study, warned that the results were preliminary.",
    'The mayor called the plan "a step in the right direction."',
    "Police said three people were arrested near the stadium.",
    "Gov. Petrakis told the station that he had not decided whether to run.",
    '"I have nothing to hide," the minister said at a news conference on Friday.',
    "Analysts expect the central bank to hold rates steady.",
    'A spokesman for the U.S. Embassy said: "We are monitoring the situation."',
    "The union said its members would strike unless the offer improved.",
    "Prime Minister Haldane said in a statement that the talks had been productive.",
    "Residents said the water had been brown for days.",
    '"It\'s a mess," said Prof. Varga of the University of Szeged.',
    "The court is expected to rule next month, according to people familiar with the case.",
    "Rep. Whitcombe wrote on X that the hearing was \"a circus.\"",
    "Gen. Osei denied that troops had crossed the border.",
    "St. Clair, the team's captain, said the loss hurt.",
    "Mrs. Tanaka-Ruiz said she was 'shocked' by the decision.",
]
QUOTE_PAIRS = [
    ('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"), ("\u00bb", "\u00ab"),
    ("\u00ab\u00a0", "\u00a0\u00bb"), ("\u201e", "\u201c"), ("\u201a", "\u2018"), ("\u2039", "\u203a"),
    ("``", "''"), ("''", "''"), ("'", "'"), ("`", "'"), ("\u300c", "\u300d"), ("\u300e", "\u300f"),
    ("\u201d", "\u201d"), ("\u201c", "\u201c"), ("\u201f", "\u201d"), ("\u2033", "\u2033"),
    ("\uff02", "\uff02"), ("&quot;", "&quot;"), ("\\\"", "\\\""), ("<q>", "</q>"), ("\u275d", "\u275e"),
]
MARKS = sorted({m for pair in QUOTE_PAIRS for m in pair if len(m) <= 2 and not m.startswith(("&", "<", "\\"))})
CONTROL = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
SEPARATOR_CONTROL = ["\x1c", "\x1d", "\x1e", "\x1f"]
INVISIBLE = ([chr(c) for c in range(0x200B, 0x2010)] + [chr(c) for c in range(0x202A, 0x202F)]
             + [chr(c) for c in range(0x2066, 0x206A)] + ["\ufeff", "\u00ad", "\u2060", "\u180e", "\u034f",
                                                         "\u061c", "\ufe0f", "\U000e0001"])
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\udc80", "\ud83d", "\ude00"]
WHITESPACE = [" ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\u00a0", "\u2028", "\u2029", "\u3000",
              "\u2003", "\u200a", "\u202f", "\u1680", "\x85"]
SCRIPTS = [
    "\U0001F600", "\U0001F44D\U0001F3FD", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "\U0001F1FA\U0001F1F8",
    "\u2764\ufe0f", "\U0001F525" * 3, "\u4e60\u8fd1\u5e73\u8bf4\uff0c\u201c\u6211\u4eec\u51c6\u5907\u597d\u4e86\u3002\u201d",
    "\u6771\u4eac\u90fd\u306e\u77e5\u4e8b\u306f\u300c\u554f\u984c\u306a\u3044\u300d\u3068\u8ff0\u3079\u305f\u3002",
    "\uc11c\uc6b8\uc2dc\uc7a5\uc740 \"\ubb38\uc81c\uac00 \uc5c6\ub2e4\"\uace0 \ub9d0\ud588\ub2e4.",
    "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u00ab\u0644\u0646 \u0646\u062a\u0631\u0627\u062c\u0639\u00bb.",
    "\u05d4\u05e9\u05e8 \u05d0\u05de\u05e8: \"\u05d0\u05e0\u05d7\u05e0\u05d5 \u05de\u05d5\u05db\u05e0\u05d9\u05dd\".",
    "\u0928\u0947\u0924\u093e \u0928\u0947 \u0915\u0939\u093e, \"\u0939\u092e \u0924\u0948\u092f\u093e\u0930 \u0939\u0948\u0902\"\u0964",
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0441\u043a\u0430\u0437\u0430\u043b: \u00ab\u041c\u044b \u0433\u043e\u0442\u043e\u0432\u044b\u00bb.",
    "Z\u0351\u0353\u0359a\u0357\u0348l\u0346g\u0310o\u0358", "e\u0301\u0301\u0301", "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35",
    "\U00010348\U0001D54F\U0001D7D8", "\ufdfd", "\u1f00\u1f80\u1ff7", "\u2126\u212b\ufb01\ufb03",
    "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
]
NAMES_NON_LATIN = ["\u674e\u5f3a", "\u0645\u062d\u0645\u062f \u0639\u0644\u064a", "Se\u00f1or Mu\u00f1oz",
                   "Bj\u00f6rk \u00de\u00f3rsd\u00f3ttir", "\u0141ukasz \u017b\u00f3\u0142kiewski", "\u00c9milie D\u00e9j\u00e0-Vu"]
MARKUP = [
    "<p>{s}</p>", "<b>{s}</b>", "<script>alert('{s}')</script>", '<a href="http://x.test/?q=\'">{s}</a>',
    '<img src=x onerror="alert(1)">{s}', "<!-- {s} -->", "<![CDATA[{s}]]>", "**{s}**", "_{s}_", "> {s}",
    "# {s}", "[{s}](http://example.test/a_(b))", "`{s}`", "```\n{s}\n```", "{s}<br/>", "&lt;{s}&gt;",
    "&amp;quot;{s}&amp;quot;", "<div class=\"quote\" data-x='\"'>{s}</div>", "| {s} | x |", "- {s}", "1. {s}",
    "<blockquote>{s}</blockquote>", "{s}&nbsp;&#8220;&#x201D;", "\\\"{s}\\\"", "<q cite=\"x\">{s}</q>",
]
TITLES = ["Mr", "Mrs", "Ms", "Dr", "Gov", "Sen", "Rep", "Gen", "Prof", "St", "Lt", "Col", "Jr", "U.S", "Inc"]
TRUNCATIONS = ["according to...", "according to\u2026", "according to", "according to ...", "said...", "said\u2026",
               "he said:", 'she said, "', "told reporters \u201c", "according to the", "(AP) \u2014", "Mr.", "Mr\u2026",
               "\u2026", "...", "said the", "according to a\u2026", ", according", "\u201cWe", '"', "\u2019s"]


def _pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


def _content(rng: random.Random) -> str:
    c = _pick(rng, CONTENT)
    return c[0].upper() + c[1:] if rng.random() < 0.7 else c


def _quoted_sentence(rng: random.Random, pair=None) -> str:
    """One news sentence with a direct quote, in one of several layouts."""
    o, c = pair or _pick(rng, QUOTE_PAIRS)
    sp, cue, q = _pick(rng, SPEAKERS), _pick(rng, CUES), _content(rng)
    layout = rng.randrange(7)
    if layout == 0:
        return f"{o}{q},{c} {sp} {cue}."
    if layout == 1:
        return f"{sp[0].upper() + sp[1:]} {cue}: {o}{q}.{c}"
    if layout == 2:
        q2 = _content(rng)
        return f"{o}{q},{c} {sp} {cue}, {o}{q2}.{c}"
    if layout == 3:
        return f"{sp[0].upper() + sp[1:]} {cue} that {q}, calling it {o}{_pick(rng, CONTENT)}.{c}"
    if layout == 4:  # nested, in the same or the other mark
        o2, c2 = _pick(rng, QUOTE_PAIRS)
        return f"{o}{q}, and then he said {o2}{_pick(rng, CONTENT)}{c2},{c} {sp} {cue}."
    if layout == 5:  # paragraph-spanning quote: no closing mark before the new paragraph
        return f"{o}{q}.\n\n{o}{_content(rng)},{c} {sp} {cue}."
    return f"{o}{q}{c} \u2014 {sp} {cue}."


def _news(rng: random.Random, n: int) -> str:
    return " ".join(_pick(rng, NEWS) if rng.random() < 0.5 else _quoted_sentence(rng) for _ in range(n))


def _insert(rng: random.Random, text: str, pool, k: int) -> str:
    """``text`` with ``k`` picks from ``pool`` put at random places (words, marks and titles included)."""
    chars = list(text)
    for _ in range(k):
        chars.insert(rng.randrange(len(chars) + 1), _pick(rng, pool))
    return "".join(chars)


# --- families: each takes (rng, max_chars) and returns a str ------------------------

def fam_quotes(rng: random.Random, m: int) -> str:
    """Every kind of quotation mark; some balanced, some unbalanced, some nested, some doubled."""
    parts = []
    for _ in range(rng.randint(1, 8)):
        r = rng.random()
        if r < 0.45:
            parts.append(_quoted_sentence(rng))
        elif r < 0.6:  # drop an opening or a closing mark
            s = _quoted_sentence(rng)
            marks = [i for i, ch in enumerate(s) if ch in "\"\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`'"]
            if marks:
                i = _pick(rng, marks)
                s = s[:i] + s[i + 1:]
            parts.append(s)
        elif r < 0.75:  # stray marks anywhere
            parts.append(_insert(rng, _quoted_sentence(rng), MARKS, rng.randint(1, 4)))
        elif r < 0.85:  # deep nesting
            depth = rng.randint(2, 12)
            pairs = [_pick(rng, QUOTE_PAIRS) for _ in range(depth)]
            inner = _content(rng)
            for o, c in pairs:
                inner = f"{o}{inner}{c}"
            parts.append(f"{_pick(rng, SPEAKERS)} said {inner}.")
        else:
            parts.append(_pick(rng, NEWS))
    return (" " if rng.random() < 0.7 else "\n").join(parts)


def fam_control(rng: random.Random, m: int) -> str:
    """Control characters: between a title and its stop, inside words, at quote marks, alone."""
    r = rng.random()
    if r < 0.4:
        t, ctrl = _pick(rng, TITLES), _pick(rng, SEPARATOR_CONTROL if rng.random() < 0.6 else CONTROL)
        name = _pick(rng, ["Kerry", "Alvarez", "Okonkwo", "Smith", "Li"])
        s = f"{t}{ctrl}. {name} said he was ready."
        if rng.random() < 0.5:
            s = _news(rng, rng.randint(0, 2)) + " " + s + " " + _news(rng, rng.randint(0, 2))
        return s
    if r < 0.8:
        return _insert(rng, _news(rng, rng.randint(1, 5)), CONTROL, rng.randint(1, 30))
    return "".join(_pick(rng, CONTROL) for _ in range(rng.randint(1, 200)))


def fam_invisible(rng: random.Random, m: int) -> str:
    """Zero-width, soft-hyphen, BOM and bidi controls inside and around the words and marks."""
    s = _news(rng, rng.randint(1, 5))
    if rng.random() < 0.3:
        return "".join(_pick(rng, INVISIBLE) + ch for ch in s)  # one before every character
    if rng.random() < 0.2:
        return "\ufeff" + s.replace(" ", "\u200b")
    return _insert(rng, s, INVISIBLE, rng.randint(1, 40))


def fam_surrogates(rng: random.Random, m: int) -> str:
    """Lone surrogates, as text decoded with surrogateescape or read from JSON can hold."""
    s = _news(rng, rng.randint(1, 4))
    r = rng.random()
    if r < 0.5:
        return _insert(rng, s, SURROGATES, rng.randint(1, 8))
    if r < 0.7:  # inside a name and a quote
        return 'Mr. Al\udc80varez said, "We are re\ud800ady." ' + s
    if r < 0.85:
        return "".join(_pick(rng, SURROGATES) for _ in range(rng.randint(1, 50)))
    return s.replace(" ", "\udca0")  # surrogateescape'd non-breaking spaces


def fam_scripts(rng: random.Random, m: int) -> str:
    """Emoji (ZWJ sequences, flags, skin tones), CJK, Arabic, Hebrew, Devanagari, combining marks."""
    parts = []
    for _ in range(rng.randint(1, 8)):
        r = rng.random()
        if r < 0.35:
            parts.append(_pick(rng, SCRIPTS))
        elif r < 0.6:
            parts.append(_insert(rng, _quoted_sentence(rng), SCRIPTS, rng.randint(1, 3)))
        elif r < 0.8:
            name = _pick(rng, NAMES_NON_LATIN)
            o, c = _pick(rng, QUOTE_PAIRS)
            parts.append(f"{o}{_content(rng)} {_pick(rng, SCRIPTS)},{c} {name} {_pick(rng, CUES)}.")
        else:
            parts.append(_pick(rng, NEWS))
    return " ".join(parts)


def fam_markup(rng: random.Random, m: int) -> str:
    """HTML and Markdown around and inside the sentences; scripts and event handlers included."""
    parts = []
    for _ in range(rng.randint(1, 8)):
        s = _pick(rng, NEWS) if rng.random() < 0.5 else _quoted_sentence(rng)
        parts.append(_pick(rng, MARKUP).replace("{s}", s))
    return _pick(rng, ["", "\n", "\n\n", " "]).join(parts)


def fam_huge_word(rng: random.Random, m: int) -> str:
    """A word of up to 10,000 letters, alone, in a quote or in a sentence."""
    n = min(10_000, max(1, m - 200), rng.choice([500, 2000, 5000, 10_000]))
    alphabet = _pick(rng, ["a", "ab", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGH", "\u00e9", "\u4e00", "x-", "a.", "1"])
    word = "".join(_pick(rng, alphabet) for _ in range(n)) if len(alphabet) > 1 else alphabet * n
    word = word[:n]
    layout = rng.randrange(4)
    if layout == 0:
        return word
    if layout == 1:
        return f'"{word}," Mr. Alvarez said.'
    if layout == 2:
        return f"Ms. Okonkwo said that {word} was the answer."
    return f"{word} said {word[:200]}."


def fam_runs(rng: random.Random, m: int) -> str:
    """Runs of quotation marks and other punctuation; "a " * N."""
    unit = _pick(rng, ['"', "\u201e\u201c", "'", "\u00ab", "\u201c", "\u201d", "\u2019", "``", "''", "a ", '" ',
                       ". ", "...", "\u2026", "!", "-", "\u2014", ",", "(", ")", "\n", "? ", "Mr. ", '"a" ',
                       "said ", "\u00ab\u00bb", "\u201c\u201d ", '.".'])
    n = rng.choice([10, 100, 500, 1000, 2000])
    text = unit * n
    if len(text) > m:
        text = text[: m - m % len(unit)]
    if rng.random() < 0.3:  # wrapped in news
        text = _pick(rng, NEWS) + " " + text + " " + _pick(rng, NEWS)
    return text[:m]


def fam_no_punct(rng: random.Random, m: int) -> str:
    """A long paragraph without sentence punctuation (transcripts, scraped captions)."""
    words = " ".join(_pick(rng, CONTENT) for _ in range(400)).split()
    if rng.random() < 0.3:
        words = [_pick(rng, SPEAKERS) + " said" if rng.random() < 0.05 else w for w in words]
    n = min(len(words), rng.choice([50, 200, 400, 1000]))
    text = " ".join(words[:n])
    if rng.random() < 0.3:
        text = '"' + text
    return text[:m]


def fam_blank(rng: random.Random, m: int) -> str:
    """Empty, whitespace-only and invisible-only texts."""
    r = rng.random()
    if r < 0.15:
        return ""
    if r < 0.75:
        return "".join(_pick(rng, WHITESPACE) for _ in range(rng.randint(1, 50)))
    return "".join(_pick(rng, WHITESPACE + INVISIBLE) for _ in range(rng.randint(1, 50)))


def fam_truncated(rng: random.Random, m: int) -> str:
    """Feed snippets cut short: "The deal is off, according to..." and friends."""
    head = _pick(rng, ["The deal is off", "Prices will rise", "Talks have stalled", "The plant will close",
                       _content(rng), _pick(rng, NEWS).rstrip(".")])
    tail = _pick(rng, TRUNCATIONS)
    s = f"{head}, {tail}"
    if rng.random() < 0.4:
        s = _news(rng, rng.randint(1, 3)) + " " + s
    if rng.random() < 0.2:
        s = s + "\n" + f"{_pick(rng, ['Read more', 'Continue reading', '[+2310 chars]'])}"
    return s


def fam_linebreaks(rng: random.Random, m: int) -> str:
    """News split by every kind of line break, mid-sentence and mid-quote included."""
    s = _news(rng, rng.randint(2, 6))
    breaks = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\n\n\n", " \n \n "]
    words = s.split(" ")
    return "".join(w + (_pick(rng, breaks) if rng.random() < 0.2 else " ") for w in words)


def fam_random_unicode(rng: random.Random, m: int) -> str:
    """Characters drawn from the whole code space, private use and noncharacters included."""
    n = rng.randint(1, min(m, 400))
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.4:
            out.append(chr(rng.randint(0x20, 0x7E)))
        elif r < 0.8:
            out.append(chr(rng.randint(0xA0, 0xFFFF)))  # surrogates included
        elif r < 0.9:
            out.append(chr(rng.randint(0x10000, 0x10FFFF)))
        else:
            out.append(_pick(rng, MARKS + [" ", "\n", ".", ","]))
    return "".join(out)


def fam_mix(rng: random.Random, m: int) -> str:
    """Plain news with a few pieces of the other families between its sentences."""
    parts = []
    others = [f for name, f in FAMILIES.items() if name not in ("mix",)]
    for _ in range(rng.randint(2, 8)):
        if rng.random() < 0.55:
            parts.append(_pick(rng, NEWS) if rng.random() < 0.5 else _quoted_sentence(rng))
        else:
            parts.append(_pick(rng, others)(rng, max(1, m // 4)))
    return _pick(rng, [" ", "\n", "\n\n", "", "\r\n"]).join(parts)


FAMILIES: dict[str, Callable[[random.Random, int], str]] = {
    "quotes": fam_quotes,
    "control": fam_control,
    "invisible": fam_invisible,
    "surrogates": fam_surrogates,
    "scripts": fam_scripts,
    "markup": fam_markup,
    "huge_word": fam_huge_word,
    "runs": fam_runs,
    "no_punct": fam_no_punct,
    "blank": fam_blank,
    "truncated": fam_truncated,
    "linebreaks": fam_linebreaks,
    "random_unicode": fam_random_unicode,
    "mix": fam_mix,
}

# How often each family is drawn: the slow ones (huge words, runs, long paragraphs) less often.
WEIGHTS = {
    "quotes": 14, "control": 9, "invisible": 8, "surrogates": 7, "scripts": 8, "markup": 8,
    "huge_word": 3, "runs": 4, "no_punct": 3, "blank": 3, "truncated": 9, "linebreaks": 6,
    "random_unicode": 5, "mix": 13,
}

_NAMES = list(FAMILIES)
_CUMULATIVE = []
_total = 0
for _n in _NAMES:
    _total += WEIGHTS[_n]
    _CUMULATIVE.append(_total)


def family_text(family: str, seed: int, index: int, max_chars: int = MAX_CHARS) -> str:
    """The text family ``family`` makes for ``(seed, index)``."""
    rng = random.Random(f"kora-fuzz:{family}:{seed}:{index}")
    text = FAMILIES[family](rng, max_chars)
    return text[:max_chars]


def generate(seed: int, index: int, max_chars: int = MAX_CHARS, families=None) -> Case:
    """The case number ``index`` of the sweep ``seed`` (deterministic per pair).

    ``families`` (names from :data:`FAMILIES`) restricts the draw; each family
    is drawn with the weight in :data:`WEIGHTS`.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be >= 1, got {max_chars}")
    rng = random.Random(f"kora-fuzz:{seed}:{index}")
    if families:
        family = _pick(rng, list(families))
    else:
        x = rng.random() * _total
        family = next(n for n, c in zip(_NAMES, _CUMULATIVE) if x < c)
    text = FAMILIES[family](rng, max_chars)[:max_chars]
    return Case(seed, index, family, text)


def cases(seed: int, n: int, *, start: int = 0, max_chars: int = MAX_CHARS, families=None) -> Iterator[Case]:
    """Cases ``start .. start+n-1`` of the sweep ``seed``."""
    for i in range(start, start + n):
        yield generate(seed, i, max_chars, families)


if __name__ == "__main__":  # python -m tests.fuzz.generate SEED N
    import sys

    _seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    _n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    for _c in cases(_seed, _n):
        print(_c.index, _c.family, len(_c.text), ascii(_c.text[:160]))


# The reproducers of issue 18 and their neighbours, run by name in the test suite.
KNOWN: dict[str, str] = {
    "quote_run_1000": '"' * 1000,
    "low9_pairs_500": "\u201e\u201c" * 500,
    "a_space_2000": "a " * 2000,
    "according_to_dots": "The deal is off, according to...",
    "according_to_ellipsis": "The deal is off, according to\u2026",
    "title_gs_stop": "Mr\x1d. Kerry said he was ready.",
    "title_fs_stop": "Dr\x1c. Okonkwo said she was ready.",
    "title_rs_stop": "Gov\x1e. Petrakis said he was ready.",
    "title_us_stop": "Sen\x1f. Marlowe said he was ready.",
    "lone_surrogate": "\ud800",
    "lone_surrogate_in_quote": '"We are re\ud800ady," Mr. Al\udc80varez said.',
    "surrogate_pair_in_quote": '"We are re\ud83d\udc80ady," Mr. Alvarez said.',  # JSON joins the pair
    "nul_in_sentence": 'Ms. Okonkwo said\x00 "we are ready."',
    "bom_and_bidi": "\ufeff\u202e\"We will appeal,\" she said.\u202c",
    "zero_width_joined": "Mr.\u200bAlvarez\u200bsaid\u200bthe\u200bdeal\u200bwas\u200boff.",
    "script_tag_quote": '<script>alert("x")</script> "Run," <b onmouseover="alert(1)">he</b> said.',
    "huge_word_10k": "a" * 10_000,
    "empty": "",
    "whitespace_only": " \n\t\u00a0\u3000",
}
