"""Reported speech: the clause a reporting verb or noun governs ("X said that ..."), the
clause around an inserted "X said", "according to X", and stances, topics and findings;
mixed when the clause holds a quoted fragment."""

from __future__ import annotations

import bisect
import functools
from typing import Optional

from .candidates import _LONGEST_QUOTE, AttributorBase, Candidate
from .clauses import (finite, has_subject, noun_phrase, opens_with_that, overlap, past_after_noun,
                       runs, sentence_or_clause, title_case)
from ..parsing.doc import case_of, contiguous_run
from .cues import cue_class, source_phrase_at, verb_lemma
from ..lexicon import cue_nouns, finding_sources, infinitive_cues, object_cues, topic_cues
from ..output.quote import QuoteKind
from ..resolution.speakers import NEVER_INVERTED, subject_of
from .venues import ADDRESSEE_VERBS

# A reported clause does not open with a relative word ("which represents ...", "who died ...").
# The reporting verbs a headline's shape does not put in doubt ("..., Lindsey Graham Says").
_HEADLINE_CUES = {"say", "tell"}
_NOT_A_REPORT_START = {"which", "who", "whom", "whose", "where"}
# Words that open an adverbial clause, which a small parser may hang on a cue as its complement.
_ADVERBIAL_OPENERS = {"after", "before", "when", "while", "since", "until", "because", "once", "although",
                      "though", "unless", "whenever"}
# Prepositions that introduce what a stance verb is about ("called for a ban", "voted against it").
_STANCE_CASES = {"for", "on", "against", "as", "of", "about"}
# The prepositions of a topic ("spoke about the shooting", "spoke of the legacy of racism",
# "spoke out against injustice").
_TOPIC_CASES = {"about", "of", "against"}
# Stance verbs whose bare object is not a position ("called them", "backed out").
_NEEDS_MORE_THAN_OBJECT = {"call", "thank", "refer", "discuss"}


class ReportedSpeech(AttributorBase):
    """The indirect and mixed quote finder (mixed into the attributor)."""

    def indirect(self, direct: list[Candidate]) -> list[Candidate]:
        doc = self.doc
        taken = [(c.start, c.end) for c in direct]
        out: list[Candidate] = []
        for w in doc.words:
            if w.i in self.in_quote or self._muted_in_headline(w):
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
                clauses = self._that_clause_on_argument(w.i) or self._clause_hung_above(w.i)
            elif cls == "speech" and self._report_start(w.i) not in {min(doc.subtree(c.i)) for c in clauses}:
                # "said no country should ..., though he didn't mention ...": the cue governs a later
                # clause, and the one that opens right after it hangs above
                clauses = [*self._clause_hung_above(w.i), *clauses]
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
                if comp.i > w.i and doc.words[comp.i - 1].text == "," and cue_class(comp) == "speech" \
                        and any(s.i > comp.i for s in doc.kids(comp.i, "nsubj")):
                    continue  # "Everyone agrees that ..., said Mayor Ann Lee": the attribution, not a report
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
                marks = [k.text.lower() for k in doc.kids(comp.i, "mark") if k.i < comp.i]
                if doc.words[min(doc.subtree(comp.i))].text.lower() in _ADVERBIAL_OPENERS and min(doc.subtree(comp.i)) > w.i \
                        and "that" not in marks:  # ("suggested while in Beijing that ...": the parse gave "while" to the report)
                    continue  # "said after Pagliano failed to show up": when it was said, not what
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
                or (w.rel in ("ccomp", "conj") and subject is not None and self._subject_after_comma(subject, w.i))
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
                   or (s - 2 <= cand.start < e and overlap(cand.start, cand.end, s, e) > 0.5 * (e - s)
                       and not self._clause_goes_on(cand, e)) for s, e in near):
                continue
            kept.append(cand)
        return kept

    def _clause_goes_on(self, cand: Candidate, quote_end: int) -> bool:
        """'Sanders says "the wind is at our backs" despite his loss ...': the reported clause
        opens with the quotation and goes on past it for three words or more, in the same
        sentence and outside any other quotation: a mixed quote, not the direct one again."""
        doc = self.doc
        rest = list(doc.words_in(quote_end, cand.end))
        after = [w for w in rest if w.upos != "PUNCT"]
        # (a comma or dash opens narration: '"Don't you do it," until gunshots are heard',
        # '"fair" to him, engaging in what analysts described as ...')
        return len(after) >= 3 and not any(w.i in self.in_quote for w in after) \
            and after[0].text.lower() not in _ADVERBIAL_OPENERS \
            and not any(w.text in (",", ";", ":", "\u2014", "--") for w in rest) \
            and len({w.sent for w in doc.words_in(cand.start, cand.end)}) == 1

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

    @functools.cached_property
    def _headlines(self) -> frozenset[int]:
        return frozenset(s for s in range(len(self.doc.sentences)) if title_case(self.doc.sent_words(s)))

    def _muted_in_headline(self, w) -> bool:
        """A headline's tags and parse are guesses ("U.S. Offers Direct Korea Talks, Proposes
        Dialogue ..."): there only "X Says" and "X Tells" report (as entities.py reads them)."""
        return w.sent in self._headlines and verb_lemma(w) not in _HEADLINE_CUES

    def _shallow(self, sent: int) -> Optional[Candidate]:
        """ "X said (that) Y." and "Y, X said." by word shape alone, for sentences whose parse
        (often a small model's mistake) ties no clause to the reporting verb."""
        doc = self.doc
        words = [w for w in doc.sent_words(sent)]
        if any(w.i in self.in_quote for w in words):
            return None
        body = [w for w in words if not (w.upos == "PUNCT" and w.text in ".!?")]
        cues = [k for k, w in enumerate(body) if cue_class(w) == "speech" and w.rel not in ("amod", "acl", "acl:relcl")
                and not self._muted_in_headline(w)
                and not (w.upos == "NOUN" and any(c.i == w.i - 1 for c in doc.kids(w.i, "det", "amod", "nummod")))]
        # ("the early states": a noun, where "The Wall Street Journal reports" is not)
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
                if not np_before and verb_lemma(body[k]) in NEVER_INVERTED:
                    # "Y, his top aide, Tad Devine, told The Huffington Post": never "told X"; the
                    # speaker is the run of noun phrases between commas before the cue
                    start = comma
                    while True:
                        prev = max((j for j in range(start) if before[j].text == ","), default=None)
                        segment = [w for w in before[prev + 1 : start] if w.deprel != "nmod:poss"] if prev is not None else []
                        if prev is None or prev < 3 or not noun_phrase(segment):  # ("his top aide")
                            break
                        start = prev
                    if start == comma or start < 3 or not finite(before[:start]) or len(after) > 3:
                        continue
                    speaker = [w for w in before[start + 1 : comma] if w.text != ","]
                    return self._shallow_candidate([w.i for w in before[:start]], body[k].i, speaker)
                elif not np_before:  # inverted: ", said X"
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

    def _shallow_candidate(self, content: list[int], cue: int, subject_words: list) -> Optional[Candidate]:
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

    def _subject_after_comma(self, subject: int, cue: int) -> bool:
        """'..., Obama and Clinton said': the cue's subject phrase fills the gap between a comma and the cue."""
        doc = self.doc
        span = [j for j in doc.subtree(subject) if doc.words[j].upos != "PUNCT"]  # the comma may hang on it
        return max(span) == cue - 1 and min(span) > 0 and doc.words[min(span) - 1].text == ","

    def _report_start(self, cue: int) -> Optional[int]:
        """Where a report right after the cue would open: the next word, or the one after "that"."""
        doc = self.doc
        start = cue + 1
        if start < len(doc.words) and doc.words[start].text.lower() == "that":
            start += 1
        if start >= len(doc.words) or doc.words[start].sent != doc.words[cue].sent:
            return None
        return start

    def _clause_hung_above(self, cue: int) -> list:
        """'when he said no country should "selfishly" destabilize the region': the parse hung the
        clause that opens right after the cue (or after its "that") on a word above the cue."""
        doc = self.doc
        start = self._report_start(cue)
        if start is None:
            return []
        for above in doc.ancestors(cue):
            for c in doc.kids(above, "parataxis", "ccomp"):
                if c.i > cue and min(doc.subtree(c.i)) == start:
                    return [c]
        return []

    def _report_in_object(self, cue: int, subject: int) -> Optional[Candidate]:
        """A report that a small parser hung on a speech verb's object."""
        doc = self.doc
        # "said the campaign planned to ...": a small parser's object with a clause inside
        for k in doc.kids(cue, "obj"):
            words = doc.subtree(k.i)
            clause = finite([doc.words[j] for j in words if j != k.i]) or any(
                a.upos == "VERB" and doc.kids(a.i, "obj") and not any(m.text.lower() == "to" for m in doc.kids(a.i, "mark"))
                for a in doc.kids(k.i, "acl"))  # "the findings raised questions", not "an agreement to send aid"
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

    def _complements(self, cue: int, cls: str, subject: int) -> Optional[Candidate]:
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

    def _noun_cue(self, i: int) -> Optional[Candidate]:
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
                 subject_words: Optional[list[int]] = None, min_words: int = 3) -> Optional[Candidate]:
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
        if inside and inside[0].open_start < spans[0][0] and inside[0].close_end <= spans[-1][1]:
            spans[0] = (inside[0].open_start, spans[0][1])  # ... and so does its opening one
        kind = QuoteKind.MIXED if inside else QuoteKind.INDIRECT
        return Candidate(kind, spans, cue=cue, subject=subject, subject_words=subject_words, quoted=inside)

    def _according_to(self, hit: tuple[int, int]) -> Optional[Candidate]:
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
