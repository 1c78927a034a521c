"""Direct quotes: a quoted stretch tied in the parse to a reporting verb (its ccomp, obj or
parataxis, or the verb a parataxis of the quote), a dash byline or a transcript label; split
quotes ("A," he said, "B.") are joined."""

from __future__ import annotations

from typing import Optional

import regex

from .candidates import AttributorBase, Candidate, _words
from .clauses import as_put_it, sentence_break
from .cues import cue_class, source_phrase_at, verb_lemma
from ..text.marks import Quoted
from ..output.quote import QuoteKind
from ..resolution.speakers import NEVER_INVERTED, subject_of
from ..text.labels import find_labelled

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


class DirectQuotes(AttributorBase):
    """The direct-quote finder (mixed into the attributor)."""

    def direct(self, labelled: list[Candidate] = ()) -> list[Candidate]:
        doc = self.doc
        found: list[Candidate] = []
        label_ranges = [(doc.words[c.subject_words[0]].start - 1, c.start) for c in labelled if c.subject_words]
        for k, q in enumerate(self.quoted):
            if any(s <= q.start <= e for s, e in label_ranges):
                continue  # '"WALLACE: Let's start ...': the label attributes it
            qtext = q.text(self.text)
            qwords = set(self._words_of(q))
            if not qwords:
                continue
            if k in self.titles:
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
                    found.append(Candidate(QuoteKind.DIRECT, [(q.start, q.end)], cue=cue,
                                            subject_words=subject_words, quoted=[q]))
                    continue
            if cue is None and n_words < MIN_QUOTE_WORDS and self._whole_sentence(q):
                cue = self._adjacent_cue(q, cues)
            if cue is None and subject_words is None:
                if n_words >= MIN_QUOTE_WORDS:
                    found.append(Candidate(QuoteKind.DIRECT, [(q.start, q.end)], quoted=[q]))  # maybe a continuation
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
            found.append(Candidate(kind, spans, cue=cue, subject=subject, subject_words=subject_words, quoted=[q]))
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
        if verb_lemma(c) in NEVER_INVERTED:
            # 'as Archbishop Aris Shirvanian ... told the Associated Press, "..."': whom he told is
            # after the cue; the speaker is the "as" phrase the parse hung on it
            return next((k.i for k in doc.kids(cue, "obl") if k.i < cue and k.upos in ("PROPN", "NOUN")
                         and any(x.text.lower() == "as" for x in doc.kids(k.i, "case"))), None)
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

    def _join_split(self, found: list[Candidate]) -> list[Candidate]:
        """ "A," he said, "B." -> one quote of two spans."""
        out: list[Candidate] = []
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

    def labelled(self) -> list[Candidate]:
        """Transcript and headline labels: "PENCE: Well, look, ..." """
        doc = self.doc
        out = []
        for lab in find_labelled(self.text, doc.paragraphs):
            label_words = [w.i for w in doc.words_in(lab.label_start, lab.label_end)]
            colon = doc.word_at(lab.colon)
            if not label_words or colon is None:
                continue
            out.append(Candidate(QuoteKind.DIRECT, [(lab.start, lab.end)], cue=colon.i, subject_words=label_words))
        return out
