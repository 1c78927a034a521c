"""Quote-extraction metrics computed on plain dicts (no model needed).

Two sides are compared, both as dicts with character offsets into one
document's text:

* **gold** quotes, normalised by :func:`gold_quote`::

      {"content": [[s, e], ...], "source": [[s, e], ...], "cue": [[s, e], ...]}

  (``source`` and ``cue`` may be empty lists);
* **predicted** quotes in the contract of ``kora_quotes.Quote.to_dict()``
  (``spans``, ``cue``, ``speaker``, ``speakers`` ...), read by
  :func:`pred_quote` into the same normalised shape plus the predicted
  canonical ``names``.

Definitions (all counts are summed over documents before dividing):

Tokens
    Word tokens, ``\\w+`` runs of the document text. Punctuation is not a token,
    so whether a system's content includes the quotation marks does not
    matter. A span covers every token it overlaps.

Citron's metrics (after BBC R&D's Citron, ``citron/metrics.py``; own code)
    *Exact match*: a predicted cue (content) is right when its token set equals
    the token set of some gold cue (content). A predicted source is right when
    some gold quote whose content shares a token with the prediction's content
    (the same quote) has a source with an equal token set. Punctuation-only
    spans (a ":" cue) compare by their character spans; a missing cue or
    source equals a missing one only within the same quote. A whole quote is right when cue,
    source and content are all exactly right against the same gold quote.
    P = right predictions / predictions, R = gold quotes matched / gold quotes.

    *Token overlap*: precision = predicted tokens that overlap gold tokens /
    predicted tokens; recall = gold tokens that overlap predicted tokens / gold
    tokens (Citron's own all-spans score divides the other way round; this one
    does not). Content is compared with every gold content of the document;
    cue and source only within quote pairs whose contents share a token (the
    same quote), so a speaker named twice is not credited for another quote.
    Each token counts once on each side. "quote" sums cue + source + content.

The Gender Gap Tracker's (GGT) metrics
    A gold quote is *found* when one predicted content covers at least 30%
    (and, separately, 80%) of its characters (letters and digits only). A
    prediction is a true positive when it covers some gold quote at that
    threshold. P = true-positive predictions / predictions, R = found gold /
    gold. Speaker accuracy on found quotes (those with a gold source), with the
    prediction covering most of the gold: *mention* = the predicted speaker
    mention span overlaps the gold source span; *name* = the gold source's head
    word (its last capitalised word, else its last word, read before any
    apposition, parenthesis or post-modifier: "Sen. David Perdue (R-Ga.)" ->
    "Perdue", "Mr. Morgan of the Sierra Club" -> "Morgan") is one of the words of
    a predicted canonical speaker name (gold pronoun sources are left out of
    this one). *Who* = the name test with pronoun sources included: a gold
    pronoun source counts as right when the predicted canonical name shares a
    content word with its antecedent (see *resolved right* below; pronoun
    sources without a judgeable antecedent are left out). *Name without coreference*: the same head-word test against the
    predicted speaker mention as written (``speaker.text``, e.g. "he" or
    "Mr. Kerry") instead of its canonical ``name``, over the same quotes; the
    gap between the two is what coreference and canonical naming add.

Pronoun sources (on the same found quotes)
    A gold source is a *pronoun source* when its whole span is one of the
    words he, she, they, it, we, i, him, her, them (case-insensitive; its word
    tokens are exactly that one word). *Resolved*: a predicted canonical
    speaker name is not itself a pronoun (it has a word that is not a pronoun);
    over found pronoun-source quotes. *Resolved right*: a predicted canonical
    name shares a content word (not a pronoun, article, preposition, "s" or
    honorific) with the source of one of the 3 gold quotes before this one in
    the same document (gold order by content start) that is not a pronoun
    source; over found pronoun-source quotes that have such an antecedent
    among those 3 (the others cannot be judged and are left out).

Citron's quote F1
    A gold quote and a prediction match when their contents share at least
    50% of the characters of the shorter of the two. P = predictions matching
    some gold / predictions, R = gold matched / gold; speaker-mention accuracy
    as above on matched gold quotes with a source.

Kinds
    A quote is *direct* when its content holds a quotation mark or is enclosed
    by quotation marks in the text, else *indirect*; the rule is applied to gold
    and predictions alike. Per kind, recall is over the gold quotes of that kind
    (matched against all predictions) and precision over the predictions of
    that kind (matched against all gold).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Any, Iterable, Mapping, Optional, Sequence

__all__ = [
    "KINDS",
    "QUOTE_MARKS",
    "Doc",
    "gold_quote",
    "pred_quote",
    "quote_kind",
    "prf",
    "score_doc",
    "summarize",
    "evaluate",
]

KINDS = ("all", "direct", "indirect")
QUOTE_MARKS = "\"“”„«»"
PRONOUNS = frozenset(
    "i me my we us our you your he him his she her it its they them their this that who "
    "which one".split()
)
PERSONAL_PRONOUNS = frozenset("he she they it we i him her them".split())
# words that do not identify a speaker: left out when matching a name to an antecedent source
_FUNCTION_WORDS = PRONOUNS | frozenset("the a an of s and for to in on at by from mr mrs ms dr".split())
ANTECEDENT_WINDOW = 3
GGT_THRESHOLDS = (0.3, 0.8)
_WORD = re.compile(r"\w+")

Spans = list[tuple[int, int]]


# --------------------------------------------------------------------------- helpers
def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from matched counts on each side (0.0 when undefined)."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "n_pred": n_pred, "n_gold": n_gold}


def _spans(value: Any) -> Spans:
    out = []
    for s, e in value or ():
        s, e = int(s), int(e)
        if e > s:
            out.append((s, e))
    return sorted(out)


def gold_quote(content: Any, source: Any = (), cue: Any = (), **extra: Any) -> dict[str, Any]:
    """A normalised gold quote from lists of ``[start, end]`` spans."""
    q = {"content": _spans(content), "source": _spans(source), "cue": _spans(cue)}
    q.update(extra)
    return q


def pred_quote(d: Mapping[str, Any]) -> dict[str, Any]:
    """A normalised prediction from a ``Quote.to_dict()`` dict."""
    content = d.get("spans") or [[d["start"], d["end"]]]
    speakers = list(d.get("speakers") or ())
    if not speakers and d.get("speaker"):
        speakers = [d["speaker"]]
    cue = d.get("cue")
    return {
        "content": _spans(content),
        "source": _spans([[s["start"], s["end"]] for s in speakers]),
        "cue": _spans([[cue["start"], cue["end"]]] if cue else []),
        "names": [s.get("name") or s.get("text") or "" for s in speakers],
        "texts": [s.get("text") or "" for s in speakers],
    }


def quote_kind(text: str, spans: Sequence[Sequence[int]]) -> str:
    """``"direct"`` when the content holds or is enclosed by quotation marks, else ``"indirect"``."""
    spans = _spans(spans)
    if not spans:
        return "indirect"
    if any(ch in QUOTE_MARKS for s, e in spans for ch in text[s:e]):
        return "direct"
    start, end = spans[0][0], spans[-1][1]
    before = text[max(0, start - 3) : start].rstrip()
    after = text[end : end + 3].lstrip()
    if before and before[-1] in QUOTE_MARKS:
        return "direct"
    if after and after[0] in QUOTE_MARKS:
        return "direct"
    # a closing mark after trailing punctuation: ... the moment,"
    after = text[end : end + 4].lstrip(" ,.;:!?")
    if after and after[0] in QUOTE_MARKS:
        return "direct"
    return "indirect"


class Doc:
    """One document's text with its word tokens, to map spans to tokens and characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._tok = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self._ends = [e for _, e in self._tok]

    @property
    def n_tokens(self) -> int:
        return len(self._tok)

    def tokens(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Indices of the word tokens that the spans overlap."""
        out: set[int] = set()
        for s, e in spans:
            i = bisect.bisect_right(self._ends, s)
            while i < len(self._tok) and self._tok[i][0] < e:
                out.add(i)
                i += 1
        return frozenset(out)

    def chars(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Offsets of the letters and digits inside the spans."""
        t = self.text
        return frozenset(i for s, e in spans for i in range(s, min(e, len(t))) if t[i].isalnum())

    def head_word(self, spans: Iterable[tuple[int, int]]) -> Optional[str]:
        """The head of a source phrase, lower-cased: its last capitalised word, else its last
        word, read before any apposition, parenthesis or post-modifier ("Sen. David Perdue
        (R-Ga.)" -> "perdue", "Mr. Morgan of the Sierra Club" -> "morgan") and skipping a
        capitalised article ("The commission" -> "commission")."""
        text = " ".join(self.text[s:e] for s, e in sorted(spans))
        cut = _HEAD_END.search(text)
        if cut is not None and cut.start() > 0:
            text = text[: cut.start()]
        words = [w for w in _WORD.findall(text) if w[:1].isalpha() and w.lower() not in _ARTICLES]
        if not words:
            return None
        caps = [w for w in words if w[0].isupper()]
        return (caps[-1] if caps else words[-1]).lower()


# Words that end a source's head phrase ("Representative Charles B. Rangel of New York").
_HEAD_END = re.compile(r"[,(]|\s(?:of|for|at|on|from|in|with|who|which|that|to)\s", re.IGNORECASE)
_ARTICLES = {"the", "a", "an", "this", "these", "those", "not"}


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e)


def _overlaps(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> bool:
    """Whether any span of ``a`` shares a character with any span of ``b``."""
    b = list(b)
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _name_words(names: Iterable[str]) -> set[str]:
    return {w.lower() for n in names for w in _WORD.findall(n or "")}


def _is_pronoun_name(name: str) -> bool:
    """Whether a name is empty or made of pronouns only ("he", "They")."""
    return not (_name_words([name]) - PRONOUNS)


# --------------------------------------------------------------------------- per document
def score_doc(text: str, golds: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any]]) -> Counter:
    """Counts for every metric on one document; add them up and pass to :func:`summarize`.

    ``golds`` are :func:`gold_quote` dicts; ``preds`` are ``Quote.to_dict()`` dicts.
    """
    doc = Doc(text)
    P = [pred_quote(p) for p in preds]
    G = list(golds)
    c: Counter = Counter()

    def kinds_of(items: Sequence[Mapping[str, Any]]) -> list[str]:
        return [quote_kind(text, q["content"]) for q in items]

    gk, pk = kinds_of(G), kinds_of(P)
    part = {"content": [], "source": [], "cue": []}
    gtok = {k: [doc.tokens(g[k]) for g in G] for k in part}
    ptok = {k: [doc.tokens(p[k]) for p in P] for k in part}
    gch = [doc.chars(g["content"]) for g in G]
    pch = [doc.chars(p["content"]) for p in P]

    # same quote: contents share a token
    same = [[bool(ptok["content"][j] & gtok["content"][i]) for j in range(len(P))] for i in range(len(G))]

    # pronoun sources and, for each gold quote, the content words of the non-pronoun
    # sources among the ANTECEDENT_WINDOW gold quotes before it (document order)
    def source_words(i: int) -> list[str]:
        return [text[s:e].lower() for t in sorted(gtok["source"][i]) for s, e in [doc._tok[t]]]

    def is_pronoun_source(i: int) -> bool:
        words = source_words(i)
        return len(words) == 1 and words[0] in PERSONAL_PRONOUNS

    pron_src = [is_pronoun_source(i) for i in range(len(G))]
    order = sorted(range(len(G)), key=lambda i: (G[i]["content"][:1], i))
    antecedent: dict[int, set[str]] = {}
    for pos, i in enumerate(order):
        words: set[str] = set()
        for h in order[max(0, pos - ANTECEDENT_WINDOW) : pos]:
            if G[h]["source"] and not pron_src[h]:
                words |= set(source_words(h)) - _FUNCTION_WORDS
        antecedent[i] = words

    def add(key: str, kind: str, value: int) -> None:
        c[f"{key}|all"] += value
        c[f"{key}|{kind}"] += value

    for i in range(len(G)):
        add("n_gold", gk[i], 1)
    for j in range(len(P)):
        add("n_pred", pk[j], 1)

    # ---- Citron exact match
    def key(tokens: frozenset[int], spans: Spans) -> Any:
        # word tokens; for punctuation-only spans (a ":" cue) the stripped character spans
        if tokens:
            return tokens
        return tuple(_strip(text, s, e) for s, e in spans)

    gkey = {k: [key(gtok[k][i], G[i][k]) for i in range(len(G))] for k in part}
    pkey = {k: [key(ptok[k][j], P[j][k]) for j in range(len(P))] for k in part}

    def exact_pair(i: int, j: int, what: str) -> bool:
        if what == "content":
            return bool(gkey[what][i]) and gkey[what][i] == pkey[what][j]
        if what in ("cue", "source"):
            # both absent (no source, no cue) is right only for the same quote
            return gkey[what][i] == pkey[what][j] and (bool(gkey[what][i]) and what == "cue" or same[i][j])
        return all(exact_pair(i, j, w) for w in ("cue", "source", "content"))

    for what in ("cue", "source", "content", "quote"):
        for i in range(len(G)):
            if any(exact_pair(i, j, what) for j in range(len(P))):
                add(f"exact_{what}_tp_gold", gk[i], 1)
        for j in range(len(P)):
            if any(exact_pair(i, j, what) for i in range(len(G))):
                add(f"exact_{what}_tp_pred", pk[j], 1)

    # ---- token overlap (each token once per side)
    for what in ("cue", "source", "content"):
        for i in range(len(G)):
            js = range(len(P)) if what == "content" else [j for j in range(len(P)) if same[i][j]]
            union = frozenset().union(*(ptok[what][j] for j in js)) if js else frozenset()
            add(f"tok_{what}_gold", gk[i], len(gtok[what][i]))
            add(f"tok_{what}_gold_hit", gk[i], len(gtok[what][i] & union))
        for j in range(len(P)):
            is_ = range(len(G)) if what == "content" else [i for i in range(len(G)) if same[i][j]]
            union = frozenset().union(*(gtok[what][i] for i in is_)) if is_ else frozenset()
            add(f"tok_{what}_pred", pk[j], len(ptok[what][j]))
            add(f"tok_{what}_pred_hit", pk[j], len(ptok[what][j] & union))

    # ---- character coverage: cover[i][j] = share of gold i's chars inside pred j
    inter = [[len(gch[i] & pch[j]) for j in range(len(P))] for i in range(len(G))]
    cover = [[inter[i][j] / len(gch[i]) if gch[i] else 0.0 for j in range(len(P))] for i in range(len(G))]
    shorter = [
        [inter[i][j] / min(len(gch[i]), len(pch[j])) if gch[i] and pch[j] else 0.0 for j in range(len(P))]
        for i in range(len(G))
    ]

    def speaker_checks(key: str, i: int, j: int) -> None:
        g = G[i]
        if not g["source"]:
            return
        add(f"{key}_spk_n", gk[i], 1)
        if _overlaps(g["source"], P[j]["source"]):
            add(f"{key}_spk_mention", gk[i], 1)
        head = doc.head_word(g["source"])
        if head and head not in PRONOUNS:
            add(f"{key}_spk_name_n", gk[i], 1)
            right, right_as_written = head in _name_words(P[j]["names"]), head in _name_words(P[j]["texts"])
            if right:
                add(f"{key}_spk_name", gk[i], 1)
            if right_as_written:
                add(f"{key}_spk_name_nocoref", gk[i], 1)
            # the same, pronoun sources included (next block): who said it, as a reader needs it
            add(f"{key}_spk_who_n", gk[i], 1)
            add(f"{key}_spk_who", gk[i], int(right))
            add(f"{key}_spk_who_nocoref", gk[i], int(right_as_written))
        if pron_src[i] and antecedent[i]:
            add(f"{key}_spk_who_n", gk[i], 1)
            add(f"{key}_spk_who", gk[i], int(bool(antecedent[i] & _name_words(P[j]["names"]))))
            add(f"{key}_spk_who_nocoref", gk[i], int(bool(antecedent[i] & _name_words(P[j]["texts"]))))
        if pron_src[i]:
            add(f"{key}_pron_n", gk[i], 1)
            names = [n for n in P[j]["names"] if not _is_pronoun_name(n)]
            if names:
                add(f"{key}_pron_resolved", gk[i], 1)
            if antecedent[i]:
                add(f"{key}_pron_right_n", gk[i], 1)
                if antecedent[i] & _name_words(names):
                    add(f"{key}_pron_right", gk[i], 1)

    for t in GGT_THRESHOLDS:
        key = f"ggt{int(round(t * 100))}"
        for i in range(len(G)):
            if not P:
                continue
            j = max(range(len(P)), key=lambda j: cover[i][j])
            if cover[i][j] >= t:
                add(f"{key}_tp_gold", gk[i], 1)
                speaker_checks(key, i, j)
        for j in range(len(P)):
            if any(cover[i][j] >= t for i in range(len(G))):
                add(f"{key}_tp_pred", pk[j], 1)

    for i in range(len(G)):
        if not P:
            continue
        j = max(range(len(P)), key=lambda j: (shorter[i][j], inter[i][j]))
        if shorter[i][j] >= 0.5:
            add("q50_tp_gold", gk[i], 1)
            speaker_checks("q50", i, j)
    for j in range(len(P)):
        if any(shorter[i][j] >= 0.5 for i in range(len(G))):
            add("q50_tp_pred", pk[j], 1)
    return c


# --------------------------------------------------------------------------- totals
def _ratio(a: int, b: int) -> Optional[float]:
    return a / b if b else None


def summarize(c: Mapping[str, int]) -> dict[str, Any]:
    """Turn summed :func:`score_doc` counts into P/R/F1 tables, per kind."""
    out: dict[str, Any] = {}
    for kind in KINDS:
        g = lambda k: int(c.get(f"{k}|{kind}", 0))  # noqa: E731
        n_gold, n_pred = g("n_gold"), g("n_pred")
        res: dict[str, Any] = {"n_gold": n_gold, "n_pred": n_pred}
        res["exact"] = {
            w: prf(g(f"exact_{w}_tp_pred"), n_pred, g(f"exact_{w}_tp_gold"), n_gold)
            for w in ("cue", "source", "content", "quote")
        }
        tok: dict[str, Any] = {}
        for w in ("cue", "source", "content"):
            tok[w] = prf(g(f"tok_{w}_pred_hit"), g(f"tok_{w}_pred"), g(f"tok_{w}_gold_hit"), g(f"tok_{w}_gold"))
        tok["quote"] = prf(
            sum(g(f"tok_{w}_pred_hit") for w in ("cue", "source", "content")),
            sum(g(f"tok_{w}_pred") for w in ("cue", "source", "content")),
            sum(g(f"tok_{w}_gold_hit") for w in ("cue", "source", "content")),
            sum(g(f"tok_{w}_gold") for w in ("cue", "source", "content")),
        )
        res["overlap"] = tok
        for key in [f"ggt{int(round(t * 100))}" for t in GGT_THRESHOLDS] + ["q50"]:
            r = prf(g(f"{key}_tp_pred"), n_pred, g(f"{key}_tp_gold"), n_gold)
            r["speaker_mention_acc"] = _ratio(g(f"{key}_spk_mention"), g(f"{key}_spk_n"))
            r["speaker_name_acc"] = _ratio(g(f"{key}_spk_name"), g(f"{key}_spk_name_n"))
            r["n_speaker"] = g(f"{key}_spk_n")
            r["n_speaker_name"] = g(f"{key}_spk_name_n")
            r["speaker_name_acc_no_coref"] = _ratio(g(f"{key}_spk_name_nocoref"), g(f"{key}_spk_name_n"))
            r["n_speaker_name_right"] = g(f"{key}_spk_name")
            r["n_speaker_name_right_no_coref"] = g(f"{key}_spk_name_nocoref")
            r["speaker_who_acc"] = _ratio(g(f"{key}_spk_who"), g(f"{key}_spk_who_n"))
            r["speaker_who_acc_no_coref"] = _ratio(g(f"{key}_spk_who_nocoref"), g(f"{key}_spk_who_n"))
            r["n_speaker_who"] = g(f"{key}_spk_who_n")
            r["n_speaker_who_right"] = g(f"{key}_spk_who")
            r["n_speaker_who_right_no_coref"] = g(f"{key}_spk_who_nocoref")
            r["pronoun_resolved_acc"] = _ratio(g(f"{key}_pron_resolved"), g(f"{key}_pron_n"))
            r["n_pronoun"] = g(f"{key}_pron_n")
            r["n_pronoun_resolved"] = g(f"{key}_pron_resolved")
            r["pronoun_resolved_right_acc"] = _ratio(g(f"{key}_pron_right"), g(f"{key}_pron_right_n"))
            r["n_pronoun_with_antecedent"] = g(f"{key}_pron_right_n")
            r["n_pronoun_resolved_right"] = g(f"{key}_pron_right")
            res[key] = r
        out[kind] = res
    return out


def evaluate(docs: Iterable[tuple[str, Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]]]) -> dict[str, Any]:
    """Score ``(text, golds, preds)`` triples and summarise."""
    total: Counter = Counter()
    for text, golds, preds in docs:
        total.update(score_doc(text, golds, preds))
    return summarize(total)
