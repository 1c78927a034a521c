"""A baseline that needs no parser: quotation marks plus the nearest capitalised name.

For each paragraph (text between line breaks):

* every span between an opening and a closing double quotation mark (“…”,
  "…", „…“, «…») holding at least :data:`MIN_WORDS` words is a direct quote;
  its content is the text inside the marks;
* its speaker is the nearest *name*, a run of capitalised words (titles such
  as "Mr." or "Sen." and initials allowed, a leading sentence-opening word such
  as "The" or "But" dropped), outside every quotation in the paragraph, before
  or after the quote, nearest by character distance (ties go to the one after:
  news attribution usually follows the quote; when a speech verb directly
  follows the closing mark, '"...," said X', a name after the quote wins);
* the speaker's canonical name is the name without its titles ("Sen. John
  McCain" -> "John McCain"), its role None;
* its cue is a speech verb ("said", "told", ...) between the quote and the
  name, or within a few words after the quote, if there is one.

It emits the ``Quote.to_dict()`` contract, so the same metrics score it.
"""

from __future__ import annotations

import re
from typing import Any, Optional

__all__ = ["predict", "MIN_WORDS"]

MIN_WORDS = 3
_QUOTE = re.compile(r"[\"“„«]([^\"“”„«»\n]+)[\"”“»]")
_TITLE = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St)\."
_CAP = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)"
_NAME = re.compile(rf"(?:{_TITLE}\s+)?{_CAP}(?:\s+(?:{_TITLE}\s+)?{_CAP})*")
_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|asks|stated|states|wrote|writes|"
    r"explained|explains|continued|continues|noted|notes|argued|argues|insisted|"
    r"declared|announced|according to)\b",
    re.IGNORECASE,
)
# capitalised words that open sentences or are not names on their own
_NOT_NAME = frozenset(
    """a an the but and or so yet if when while after before as at in on of for to by from with
    he she it they we i you his her its their our this that these those there here what who why
    how then also still however meanwhile according said says monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december""".split()
)
_PARA = re.compile(r"[^\n]+")


def _names(para: str, offset: int, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for m in _NAME.finditer(para):
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.group())]
        while words and m.group()[words[0][0] : words[0][1]].rstrip(".").lower() in _NOT_NAME:
            words.pop(0)
        while words and m.group()[words[-1][0] : words[-1][1]].rstrip(".").lower() in _NOT_NAME:
            words.pop()
        if not words:
            continue
        s, e = m.start() + words[0][0], m.start() + words[-1][1]
        # trailing sentence period is not part of the name (keep "Jr." or initials)
        if para[e - 1] == "." and e - s > 2 and not re.search(r"(?:\b[A-Z]|Jr|Sr)\.$", para[s:e]):
            e -= 1
        s, e = s + offset, e + offset
        if any(bs <= s < be for bs, be in blocked):
            continue
        out.append((s, e))
    return out


def _span(text: str, s: int, e: int) -> dict[str, Any]:
    return {"text": text[s:e], "start": s, "end": e}


def predict(text: str) -> list[dict[str, Any]]:
    """Baseline quotes of ``text`` as ``Quote.to_dict()`` dicts, in order."""
    out = []
    for pm in _PARA.finditer(text):
        para, off = pm.group(), pm.start()
        quotes = [(m.start(1) + off, m.end(1) + off, m.start() + off, m.end() + off) for m in _QUOTE.finditer(para)]
        blocked = [(qs, qe) for _, _, qs, qe in quotes]
        names = _names(para, off, blocked)
        for cs, ce, qs, qe in quotes:
            content = text[cs:ce].strip()
            if len(content.split()) < MIN_WORDS:
                continue
            lead = len(text[cs:ce]) - len(text[cs:ce].lstrip())
            cs, ce = cs + lead, cs + lead + len(content)
            speaker: Optional[tuple[int, int]] = None
            best = None
            # '"...," said X': a speech verb right after the quote points forward
            forward = _CUE.match(text[qe : qe + 20].lstrip(" ,")) is not None
            for ns, ne in names:
                dist = qs - ne if ne <= qs else ns - qe
                if dist < 0:
                    continue
                after = ns >= qe
                key = (0 if (after or not forward) else 1, dist, 0 if after else 1)
                if best is None or key < best:
                    best, speaker = key, (ns, ne)
            cue = None
            if speaker:
                lo, hi = (qe, speaker[0]) if speaker[0] >= qe else (speaker[1], qs)
                window = text[lo:hi]
                m = _CUE.search(window)
                if m:
                    cue = _span(text, lo + m.start(), lo + m.end())
            if cue is None:
                m = _CUE.search(text[qe : min(qe + 30, off + len(para))])
                if m:
                    cue = _span(text, qe + m.start(), qe + m.end())
            spk = None
            if speaker:
                s, e = speaker
                spk = {
                    "name": re.sub(rf"^(?:{_TITLE}\s+)+", "", text[s:e]) or text[s:e],
                    "text": text[s:e],
                    "start": s,
                    "end": e,
                    "role": None,
                    "kind": "unknown",
                    "gender": None,
                    "affiliation": None,
                }
            out.append(
                {
                    "kind": "direct",
                    "text": text[cs:ce],
                    "start": cs,
                    "end": ce,
                    "spans": [[cs, ce]],
                    "cue": cue,
                    "speaker": spk,
                    "speakers": [spk] if spk else [],
                    "venue": None,
                    "addressee": None,
                    "continues": None,
                }
            )
    return out
