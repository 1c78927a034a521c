"""Venues and addressees: where a quote was given, and to whom.

The venue is a phrase attached to the cue verb (never inside its subject or
its content): an event ("at a news conference", "in a speech"), media ("on
CNN's 'State of the Union'", "told the BBC"), a document ("in a statement"), a
platform ("on X") or, failing those, a place ("in Tokyo"). The addressee is
the object of "tell" and the like ("told reporters").
"""

from __future__ import annotations

from typing import Optional

import regex

from ..parsing.doc import ParsedDoc, Word, case_of, contiguous_run
from ..lexicon import addressee_verbs, media, places, platforms, time_words, to_addressee_verbs, venue_nouns, word_class
from .registry import is_on, rule
from ..output.quote import Span, Venue, VenueKind

_PRIORITY = {VenueKind.EVENT: 0, VenueKind.MEDIA: 0, VenueKind.DOCUMENT: 0, VenueKind.PLATFORM: 0, VenueKind.PLACE: 1}
_PLACE_CASES = word_class("place-cases")


def _classify(doc: ParsedDoc, w: Word) -> Optional[VenueKind]:
    nouns = venue_nouns()
    lemma = w.lemma.lower()
    compound = " ".join([c.text.lower() for c in doc.kids(w.i, "compound") if c.i == w.i - 1] + [lemma])
    if w.upos in ("NOUN",) and (compound in nouns or lemma in nouns):
        return VenueKind(nouns.get(compound) or nouns[lemma])
    if w.upos == "PROPN" or (w.text in places() and w.upos in ("NOUN", "VERB", "ADJ")):  # "while in Beijing/VERB"
        name_words = [doc.words[j].text for j in doc.subtree(w.i) if doc.words[j].upos == "PROPN"]
        name = " ".join(name_words)
        case = case_of(doc, w.i)
        if w.text in platforms() and case == "on":
            return VenueKind.PLATFORM
        if any(t in media() for t in name_words) or name in media():
            return VenueKind.MEDIA
        for c in doc.kids(w.i, "nmod"):
            if c.text in media():
                return VenueKind.MEDIA
        if case in _PLACE_CASES and w.text.lower() not in time_words() and (w.text in places() or name in places() or w.text[:1].isupper()):
            return VenueKind.PLACE
    return None


def find_venue(doc: ParsedDoc, cue: int, exclude: set[int]) -> Optional[Venue]:
    """The venue phrase of the cue at word ``cue``; words in ``exclude`` (subject, content) are not searched."""
    found: list[tuple[int, int, int, VenueKind, int]] = []  # (priority, depth, distance, kind, word)
    frontier = [(c.i, 1) for c in doc.kids(cue) if c.rel in ("obl", "advcl", "nmod", "obj", "iobj") and c.i not in exclude]
    seen = set()
    while frontier:
        i, depth = frontier.pop(0)
        if i in seen or i in exclude:
            continue
        seen.add(i)
        w = doc.words[i]
        kind = _classify(doc, w)
        if kind is not None and not is_on(f"venue.{kind.value}"):
            kind = None
        if kind is not None and (w.rel not in ("obj", "iobj") or kind == VenueKind.MEDIA):
            if kind != VenueKind.PLACE or depth <= 2:
                found.append((_PRIORITY[kind], depth, abs(i - cue), kind, i))
        if depth < 3:
            # an apposition restates its head, one level down costs nothing ("told reporters,
            # Sunday night, in Tokyo": a small parser hangs the time on the audience)
            frontier.extend((c.i, depth + (c.rel != "appos")) for c in doc.kids(i)
                            if c.rel in ("obl", "nmod", "advcl", "conj", "appos") and c.i not in exclude)
    if not found:
        return None
    _, _, _, kind, i = min(found)  # the outermost phrase: "on CNN's 'State of the Union'", not "CNN's"
    idx = [j for j in doc.subtree(i) if j not in exclude and doc.words[j].sent == doc.words[i].sent]
    if not idx:
        return None
    if i not in idx:
        return None
    idx = contiguous_run(idx, i)
    while len(idx) > 1 and doc.words[idx[-1]].upos == "PUNCT" and doc.words[idx[-1]].text not in ("\"", "\u201d"):
        idx = idx[:-1]
    while len(idx) > 1 and doc.words[idx[0]].upos == "PUNCT":
        idx = idx[1:]
    idx = _without_time(doc, idx, i)
    start, end = doc.span_of(idx)
    text = doc.text[start:end]
    if text.count('"') % 2 == 1 or text.count("\u201c") > text.count("\u201d"):
        # 'on CNN's "State of the Union."': the parse hung the closing mark (and the stop inside
        # it) on the verb; the title's marks belong together
        close = regex.match(r'[.,!?]?["\u201d]', doc.text[end:end + 2])
        if close:
            end += close.end()
    return Venue.from_text(doc.text, start, end, kind)


_TIME_LEAD = word_class("time-leads")


def _without_time(doc: ParsedDoc, idx: list[int], head: int) -> list[int]:
    """A venue without the time at its end: "at a rally in Des Moines on Monday" -> "at a
    rally in Des Moines" (a time is when, not where)."""
    end = len(idx)
    while end > 1 and idx[end - 1] > head and doc.words[idx[end - 1]].text.lower() in time_words():
        end -= 1
        while end > 1 and idx[end - 1] > head and doc.words[idx[end - 1]].text.lower() in _TIME_LEAD:
            end -= 1
    return idx[:end]


def find_addressee(doc: ParsedDoc, cue: int, exclude: set[int], lemma: str) -> Optional[Span]:
    """ "told reporters" -> "reporters"; "said to reporters" likewise."""
    if not _addressee_rule():
        return None
    candidates = []
    if lemma in addressee_verbs():
        candidates = [c for c in doc.kids(cue, "obj", "iobj") if c.upos in ("NOUN", "PROPN", "PRON")]
    if not candidates and lemma in to_addressee_verbs():
        candidates = [c for c in doc.kids(cue, "obl") if case_of(doc, c.i) == "to" and c.upos in ("NOUN", "PROPN", "PRON")]
    for c in candidates:
        if c.i in exclude:
            continue
        # an apposition on the audience is a small parser's home for a time or place ("told
        # reporters Sunday night in Tokyo"): not part of who was told
        appended = {j for a in doc.kids(c.i, "appos") for j in doc.subtree(a.i)}
        idx = [j for j in doc.subtree(c.i) if j not in exclude and j not in appended
               and doc.words[j].upos != "PUNCT" and doc.words[j].text.lower() != "to"]
        if idx:
            idx = contiguous_run(idx, c.i) if c.i in idx else idx
            start, end = doc.span_of(idx)
            return Span.from_text(doc.text, start, end)
    return None


def _register_kinds() -> None:
    """One rule per kind of venue (switching one off ignores venues of that kind)."""
    examples = {
        VenueKind.EVENT: ("Mr. Kerry said at a news conference in Tokyo that the talks would resume.",
                          "the word an event noun in data/venues.tsv (news conference, speech, interview, hearing)"),
        VenueKind.MEDIA: ("Graham said on CNN's \"State of the Union\" that he would vote no.",
                          "a news outlet or programme (data/media.txt)"),
        VenueKind.DOCUMENT: ("The company said in a statement that it would appeal.",
                             "a document noun in data/venues.tsv (statement, letter, report)"),
        VenueKind.PLATFORM: ("Trump said on Twitter that the polls were rigged.", "a platform after on (data/platforms.txt)"),
        VenueKind.PLACE: ("Kerry told reporters in Tokyo that the U.S. would defend Japan.",
                          "a capitalised place after in, at or from, at most two phrases below the cue"),
    }
    for kind, (example, what) in examples.items():
        def keep(_kind: VenueKind = kind) -> VenueKind:
            return _kind
        keep.__doc__ = f"A venue phrase on the cue whose head is {what}."
        rule(f"venue.{kind.value}", stage="venue", priority=60 - 10 * _PRIORITY[kind], examples=[example])(keep)


_register_kinds()


_OUTLET_HEADS = word_class("outlet-heads")
_PLATFORM_VERBS = word_class("platform-verbs")


@rule("venue.told_outlet", stage="venue", priority=35,
      examples=["Trump told The Washington Post that he was not ready to endorse Ryan."])
def outlet_addressee(doc: ParsedDoc, addressee: Span) -> Optional[Venue]:
    """An outlet told something is where it was said too: "told The Washington Post"."""
    words = [w for w in doc.words_in(addressee.start, addressee.end) if w.upos != "PUNCT"]
    if words and words[-1].upos == "PROPN" and (words[-1].text in _OUTLET_HEADS or addressee.text in media()
                                                or any(w.text in media() for w in words)):
        return Venue(addressee.text, addressee.start, addressee.end, VenueKind.MEDIA)
    return None


_WITH_WHOM = regex.compile(r"\b(?:interviews?|conversations?|calls?|meetings?|exchanges?|talks?)\s+with\s+(?P<who>\S.*?)\s*$")


@rule("venue.interview_with", stage="venue", priority=32,
      examples=["In an interview with Fox News' Sean Hannity, Trump said the wall would be built."])
def interview_with(venue: Venue) -> Optional[Span]:
    """Who an interview or conversation was with is who was told: "in an interview with
    Fox News' Sean Hannity" -> "Fox News' Sean Hannity"."""
    m = _WITH_WHOM.search(venue.text)
    if not m:
        return None
    start = venue.start + m.start("who")
    return Span(venue.text[m.start("who"):], start, venue.end)


@rule("venue.platform_verb", stage="venue", priority=30,
      examples=['Mitt Romney tweeted that the tapes should be released.'])
def platform_verb(doc: ParsedDoc, cue: int) -> Optional[Venue]:
    """A cue that names its medium: "tweeted" was said on a platform."""
    w = doc.words[cue]
    if w.lemma.lower() in _PLATFORM_VERBS:
        return Venue(w.text, w.start, w.end, VenueKind.PLATFORM)
    return None


@rule("venue.addressee", stage="venue", priority=40, examples=["Mr. Kerry told reporters in Tokyo that it was serious."])
def _addressee_rule() -> bool:
    """The object of a verb flagged "addressee" in cue_verbs.tsv ("told reporters"), or the "to"
    phrase of one flagged "to-addressee" ("said to reporters"), is whom it was said to."""
    return True
