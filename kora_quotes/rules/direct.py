"""Direct quotes: a quotation tied to its cue.

A quotation is tied to a reporting verb by a dependency pattern (``direct.link.*``, data in
``data/patterns.tsv``), by standing right before or after it (``direct.cue_adjacent``), by
a dash byline or a transcript label. Its speaker comes from the
speaker rules, highest priority first; split quotes ("A," he said, "B.") are joined
(``merge.split_quote``); a quotation inside a report is a mixed quote.
"""

from __future__ import annotations

from typing import Optional

import attrs
import regex

from ..lexicon import never_inverted
from ..output.quote import QuoteKind
from ..text.labels import find_labelled
from ..text.marks import Quoted
from .candidates import Candidate, Context, words_of
from .clauses import as_put_it, sentence_break
from .cues import cue_class, verb_lemma
from .patterns import link
from .registry import first, rule
from .speakers import find_subject

# Quoted stretches shorter than this (in words) are fragments: a quote only
# when a cue governs them; otherwise scare quotes or parts of a mixed quote.
# Tuned on the seed article and PolNeAR dev.
MIN_QUOTE_WORDS = 4
# How far after a quote its cue may stand (characters): a speaker's name with a title and an
# affiliation fits ("panel Chairman Rep. Jason Chaffetz (R-Utah) said"; read off PolNeAR dev 0-39).
_CUE_REACH = 80
# A name after a dash right behind a quote, ending its line or clause.
_BYLINE = regex.compile(
    r"[^\S\n]*(?P<dash>[\u2015\u2014\u2013]|--?)[^\S\n]*"
    r"(?P<name>\p{Lu}[\p{L}.'\u2019-]*(?:[^\S\n]+\p{Lu}[\p{L}.'\u2019-]*){0,4})[^\S\n]*(?=$|\n|,|\.)",
    regex.MULTILINE,
)


def direct(ctx: Context, labelled: list[Candidate]) -> list[Candidate]:
    """The direct (and mixed) quotes of the document, split quotes joined."""
    doc = ctx.doc
    found: list[Candidate] = []
    label_ranges = [(doc.words[c.subject_words[0]].start - 1, c.start) for c in labelled if c.subject_words]
    for k, q in enumerate(ctx.quoted):
        if k in ctx.titles or any(s <= q.start <= e for s, e in label_ranges):
            continue  # a title in marks; '"WALLACE: Let's start ...': the label attributes it
        qwords = set(ctx.words_of(q))
        if qwords:
            cand = _quotation(ctx, q, qwords)
            if cand is not None:
                found.append(cand)
    return join_split(ctx, found)


def _quotation(ctx: Context, q: Quoted, qwords: set[int]) -> Optional[Candidate]:
    """The candidate a quotation makes: cued, attributed by a phrase or a byline, or uncued
    (a continuation, maybe); None for a fragment no cue governs."""
    doc = ctx.doc
    n_words = len(words_of(q.text(ctx.text)))
    cue, how, matched = _find_cue(ctx, q, qwords, n_words)
    if cue is None and n_words >= MIN_QUOTE_WORDS:
        byline = _dash_byline(ctx, q)
        if byline is not None:
            return Candidate(QuoteKind.DIRECT, [(q.start, q.end)], cue=byline[0], subject_words=byline[1],
                             quoted=[q]).by("direct.dash_byline", ctx.matched(*byline[1]))
        return Candidate(QuoteKind.DIRECT, [(q.start, q.end)], quoted=[q])  # maybe a continuation
    if cue is None:
        return None
    if n_words < MIN_QUOTE_WORDS and short_fragment(ctx, q, cue, qwords):
        return None
    cand = Candidate(QuoteKind.DIRECT, [(q.start, q.end)], cue=cue, quoted=[q]).by(how, ctx.matched(cue))
    subject, name = first([_cue_subject, _nearby_subject, _participle_subject, _opening_name, _as_put_it],
                          ctx, q, cue, qwords)
    if subject is not None:
        if name == "speaker.cue_subject":
            name = find_subject(doc, cue)[1]
        cand = attrs.evolve(cand, subject=subject).by(name or "", ctx.matched(subject))
    lead = _mixed_lead(ctx, q, cue)
    if lead is not None:
        # the report is mixed, and runs on past the fragment ('said it was "a mistake" to use ...')
        cand = attrs.evolve(cand, kind=QuoteKind.MIXED, spans=[(lead, _mixed_tail(ctx, q))]).by("direct.mixed_lead")
    elif (lead := _mixed_opening(ctx, q, cue)) is not None:
        cand = attrs.evolve(cand, kind=QuoteKind.MIXED, spans=[(lead, q.close_end)]).by("direct.mixed_opening")
    return cand


def _find_cue(ctx: Context, q: Quoted, qwords: set[int], n_words: int) -> tuple[Optional[int], str, str]:
    """The quotation's cue and the rule that tied it: a dependency pattern, else (for a quote of
    a few words, or a short one that is a sentence of its own) a cue right next to it."""
    doc = ctx.doc
    sents = {doc.words[j].sent for j in qwords}
    first_sent, last_sent = min(sents), max(sents)
    cues = ctx.cue_candidates({first_sent, last_sent})
    linked = [(c, name) for c in cues if (name := link(ctx, c, qwords)) is not None]
    if linked:
        return min(linked, key=lambda cn: min(abs(doc.words[cn[0]].start - q.close_end),
                                              abs(q.open_start - doc.words[cn[0]].end))) + ("",)
    if n_words >= MIN_QUOTE_WORDS:
        # the tokenizer may split '"... ?" Graham asked.' or 'He said: "..."' in two
        near = {k for k in (first_sent - 1, last_sent + 1) if 0 <= k < len(doc.sentences)}
        return cue_adjacent(ctx, q, cues + ctx.cue_candidates(near)), "direct.cue_adjacent", ""
    if _whole_sentence(ctx, q):
        return _short_sentence_cue(ctx, q, cues), "direct.short_sentence", ""
    return None, "", ""


@rule("direct.short_sentence", stage="direct", priority=35,
      examples=["Asked on Monday whether Mr. Clinton would hold a cabinet position, Mrs. Clinton shook her head and said, ''No.''"])
def _short_sentence_cue(ctx: Context, q: Quoted, cues: list[int]) -> Optional[int]:
    """A quotation of fewer than four words that is a sentence of its own takes the cue
    right next to it."""
    return _adjacent_cue(ctx, q, cues)


@rule("guard.short_fragment", stage="guard", priority=50, off=False,
      examples=["But she said Tuesday that any president would have to keep the country safe, make “positive changes” in people’s lives and unite the country."])
def short_fragment(ctx: Context, q: Quoted, cue: int, qwords: set[int]) -> bool:
    """A quotation of fewer than four words is a fragment unless its cue governs it or it is
    a whole sentence next to its cue ('"It's over," she said' is a quote)."""
    return not _governs(ctx, cue, qwords) and not (_whole_sentence(ctx, q) and _adjacent_cue(ctx, q, [cue]) is not None)


def _cue_subject(ctx: Context, q: Quoted, cue: int, qwords: set[int]) -> Optional[int]:
    subject = find_subject(ctx.doc, cue)[0]
    return None if subject in qwords else subject


_cue_subject.rule_name = "speaker.cue_subject"  # type: ignore[attr-defined]
_cue_subject.priority = 90  # type: ignore[attr-defined]


@rule("speaker.as_put_it", stage="speaker", priority=100,
      examples=["As Steven M. Rosenthal, a tax lawyer, recently put it, \"The tax is a mess.\""])
def _as_put_it(ctx: Context, q: Quoted, cue: int, qwords: set[int]) -> Optional[int]:
    """ "As Steven M. Rosenthal, a tax lawyer, recently put it": the name after "as" (the
    parse may make the apposition the subject)."""
    doc = ctx.doc
    if not as_put_it(doc, cue):
        return None
    return next((x.i for x in doc.words[max(0, cue - 40) : cue] if x.upos == "PROPN"
                 and x.i > 0 and doc.words[x.i - 1].text.lower() == "as"), None)


@rule("direct.dash_byline", stage="direct", priority=40,
      examples=["\"It is our greatest shame.\" \u2015 Sonya Herridge"])
def _dash_byline(ctx: Context, q: Quoted) -> Optional[tuple[int, list[int]]]:
    """ '"... our greatest shame." ― Sonya Herridge': a name after a dash closes the quote."""
    m = _BYLINE.match(ctx.text, q.close_end)
    if not m:
        return None
    dash = ctx.doc.word_at(m.start("dash"))
    names = [w.i for w in ctx.doc.words_in(m.start("name"), m.end("name"))]
    if dash is None or not names:
        return None
    return dash.i, names


@rule("direct.mixed_lead", stage="direct", priority=50,
      examples=["Clinton says Trump's tweets were \"unhinged, even for him.\""])
def _mixed_lead(ctx: Context, q: Quoted, cue: int) -> Optional[int]:
    """Where a reported clause starts when it opens between the cue and the quotation mark."""
    doc = ctx.doc
    c = doc.words[cue]
    if c.end > q.open_start:
        return None
    between = [w for w in doc.sent_words(c.sent) if w.start >= c.end and w.end <= q.open_start]
    if not between or any(w.text in (":", ";") or w.text in ".!?" for w in between) or between[-1].text == ",":
        return None
    words = [w for w in between if w.upos != "PUNCT"]
    body = words[1:] if words and words[0].text.lower() == "that" else words
    if len(body) < 2 or body[0].upos == "ADP" or not any(w.upos in ("NOUN", "PROPN", "PRON") for w in body):
        return None
    if any(cue_class(w) is not None for w in words):
        return None
    return words[0].start


def _mixed_tail(ctx: Context, q: Quoted) -> int:
    """Where a mixed report ends: the rest of its sentence after the quoted fragment, unless
    that opens with a comma or dash (another clause) or holds another quotation."""
    doc = ctx.doc
    first = doc.word_at(q.open_start)
    if first is None:
        return q.close_end
    tail = [w for w in doc.sent_words(first.sent) if w.start >= q.close_end]
    cut = next((k for k, w in enumerate(tail) if k > 0 and w.text in (",", ";", ":", "\u2014", "--")), None)
    if cut is not None:
        tail = tail[:cut]  # '..., though he didn't mention the North by name': the reporter's aside
    while tail and tail[-1].upos == "PUNCT":
        tail = tail[:-1]
    if not tail or tail[0].text in (",", ";", ":", "\u2014", "-", "--", "(") \
            or any(w.i in ctx.quote_of_word or cue_class(w) == "speech" for w in tail):
        return q.close_end
    return tail[-1].end


@rule("direct.mixed_opening", stage="direct", priority=45,
      examples=["Using the tax \"is a misguided approach,\" Mr. Burman said."])
def _mixed_opening(ctx: Context, q: Quoted, cue: int) -> Optional[int]:
    """Where a report starts when its quoted part closes it and the cue follows: the
    sentence's first word ('using the tax "is a misguided approach," Mr. Burman said')."""
    doc = ctx.doc
    c = doc.words[cue]
    if c.start < q.close_end or _adjacent_cue(ctx, q, [cue]) is None \
            or ctx.text[q.start:q.end].rstrip()[-1:] != ",":
        return None
    first = doc.word_at(q.open_start)
    if first is None:
        return None
    before = [w for w in doc.sent_words(first.sent) if w.end <= q.open_start]
    words = [w for w in before if w.upos != "PUNCT"]
    if len(words) < 2 or any(w.text in (":", ";") or w.i in ctx.quote_of_word or cue_class(w) is not None
                             for w in before):
        return None
    return words[0].start


@rule("speaker.between_quote_and_cue", stage="speaker", priority=30,
      examples=["Cross called November’s general election “a citizenship election” and likened it to historic campaigns where supporters of civil rights were obligated to “stand up and be counted.” With a vote for Trump ruled out, Cross said he is left with only two options:"])
def _nearby_subject(ctx: Context, q: Quoted, cue: int, qwords: set[int]) -> Optional[int]:
    """When the parse gives the cue no subject: the name or noun between the quote and
    the cue ('"...," Mr. Kerry told'), else right after the cue ('"...," said an aide')."""
    doc = ctx.doc
    c = doc.words[cue]
    if c.start >= q.close_end:
        between = [w for w in doc.sent_words(c.sent) if q.close_end <= w.start and w.end <= c.start]
        depth, outside = 0, []
        for w in between:  # "Sen. John McCain (R., Ariz.) said": not the affiliation
            depth += w.text == "("
            if depth == 0:
                outside.append(w)
            depth -= w.text == ")" and depth > 0
        nominal = [w for w in outside if w.upos in ("PROPN", "PRON", "NOUN")]
        if nominal:
            return nominal[-1].i
    if verb_lemma(c) in never_inverted():
        # 'as Archbishop Aris Shirvanian ... told the Associated Press, "..."': whom he told is
        # after the cue; the speaker is the "as" phrase the parse hung on it
        return next((k.i for k in doc.kids(cue, "obl") if k.i < cue and k.upos in ("PROPN", "NOUN")
                     and any(x.text.lower() == "as" for x in doc.kids(k.i, "case"))), None)
    after = []
    for w in doc.sent_words(c.sent):
        if w.start <= c.start or w.i in ctx.quote_of_word:
            continue
        if w.upos == "PUNCT":
            break
        after.append(w)
    for w in after:
        if w.upos in ("PROPN", "NOUN") and not (w.i + 1 < len(doc.words) and doc.words[w.i + 1] in after
                                                and doc.words[w.i + 1].upos in ("PROPN", "NOUN")):
            return w.i
    return None


def _opens_sentence(ctx: Context, q: Quoted) -> bool:
    """ '"It's over," she said': the quote opens its sentence and closes with , ? or ! inside
    the marks, as a reported sentence does (a scare quote sits inside a sentence)."""
    if ctx.text[q.start:q.end].rstrip()[-1:] not in (",", "?", "!"):
        return False
    before = ctx.text[max(0, q.open_start - 3) : q.open_start]
    return q.open_start == 0 or before.strip() == "" or bool(regex.search(r"[.!?][\p{Pf}\"']?\s+$", before))


def _whole_sentence(ctx: Context, q: Quoted) -> bool:
    """A short quote that is a sentence of its own: it opens its sentence ('"It's over," she
    said'), or follows an introduction and closes the sentence ('He said: "Not at all."')."""
    if _opens_sentence(ctx, q):
        return True
    intro = regex.search(r"[:,]\s*$", ctx.text[max(0, q.open_start - 3) : q.open_start])
    closes = ctx.text[q.start:q.end].rstrip()[-1:] in (".", "?", "!") or regex.match(r"[.?!]", ctx.text[q.close_end : q.close_end + 1])
    return bool(intro and closes)


@rule("speaker.participle_subject", stage="speaker", priority=25,
      examples=["\"The tragic attacks in Paris proves once again that America needs to get tough on radical Islamic terrorism,\" Trump says in the spot titled \"Dangerous,\" warning against allowing in the refugees coming from Syria, pledging to \"quickly and decisively bomb the hell out of ISIS.\""])
def _participle_subject(ctx: Context, q: Quoted, cue: int, qwords: set[int]) -> Optional[int]:
    """ 'Trump was defensive, saying, "..."': a participle after a comma speaks through
    the subject of its sentence (the parse may hang the participle inside the quote)."""
    doc = ctx.doc
    c = doc.words[cue]
    if c.xpos != "VBG" or c.i == 0 or doc.words[c.i - 1].text != ",":
        return None
    root = next((w for w in doc.sent_words(c.sent) if w.head < 0), None)
    if root is None or root.i in qwords or root.i > c.i:
        return None
    subject = find_subject(doc, root.i)[0]
    if subject is None or subject in qwords or subject > c.i:
        return None
    return subject


@rule("speaker.opening_name", stage="speaker", priority=20,
      examples=["John Dickey, the chief executive of Ora Media, told me, \"We grew fast.\""])
def _opening_name(ctx: Context, q: Quoted, cue: int, qwords: set[int]) -> Optional[int]:
    """ 'John Dickey, the chief executive of Ora Media -- the company that ..., -- told me,
    "..."': when the parse lost the cue's subject in a long apposition, the name or noun
    phrase that opens the sentence (the cue comes before the quote, with no other cue or
    quote between)."""
    doc = ctx.doc
    c = doc.words[cue]
    before = [w for w in doc.sent_words(c.sent) if w.i < cue]
    if not before or any(w.i in qwords or w.i in ctx.quote_of_word or cue_class(w) is not None for w in before):
        return None
    if min(qwords) < cue:
        return None
    run = []
    for w in before:
        if w.upos in ("PROPN", "NOUN") or (w.upos in ("DET", "ADJ") and not run):
            run.append(w)
        else:
            break
    if not run or run[-1].upos not in ("PROPN", "NOUN") or len(run) == len(before):
        return None
    if before[len(run)].text not in (",", "--", "\u2014", "("):
        return None  # only a name set off by its apposition ("John Dickey, the chief ...")
    return run[-1].i


def _governs(ctx: Context, cue: int, qwords: set[int]) -> bool:
    doc = ctx.doc
    return any(doc.words[j].head == cue and doc.words[j].rel in ("ccomp", "parataxis", "obj") for j in qwords)


@rule("direct.cue_adjacent", stage="direct", priority=60,
      examples=["Sen. Bernie Sanders (I-Vt.) visited NBC’s “Today” to discuss his recent remarks about his Democratic presidential rival, Hillary Clinton, saying “on her worst day” she’d be “an infinitely better president” than any of the Republican 2016 hopefuls."])
def cue_adjacent(ctx: Context, q: Quoted, cues: list[int]) -> Optional[int]:
    """A quotation of four words or more takes a cue right after its closing mark (", he
    said") or right before its opening one ("He said:"), in its sentence or the next."""
    return _adjacent_cue(ctx, q, cues)


def _adjacent_cue(ctx: Context, q: Quoted, cues: list[int]) -> Optional[int]:
    """A cue right after the closing mark (", he said") or before the opening one ("He said:")."""
    doc = ctx.doc
    for c in cues:
        w = doc.words[c]
        after = ctx.text[q.close_end : w.start]
        before = ctx.text[w.end : q.open_start]
        if 0 <= w.start - q.close_end <= _CUE_REACH and not sentence_break(after) and "\n" not in after \
                and (w.start - q.close_end <= 40 or not any(x.upos == "AUX" or cue_class(x) is not None
                                                            for x in doc.words_in(q.close_end, w.start))):
            return c  # (a long speaker phrase: '"...," panel Chairman Rep. Jason Chaffetz (R-Utah) said')
        if 0 <= q.open_start - w.end <= 12 and regex.fullmatch(r"\s*(?:it\b)?\s*[:,]?\s*", before):
            return c  # 'He said: "..."', 'as Rosenthal put it, "..."'
    return None


def join_split(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """ "A," he said, "B." -> one quote of two spans (:func:`split_quote`)."""
    out: list[Candidate] = []
    for cand in found:
        if out and split_quote(ctx, out[-1], cand):
            prev = out[-1]
            out[-1] = attrs.evolve(prev, spans=(*prev.spans, (cand.start, cand.end)), quoted=(*prev.quoted, cand.quoted[0]))
            if "merge.split_quote" not in (s.rule for s in prev.trace):
                out[-1] = out[-1].by("merge.split_quote", ctx.matched(prev.cue))
            continue
        out.append(cand)
    return out


@rule("merge.split_quote", stage="merge", priority=50, off=False,
      examples=["\"We are ready,\" he said, \"to talk to anyone.\""])
def split_quote(ctx: Context, prev: Candidate, cand: Candidate) -> bool:
    """A quotation that goes on after its cue in the same paragraph, behind a comma or colon,
    with no cue of its own, is the same quote."""
    if not (prev.cue is not None and cand.cue in (None, prev.cue)
            and prev.quoted and cand.quoted and prev.quoted[-1].paragraph == cand.quoted[0].paragraph):
        return False
    between = ctx.text[prev.quoted[-1].close_end : cand.quoted[0].open_start]
    cue_w = ctx.doc.words[prev.cue]
    return (prev.quoted[-1].close_end <= cue_w.start < cand.quoted[0].open_start
            and bool(regex.search(r"[,:]\s*$", between)) and len(between) < 200)


@rule("direct.label", stage="direct", priority=70, off=[],
      examples=["PENCE: Well, look, I think we will win."])
def labelled(ctx: Context) -> list[Candidate]:
    """Transcript and headline labels: "PENCE: Well, look, ..." """
    doc = ctx.doc
    out = []
    for lab in find_labelled(ctx.text, doc.paragraphs):
        label_words = [w.i for w in doc.words_in(lab.label_start, lab.label_end)]
        colon = doc.word_at(lab.colon)
        if not label_words or colon is None:
            continue
        out.append(Candidate(QuoteKind.DIRECT, [(lab.start, lab.end)], cue=colon.i, subject_words=label_words)
                   .by("direct.label", ctx.matched(*label_words)))
    return out
