"""From a parsed document to attributed quotes.

Steps, in order:
1. quoted stretches (:mod:`.marks`), minus titles and scare quotes;
2. direct quotes: a quoted stretch tied in the parse to a reporting verb
   (its ccomp, obj or parataxis, or the verb a parataxis of the quote); split
   quotes ("A," he said, "B.") are joined;
3. indirect quotes: the ccomp of a reporting verb, the clause around an
   inserted "X said", and "according to X"; mixed when they hold a quoted
   fragment;
4. continuations: a quoted sentence with no cue right after an attributed
   quote takes that quote's speaker and venue;
5. speakers (:mod:`.speakers`), venues and addressees (:mod:`.venues`).
"""

from __future__ import annotations

import bisect
from typing import Optional

import attrs
import regex

from ._clauses import (as_put_it, finite, has_subject, noun_phrase, opens_with_that, overlap, past_after_noun, phrase_head,
                       runs, sentence_break, sentence_or_clause)
from ._doc import ParsedDoc, case_of, contiguous_run
from .cues import cue_class, source_phrase_at, verb_lemma
from .lexicon import cue_nouns, finding_sources, infinitive_cues, object_cues, topic_cues
from .entities import EntityIndex
from .marks import Quoted, find_quotes
from .quote import Quote, QuoteKind, Span, Speaker, Venue
from .speakers import SpeakerResolver, subject_of
from .transcripts import find_labelled
from .venues import ADDRESSEE_VERBS, find_addressee, find_venue

# Quoted stretches shorter than this (in words) are fragments: a quote only
# when a cue governs them; otherwise scare quotes or parts of a mixed quote.
# Tuned on the seed article and PolNeAR dev.
MIN_QUOTE_WORDS = 4
# A title in quotation marks: every word capitalised (or a short function word).
MAX_TITLE_WORDS = 8
_SMALL_WORDS = {"of", "the", "a", "an", "and", "or", "in", "on", "for", "to", "at", "by", "with", "from", "&"}
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
# A reported clause does not open with a relative word ("which represents ...", "who died ...").
_NOT_A_REPORT_START = {"which", "who", "whom", "whose", "where"}
# How far after a quote its cue may stand (characters): a speaker's name with a title and an
# affiliation fits ("panel Chairman Rep. Jason Chaffetz (R-Utah) said"; read off PolNeAR dev 0-39).
_CUE_REACH = 80
# Words that open an adverbial clause, which a small parser may hang on a cue as its complement.
_ADVERBIAL_OPENERS = {"after", "before", "when", "while", "since", "until", "because", "once", "although",
                      "though", "unless", "whenever"}
# A name after a dash right behind a quote, ending its line or clause.
_BYLINE = regex.compile(
    r"[^\S\n]*(?P<dash>[\u2015\u2014\u2013]|--?)[^\S\n]*"
    r"(?P<name>\p{Lu}[\p{L}.'\u2019-]*(?:[^\S\n]+\p{Lu}[\p{L}.'\u2019-]*){0,4})[^\S\n]*(?=$|\n|,|\.)",
    regex.MULTILINE,
)
# Overlap checks look this many characters back (no quote in PolNeAR or the seed is longer).
_LONGEST_QUOTE = 20_000
# Prepositions that introduce what a stance verb is about ("called for a ban", "voted against it").
_STANCE_CASES = {"for", "on", "against", "as", "of", "about"}
# The prepositions of a topic ("spoke about the shooting", "spoke of the legacy of racism",
# "spoke out against injustice").
_TOPIC_CASES = {"about", "of", "against"}
# Stance verbs whose bare object is not a position ("called them", "backed out").
_NEEDS_MORE_THAN_OBJECT = {"call", "thank", "refer", "discuss"}
_LINK_RELS = {"ccomp", "parataxis", "obj", "xcomp", "dep", "advcl", "root", "conj", "csubj", "acl", "nsubj"}


@attrs.define
class _Candidate:
    kind: QuoteKind
    spans: list[tuple[int, int]]
    cue: Optional[int] = None  # word index
    subject: Optional[int] = None  # word index of the subject head
    subject_words: Optional[list[int]] = None  # explicit source phrase ("according to X")
    quoted: list[Quoted] = attrs.field(factory=list)
    continues: Optional[int] = None
    speakers: list[Speaker] = attrs.field(factory=list)
    venue: Optional[Venue] = None
    addressee: Optional[Span] = None

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_title(text: str) -> bool:
    """ "State of the Union", "The Art of the Deal": capitalised words, no sentence inside."""
    words = _words(text)
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    if regex.search(r"[.!?,;:]\s+\S", text.strip()):
        return False
    capitalised = [w for w in words if w[0].isupper()]
    return bool(capitalised) and all(w[0].isupper() or w.lower() in _SMALL_WORDS or w[0].isdigit() for w in words)


class _Attributor:
    def __init__(self, doc: ParsedDoc) -> None:
        self.doc = doc
        self.text = doc.text
        self.quoted = find_quotes(doc.text, doc.paragraphs)
        marks_ranges = [(q.open_start, q.close_end) for q in self.quoted]
        self.entities = EntityIndex(doc, marks_ranges)
        self.speakers = SpeakerResolver(doc, self.entities)
        self.in_quote: set[int] = set()
        self.quote_of_word: dict[int, int] = {}
        for k, q in enumerate(self.quoted):
            if is_title(q.text(doc.text)):
                continue  # a title is part of its sentence ("on CNN's 'State of the Union'")
            for w in doc.words_in(q.start, q.end):
                self.in_quote.add(w.i)
                self.quote_of_word[w.i] = k

    # -- helpers ----------------------------------------------------------------------
    def _quoted_in_sentence(self, sent: int) -> set[int]:
        return {w.i for w in self.doc.sent_words(sent) if w.i in self.in_quote}

    def _words_of(self, q: Quoted) -> list[int]:
        return [w.i for w in self.doc.words_in(q.start, q.end) if w.i in self.in_quote]

    def _linked(self, cue: int, qwords: set[int]) -> bool:
        """Is the cue tied to the quote in the parse (within two arcs, through no other cue)?"""
        doc = self.doc
        # the quote hangs below the cue
        for j in qwords:
            w = doc.words[j]
            if w.head == cue and w.rel in _LINK_RELS:
                return True
            h = w.head
            if h >= 0 and h not in qwords and doc.words[h].head == cue and h not in self.in_quote and cue_class(doc.words[h]) is None:
                if doc.words[h].rel in ("ccomp", "parataxis", "obj", "dep", "xcomp") and w.rel in _LINK_RELS:
                    return True
        # the cue hangs below the quote ("...," he said -> said is parataxis of the quote's verb)
        w = doc.words[cue]
        if w.head in qwords and w.rel in ("parataxis", "dep", "conj", "advcl", "ccomp", "root", "acl", "appos"):
            return True
        if w.head >= 0 and w.head not in qwords:
            h = doc.words[w.head]
            if h.head in qwords and w.rel in ("parataxis", "dep", "conj") and h.upos not in ("VERB",):
                return True
        return False

    def _cue_candidates(self, sents: set[int]) -> list[int]:
        doc = self.doc
        out = []
        for s in sorted(sents):
            for w in doc.sent_words(s):
                if w.i not in self.in_quote and (cue_class(w) == "speech" or as_put_it(doc, w.i)):
                    out.append(w.i)
        return out

    # -- steps ---------------------------------------------------------------------------
    def direct(self, labelled: list[_Candidate] = ()) -> list[_Candidate]:
        doc = self.doc
        found: list[_Candidate] = []
        label_ranges = [(doc.words[c.subject_words[0]].start - 1, c.start) for c in labelled if c.subject_words]
        for q in self.quoted:
            if any(s <= q.start <= e for s, e in label_ranges):
                continue  # '"WALLACE: Let's start ...': the label attributes it
            qtext = q.text(self.text)
            qwords = set(self._words_of(q))
            if not qwords:
                continue
            if is_title(qtext):
                continue
            sents = {doc.words[j].sent for j in qwords}
            first_sent, last_sent = min(sents), max(sents)
            cues = self._cue_candidates({first_sent, last_sent})
            linked = [c for c in cues if self._linked(c, qwords)]
            n_words = len(_words(qtext))
            cue = None
            if linked:
                cue = min(linked, key=lambda c: min(abs(doc.words[c].start - q.close_end), abs(q.open_start - doc.words[c].end)))
            elif n_words >= MIN_QUOTE_WORDS:
                # the tokenizer may split '"... ?" Graham asked.' or 'He said: "..."' in two
                near = {k for k in (first_sent - 1, last_sent + 1) if 0 <= k < len(doc.sentences)}
                cue = self._adjacent_cue(q, cues + self._cue_candidates(near))
            subject_words = None
            if cue is None and n_words >= MIN_QUOTE_WORDS:
                subject_words = self._according_to_near(q, last_sent)
            if cue is None and subject_words is None and n_words >= MIN_QUOTE_WORDS:
                byline = self._dash_byline(q)
                if byline is not None:
                    cue, subject_words = byline
                    found.append(_Candidate(QuoteKind.DIRECT, [(q.start, q.end)], cue=cue,
                                            subject_words=subject_words, quoted=[q]))
                    continue
            if cue is None and n_words < MIN_QUOTE_WORDS and self._whole_sentence(q):
                cue = self._adjacent_cue(q, cues)
            if cue is None and subject_words is None:
                if n_words >= MIN_QUOTE_WORDS:
                    found.append(_Candidate(QuoteKind.DIRECT, [(q.start, q.end)], quoted=[q]))  # maybe a continuation
                continue
            if cue is not None and n_words < MIN_QUOTE_WORDS and not self._governs(cue, qwords) \
                    and not (self._whole_sentence(q) and self._adjacent_cue(q, [cue]) is not None):
                continue  # "calling it a 'crafty trick'": a fragment, not a quote ('"It's over," she said' is one)
            subject = subject_of(doc, cue) if cue is not None else None
            if subject is not None and subject in qwords:
                subject = None
            if subject is None and cue is not None:
                subject = self._nearby_subject(q, cue)
            if subject is None and cue is not None:
                subject = self._participle_subject(cue, qwords)
            if subject is None and cue is not None:
                subject = self._opening_name(cue, qwords)
            if cue is not None and as_put_it(doc, cue):
                # "As Steven M. Rosenthal, a tax lawyer, recently put it": the name after "as" (the
                # parse may make the apposition the subject)
                subject = next((x.i for x in doc.words[max(0, cue - 40) : cue] if x.upos == "PROPN"
                                and x.i > 0 and doc.words[x.i - 1].text.lower() == "as"), subject)
            kind, spans = QuoteKind.DIRECT, [(q.start, q.end)]
            lead = self._mixed_lead(q, cue) if cue is not None else None
            if lead is not None:
                # 'Clinton says Trump's tweets were "unhinged, even for him."': the report is mixed,
                # and runs on past the fragment ('said it was "a mistake" to use private email')
                kind, spans = QuoteKind.MIXED, [(lead, self._mixed_tail(q))]
            elif cue is not None and (lead := self._mixed_opening(q, cue)) is not None:
                # 'using the tax "is a misguided approach," Mr. Burman said'
                kind, spans = QuoteKind.MIXED, [(lead, q.close_end)]
            found.append(_Candidate(kind, spans, cue=cue, subject=subject, subject_words=subject_words, quoted=[q]))
        return self._join_split(found)

    def _dash_byline(self, q: Quoted) -> Optional[tuple[int, list[int]]]:
        """ '"... our greatest shame." ― Sonya Herridge': a name after a dash closes the quote."""
        m = _BYLINE.match(self.text, q.close_end)
        if not m:
            return None
        dash = self.doc.word_at(m.start("dash"))
        names = [w.i for w in self.doc.words_in(m.start("name"), m.end("name"))]
        if dash is None or not names:
            return None
        return dash.i, names

    def _mixed_lead(self, q: Quoted, cue: int) -> Optional[int]:
        """Where a reported clause starts when it opens between the cue and the quotation mark."""
        doc = self.doc
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

    def _mixed_tail(self, q: Quoted) -> int:
        """Where a mixed report ends: the rest of its sentence after the quoted fragment, unless
        that opens with a comma or dash (another clause) or holds another quotation."""
        doc = self.doc
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
                or any(w.i in self.in_quote or cue_class(w) == "speech" for w in tail):
            return q.close_end
        return tail[-1].end

    def _mixed_opening(self, q: Quoted, cue: int) -> Optional[int]:
        """Where a report starts when its quoted part closes it and the cue follows: the
        sentence's first word ('using the tax "is a misguided approach," Mr. Burman said')."""
        doc = self.doc
        c = doc.words[cue]
        if c.start < q.close_end or self._adjacent_cue(q, [cue]) is None \
                or self.text[q.start:q.end].rstrip()[-1:] != ",":
            return None
        first = doc.word_at(q.open_start)
        if first is None:
            return None
        before = [w for w in doc.sent_words(first.sent) if w.end <= q.open_start]
        words = [w for w in before if w.upos != "PUNCT"]
        if len(words) < 2 or any(w.text in (":", ";") or w.i in self.in_quote or cue_class(w) is not None
                                 for w in before):
            return None
        return words[0].start

    def _nearby_subject(self, q: Quoted, cue: int) -> Optional[int]:
        """When the parse gives the cue no subject: the name or noun between the quote and
        the cue ('"...," Mr. Kerry told'), else right after the cue ('"...," said an aide')."""
        doc = self.doc
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
        after = []
        for w in doc.sent_words(c.sent):
            if w.start <= c.start or w.i in self.in_quote:
                continue
            if w.upos == "PUNCT":
                break
            after.append(w)
        for w in after:
            if w.upos in ("PROPN", "NOUN") and not (w.i + 1 < len(doc.words) and doc.words[w.i + 1] in after
                                                    and doc.words[w.i + 1].upos in ("PROPN", "NOUN")):
                return w.i
        return None

    def _opens_sentence(self, q: Quoted) -> bool:
        """ '"It's over," she said': the quote opens its sentence and closes with , ? or ! inside
        the marks, as a reported sentence does (a scare quote sits inside a sentence)."""
        if self.text[q.start:q.end].rstrip()[-1:] not in (",", "?", "!"):
            return False
        before = self.text[max(0, q.open_start - 3) : q.open_start]
        return q.open_start == 0 or before.strip() == "" or bool(regex.search(r"[.!?][\p{Pf}\"']?\s+$", before))

    def _whole_sentence(self, q: Quoted) -> bool:
        """A short quote that is a sentence of its own: it opens its sentence ('"It's over," she
        said'), or follows an introduction and closes the sentence ('He said: "Not at all."')."""
        if self._opens_sentence(q):
            return True
        intro = regex.search(r"[:,]\s*$", self.text[max(0, q.open_start - 3) : q.open_start])
        closes = self.text[q.start:q.end].rstrip()[-1:] in (".", "?", "!") or regex.match(r"[.?!]", self.text[q.close_end : q.close_end + 1])
        return bool(intro and closes)

    def _participle_subject(self, cue: int, qwords: set[int]) -> Optional[int]:
        """ 'Trump was defensive, saying, "..."': a participle after a comma speaks through
        the subject of its sentence (the parse may hang the participle inside the quote)."""
        doc = self.doc
        c = doc.words[cue]
        if c.xpos != "VBG" or c.i == 0 or doc.words[c.i - 1].text != ",":
            return None
        root = next((w for w in doc.sent_words(c.sent) if w.head < 0), None)
        if root is None or root.i in qwords or root.i > c.i:
            return None
        subject = subject_of(doc, root.i)
        if subject is None or subject in qwords or subject > c.i:
            return None
        return subject

    def _opening_name(self, cue: int, qwords: set[int]) -> Optional[int]:
        """ 'John Dickey, the chief executive of Ora Media -- the company that ..., -- told me,
        "..."': when the parse lost the cue's subject in a long apposition, the name or noun
        phrase that opens the sentence (the cue comes before the quote, with no other cue or
        quote between)."""
        doc = self.doc
        c = doc.words[cue]
        before = [w for w in doc.sent_words(c.sent) if w.i < cue]
        if not before or any(w.i in qwords or w.i in self.in_quote or cue_class(w) is not None for w in before):
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

    def _governs(self, cue: int, qwords: set[int]) -> bool:
        doc = self.doc
        return any(doc.words[j].head == cue and doc.words[j].rel in ("ccomp", "parataxis", "obj") for j in qwords)

    def _adjacent_cue(self, q: Quoted, cues: list[int]) -> Optional[int]:
        """A cue right after the closing mark (", he said") or before the opening one ("He said:")."""
        doc = self.doc
        for c in cues:
            w = doc.words[c]
            after = self.text[q.close_end : w.start]
            before = self.text[w.end : q.open_start]
            if 0 <= w.start - q.close_end <= _CUE_REACH and not sentence_break(after) and "\n" not in after \
                    and (w.start - q.close_end <= 40 or not any(x.upos == "AUX" or cue_class(x) is not None
                                                                for x in doc.words_in(q.close_end, w.start))):
                return c  # (a long speaker phrase: '"...," panel Chairman Rep. Jason Chaffetz (R-Utah) said')
            if 0 <= q.open_start - w.end <= 12 and regex.fullmatch(r"\s*(?:it\b)?\s*[:,]?\s*", before):
                return c  # 'He said: "..."', 'as Rosenthal put it, "..."'
        return None

    def _according_to_near(self, q: Quoted, sent: int) -> Optional[list[int]]:
        doc = self.doc
        for w in doc.sent_words(sent):
            if w.start >= q.close_end and w.i not in self.in_quote:
                hit = source_phrase_at(doc, w.i)
                if hit:
                    return self._source_phrase_words(hit)
        return None

    def _source_phrase_words(self, hit: tuple[int, int]) -> Optional[list[int]]:
        """The source after "according to": up to the next comma, semicolon or sentence end
        (read off the words, not the parse, which small models often get wrong here)."""
        doc = self.doc
        first, last = hit
        sent = doc.words[first].sent
        words = []
        for w in doc.sent_words(sent):
            if w.i <= last:
                continue
            if w.text in (",", ";", ":", "\u2014") or w.i in self.in_quote or (w.upos == "PUNCT" and w.text in ".!?"):
                break
            words.append(w.i)
        return words or None

    def _join_split(self, found: list[_Candidate]) -> list[_Candidate]:
        """ "A," he said, "B." -> one quote of two spans."""
        out: list[_Candidate] = []
        for cand in found:
            prev = out[-1] if out else None
            if (prev is not None and prev.cue is not None and cand.cue in (None, prev.cue)
                    and prev.quoted and cand.quoted and prev.quoted[-1].paragraph == cand.quoted[0].paragraph):
                between = self.text[prev.quoted[-1].close_end : cand.quoted[0].open_start]
                cue_w = self.doc.words[prev.cue]
                if (prev.quoted[-1].close_end <= cue_w.start < cand.quoted[0].open_start
                        and regex.search(r"[,:]\s*$", between) and len(between) < 200):
                    prev.spans.append((cand.start, cand.end))
                    prev.quoted.append(cand.quoted[0])
                    continue
            out.append(cand)
        return out

    def labelled(self) -> list[_Candidate]:
        """Transcript and headline labels: "PENCE: Well, look, ..." """
        doc = self.doc
        out = []
        for lab in find_labelled(self.text, doc.paragraphs):
            label_words = [w.i for w in doc.words_in(lab.label_start, lab.label_end)]
            colon = doc.word_at(lab.colon)
            if not label_words or colon is None:
                continue
            out.append(_Candidate(QuoteKind.DIRECT, [(lab.start, lab.end)], cue=colon.i, subject_words=label_words))
        return out

    def indirect(self, direct: list[_Candidate]) -> list[_Candidate]:
        doc = self.doc
        taken = [(c.start, c.end) for c in direct]
        out: list[_Candidate] = []
        for w in doc.words:
            if w.i in self.in_quote:
                continue
            cls = cue_class(w)
            if cls is None:
                hit = source_phrase_at(doc, w.i)
                cand = self._according_to(hit) if hit else self._noun_cue(w.i)
                if cand:
                    out.append(cand)
                continue
            root = self._nominal_root(w)
            if root is None and (w.deprel in ("amod", "acl") or (w.xpos == "VBN" and not doc.kids(w.i, "aux"))):
                continue  # "the leader, estimated to be 29": a modifier or bare participle, not a report
            subject = subject_of(doc, w.i) if root is None else root
            if subject is None or subject in self.in_quote:
                continue
            if subject == w.i - 2 and doc.words[w.i - 1].text == ",":
                continue  # "the leader, estimated to be 29": an apposition, not "the leader estimated"
            if cls == "thought" and not self._named_source(subject):
                continue
            if cls == "topic":  # "spoke about the shooting": its topic, never a clause
                cand = self._complements(w.i, cls, subject)
                if cand:
                    out.append(cand)
                continue
            before = len(out)
            clauses = doc.kids(w.i, "ccomp")
            if cls != "thought":
                # "told a crowd that he was troubled": a small parser's advcl for the that-clause
                clauses += [c for c in doc.kids(w.i, "advcl") if c.i > w.i and opens_with_that(doc, c.i)]
            if not clauses and w.rel in ("xcomp", "advcl", "acl") and w.head >= 0:
                # "hastened to assure Japan that the U.S. would defend them", "tweets ... saying
                # that ...": the that-clause hung on the word above the cue
                clauses = [c for c in doc.kids(w.head, "ccomp", "advcl") if c.i > w.i
                           and any(k.text.lower() == "that" and k.i < c.i for k in doc.kids(c.i, "mark"))]
            # "X seemed bewildered, said officials": the parse gave the report's subject to the cue
            lent = [c for c in doc.kids(w.i, "nsubj") if c.i < w.i and subject is not None and c.i != subject
                    and doc.words[subject].i > w.i]
            if not clauses and cls == "speech":
                clauses = self._that_clause_on_argument(w.i)
            if not clauses and cls in ("speech", "thought"):
                # "arguing that the epidemic ... should be recognized": the parse hung the clause of
                # the "that" right after the cue elsewhere
                idx = self._that_clause_after(w.i)
                cand = self._content(idx, w.i, subject) if idx else None
                if cand:
                    out.append(cand)
            after = next((x for x in doc.words[w.i + 1 : w.i + 3] if x.upos != "PUNCT"), None)
            if after is not None and after.upos == "CCONJ" and after.sent == w.sent:
                # '"...," Melanie said, and soon, the balloons were dropping': the story goes on
                clauses = [c for c in clauses if c.i < w.i]
            for comp in clauses:
                if lent and not doc.kids(comp.i, "nsubj", "nsubj:pass", "expl", "csubj") and lent[0].i < comp.i:
                    cand = self._content(sorted(set(doc.subtree(lent[0].i)) | set(doc.subtree(comp.i))), w.i, subject)
                    if cand:
                        out.append(cand)
                    continue
                if not has_subject(doc, comp.i):
                    # "said the timing of the news was not intentional": the parse made the report's
                    # subject the cue's object
                    lent_obj = [o for o in doc.kids(w.i, "obj") if w.i < o.i < comp.i and o.upos in ("NOUN", "PROPN")]
                    if lent_obj and cls == "speech" and verb_lemma(w) not in ADDRESSEE_VERBS \
                            and finite([comp, *doc.kids(comp.i, "aux", "cop", "aux:pass")]):
                        cand = self._content(sorted(set(doc.subtree(lent_obj[0].i)) | set(doc.subtree(comp.i))), w.i, subject)
                        if cand:
                            out.append(cand)
                    continue  # a reported clause has a subject ("said to be", "said so" are not quotes)
                if doc.words[min(doc.subtree(comp.i))].text.lower() in _ADVERBIAL_OPENERS and min(doc.subtree(comp.i)) > w.i:
                    continue  # "said after Pagliano failed to show up": when it was said, not what
                marks = [k.text.lower() for k in doc.kids(comp.i, "mark") if k.i < comp.i]
                if cls == "thought" and "that" not in marks and (marks or len(doc.subtree(comp.i)) < 4):
                    continue  # "polls show (that) X", not "I think so" nor "know whether"
                if "that" not in marks and any(m not in ("whether", "if") for m in marks):
                    continue  # "what X said when she resigned": a time clause, not the report
                idx = doc.subtree(comp.i)
                if comp.rel in ("acl", "acl:relcl") and comp.head != w.i:
                    # "told the audience that she believes we must ...": the parse hung the rest of
                    # the report on the argument too
                    idx = [j for j in doc.subtree(comp.head) if j >= idx[0]]
                if comp.i > w.i:
                    idx = self._rest_of_clause(contiguous_run(idx, comp.i), w.i)
                cand = self._content(idx, w.i, subject)
                if cand:
                    out.append(cand)
            if len(out) == before and (cls != "thought" or verb_lemma(w) in object_cues() or verb_lemma(w) in infinitive_cues()
                                       or self._finding(w.i, subject)):
                cand = self._complements(w.i, cls, subject)
                if cand:
                    out.append(cand)
            # an attribution after the clause it reports ("..., she said"): parataxis in UD,
            # sometimes ccomp of the reported clause's verb
            trailing = w.rel in ("ccomp", "conj") and w.head >= 0 and w.head < w.i and doc.words[w.i - 1].text in (",", "\u2014") \
                or (w.rel in ("ccomp", "conj") and subject is not None and doc.words[subject].i == w.i - 1 and doc.words[w.i - 2].text == ",")
            if (w.rel == "parataxis" or trailing) and cls != "stance" and w.head >= 0 and w.head not in self.in_quote \
                    and len(out) == before:  # (", adding that X" reports X, not what came before)
                # the attribution is the run of the cue's words around it ("..., said X who ..."),
                # not words the parse hung on it from the report
                own = set(contiguous_run(doc.subtree(w.i), w.i))
                # "...; they only learned of it Friday": a clause of its own, not an attribution
                separate = any(doc.words[j].text in (";", ":") for j in (min(own), min(own) - 1) if j >= 0)
                head = w.head
                while doc.words[head].deprel in ("acl:relcl", "acl", "advcl") and doc.words[head].head >= 0:
                    head = doc.words[head].head  # report the sentence, not the relative clause it hangs on
                idx = sentence_or_clause(doc, head, own)
                cand = None if separate else self._content(idx, w.i, subject)
                if cand:
                    out.append(cand)
        # sentences the parse gave nothing: read the common shapes off the words
        covered = {doc.words[c.cue].sent for c in out if c.cue is not None}
        for sent in range(len(doc.sentences)):
            if sent not in covered:
                cand = self._shallow(sent)
                if cand is not None:
                    out.append(cand)
        # drop indirect quotes that are really the direct ones: mostly the same words, or
        # opening inside quotation marks (a mixed quote opens before its quoted part)
        taken.sort()
        kept = []
        for cand in out:
            near = taken[max(0, bisect.bisect_left(taken, (cand.start - _LONGEST_QUOTE,))) : bisect.bisect_left(taken, (cand.end,))]
            if any(overlap(cand.start, cand.end, s, e) > 0.5 * (cand.end - cand.start)
                   or (s - 2 <= cand.start < e and overlap(cand.start, cand.end, s, e) > 0.5 * (e - s)) for s, e in near):
                continue
            kept.append(cand)
        return kept

    def _nominal_root(self, w) -> Optional[int]:
        """ "Adam Schiff, the top Democrat on the committee, called on Obama to ...": a parse
        whose sentence has no verb at its root, the cue hung on the apposition as a modifier
        after a comma. The cue is the main verb and the root name its subject."""
        doc = self.doc
        if w.deprel != "acl" or w.i == 0 or doc.words[w.i - 1].text != "," or doc.kids(w.i, "nsubj", "nsubj:pass"):
            return None
        root = next((x for x in doc.sent_words(w.sent) if x.head < 0), None)
        if root is None or root.upos not in ("PROPN", "NOUN") or root.i > w.i:
            return None
        if any(x.upos in ("VERB", "AUX") and x.rel not in ("acl", "acl:relcl", "amod") and x.i < w.i
               for x in doc.sent_words(w.sent)):
            return None
        return root.i

    def _shallow(self, sent: int) -> Optional[_Candidate]:
        """ "X said (that) Y." and "Y, X said." by word shape alone, for sentences whose parse
        (often a small model's mistake) ties no clause to the reporting verb."""
        doc = self.doc
        words = [w for w in doc.sent_words(sent)]
        if any(w.i in self.in_quote for w in words):
            return None
        body = [w for w in words if not (w.upos == "PUNCT" and w.text in ".!?")]
        cues = [k for k, w in enumerate(body) if cue_class(w) == "speech" and w.rel not in ("amod", "acl", "acl:relcl")]
        for k in cues:
            before, after = body[:k], body[k + 1 :]
            if body[k].xpos == "VBN" and any(w.lemma.lower() == "be" or w.rel == "aux:pass" for w in before[-3:]):
                continue  # "Pence was asked whether ...": the subject of a passive cue is not the speaker
            # "Y, X said [Friday]." / "Y, said X."
            comma = max((j for j, w in enumerate(before) if w.text in (",", "\u2014")), default=None)
            # "Y1, X said, Y2": an attribution inserted between commas
            if comma is not None and comma >= 1 and noun_phrase(before[comma + 1 :]) and after \
                    and after[0].text == "," and len(after) >= 3:
                content = [w.i for w in before[:comma]] + [w.i for w in after[1:]]
                return self._shallow_candidate(content, body[k].i, before[comma + 1 :])
            if comma is not None and comma >= 3:
                np_before = before[comma + 1 :]
                tail = after
                if not np_before:  # inverted: ", said X"
                    np_before, tail = after, []
                if noun_phrase(np_before) and len(tail) <= 3 and not any(w.upos in ("VERB", "AUX") for w in tail) \
                        and finite(before[:comma]):
                    content = [w.i for w in before[:comma]]
                    return self._shallow_candidate(content, body[k].i, np_before)

            # "X rejected the request, saying Y": the participle's subject is the sentence's
            if body[k].xpos == "VBG" and before and before[-1].text == "," and finite(after):
                root = next((w for w in words if w.head < 0), None)
                subj = subject_of(doc, root.i) if root is not None else None
                if subj is not None and subj not in self.in_quote and doc.words[subj].i < body[k].i:
                    cand = self._content([w.i for w in after], body[k].i, subj)
                    if cand is not None:
                        return cand
            # "X said (that) Y", also after an opening phrase ("After meetings in Beijing, X said Y")
            lead = [w for w in before if not (w.upos in ("ADV", "AUX", "PART") and w.rel in ("advmod", "aux", "aux:pass", "advmod:emph"))]
            opening = next((j for j, w in enumerate(lead) if w.text == ","), None)
            if opening is not None and lead[0].upos in ("ADP", "ADV", "SCONJ") and not finite(lead[:opening]):
                lead = lead[opening + 1 :]
            if lead and noun_phrase(lead) and len(after) >= 3 and before and before[0] is words[0] \
                    and (finite(after) or past_after_noun(after)):
                content = [w.i for w in after]
                return self._shallow_candidate(content, body[k].i, lead)
        return None

    def _shallow_candidate(self, content: list[int], cue: int, subject_words: list) -> Optional[_Candidate]:
        cand = self._content(content, cue, None,
                             subject_words=[w.i for w in subject_words])
        if cand is not None:
            cand.cue = cue
        return cand

    def _that_clause_on_argument(self, cue: int) -> list:
        """"tweeted in the early hours that X", "told a group of veterans that X": a small parser
        hangs the reported clause on the cue's object or time phrase, as if it were a relative
        clause. A that-clause with a subject of its own is the report; "the report that was
        released" (where "that" is the subject) is not."""
        doc = self.doc
        out = []
        for k in doc.kids(cue, "obj", "obl", "iobj", "obl:tmod"):
            if k.i < cue:
                continue
            for c in doc.kids(k.i, "acl", "acl:relcl"):
                words = doc.subtree(c.i)
                first = doc.words[words[0]]
                if c.i > k.i and first.text.lower() == "that" and any(
                        s.i != first.i for s in doc.kids(c.i, "nsubj", "nsubj:pass", "expl")):
                    out.append(c)
        return out

    def _report_in_object(self, cue: int, subject: int) -> Optional[_Candidate]:
        """A report that a small parser hung on a speech verb's object."""
        doc = self.doc
        # "said the campaign planned to ...": a small parser's object with a clause inside
        for k in doc.kids(cue, "obj"):
            words = doc.subtree(k.i)
            clause = finite([doc.words[j] for j in words if j != k.i]) or any(
                a.upos == "VERB" and doc.kids(a.i, "obj") for a in doc.kids(k.i, "acl"))  # "the findings raised questions"
            if k.i > cue and k.i not in self.in_quote and clause:
                return self._content(words, cue, subject)
            # "he said no country should destabilize ...": the report's verb made the cue's
            # head and its subject the cue's object
            head = doc.words[cue].head
            if k.i > cue and head > k.i and doc.words[cue].rel in ("advcl", "dep", "parataxis", "ccomp") \
                    and not doc.kids(head, "nsubj", "nsubj:pass", "expl") and finite([doc.words[head], *doc.kids(head, "aux")]):
                first = min(words)
                return self._content([j for j in doc.subtree(head) if j >= first], cue, subject)
            # ... or the report's verb made the cue's sibling
            sibling = next((v for v in doc.kids(head, "advcl", "conj", "parataxis", "ccomp") if v.i > k.i
                            and not doc.kids(v.i, "nsubj", "nsubj:pass", "expl")
                            and finite([v, *doc.kids(v.i, "aux")])), None) if head >= 0 and k.i > cue else None
            if sibling is not None and all(j < sibling.i for j in words):
                idx = sorted(set(words) | set(doc.subtree(sibling.i)))
                return self._content(contiguous_run(idx, k.i), cue, subject)
            # ... or hung the report's verb anywhere else: "noted clients are beginning to demand
            # ...", the object right before a finite verb
            nxt = doc.words[max(words) + 1] if max(words) + 1 < len(doc.words) else None
            if k.i > cue and nxt is not None and nxt.sent == k.sent and nxt.xpos in ("VBZ", "VBP", "VBD", "MD") \
                    and nxt.i not in self.in_quote:
                verb = nxt.i if nxt.upos == "VERB" else nxt.head
                if verb > k.i and cue not in doc.subtree(verb) and verb not in doc.subtree(k.i):
                    idx = sorted(set(words) | {j for j in doc.subtree(verb) if j > k.i})
                    return self._content(contiguous_run(idx, k.i), cue, subject)
        return None

    def _complements(self, cue: int, cls: str, subject: int) -> Optional[_Candidate]:
        """What a named source wants, urges or backs: "vowed to repeal it", "urged Congress to
        act", and for stance verbs their object too ("endorsed Clinton", "called for a ban")."""
        doc = self.doc
        if not self._named_source(subject) or doc.words[subject].i > cue:
            return None
        lemma = verb_lemma(doc.words[cue])
        if any(k.text.lower() in ("not", "n't", "never") for k in doc.kids(cue, "advmod")):
            return None  # "he didn't mention the North by name": what was not said
        if cls == "thought" and lemma == "show" and doc.words[subject].upos != "NOUN":
            return None  # "the poll shows Clinton ahead", not "Trump showed his ID"
        if cls == "speech" and lemma not in ADDRESSEE_VERBS:
            cand = self._report_in_object(cue, subject)
            if cand is not None:
                return cand
        message_verb = lemma in object_cues() or self._finding(cue, subject)  # its object is what was said
        comps = []
        for k in doc.kids(cue):
            if k.i < cue or (k.i in self.in_quote and not (cls == "stance" and comps and k.rel in ("obj", "xcomp"))):
                continue  # (a quoted label after the object counts: 'called the remarks "a wake-up call"')
            if k.rel in ("xcomp", "advcl") and any(m.text.lower() == "to" for m in doc.kids(k.i, "mark")) \
                    and (cls == "stance" or lemma in infinitive_cues()) and (k.rel == "xcomp" or comps):
                comps.append(k.i)
            elif cls == "stance" and (k.rel in ("obj", "xcomp") or (k.rel == "obl" and case_of(doc, k.i) in _STANCE_CASES)):
                comps.append(k.i)
            elif k.rel in ("obj", "iobj") and lemma in infinitive_cues():
                comps.append(k.i)  # "urged residents to stay": whom, then what
            elif message_verb and (k.rel == "obj" or (k.rel == "xcomp" and k.xpos == "VBG") or (comps and (
                    k.rel == "xcomp" or (k.rel == "obl" and case_of(doc, k.i) == "as")))):
                # "denied any involvement", "described the showdown as ominous", "polls show
                # Clinton ahead"
                comps.append(k.i)
            elif lemma in topic_cues() and k.rel == "obl" and k.upos in ("NOUN", "PROPN") \
                    and doc.words[doc.subtree(k.i)[0]].text.lower() in _TOPIC_CASES and case_of(doc, k.i) in _TOPIC_CASES:
                # (a noun phrase: "talked about what the word 'modify' means" discusses a word)
                comps.append(k.i)  # "complained about his microphone": the topic of what was said
            elif cls == "stance" and (comps or lemma == "call") and k.rel == "advcl" and case_of(doc, k.i) in ("for", "of"):
                # "blasted him for not paying income tax", "called for reducing the rate",
                # "accused Rafael Cruz of associating with Oswald"
                comps.append(k.i)
        topic = lemma in topic_cues() and any(case_of(doc, c) in _TOPIC_CASES for c in comps)
        if not comps or (cls in ("speech", "topic") and lemma not in object_cues() and not topic
                         and not any(doc.words[c].rel in ("xcomp", "advcl") for c in comps)):
            return None
        if cls == "thought" and lemma in infinitive_cues() and not (
                doc.words[comps[0]].rel == "obj" and any(doc.words[c].rel in ("xcomp", "advcl") for c in comps)):
            return None  # "voters expect Clinton to win", not "I expect to win" (an intention)
        if lemma == "call" and comps and not any(j in self.quote_of_word for c in comps for j in doc.subtree(c)):
            label = self._quoted_label(cue, max(j for c in comps for j in doc.subtree(c)))
            if label is not None:  # 'called them in an article last week "Manchurian anchors"'
                comps = comps + label
        quoted = any(j in self.quote_of_word for c in comps for j in doc.subtree(c))
        # "called the charges unsubstantiated": a predicate the parse hung on the object
        predicate = any(k.i > c and k.rel in ("acl", "amod") and (k.upos == "ADJ" or k.xpos == "VBN")
                        for c in comps for k in doc.kids(c))
        if lemma in _NEEDS_MORE_THAN_OBJECT and not quoted and not predicate \
                and sum(doc.words[c].rel in ("obj", "xcomp") for c in comps) < 2 and not any(
                doc.words[c].rel in ("xcomp", "advcl") or (lemma == "call" and case_of(doc, c) == "for") for c in comps):
            return None  # "called them" (on the phone), "called on police", "discussed the potential for
            # diplomacy" (a topic): not "called them liars", "called for a ban"
            # (a quoted label counts: 'called half of his supporters "deplorables"')
        idx = sorted({j for c in comps for j in doc.subtree(c)})
        if idx and doc.words[idx[0]].rel in ("case", "mark") and doc.words[idx[0]].head in comps \
                and doc.words[idx[0]].text.lower() != "to":
            idx = idx[1:]  # "called for a ban", "spoke about the shooting": what, not the preposition
        if all(doc.words[j].upos in ("PRON", "PUNCT", "DET") for j in idx):
            return None  # "blasted him": the target, with nothing said about it
        message = topic or (message_verb and any(doc.words[c].rel == "obj" or doc.words[c].xpos == "VBG" for c in comps))
        idx = self._rest_of_clause(idx, cue)
        return self._content(idx, cue, subject, min_words=1 if cls == "stance" or message else 3)

    def _rest_of_clause(self, idx: list[int], cue: int) -> list[int]:
        """ 'described Clinton as "a lifetime politician" who ...', 'emphasizing economic fairness,
        and a need to raise the minimum wage': the words after the object up to the end of the
        clause, which a small parser often hangs elsewhere (up to a comma or dash that opens
        another clause, a semicolon, or the sentence end)."""
        doc = self.doc
        if not idx:
            return idx
        words = doc.sent_words(doc.words[cue].sent)
        out = list(idx)
        for w in words:
            if w.i <= max(idx):
                continue
            if w.text in (";", ":", "\u2014", "--") or (w.upos == "PUNCT" and w.text in ".!?"):
                break
            if w.text == ",":
                nxt = doc.words[w.i + 1] if w.i + 1 < len(doc.words) else None
                if nxt is None or nxt.sent != w.sent or nxt.upos in ("SCONJ", "VERB", "AUX", "PRON") or nxt.xpos == "VBG" \
                        or cue_class(nxt) is not None or nxt.text.lower() in ("according", "but", "which", "who"):
                    break
                if nxt.upos == "CCONJ" and finite([x for x in doc.words[nxt.i + 1 : nxt.i + 7] if x.sent == w.sent]):
                    break  # ", and Mr. Kerry said ...": a new clause, not more of this one
            if cue_class(w) is not None and w.i not in self.in_quote:
                break
            out.append(w.i)
        while len(out) > len(idx) and doc.words[out[-1]].upos in ("CCONJ", "ADP", "DET", "SCONJ", "PUNCT"):
            out.pop()  # "... in prayer and [assured them ...]": not a dangling "and"
        return out

    def _finding(self, cue: int, subject: int) -> bool:
        """ "A 2014 study found 31 incidents": "find" with a study, poll, court ... as subject."""
        doc = self.doc
        return verb_lemma(doc.words[cue]) == "find" and doc.words[subject].lemma.lower() in finding_sources()

    def _quoted_label(self, cue: int, last: int) -> Optional[list[int]]:
        """The words up to a quoted label right after "called X": the quotation opens within a
        few words of the object, in the same sentence, with no verb between (however the parse
        hung it)."""
        doc = self.doc
        between = [w for w in doc.sent_words(doc.words[cue].sent) if last < w.i and w.i not in self.in_quote]
        k = next((n for n, w in enumerate(between) if w.i + 1 in self.quote_of_word), None)
        if k is None or k > 6 or any(w.upos in ("VERB", "AUX") or w.text in (";", ":") for w in between[:k]):
            return None
        first = between[k].i + 1
        q = self.quoted[self.quote_of_word[first]]
        words = [w.i for w in doc.words_in(q.start, q.end)]
        return [w.i for w in between[: k + 1]] + words

    def _noun_cue(self, i: int) -> Optional[_Candidate]:
        """ "Trump's claim that there have been thousands of shootings": the possessor is the source."""
        doc = self.doc
        w = doc.words[i]
        if w.upos != "NOUN" or w.lemma.lower() not in cue_nouns():
            return None
        owners = [c for c in doc.kids(i, "nmod:poss") if c.upos in ("PROPN", "NOUN", "PRON")] \
            or [c for c in doc.kids(i, "nmod") if any(k.text.lower() == "by" for k in doc.kids(c.i, "case"))]
        if not owners or owners[0].text.lower() in ("its", "their", "my", "our", "your"):
            return None
        # "Trump's claim that there have been ...", the clause made a sibling of the noun
        idx = self._that_clause_after(i)
        return self._content(idx, i, owners[0].i) if idx else None

    def _that_clause_after(self, i: int) -> Optional[list[int]]:
        """The words of the clause whose "that" is the word right after word ``i`` (a cue verb
        or noun), wherever the parse hung the clause, run to the end of the clause."""
        doc = self.doc
        nxt = doc.words[i + 1] if i + 1 < len(doc.words) else None
        if nxt is None or nxt.text.lower() != "that" or nxt.rel != "mark" or nxt.head <= i + 1 \
                or nxt.sent != doc.words[i].sent or not opens_with_that(doc, nxt.head):
            return None
        idx = contiguous_run([j for j in doc.subtree(nxt.head) if j > i], nxt.i)
        return self._rest_of_clause(idx, i)

    def _named_source(self, subject: int) -> bool:
        w = self.doc.words[subject]
        if w.upos in ("PROPN", "NOUN"):
            return True
        return w.upos == "PRON" and w.text.lower() in ("he", "she", "they")

    def _content(self, idx: list[int], cue: int, subject: Optional[int], *,
                 subject_words: Optional[list[int]] = None, min_words: int = 3) -> Optional[_Candidate]:
        """A candidate whose content is the words ``idx`` of the cue's sentence, trimmed of edge
        punctuation (a complementizer "that" stays, as PolNeAR marks it)."""
        doc = self.doc
        sent = doc.words[cue].sent
        idx = [j for j in idx if doc.words[j].sent == sent]
        while idx and doc.words[idx[0]].upos == "PUNCT":
            idx = idx[1:]
        while idx and doc.words[idx[-1]].upos == "PUNCT" and doc.words[idx[-1]].text not in ("\"", "\u201d", "'", "\u2019"):
            idx = idx[:-1]
        if len(idx) < min_words or doc.words[idx[0]].text.lower() in _NOT_A_REPORT_START:
            return None
        spans = runs(doc, idx)
        spans = [(s, e) for s, e in spans if e - s > 0]
        while len(spans) > 1 and all(w.rel in ("mark", "advmod", "cc", "punct") for w in doc.words_in(*spans[0])):
            spans = spans[1:]
        if not spans:
            return None
        inside = [self.quoted[k] for k in sorted({self.quote_of_word[j] for j in idx if j in self.quote_of_word})
                  if self.quoted[k].start >= spans[0][0] and self.quoted[k].end <= spans[-1][1] + 2]  # + ".”"
        if inside and inside[-1].close_end > spans[-1][1]:
            spans[-1] = (spans[-1][0], inside[-1].close_end)  # the fragment's closing mark belongs to it
        kind = QuoteKind.MIXED if inside else QuoteKind.INDIRECT
        return _Candidate(kind, spans, cue=cue, subject=subject, subject_words=subject_words, quoted=inside)

    def _according_to(self, hit: tuple[int, int]) -> Optional[_Candidate]:
        doc = self.doc
        first, last = hit
        source = self._source_phrase_words(hit)
        if not source:
            return None
        drop = set(range(first, last + 1)) | set(source)
        # the clause the phrase modifies: the nearest head outside the phrase
        clause = doc.words[first].head
        while clause >= 0 and clause in drop:
            clause = doc.words[clause].head
        if clause < 0:
            clause = next((w.i for w in doc.sent_words(doc.words[first].sent) if w.head < 0), first)
        idx = sentence_or_clause(doc, clause, drop)
        tail = [j for j in idx if j > max(source)]
        if any(j < first for j in idx) and not any(doc.words[j].upos in ("VERB", "AUX") for j in tail):
            # "..., according to Craig Bryan, head of the National Center ...": the rest of the
            # source's apposition, however the parse hung it, is not the report; the sentence
            # before the phrase is
            if first > 0 and doc.words[first - 1].text == ",":
                idx = [w.i for w in doc.sent_words(doc.words[first].sent) if w.i < first]
            else:
                idx = [j for j in idx if j < first]
        cand = self._content(idx, first, None, subject_words=source)
        if cand is not None:
            cand.cue = first
        return cand

    def continuations(self, cands: list[_Candidate]) -> list[_Candidate]:
        """Uncued quoted sentences after an attributed quote take its speaker."""
        doc = self.doc
        ordered = sorted(cands, key=lambda c: c.start)
        out: list[_Candidate] = []
        last_attributed: Optional[_Candidate] = None
        for cand in ordered:
            attributed = cand.cue is not None or cand.subject_words is not None
            if attributed:
                out.append(cand)
                if cand.kind != QuoteKind.INDIRECT or cand.quoted:
                    last_attributed = cand
                continue
            if last_attributed is None or not last_attributed.quoted:
                continue
            prev_para = last_attributed.quoted[-1].paragraph
            para = cand.quoted[0].paragraph
            if para - prev_para > 1:
                continue
            if para != prev_para:
                # a new paragraph continues only when it opens with the quote, or the last one ran on
                p_start = doc.paragraphs[para][0]
                opens = cand.quoted[0].open_start == p_start
                if not (opens or last_attributed.quoted[-1].open_end):
                    continue
            cand.continues = id(last_attributed)
            out.append(cand)
            last_attributed = cand if cand.quoted[-1].open_end else last_attributed
        return out

    # -- speakers, venues, objects ------------------------------------------------------
    def finish(self, cands: list[_Candidate]) -> list[Quote]:
        doc = self.doc
        cands = sorted(cands, key=lambda c: c.start)
        by_id = {id(c): c for c in cands}
        for cand in cands:
            if cand.continues is not None:
                src = by_id.get(cand.continues)
                if src is not None:
                    cand.speakers = list(src.speakers)
                    cand.venue = src.venue
                    cand.addressee = None
                continue
            content = {w.i for s, e in cand.spans for w in doc.words_in(s, e)}
            if cand.subject_words:
                head = phrase_head(doc, cand.subject_words)
                cand.speakers = self.speakers.resolve_phrase(head, cand.subject_words)
            elif cand.subject is not None:
                pronoun = cand.subject
                if cand.cue is not None:
                    cand.subject = self._antecedent(cand.subject, cand.cue)
                exclude = content | self._quoted_in_sentence(doc.words[cand.subject].sent)
                if cand.cue is not None and cand.subject not in doc.subtree(cand.cue):
                    exclude |= set(doc.subtree(cand.cue))  # a subject the cue hangs below: not the cue's words
                cand.speakers = self.speakers.resolve(cand.subject, exclude)
                if pronoun != cand.subject:  # the mention is "who"; the name, role and kind its antecedent's
                    w = doc.words[pronoun]
                    cand.speakers = [attrs.evolve(sp, text=w.text, start=w.start, end=w.end) for sp in cand.speakers]
            if cand.cue is not None and doc.words[cand.cue].upos in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
                exclude = set(content) | self._quoted_in_sentence(doc.words[cand.cue].sent)
                if cand.subject is not None:
                    exclude |= set(doc.subtree(cand.subject))
                exclude |= {w.i for w in doc.sent_words(doc.words[cand.cue].sent)
                            if any(sp.start <= w.start < sp.end for sp in cand.speakers)}
                cand.venue = find_venue(doc, cand.cue, exclude)
                cand.addressee = find_addressee(doc, cand.cue, exclude, verb_lemma(doc.words[cand.cue]))
        quotes: list[Quote] = []
        index_of: dict[int, int] = {}
        for cand in cands:
            if not cand.speakers:
                continue
            speakers = [self.speakers.refresh(sp) for sp in cand.speakers]
            cue = self._cue_span(cand)
            continues = index_of.get(cand.continues) if cand.continues is not None else None
            index_of[id(cand)] = len(quotes)
            quotes.append(Quote.from_spans(self.text, cand.kind, cand.spans, cue=cue, speakers=speakers,
                                           venue=cand.venue, addressee=cand.addressee, continues=continues))
        return quotes

    def _antecedent(self, subject: int, cue: int) -> int:
        """ "an architect who said ...": a relative pronoun speaks for the noun its clause
        modifies, through an apposition and its modifiers ("Marc Morial, the president of the
        Urban League, who said ...": Morial)."""
        doc = self.doc
        s, c = doc.words[subject], doc.words[cue]
        if s.text.lower() not in ("who", "that", "which") or subject == 0:
            return subject
        if c.rel == "acl:relcl" and 0 <= c.head < cue:
            head = doc.words[c.head]
        else:  # the parse missed the relative clause: the noun right before the pronoun
            k = subject - 1 if doc.words[subject - 1].text != "," else subject - 2
            if k < 0 or doc.words[k].upos not in ("NOUN", "PROPN") or doc.words[k].sent != s.sent:
                return subject
            head = doc.words[k]
        while head.rel in ("nmod", "appos", "conj", "flat", "compound") and 0 <= head.head < head.i \
                and doc.words[head.head].upos in ("NOUN", "PROPN"):
            head = doc.words[head.head]
        # "Marc Morial, the president of ..., who": the name the apposition describes
        first = min(j for j in doc.subtree(head.i) if doc.words[j].upos != "PUNCT")
        if head.upos == "NOUN" and first >= 2 and doc.words[first - 1].text == "," \
                and doc.words[first - 2].upos == "PROPN" and doc.words[first - 2].sent == s.sent:
            head = doc.words[first - 2]
        return head.i if head.upos in ("NOUN", "PROPN") else subject

    def _cue_span(self, cand: _Candidate) -> Optional[Span]:
        if cand.cue is None:
            return None
        doc = self.doc
        w = doc.words[cand.cue]
        hit = source_phrase_at(doc, cand.cue)
        if hit:
            s, e = doc.span_of(range(hit[0], hit[1] + 1))
            return Span.from_text(self.text, s, e)
        # include auxiliaries and particles next to the verb ("have said", "pointed out")
        idx = [cand.cue] + [c.i for c in doc.kids(cand.cue, "aux", "compound:prt") if abs(c.i - cand.cue) <= 3]
        s, e = doc.span_of(idx)
        if e - s > 40:
            s, e = w.start, w.end
        return Span.from_text(self.text, s, e)


def attribute(doc: ParsedDoc) -> list[Quote]:
    """The attributed quotes of a parsed document, in order of appearance."""
    if not doc.words:
        return []
    att = _Attributor(doc)
    labelled = att.labelled()
    direct = labelled + att.direct(labelled)
    indirect = att.indirect([c for c in direct if c.cue is not None or c.subject_words])
    cands = att.continuations(direct + indirect)
    cands = _dedupe(cands)
    return att.finish(cands)


def _dedupe(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep one candidate per stretch of text: the larger of two that overlap mostly."""
    out: list[_Candidate] = []
    kept_for: dict[int, int] = {}
    for cand in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        clash = None
        j = len(out) - 1
        while j >= 0 and out[j].start >= cand.start - _LONGEST_QUOTE:
            j -= 1
        for other in out[j + 1 :]:
            if other.end <= cand.start:
                continue
            ov = sum(overlap(s1, e1, s2, e2) for s1, e1 in cand.spans for s2, e2 in other.spans)
            if ov > 0.5 * min(cand.end - cand.start, other.end - other.start):
                clash = other
                break
        if clash is None:
            out.append(cand)
        elif clash.kind == QuoteKind.INDIRECT and cand.kind != QuoteKind.INDIRECT:
            out[out.index(clash)] = cand
            kept_for[id(clash)] = id(cand)
        else:
            kept_for[id(cand)] = id(clash)
    for cand in out:  # a continuation of a dropped quote continues the one kept in its place
        while cand.continues in kept_for:
            cand.continues = kept_for[cand.continues]
    return out
