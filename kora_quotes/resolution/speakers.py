"""Speakers: who the subject phrase of a cue is.

The subject phrase of a cue is found by the speaker rules (:mod:`kora_quotes.rules.speakers`);
:class:`SpeakerResolver` turns it into
:class:`~kora_quotes.output.quote.Speaker` objects: proper names through the
document's :class:`~kora_quotes.resolution.entities.EntityIndex`, pronouns to the
nearest compatible entity (the previous quote's speaker as a strong prior),
nominals ("the senator", "these officials") to a matching earlier speaker or
entity, anonymous and group speakers kept as written.
"""

from __future__ import annotations

from typing import Optional

import attrs
import regex

from ..lexicon import group_words, role_nouns, word_class
from ..output.quote import Span, Speaker, SpeakerKind
from ..parsing.doc import ParsedDoc
from ..rules.registry import switch
from ..rules.speakers import phrase_words
from .entities import Entity, EntityIndex, Mention

_PRONOUNS = {
    "he": ("male", "sg"), "him": ("male", "sg"), "she": ("female", "sg"), "her": ("female", "sg"),
    "they": (None, "pl"), "them": (None, "pl"), "it": (None, "it"), "we": (None, "pl"), "i": (None, "sg"),
}
_DEFINITE = word_class("definite")


# Steps of resolution, each a named rule (switched off, the step is skipped): name, stage,
# priority, an example, what the step does.
_STEPS = {name: switch(name, stage=stage, priority=priority, examples=[example], doc=doc)
          for name, stage, priority, example, doc in (
    ('coref.pronoun_same_sentence', 'coref', 90, 'President Xi appeared to take a swipe at Pyongyang when he said no country should destabilize the region.', 'A pronoun speaks for a compatible subject earlier in its sentence.'),
    ('coref.pronoun_previous_speaker', 'coref', 80, '"We are ready," Mr. Kerry said. He added that the talks would resume.', "A pronoun speaks for the previous quote's speaker, when compatible and within two paragraphs."),
    ('coref.pronoun_nearest_entity', 'coref', 70, 'Senator John McCain visited Seoul on Monday. He said the alliance was strong.', 'A pronoun speaks for the nearest compatible entity before it.'),
    ('coref.definite_group', 'coref', 60, 'U.S. officials said the talks failed. These officials also said more were planned.', '"these officials" are the earlier group speaker with the same head noun.'),
    ('coref.definite_name', 'coref', 55, '"The world economy has moved sideways," IMF chief economist Maury Obstfeld said. "Without determined policy action to support economic activity over the short and longer terms, sub-par growth at recent levels risks perpetuating itself - through the negative economic and political forces it is unleashing." The IMF pointed to Britain\'s decision to leave the European Union as an example of rising sentiment against globalization that risks undermining international trade and investment, a key factor driving the world economy for decades.', 'A capitalised noun after a determiner ("The IMF", "the Post") is the entity whose name holds it.'),
    ('coref.definite_role', 'coref', 50, 'Sen. John McCain spoke first. The senator said the plan was flawed.', '"the senator" is the nearest entity whose role holds the noun.'),
    ('role.head_noun', 'role', 40, '"The relations at the top seem disconnected," said an aide to Mr. Kerry.', 'A speaker named by a common noun ("an aide", "officials") has that noun as its role.'),
)}


@attrs.define
class _History:
    """Speakers given so far, for pronoun and nominal resolution."""

    speakers: list[tuple[int, Speaker, Optional[int]]] = attrs.field(factory=list)  # (offset, speaker, entity id)


class SpeakerResolver:
    def __init__(self, doc: ParsedDoc, entities: EntityIndex) -> None:
        self.doc = doc
        self.entities = entities
        self.history = _History()
        # id(Speaker) -> (the speaker, its entity id, the coref rule that named it), for the final
        # refresh and the trace. The speaker is kept so that its id cannot pass to a new object
        # while this resolver lives (a freed speaker's id once gave a later, unrelated mention its
        # entity: "The poll" refreshed as Hillary Clinton)
        self._made: dict[int, tuple[Speaker, Optional[int], str]] = {}
        self._roles: dict[int, tuple[Span, ...]] = {}  # an entity's roles, as last built

    # -- public -------------------------------------------------------------------
    def resolve(self, head: int, exclude: set[int]) -> list[Speaker]:
        """Speakers for the subject phrase headed by word ``head`` (several for a joint statement)."""
        doc = self.doc
        words = phrase_words(doc, head, exclude)
        joint = self._joint(head, words, exclude)
        if joint:
            speakers = joint
        elif self._mixed_group(head, words):
            # "South Korea and Japanese officials": one group, named as written
            noun = self._mixed_group(head, words)
            speakers = [self._make(words, role=noun, kind=SpeakerKind.GROUP)]
        else:
            speakers = [self._one(head, words)]
        for sp in speakers:
            self.history.speakers.append((sp.start, sp, self.entity_id(sp)))
        return speakers

    def resolve_phrase(self, head: int, words: list[int]) -> list[Speaker]:
        """Speakers for a source phrase read off the words (no parse structure relied on)."""
        speakers = self._joint_by_words(words) or [self._one(head, words)]
        for sp in speakers:
            self.history.speakers.append((sp.start, sp, self.entity_id(sp)))
        return speakers

    def _joint_by_words(self, words: list[int]) -> list[Speaker]:
        """ "Mr. Kerry and China's top official, State Councilor Yang Jiechi": split at "and"
        when a person is named on both sides."""
        doc = self.doc
        cuts = [k for k, j in enumerate(words) if doc.words[j].text.lower() == "and"]
        if len(cuts) != 1:
            return []
        sides = [words[: cuts[0]], words[cuts[0] + 1 :]]
        out = []
        for side in sides:
            side = [j for j in side if doc.words[j].upos != "PUNCT"] or side
            # a person, or a bare name of unknown kind that is the whole side ("Obama and Clinton")
            people = [m for m in (self.entities.mention_at(j) for j in side) if m is not None
                      and (self.entities.entity(m).kind == SpeakerKind.PERSON
                           or (self.entities.entity(m).kind == SpeakerKind.UNKNOWN and m.title_first <= side[0] and m.last >= side[-1]))]
            if not people:
                return []
            m = people[-1]
            out.append(self._make(list(range(m.title_first, m.last + 1)), entity=self.entities.entity(m)))
        return out

    def how(self, speaker: Speaker) -> str:
        """The coreference rule that named ``speaker`` ("" for a name as written)."""
        entry = self._made.get(id(speaker))
        return entry[2] if entry is not None and entry[0] is speaker else ""

    def entity_of(self, speaker: Speaker) -> Optional[Entity]:
        ent_id = self.entity_id(speaker)
        return None if ent_id is None else self.entities.entities[ent_id]

    def entity_id(self, speaker: Speaker) -> Optional[int]:
        """The entity ``speaker`` was made for, if this resolver made it from one."""
        entry = self._made.get(id(speaker))
        return entry[1] if entry is not None and entry[0] is speaker else None

    def refresh(self, speaker: Speaker) -> Speaker:
        """The speaker with its entity's final role and gender (learnt from later mentions)."""
        ent_id = self.entity_id(speaker)
        if ent_id is None:
            return speaker
        ent = self.entities.entities[ent_id]
        roles = self._roles.get(ent_id)
        if roles is None or len(roles) != len(ent.roles):  # (the quotes of one entity share them)
            roles = self._roles[ent_id] = tuple(Span.from_text(self.doc.text, s, e) for s, e in ent.roles)
        return attrs.evolve(speaker, name=ent.canonical, role=ent.role or speaker.role, roles=roles,
                            gender=ent.gender or speaker.gender, affiliation=ent.affiliation or speaker.affiliation,
                            kind=ent.kind if ent.kind != SpeakerKind.UNKNOWN else SpeakerKind.PERSON)

    # -- internals ------------------------------------------------------------------
    def _make(self, words: list[int], *, name: Optional[str] = None, entity: Optional[Entity] = None, how: str = "",
              role: Optional[str] = None, kind: SpeakerKind = SpeakerKind.UNKNOWN, gender: Optional[str] = None) -> Speaker:
        doc = self.doc
        start, end = doc.span_of(words)
        if entity is not None:
            kind = entity.kind if entity.kind != SpeakerKind.UNKNOWN else SpeakerKind.PERSON
            sp = Speaker.from_mention(doc.text, start, end, name=entity.canonical, role=entity.role or role,
                                      kind=kind, gender=entity.gender or gender, affiliation=entity.affiliation)
            self._made[id(sp)] = (sp, entity.id, how)
            return sp
        sp = Speaker.from_mention(doc.text, start, end, name=name, role=role, kind=kind, gender=gender)
        if how:
            self._made[id(sp)] = (sp, None, how)
        return sp

    def _joint(self, head: int, words: list[int], exclude: set[int]) -> list[Speaker]:
        """ "Mr. Kerry and ... State Councilor Yang Jiechi said": one speaker per named conjunct."""
        doc = self.doc
        if head not in words:
            return []  # the head was cut off the phrase (a dateline before the dash): no joint statement
        conjuncts = [c.i for c in doc.kids(head, "conj") if c.i in words]
        people_only = False
        if not conjuncts:
            # "his rivals, Govs. Jeb Bush and Chris Christie, who say ...": the names in apposition
            # (people only, and not in parentheses: "Sen. John McCain (R., Ariz.)")
            appos = next((a for a in doc.kids(head, "appos") if a.i in words and not self._in_parentheses(a.i, words)
                          and any(c.i in words for c in doc.kids(a.i, "conj"))), None)
            if appos is None:
                return []
            people_only = True
            head = appos.i
            words = [j for j in words if j in doc.subtree(head)]
            conjuncts = [c.i for c in doc.kids(head, "conj") if c.i in words]
        out = []
        for h in [head, *conjuncts]:
            sub = [j for j in doc.subtree(h) if j in words and (h != head or all(j not in doc.subtree(c) for c in conjuncts))]
            sub = [j for j in sub if doc.words[j].rel not in ("cc",) and doc.words[j].upos != "PUNCT"] or [h]
            mention = self.entities.mention_at(h) or self._appos_mention(h, sub)
            if mention is None and doc.words[h].upos == "PROPN":
                mention = self.entities.mention_in(sub)  # "Govs./PROPN Jeb Bush": a title the parse made the head
            if mention is None:
                return []
            ent = self.entities.entity(mention)
            if ent.kind not in (SpeakerKind.PERSON, SpeakerKind.UNKNOWN, SpeakerKind.ORGANIZATION) \
                    or (people_only and ent.kind != SpeakerKind.PERSON):
                return []
            out.append(self._make(sorted(sub), entity=ent))
        return out

    def _mixed_group(self, head: int, words: list[int]) -> Optional[str]:
        """The plural common noun among coordinated subjects, if any ("officials")."""
        doc = self.doc
        for h in [head, *[c.i for c in doc.kids(head, "conj") if c.i in words]]:
            w = doc.words[h]
            if h != head or doc.kids(head, "conj"):
                if w.upos == "NOUN" and (w.xpos == "NNS" or "Number=Plur" in w.feats) and doc.kids(head, "conj"):
                    return w.text.lower()
        return None

    def _appos_mention(self, h: int, sub: list[int]) -> Optional[Mention]:
        for c in self.doc.kids(h, "appos"):
            m = self.entities.mention_at(c.i)
            if m is not None:
                return m
        return None

    def _one(self, head: int, words: list[int]) -> Speaker:
        doc = self.doc
        w = doc.words[head]
        low = w.text.lower()
        if low in _PRONOUNS:
            return self._pronoun(head, words)
        if w.upos == "PRON":
            # "someone asked", "everyone agrees": no one in particular, never the last person named
            return self._make(words, kind=SpeakerKind.UNKNOWN)
        mention = self.entities.mention_at(head)
        if self._in_parentheses(head, words):
            # "Sen. John McCain (R., Ariz.) said": the parse may pick the affiliation as head
            mention = self.entities.mention_in([j for j in words if not self._in_parentheses(j, words)]) or mention
        if mention is None and w.upos == "PROPN":
            mention = self.entities.mention_in([j for j in words if doc.words[j].upos == "PROPN"])
        if mention is None:
            mention = self._appos_mention(head, words)
        if mention is None and w.upos == "NOUN":
            # "Senior researcher Mu Li": the name hangs on the role noun
            for c in doc.kids(head, "flat", "compound", "appos"):
                if c.i > head and self.entities.mention_at(c.i) is not None:
                    mention = self.entities.mention_at(c.i)
                    break
        # a person named at the end of the phrase speaks: after a mistagged head ("IMF/VERB chief
        # economist Maury Obstfeld"), rather than the place or party before his title ("Ohio/nsubj
        # Democratic Party Chairman David Pepper/flat") and, as a full name, rather than a name,
        # title or dateline that modifies it ("Cruz constituent Dan Golvach", "Vice President for
        # news and talk Dave Gorab", "CLEVELAND, July 19 (UPI) — Former Attorney General ...")
        final = self._final_person(words)
        if mention is None and w.upos not in ("NOUN", "PROPN", "PRON") and final is not None:
            return self._make(words, entity=self.entities.entity(final))
        if mention is not None and final is not None and final is not mention and (
                self.entities.entity(mention).kind in (SpeakerKind.PLACE, SpeakerKind.ORGANIZATION)
                or (final.last > final.first and not any(doc.words[j].upos in ("VERB", "AUX") for j in words))):
            mention = final
        if mention is not None and w.upos in ("PROPN", "NOUN", "X"):
            ent = self.entities.entity(mention)
            if w.upos == "PROPN" or ent.kind == SpeakerKind.PERSON:
                # the mention as written includes its title, even where the parse split it off
                span = set(range(mention.title_first, mention.last + 1))
                if min(span) >= min(words) - len(span) and doc.words[mention.title_first].sent == w.sent:
                    words = sorted(set(words) | span)
                return self._make(words, entity=ent)
        return self._nominal(head, words)

    def _final_person(self, words: list[int]) -> Optional[Mention]:
        """The mention of a person that ends the phrase ``words``, if any."""
        content = [j for j in words if self.doc.words[j].upos != "PUNCT"]
        if not content:
            return None  # a source phrase of punctuation alone ("according to...")
        last = self.entities.mention_at(max(content))
        return last if last is not None and self.entities.entity(last).kind == SpeakerKind.PERSON else None

    def _in_parentheses(self, i: int, words: list[int]) -> bool:
        doc = self.doc
        opened = False
        for j in words:
            if j == i:
                return opened
            if doc.words[j].text == "(":
                opened = True
            elif doc.words[j].text == ")":
                opened = False
        return False

    def _pronoun(self, head: int, words: list[int]) -> Speaker:
        doc = self.doc
        w = doc.words[head]
        gender, number = _PRONOUNS.get(w.text.lower(), (None, "sg"))
        offset = w.start
        # 1. a compatible subject earlier in the same sentence ("President Xi appeared ... when he said")
        same_sentence = [m for m in self.entities.preceding(offset, max_paragraphs=0) if m.sent == w.sent] \
            if _STEPS["coref.pronoun_same_sentence"]() else []
        for m in same_sentence:
            ent = self.entities.entity(m)
            if self._compatible(ent, gender, number) and doc.words[m.last].rel in ("nsubj",):
                return self._adopt(words, ent, gender, how="coref.pronoun_same_sentence")
        # 2. the previous quote's speaker, when compatible and recent
        para = doc.paragraph_of(offset)
        for off, sp, ent_id in reversed(self.history.speakers[-1:] if _STEPS["coref.pronoun_previous_speaker"]() else []):
            if para - doc.paragraph_of(off) <= 2:
                if ent_id is not None:
                    ent = self.entities.entities[ent_id]
                    if self._compatible(ent, gender, number):
                        return self._adopt(words, ent, gender, how="coref.pronoun_previous_speaker")
                elif number == "pl" and sp.kind in (SpeakerKind.GROUP, SpeakerKind.ORGANIZATION):
                    return self._make(words, name=sp.name, role=sp.role, kind=sp.kind, how="coref.pronoun_previous_speaker")
        # 3. the nearest compatible entity before it
        for m in (self.entities.preceding(offset) if _STEPS["coref.pronoun_nearest_entity"]() else []):
            ent = self.entities.entity(m)
            if self._compatible(ent, gender, number):
                return self._adopt(words, ent, gender, how="coref.pronoun_nearest_entity")
        kind = SpeakerKind.PERSON if gender else SpeakerKind.UNKNOWN
        return self._make(words, kind=kind, gender=gender)

    def _adopt(self, words: list[int], ent: Entity, gender: Optional[str], how: str) -> Speaker:
        if gender and not ent.gender and ent.kind == SpeakerKind.PERSON:
            ent.gender = gender  # the pronoun is evidence
        return self._make(words, entity=ent, how=how)

    @staticmethod
    def _compatible(ent: Entity, gender: Optional[str], number: str) -> bool:
        if number == "sg":
            if ent.kind not in (SpeakerKind.PERSON, SpeakerKind.UNKNOWN):
                return False
            if ent.kind == SpeakerKind.UNKNOWN and gender and ent.gender != gender:
                return False  # a lone capitalised word ("Obamacare", "Honolulu") is "he" only on evidence
            return gender is None or ent.gender in (None, gender) if gender else True
        if number == "it":
            return ent.kind in (SpeakerKind.ORGANIZATION, SpeakerKind.PLACE)
        return ent.kind in (SpeakerKind.ORGANIZATION, SpeakerKind.PLACE)

    def _nominal(self, head: int, words: list[int]) -> Speaker:
        doc = self.doc
        w = doc.words[head]
        lemma = w.lemma.lower()
        low = w.text.lower()
        dets = {c.text.lower() for c in doc.kids(head, "det")}
        plural = w.xpos in ("NNS", "NNPS") or "Number=Plur" in w.feats
        definite = bool(dets & _DEFINITE)
        if definite and plural and _STEPS["coref.definite_group"]():
            # "these officials" -> the earlier group speaker with the same head noun
            for off, sp, ent_id in reversed(self.history.speakers):
                if ent_id is None and sp.role and sp.role.lower() in (low, lemma):
                    return self._make(words, name=sp.name, role=sp.role, kind=sp.kind, how="coref.definite_group")
        named_by_modifier = any(c.upos == "PROPN" for c in doc.kids(head, "compound", "amod", "nmod:poss"))
        if definite and not named_by_modifier:
            # "the senator" -> nearest entity whose role holds the noun
            if not w.text.islower() and _STEPS["coref.definite_name"]():
                # "The IMF", "the Post": a name the tagger called a noun, the entity that bears it
                for m in self.entities.preceding(w.start):
                    ent = self.entities.entity(m)
                    if w.text in ent.canonical.split():
                        return self._make(words, entity=ent, how="coref.definite_name")
            if not plural and w.text.islower():  # a name is not a role
                for m in (self.entities.preceding(w.start) if _STEPS["coref.definite_role"]() else []):
                    ent = self.entities.entity(m)
                    # a word of the role, not part of one ("the poll" is not the pollster)
                    if ent.role and lemma in regex.split(r"[^\w.]+", ent.role.lower()):
                        return self._make(words, entity=ent, how="coref.definite_role")
        if w.upos == "PROPN":
            return self._make(words, kind=SpeakerKind.PERSON)
        role = low if (low in role_nouns() or lemma in role_nouns()) and _STEPS["role.head_noun"]() else None
        if lemma in group_words():
            kind = SpeakerKind.ORGANIZATION
        elif plural:
            kind = SpeakerKind.GROUP
        elif role:
            kind = SpeakerKind.ANONYMOUS
        else:
            kind = SpeakerKind.UNKNOWN
        return self._make(words, role=role or (low if w.upos == "NOUN" and _STEPS["role.head_noun"]() else None), kind=kind)
