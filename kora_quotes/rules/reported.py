"""Reported speech: the clause a reporting verb or noun governs ("X said that ..."), the
clause around an inserted "X said", "according to X", and stances, topics and findings;
mixed when the clause holds a quoted fragment.

For each cue, the ``reported.*`` rules find its clauses (by priority where they compete),
the ``guard.*`` rules reject what is no report, and the cue's arguments are read by
:mod:`.complements` when no clause is found. Sentences the parse gave nothing are read by
word shape (:mod:`.shallow`).
"""

from __future__ import annotations

import bisect
from typing import Optional

from ..lexicon import addressee_verbs, cue_nouns, headline_cues, infinitive_cues, object_cues, word_class
from ..parsing.doc import Word, contiguous_run
from .candidates import LONGEST_QUOTE, Candidate, Context
from .clauses import finite, has_subject, opens_with_that, overlap, sentence_or_clause, title_case
from .complements import complements, finding, named_source
from .content import content, rest_of_clause
from .cues import cue_class, source_phrase_at, verb_lemma
from .registry import rule
from .shallow import shallow
from .speakers import find_subject

# Words that open an adverbial clause, which a small parser may hang on a cue as its complement.
_ADVERBIAL_OPENERS = word_class("adverbial-openers")
Clauses = list[tuple[Word, str]]  # a clause head and the rule that found it


def indirect(ctx: Context, direct: list[Candidate]) -> list[Candidate]:
    """The indirect and mixed quotes of the document that are not the direct ones again."""
    doc = ctx.doc
    headlines = headline_sentences(ctx)

    def muted(ctx: Context, w: Word) -> bool:
        return headline_cue(ctx, w, headlines)

    out: list[Candidate] = []
    for w in doc.words:
        if w.i in ctx.quote_of_word or muted(ctx, w):
            continue
        cls = cue_class(w)
        if cls is None:
            hit = source_phrase_at(doc, w.i)
            cand = _according_to(ctx, hit) if hit else _noun_cue(ctx, w.i)
            out.extend([cand] if cand else [])
        else:
            out.extend(_verb_report(ctx, w, cls))
    # sentences the parse gave nothing: read the common shapes off the words
    covered = {doc.words[c.cue].sent for c in out if c.cue is not None}
    out.extend(c for sent in range(len(doc.sentences)) if sent not in covered
               for c in [shallow(ctx, sent, muted)] if c is not None)
    return _without_direct(ctx, out, direct)


def headline_sentences(ctx: Context) -> frozenset[int]:
    """The sentences of the document set in title case: its headlines."""
    doc = ctx.doc
    return frozenset(s for s in range(len(doc.sentences)) if title_case(doc.sent_words(s)))


@rule("guard.headline_cue", stage="guard", off=False,
      examples=["U.S. Offers Direct Korea Talks, Proposes Dialogue in Exchange for Halt"])
def headline_cue(ctx: Context, w: Word, headlines: frozenset[int]) -> bool:
    """A headline's tags and parse are guesses: there only the verbs flagged "headline" in
    cue_verbs.tsv report ("..., Lindsey Graham Says")."""
    return w.sent in headlines and verb_lemma(w) not in headline_cues()


def _without_direct(ctx: Context, out: list[Candidate], direct: list[Candidate]) -> list[Candidate]:
    """Drop indirect quotes that are really the direct ones: mostly the same words, or opening
    inside quotation marks (a mixed quote opens before its quoted part)."""
    taken = sorted((c.start, c.end) for c in direct)
    kept = []
    for cand in out:
        near = taken[max(0, bisect.bisect_left(taken, (cand.start - LONGEST_QUOTE,))) : bisect.bisect_left(taken, (cand.end,))]
        if any(overlap(cand.start, cand.end, s, e) > 0.5 * (cand.end - cand.start)
               or (s - 2 <= cand.start < e and overlap(cand.start, cand.end, s, e) > 0.5 * (e - s)
                   and not _clause_goes_on(ctx, cand, e)) for s, e in near):
            continue
        kept.append(cand)
    return kept


def _cue_subject(ctx: Context, w: Word, cls: str) -> tuple[Optional[int], str]:
    """The subject of a verb cue and the rule that found it, or (None, "") when the cue is no
    report's (a modifier, an apposition, a thought with no named source)."""
    doc = ctx.doc
    root = _nominal_root(ctx, w)
    if root is None and modifier_cue(ctx, w):
        return None, ""
    subject, name = find_subject(doc, w.i) if root is None else (root, "speaker.nominal_root")
    if subject is None or subject in ctx.quote_of_word or apposition_cue(ctx, w, subject):
        return None, ""
    if cls == "thought" and unnamed_thinker(ctx, subject):
        return None, ""
    return subject, name or ""


@rule("guard.modifier_cue", stage="guard", off=False, examples=["The influential delegate and conservative activist, who backs Cruz, warned of a “ferocious” battle ahead that could split the party if the Republican establishment tries to steer the nomination to Kasich — or anyone other than the two present frontrunners, for that matter."])
def modifier_cue(ctx: Context, w: Word) -> bool:
    """A modifier or a bare participle is no report ("the leader, estimated to be 29")."""
    return w.deprel in ("amod", "acl") or (w.xpos == "VBN" and not ctx.doc.kids(w.i, "aux"))


@rule("guard.apposition_cue", stage="guard", off=False, examples=["This is in their consciousness,” said Caddell, speaking of Clinton’s health issue."])
def apposition_cue(ctx: Context, w: Word, subject: int) -> bool:
    """ "the leader, estimated to be 29": an apposition, not "the leader estimated"."""
    return subject == w.i - 2 and ctx.doc.words[w.i - 1].text == ","


@rule("guard.unnamed_thinker", stage="guard", off=False, examples=["Now we know: Cruz Control, plus Fox-style Fair & Balanced, is the cure for CNBC-itis!"])
def unnamed_thinker(ctx: Context, subject: int) -> bool:
    """A thought reports only for a named source (a name, a noun, he, she or they)."""
    return not named_source(ctx, subject)


def _verb_report(ctx: Context, w: Word, cls: str) -> list[Candidate]:
    """The reports of the verb cue ``w``: its clauses, else its arguments, else the sentence
    it is inserted in ("..., she said")."""
    subject, sname = _cue_subject(ctx, w, cls)
    if subject is None:
        return []
    found: list[Optional[Candidate]] = []
    if cls == "topic":  # "spoke about the shooting": its topic, never a clause
        found.append(complements(ctx, w.i, cls, subject))
    else:
        clauses = _clauses(ctx, w, cls)
        if not clauses and cls in ("speech", "thought"):
            idx = that_after_cue(ctx, w.i)
            found.append(content(ctx, idx, w.i, subject, rule="reported.that_after_cue") if idx else None)
        if story_goes_on(ctx, w):
            clauses = [(c, n) for c, n in clauses if c.i < w.i]
        found.extend(_clause_report(ctx, w, cls, comp, name, subject) for comp, name in clauses)
        if not any(found) and (cls != "thought" or verb_lemma(w) in object_cues() or verb_lemma(w) in infinitive_cues()
                               or finding(ctx, w.i, subject)):
            found.append(complements(ctx, w.i, cls, subject))
        if not any(found):
            found.append(_trailing(ctx, w, cls, subject))
    return [c.by(sname, ctx.matched(subject)) for c in found if c]


@rule("reported.that_after_cue", stage="reported", priority=20,
      examples=["Citing local news outlets, the Associated Press reports that Hess almost missed Flight 804."])
def that_after_cue(ctx: Context, i: int) -> Optional[list[int]]:
    """The clause whose "that" comes right after the cue, wherever the parse hung it."""
    return _that_clause_after(ctx, i)


def _that_clause_after(ctx: Context, i: int) -> Optional[list[int]]:
    """The words of the clause whose "that" is the word right after word ``i`` (a cue verb
    or noun), wherever the parse hung the clause, run to the end of the clause."""
    doc = ctx.doc
    nxt = doc.words[i + 1] if i + 1 < len(doc.words) else None
    if nxt is None or nxt.text.lower() != "that" or nxt.rel != "mark" or nxt.head <= i + 1 \
            or nxt.sent != doc.words[i].sent or not opens_with_that(doc, nxt.head):
        return None
    idx = contiguous_run([j for j in doc.subtree(nxt.head) if j > i], nxt.i)
    return rest_of_clause(ctx, idx, i)


@rule("guard.story_goes_on", stage="guard", off=False,
      examples=["''Follow us,'' Ms. Gil said, and the boys, intrigued, trailed behind, en route to the plaza at the Bronx criminal courthouse."])
def story_goes_on(ctx: Context, w: Word) -> bool:
    """A conjunction right after the cue goes on with the story: no clause after it reports."""
    after = next((x for x in ctx.doc.words[w.i + 1 : w.i + 3] if x.upos != "PUNCT"), None)
    return after is not None and after.upos == "CCONJ" and after.sent == w.sent


def _clauses(ctx: Context, w: Word, cls: str) -> Clauses:
    """The clauses a verb cue reports, each with the rule that found it."""
    doc = ctx.doc
    clauses: Clauses = [(c, "reported.ccomp") for c in ccomp(ctx, w)]
    if cls != "thought":
        clauses += [(c, "reported.that_advcl") for c in that_advcl(ctx, w)]
    if not clauses:
        clauses = [(c, "reported.that_clause_above") for c in that_clause_above(ctx, w)]
    if cls != "speech":
        return clauses
    if not clauses:
        on_arg = _that_clause_on_argument(ctx, w.i)
        return [(c, "reported.that_on_argument") for c in on_arg] or \
            [(c, "reported.clause_hung_above") for c in _clause_hung_above(ctx, w.i)]
    if _report_start(ctx, w.i) not in {min(doc.subtree(c.i)) for c, _ in clauses}:
        # "said no country should ..., though he didn't mention ...": the cue governs a later
        # clause, and the one that opens right after it hangs above
        clauses = [(c, "reported.clause_hung_above") for c in _clause_hung_above(ctx, w.i)] + clauses
    return clauses


@rule("reported.ccomp", stage="reported", priority=90, off=[],
      examples=["Mr. Kerry said that the United States would defend Japan."])
def ccomp(ctx: Context, w: Word) -> list[Word]:
    """The clausal complement of the cue ("said that X", "believes X")."""
    return ctx.doc.kids(w.i, "ccomp")


@rule("reported.that_advcl", stage="reported", priority=85, off=[],
      examples=["At a rally in Louisiana last week, Mr. Trump rejected attacks from Jeb Bush and other candidates that he was not a conservative."])
def that_advcl(ctx: Context, w: Word) -> list[Word]:
    """A that-clause a small parser made an adverbial clause of a speech or stance verb."""
    return [c for c in ctx.doc.kids(w.i, "advcl") if c.i > w.i and opens_with_that(ctx.doc, c.i)]


@rule("reported.that_clause_above", stage="reported", priority=75, off=[],
      examples=["After the candidates unanimously opposed an increase to the federal minimum wage, O’Malley reminded viewers that he doesn’t:"])
def that_clause_above(ctx: Context, w: Word) -> list[Word]:
    """ "hastened to assure Japan that ...", "tweets ... saying that ...": the that-clause hung
    on the word above a controlled or adverbial cue."""
    doc = ctx.doc
    if w.rel not in ("xcomp", "advcl", "acl") or w.head < 0:
        return []
    return [c for c in doc.kids(w.head, "ccomp", "advcl") if c.i > w.i
            and any(k.text.lower() == "that" and k.i < c.i for k in doc.kids(c.i, "mark"))]


def _clause_report(ctx: Context, w: Word, cls: str, comp: Word, name: str, subject: int) -> Optional[Candidate]:
    """The report a clause makes, or None when a guard rejects it."""
    doc = ctx.doc
    if attribution_not_report(ctx, w, comp):
        return None
    if not has_subject(doc, comp.i):
        return lent_object(ctx, w, cls, comp, subject)  # a reported clause has a subject ("said to be", "said so")
    marks = [k.text.lower() for k in doc.kids(comp.i, "mark") if k.i < comp.i]
    if adverbial_clause(ctx, w, comp, marks) or bare_thought(ctx, cls, comp, marks) or time_clause(ctx, marks):
        return None
    idx = doc.subtree(comp.i)
    if comp.rel in ("acl", "acl:relcl") and comp.head != w.i:
        # "told the audience that she believes we must ...": the parse hung the rest of
        # the report on the argument too
        idx = [j for j in doc.subtree(comp.head) if j >= idx[0]]
    if comp.i > w.i:
        idx = rest_of_clause(ctx, contiguous_run(idx, comp.i), w.i)
    return content(ctx, idx, w.i, subject, rule=name)


@rule("guard.attribution_not_report", stage="guard", off=False,
      examples=["Everyone agrees that the bridge must be repaired, said Mayor Ann Lee."])
def attribution_not_report(ctx: Context, w: Word, comp: Word) -> bool:
    """A speech verb after a comma with its subject after it is the attribution of what came
    before, not a report of the cue ("Everyone agrees that ..., said Mayor Ann Lee")."""
    doc = ctx.doc
    return comp.i > w.i and doc.words[comp.i - 1].text == "," and cue_class(comp) == "speech" \
        and any(s.i > comp.i for s in doc.kids(comp.i, "nsubj"))


@rule("reported.lent_object", stage="reported", priority=45,
      examples=["A quick browse through “moan”-worthy headlines in the past two years shows that demanding equal pay, for example, makes men particularly defensive."])
def lent_object(ctx: Context, w: Word, cls: str, comp: Word, subject: int) -> Optional[Candidate]:
    """ "said the timing of the news was not intentional": the parse made the report's subject
    the cue's object (never an addressee's verb: "told reporters")."""
    doc = ctx.doc
    objs = [o for o in doc.kids(w.i, "obj") if w.i < o.i < comp.i and o.upos in ("NOUN", "PROPN")]
    if objs and cls == "speech" and verb_lemma(w) not in addressee_verbs() \
            and finite([comp, *doc.kids(comp.i, "aux", "cop", "aux:pass")]):
        return content(ctx, sorted(set(doc.subtree(objs[0].i)) | set(doc.subtree(comp.i))), w.i, subject,
                       rule="reported.lent_object")
    return None


@rule("guard.adverbial_clause", stage="guard", off=False,
      examples=["Mrs. Clinton said that when Ms. Warren railed against Wall Street and corporate excesses from her perch in the Senate, ''she is speaking for all of us. ''"])
def adverbial_clause(ctx: Context, w: Word, comp: Word, marks: list[str]) -> bool:
    """ "said after Pagliano failed to show up": when it was said, not what ("suggested while in
    Beijing that ..." keeps its that-clause)."""
    first = min(ctx.doc.subtree(comp.i))
    return ctx.doc.words[first].text.lower() in _ADVERBIAL_OPENERS and first > w.i and "that" not in marks


@rule("guard.bare_thought", stage="guard", off=False, examples=["I think so.", "They know whether it works."])
def bare_thought(ctx: Context, cls: str, comp: Word, marks: list[str]) -> bool:
    """A thought reports a that-clause or a bare clause of four words or more ("polls show
    (that) X"), not "I think so" nor "know whether"."""
    return cls == "thought" and "that" not in marks and (bool(marks) or len(ctx.doc.subtree(comp.i)) < 4)


@rule("guard.time_clause", stage="guard", off=False, examples=["Asked if Sanders is “realistic enough to serve effectively as president,” 72 percent of Democrats said yes while 48 percent overall agreed and 44 percent of Independents disagreed."])
def time_clause(ctx: Context, marks: list[str]) -> bool:
    """A clause opened by a mark other than that, whether or if is a time or reason clause."""
    return "that" not in marks and any(m not in ("whether", "if") for m in marks)


@rule("reported.trailing_attribution", stage="reported", priority=40,
      examples=["The talks will resume next week, Mr. Kerry said on Sunday."])
def _trailing(ctx: Context, w: Word, cls: str, subject: int) -> Optional[Candidate]:
    """An attribution after the clause it reports ("..., she said"): parataxis in UD, sometimes
    ccomp or conj of the reported clause's verb. The report is the sentence (or the clause the
    cue hangs on), minus the attribution's own words; not a clause of its own after a
    semicolon, and not what came before ", adding that X"."""
    doc = ctx.doc
    trailing = w.rel in ("ccomp", "conj") and 0 <= w.head < w.i and doc.words[w.i - 1].text in (",", "\u2014") \
        or (w.rel in ("ccomp", "conj") and _subject_after_comma(ctx, subject, w.i))
    if not (w.rel == "parataxis" or trailing) or cls == "stance" or w.head < 0 or w.head in ctx.quote_of_word:
        return None
    own = set(contiguous_run(doc.subtree(w.i), w.i))
    if any(doc.words[j].text in (";", ":") for j in (min(own), min(own) - 1) if j >= 0):
        return None  # "...; they only learned of it Friday": a clause of its own
    head = w.head
    while doc.words[head].deprel in ("acl:relcl", "acl", "advcl") and doc.words[head].head >= 0:
        head = doc.words[head].head  # report the sentence, not the relative clause it hangs on
    return content(ctx, sentence_or_clause(doc, head, own), w.i, subject, rule="reported.trailing_attribution")


@rule("reported.clause_goes_on", stage="merge", priority=50, off=False,
      examples=["Sanders says \"the wind is at our backs\" despite his loss in Nevada."])
def _clause_goes_on(ctx: Context, cand: Candidate, quote_end: int) -> bool:
    """'Sanders says "the wind is at our backs" despite his loss ...': the reported clause
    opens with the quotation and goes on past it for three words or more, in the same
    sentence and outside any other quotation: a mixed quote, not the direct one again."""
    doc = ctx.doc
    rest = list(doc.words_in(quote_end, cand.end))
    after = [w for w in rest if w.upos != "PUNCT"]
    # (a comma or dash opens narration: '"Don't you do it," until gunshots are heard',
    # '"fair" to him, engaging in what analysts described as ...')
    return len(after) >= 3 and not any(w.i in ctx.quote_of_word for w in after) \
        and after[0].text.lower() not in _ADVERBIAL_OPENERS \
        and not any(w.text in (",", ";", ":", "\u2014", "--") for w in rest) \
        and len({w.sent for w in doc.words_in(cand.start, cand.end)}) == 1


@rule("speaker.nominal_root", stage="speaker", priority=85,
      examples=["Oz practices medicine), calling for his dismissal."])
def _nominal_root(ctx: Context, w: Word) -> Optional[int]:
    """ "Adam Schiff, the top Democrat on the committee, called on Obama to ...": a parse
    whose sentence has no verb at its root, the cue hung on the apposition as a modifier
    after a comma. The cue is the main verb and the root name its subject."""
    doc = ctx.doc
    if w.deprel != "acl" or w.i == 0 or doc.words[w.i - 1].text != "," or doc.kids(w.i, "nsubj", "nsubj:pass"):
        return None
    root = next((x for x in doc.sent_words(w.sent) if x.head < 0), None)
    if root is None or root.upos not in ("PROPN", "NOUN") or root.i > w.i:
        return None
    if any(x.upos in ("VERB", "AUX") and x.rel not in ("acl", "acl:relcl", "amod") and x.i < w.i
           for x in doc.sent_words(w.sent)):
        return None
    return root.i


@rule("reported.that_on_argument", stage="reported", priority=70, off=[],
      examples=["But in describing the plan as a short-term buzz that voters would reject if they only understood it, the journalists are missing the sound reasons people are supporting a plan like Sanders’."])
def _that_clause_on_argument(ctx: Context, cue: int) -> list:
    """"tweeted in the early hours that X", "told a group of veterans that X": a small parser
    hangs the reported clause on the cue's object or time phrase, as if it were a relative
    clause. A that-clause with a subject of its own is the report; "the report that was
    released" (where "that" is the subject) is not."""
    doc = ctx.doc
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


def _subject_after_comma(ctx: Context, subject: int, cue: int) -> bool:
    """'..., Obama and Clinton said': the cue's subject phrase fills the gap between a comma and the cue."""
    doc = ctx.doc
    span = [j for j in doc.subtree(subject) if doc.words[j].upos != "PUNCT"]  # the comma may hang on it
    return max(span) == cue - 1 and min(span) > 0 and doc.words[min(span) - 1].text == ","


def _report_start(ctx: Context, cue: int) -> Optional[int]:
    """Where a report right after the cue would open: the next word, or the one after "that"."""
    doc = ctx.doc
    start = cue + 1
    if start < len(doc.words) and doc.words[start].text.lower() == "that":
        start += 1
    if start >= len(doc.words) or doc.words[start].sent != doc.words[cue].sent:
        return None
    return start


@rule("reported.clause_hung_above", stage="reported", priority=65, off=[],
      examples=["To win the White House, candidates probably need to capture about 40 percent of the Hispanic vote, political analysts say; in 2012, Mitt Romney stumbled with 27 percent."])
def _clause_hung_above(ctx: Context, cue: int) -> list:
    """'when he said no country should "selfishly" destabilize the region': the parse hung the
    clause that opens right after the cue (or after its "that") on a word above the cue."""
    doc = ctx.doc
    start = _report_start(ctx, cue)
    if start is None:
        return []
    for above in doc.ancestors(cue):
        for c in doc.kids(above, "parataxis", "ccomp"):
            if c.i > cue and min(doc.subtree(c.i)) == start:
                return [c]
    return []


@rule("reported.noun_cue", stage="reported", priority=30,
      examples=["Trump's claim that there have been thousands of shootings was false."])
def _noun_cue(ctx: Context, i: int) -> Optional[Candidate]:
    """ "Trump's claim that there have been thousands of shootings": the possessor is the source."""
    doc = ctx.doc
    w = doc.words[i]
    if w.upos != "NOUN" or w.lemma.lower() not in cue_nouns():
        return None
    owners = [c for c in doc.kids(i, "nmod:poss") if c.upos in ("PROPN", "NOUN", "PRON")] \
        or [c for c in doc.kids(i, "nmod") if any(k.text.lower() == "by" for k in doc.kids(c.i, "case"))]
    if not owners or owners[0].text.lower() in ("its", "their", "my", "our", "your"):
        return None
    # "Trump's claim that there have been ...", the clause made a sibling of the noun
    idx = _that_clause_after(ctx, i)
    cand = content(ctx, idx, i, owners[0].i, rule="reported.noun_cue") if idx else None
    return cand.by("reported.noun_cue", ctx.matched(owners[0].i)) if cand is not None else None


@rule("reported.according_to", stage="reported", priority=60,
      examples=["The deal is off, according to two officials.", "According to the senator, the bill will pass."])
def _according_to(ctx: Context, hit: tuple[int, int]) -> Optional[Candidate]:
    """ "..., according to X" and "According to X, ...": X (up to the next comma) said the
    sentence, or the clause the phrase hangs on."""
    doc = ctx.doc
    first, last = hit
    source = ctx.source_phrase_words(hit)
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
    cand = content(ctx, idx, first, None, subject_words=source)
    cand = cand.by("reported.according_to", ctx.matched(first, last)) if cand is not None else None
    return cand.by("reported.according_to", ctx.matched(*source)) if cand is not None else None
