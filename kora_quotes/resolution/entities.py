"""Entity tracking within one document: proper-name mentions, titles, roles, canonical names.

Mentions come from the parse: runs of proper nouns, with a title stripped off
their front ("Secretary of State", "Sen.", "Mr."), an apposition giving a role
("Fumio Kishida, Japan's foreign minister"), and a parenthesis right after the
name kept as affiliation ("(R., Ariz.)"). Mentions whose names share tokens
("John Kerry", "Mr. Kerry", "Kerry") form one entity; its canonical name is its
fullest name.
"""

from __future__ import annotations

import bisect
from typing import Optional, Sequence

import attrs
import regex

from ..parsing.doc import ParsedDoc, Word
from ..lexicon import max_title_len, org_suffixes, places, role_nouns, time_words, titles, word_class
from .affiliations import affiliation_of
from .names import first_name_gender, is_given_name
from ..output.quote import SpeakerKind
from ..rules.registry import rule

_NAME_PUNCT = {".", "-", "'", "\u2019"}
_CAPITALISED = regex.compile(r"^\p{Lu}")
_ACRONYM = regex.compile(r"^(?:\p{Lu}{2,4}|(?:\p{Lu}\.){2,6})$")  # NATO, FBI, U.N.; not "PENCE"
_DETERMINERS = word_class("determiners")
_BRIDGE = word_class("name-bridges")
# A people's adjective ("a North Korean move", "the Iranian side"): before a noun it modifies,
# a run ending so names no one.
_DEMONYM = regex.compile(r"(?:an|ese|ish|i)$")
# "the North", "the South": a compass word standing for the place it opens ("North Korea").
_COMPASS = word_class("compass")
_SUFFIXES = word_class("name-suffixes")
_NEVER_OPENERS = word_class("never-name-openers")


@attrs.define(slots=True)
class Entity:
    id: int
    names: list[tuple[str, ...]]
    kind: SpeakerKind
    role: Optional[str] = None
    gender: Optional[str] = None
    affiliation: Optional[str] = None
    role_rule: Optional[str] = None  # the rule that gave the role
    affiliation_rule: Optional[str] = None  # the rule that gave the affiliation
    roles: list[tuple[int, int]] = attrs.field(factory=list)  # each role the text gives it: (start, end)
    _wordings: set[str] = attrs.field(factory=set, repr=False)  # those roles' words, lower-cased

    def add_role(self, text: str, start: int, end: int) -> None:
        """Keep the span of a role in ``text``, once for each wording (at its first mention): a
        long text that calls someone "President" a thousand times gives one "President"."""
        key = " ".join(text[start:end].lower().split())
        if key not in self._wordings:
            self._wordings.add(key)
            self.roles.append((start, end))

    @property
    def canonical(self) -> str:
        best = max(self.names, key=lambda n: (len(n), any(not t.isupper() for t in n), -self.names.index(n)))
        name = _join(best)
        # a transcript label in capitals ("PENCE") reads as a name
        return name.title() if name.isupper() and len(name) > 4 else name


@attrs.frozen(slots=True)
class Mention:
    entity: int
    first: int  # word index of the first name word (after any title)
    last: int  # word index of the last name word
    title_first: int  # word index where the mention starts, title included
    start: int
    end: int
    sent: int
    in_quote: bool


def _join(words: tuple[str, ...]) -> str:
    out = ""
    for w in words:
        if out and not (w in ("-",) or out.endswith("-")):
            out += " "
        out += w
    return out


def _headline_verb(w: Word) -> bool:
    """A reporting verb capitalised in a headline ("Obama Says ..."), tagged as part of a name."""
    # only "say" and "tell": other verb forms are also name words ("United States", "Reports")
    return w.text.lower() in ("says", "said", "tells", "told")


def _is_name_word(w: Word) -> bool:
    if w.upos == "PROPN" or (w.xpos in ("NNP", "NNPS") and w.text[:1].isupper()):  # "New/ADJ/NNP York"
        return not _headline_verb(w)
    # Abbreviated initials and "Jr." are often tagged otherwise
    return bool(w.text[:1].isupper() and w.text.endswith(".") and len(w.text) <= 4 and w.upos in ("NOUN", "X", "ADJ"))


class EntityIndex:
    """All proper-name entities of a document, with their mentions in order."""

    def __init__(self, doc: ParsedDoc, quoted: list[tuple[int, int]], known: Sequence[Entity] = ()) -> None:
        """``known``: the entities of earlier sections of the same document (see
        :func:`kora_quotes.attribution.attribute_sections`), which later names join."""
        self.doc = doc
        self.entities: list[Entity] = list(known)
        self.mentions: list[Mention] = []
        self._by_word: dict[int, Mention] = {}
        self._quoted = sorted(quoted)
        self._ends: list[int] = []
        # lookups by name, so that finding an entity costs the same in a long text as in a short
        # one: a lower-cased name -> the latest entity with it; a name word -> entity ids
        self._exact: dict[tuple[str, ...], Entity] = {}
        self._by_token: dict[str, set[int]] = {}
        for entity in self.entities:
            for name in entity.names:
                self._index(entity, name)
        self._build()

    # -- building -----------------------------------------------------------------
    def _inside_quote(self, start: int) -> bool:
        k = bisect.bisect_right(self._quoted, (start, float("inf"))) - 1
        return k >= 0 and self._quoted[k][0] <= start < self._quoted[k][1]

    def _runs(self) -> list[tuple[int, int]]:
        runs, words = [], self.doc.words
        i = 0
        while i < len(words):
            if _is_name_word(words[i]) and _CAPITALISED.match(words[i].text) \
                    and words[i].text.lower() not in _NEVER_OPENERS:
                j = i
                while j + 1 < len(words) and words[j + 1].sent == words[i].sent and (
                    _is_name_word(words[j + 1]) or (words[j + 1].text in _NAME_PUNCT and words[j + 1].start == words[j].end)
                ):
                    j += 1
                while j > i and words[j].text in _NAME_PUNCT:
                    j -= 1
                runs.append((i, j))
                i = j + 1
            else:
                i += 1
        return runs

    def _title_before(self, first: int, last: int) -> tuple[int, Optional[str], Optional[str], Optional[int]]:
        """Strip a title from the front of the run [first, last] (it may start before the run).
        Returns (first name word, role, gender, first title word or None)."""
        words = self.doc.words
        table = titles()
        # the title ends at position p (inside the run or just before it); prefer the latest p
        for p in range(last - 1, first - 2, -1):
            if p < 0:
                continue
            for k in range(min(max_title_len(), p + 1), 0, -1):
                q = p - k + 1
                if q < 0 or words[q].sent != words[first].sent:
                    continue
                key = tuple(w.text for w in words[q : p + 1])
                hit = table.get(key)
                if hit is None and k > 1:
                    hit = table.get(tuple(t[:1].upper() + t[1:] for t in key))
                if hit is not None:
                    role, gender = hit
                    q, role = self._title_compound(q, first, role)
                    return p + 1, role, gender, q
        return first, None, None, None

    def _build(self) -> None:
        words = self.doc.words
        for first, last in self._runs():
            name_first, role, gender, title_first = self._title_before(first, last)
            if name_first > last:
                continue
            name_first, role, title_first = self._title_of_place(first, name_first, last, role, title_first)
            name = tuple(w.text for w in words[name_first : last + 1])
            if all(t in _NAME_PUNCT or t.lower() in time_words() for t in name):
                continue  # "Monday", "September": dates, not speakers
            if self._people_adjective(last):
                continue
            kind = _kind_of(name, role is not None or gender is not None)
            entity = self._compass_place(name, name_first) or self._find(name, kind, gender)
            quoted = self._inside_quote(words[first].start)
            if entity is None:
                entity = Entity(len(self.entities), [name], kind)
                self.entities.append(entity)
                self._index(entity, name)
            elif name not in entity.names and not quoted:  # (not a nickname in quotation marks: "Lyin' Ted")
                entity.names.append(name)
                self._index(entity, name)
                if len(name) > 1 and entity.kind == SpeakerKind.UNKNOWN:
                    entity.kind = kind
            if role and _title_role():
                if not entity.role:
                    entity.role, entity.role_rule = role, "role.title"
                entity.add_role(self.doc.text, words[title_first].start, words[name_first - 1].end)
            if gender and not entity.gender:
                entity.gender = gender
            if entity.kind == SpeakerKind.PERSON and not entity.gender and len(name) > 1:
                entity.gender = first_name_gender(name[0])
            appos_role, rule_name, appos_span = self._apposition_role(name_first, last)
            if appos_role and not entity.role:
                entity.role, entity.role_rule = appos_role, rule_name
            if appos_span is not None:
                entity.add_role(self.doc.text, *appos_span)
            if kind == SpeakerKind.PERSON and not entity.affiliation:
                entity.affiliation, entity.affiliation_rule = affiliation_of(
                    self.doc, words[last].end, title_first if role else None, appos_role)
            start_word = title_first if title_first is not None else name_first
            mention = Mention(entity.id, name_first, last, start_word, words[start_word].start, words[last].end,
                              words[first].sent, quoted)
            self.mentions.append(mention)
            for k in range(start_word, last + 1):
                self._by_word[k] = mention

    def _people_adjective(self, last: int) -> bool:
        """ "a North Korean move": the run's last word is a people's adjective on the next word."""
        words = self.doc.words
        w = words[last]
        if last + 1 >= len(words) or not _DEMONYM.search(w.text):
            return False
        nxt = words[last + 1]
        return nxt.sent == w.sent and nxt.upos == "NOUN" and nxt.text[:1].islower() and w.head == nxt.i \
            and w.rel in ("amod", "compound")

    def _compass_place(self, name: tuple[str, ...], first: int) -> Optional[Entity]:
        """ "the North" after "North Korea": the one place named so far that opens with the word."""
        if len(name) != 1 or name[0] not in _COMPASS or first == 0 or self.doc.words[first - 1].text.lower() != "the":
            return None
        places_so_far = [e for e in self.entities if e.kind == SpeakerKind.PLACE
                         and any(len(n) > 1 and n[0] == name[0] for n in e.names)]
        return places_so_far[0] if len(places_so_far) == 1 else None

    def _index(self, entity: Entity, name: tuple[str, ...]) -> None:
        lowered = tuple(t.lower() for t in name)
        if lowered not in self._exact or self._exact[lowered].id <= entity.id:
            self._exact[lowered] = entity
        for t in name:
            if t not in _NAME_PUNCT:
                self._by_token.setdefault(t.lower(), set()).add(entity.id)

    def _find(self, name: tuple[str, ...], kind: SpeakerKind, gender: Optional[str] = None) -> Optional[Entity]:
        """The entity a name mentions: the latest with that very name, else the latest person
        (or unknown) whose name it is part of (:func:`name_part`), unless :func:`other_person`."""
        tokens = _name_tokens(name)
        exact = self._exact.get(tuple(t.lower() for t in name))
        if exact is not None:
            return exact
        if kind in (SpeakerKind.PLACE, SpeakerKind.ORGANIZATION):
            return None
        sharing = sorted({k for t in tokens for k in self._by_token.get(t, ())}, reverse=True)  # latest first
        for entity in (self.entities[k] for k in sharing):
            if entity.kind in (SpeakerKind.PLACE, SpeakerKind.ORGANIZATION) or other_person(tokens, gender, entity):
                continue
            if any(name_part(tokens, _name_tokens(other), entity) for other in entity.names):
                return entity
        return None

    def _title_of_place(self, first: int, name_first: int, last: int, role: Optional[str],
                        title_first: Optional[int]) -> tuple[int, Optional[str], Optional[int]]:
        """ "Governor of Washington Chris Gregoire", "Ambassador to the United States Hamdullah
        Mohib": a title, a bridge ("of", "to the"), a place, then the name, which starts at the
        first given name of the run."""
        words = self.doc.words
        if role is not None or name_first != first or last - first < 2:
            return name_first, role, title_first
        # walk back over the bridge to a title
        j = first - 1
        while j >= 0 and words[j].sent == words[first].sent and first - j <= 4 and (
            words[j].text.lower() in _BRIDGE or (words[j].text[:1].isupper() and words[j].upos != "PUNCT")
        ):
            hit = self._title_ending_at(j)
            if hit is not None and j < first - 1:
                title, t_start = hit
                split = next((k for k in range(first + 1, last) if is_given_name(words[k].text)), None)
                if split is None:
                    # the place may run on from words before the run: "the United States Hamdullah Mohib"
                    start = next((x for x in range(j + 1, first + 1) if words[x].text[:1].isupper()), first)
                    split = next((k for k in range(first + 1, last)
                                  if " ".join(w.text for w in words[start:k]) in places()), None)
                if split is not None:
                    s, e = words[t_start].start, words[split - 1].end
                    return split, self.doc.text[s:e], t_start
                return name_first, role, title_first
            j -= 1
        return name_first, role, title_first

    def _title_ending_at(self, p: int) -> Optional[tuple[str, int]]:
        words = self.doc.words
        for k in range(min(max_title_len(), p + 1), 0, -1):
            key = tuple(w.text for w in words[p - k + 1 : p + 1])
            hit = titles().get(key)
            if hit is not None and hit[0]:
                return hit[0], p - k + 1
        return None

    def _title_compound(self, q: int, first: int, role: Optional[str]) -> tuple[int, Optional[str]]:
        """A title with the capitalised nouns that make it one office ("Defence Minister",
        "White House Press Secretary"): not a place or people before it ("Florida Sen.",
        "Indian Defence Minister" keep those as affiliation)."""
        if role is None:
            return q, role
        words, j = self.doc.words, q
        while j > 0 and j - 1 >= first - 4 and words[j - 1].sent == words[q].sent and words[j - 1].upos in ("PROPN", "NOUN") \
                and words[j - 1].text[:1].isupper() and words[j - 1].text not in places() \
                and (words[j - 1].text,) not in titles() and not _DEMONYM.search(words[j - 1].text) \
                and words[j - 1].text not in org_suffixes():  # "Democratic Party Chairman": the party is an affiliation
            j -= 1
        if j == q:
            return q, role
        return j, " ".join(w.text for w in words[j:q]) + " " + role

    def _label_between(self, head: int, first: int) -> bool:
        """A colon between a noun and the name after it: a headline's label ("Poll: Clinton and
        Trump in dead heat"), not a role."""
        return head < first and any(w.text in (":", "|") for w in self.doc.words[head + 1 : first])

    def _apposition_role(self, first: int, last: int) -> tuple[Optional[str], Optional[str], Optional[tuple[int, int]]]:
        """The role a noun phrase next to the name gives it, the rule that found it and its span."""
        for found in (role_after_name, role_noun_before_name):
            span = found(self, first, last)
            if span is not None:
                return self.doc.text[span[0]:span[1]], found.rule_name, span  # type: ignore[attr-defined]
        return None, None, None

    # -- queries -------------------------------------------------------------------
    @property
    def _mention_ends(self) -> list[int]:
        if len(self._ends) != len(self.mentions):
            self._ends = [m.end for m in self.mentions]
        return self._ends

    def mention_at(self, word: int) -> Optional[Mention]:
        return self._by_word.get(word)

    def mention_in(self, indices: list[int]) -> Optional[Mention]:
        """The first mention among ``indices`` (a subject phrase's words), heads preferred."""
        for i in indices:
            m = self._by_word.get(i)
            if m is not None:
                return m
        return None

    def entity(self, mention: Mention) -> Entity:
        return self.entities[mention.entity]

    def preceding(self, offset: int, *, max_paragraphs: int = 3) -> list[Mention]:
        """Mentions before ``offset`` outside quotation marks, nearest first."""
        doc = self.doc
        para = doc.paragraph_of(offset)
        out = []
        k = bisect.bisect_left(self._mention_ends, offset + 1) - 1  # mentions are in text order
        while k >= 0:
            m = self.mentions[k]
            if para - doc.paragraph_of(m.start) > max_paragraphs:
                break
            if m.end <= offset and not m.in_quote:
                out.append(m)
            k -= 1
        return out


def _kind_of(name: tuple[str, ...], has_title: bool) -> SpeakerKind:
    text = _join(name)
    if has_title:
        return SpeakerKind.PERSON
    if text in places():
        return SpeakerKind.PLACE
    if name[-1] in org_suffixes() or _ACRONYM.match(text.replace(" ", "")):
        return SpeakerKind.ORGANIZATION
    if len(name) >= 2 and is_given_name(name[0]):
        return SpeakerKind.PERSON
    return SpeakerKind.UNKNOWN  # "Peace Corps", "U.N. Women": a name, of a person only on evidence


@rule("role.title", stage="role", priority=90, off=False, examples=["Secretary of State John Kerry said the talks would go on."])
def _title_role() -> bool:
    """The role a title before the name gives ("Secretary of State John Kerry", "Sen. Ted Cruz")."""
    return True


@rule("role.apposition_after", stage="role", priority=80,
      examples=["Fumio Kishida, Japan's foreign minister, said the talks were useful."])
def role_after_name(index: EntityIndex, first: int, last: int) -> Optional[tuple[int, int]]:
    """A noun in apposition after the name: "Fumio Kishida, Japan's foreign minister"."""
    doc = index.doc
    for i in range(first, last + 1):
        for child in doc.kids(i, "appos"):
            if child.upos == "NOUN" and not (first <= child.i <= last):
                return _role_words(doc, _phrase_before_clause(doc, child.i), 12)
    return None


def _phrase_before_clause(doc: ParsedDoc, head: int) -> list[int]:
    """The words of the noun phrase at ``head`` up to a comma or a clause on it ("director of
    the Survey Center, which conducted the poll" -> "director of the Survey Center")."""
    cut = {j for c in doc.kids(head) if c.rel.startswith("acl") for j in doc.subtree(c.i)}
    idx = [j for j in doc.subtree(head) if j not in cut]
    out = []
    for j in idx:
        if j > head and doc.words[j].text in (",", ";", "(", "\u2014", "--"):
            break
        if doc.words[j].upos != "PUNCT" or j > head:
            out.append(j)
    while out and doc.words[out[-1]].upos == "PUNCT":
        out.pop()
    return out


def _role_words(doc: ParsedDoc, idx: list[int], limit: int) -> Optional[tuple[int, int]]:
    """The span of a role phrase without its determiner, if it has at most ``limit`` words."""
    while idx and doc.words[idx[0]].text.lower() in _DETERMINERS:
        idx = idx[1:]
    return doc.span_of(idx) if idx and len(idx) <= limit else None


@rule("role.noun_before_name", stage="role", priority=70,
      examples=["Senior researcher Mu Li said the data were clear."])
def role_noun_before_name(index: EntityIndex, first: int, last: int) -> Optional[tuple[int, int]]:
    """A role noun right before the name, which hangs on it: "Senior researcher Mu Li"."""
    doc = index.doc
    head = doc.words[first].head
    if head >= 0 and head < first and doc.words[first].rel in ("flat", "appos", "compound") and doc.words[head].upos == "NOUN" \
            and _names_a_person(doc.words[head].lemma) and not index._label_between(head, first):
        idx = [j for j in doc.subtree(head) if j <= head and doc.words[j].rel in ("amod", "compound") or j == head]
        if idx and len(idx) <= 5:
            return doc.span_of(idx)
    return _role_noun_next_to(index, first)


# A noun that names what a person is or does: the role nouns, or an agent's ending ("researcher",
# "economist", "historian", "negotiator"); not "the morning Mr. Obama unveiled", "a bill Obama tried".
_AGENT_ENDING = regex.compile(r"(?:er|or|ist|ian)$")


def _names_a_person(lemma: str) -> bool:
    return lemma.lower() in role_nouns() or bool(_AGENT_ENDING.search(lemma.lower()))


def _role_noun_next_to(index: EntityIndex, first: int) -> Optional[tuple[int, int]]:
    """Whatever the parse: a lower-case role noun right before the name, with the modifiers
    before it ("Republican rival Donald Trump", "billionaire front-runner Donald Trump")."""
    doc, j = index.doc, first - 1
    if j < 0 or doc.words[j].sent != doc.words[first].sent or doc.words[j].upos != "NOUN" \
            or not doc.words[j].text.islower() or doc.words[j].lemma.lower() not in role_nouns():
        return None
    k = j
    while k - 1 >= max(0, j - 3) and doc.words[k - 1].sent == doc.words[j].sent \
            and doc.words[k - 1].upos in ("ADJ", "NOUN", "PROPN") and doc.words[k - 1].text.lower() not in _DETERMINERS:
        k -= 1
    return doc.span_of(list(range(k, j + 1)))


@rule("coref.other_person", stage="coref", priority=65,
      examples=["Mr. Obama said the plan would work. His wife, Michelle Obama, said it would not."])
def other_person(tokens: list[str], gender: Optional[str], entity: Entity) -> bool:
    """A name that shares a family name with an entity is someone else when a given name or the
    gender tells them apart: "Michelle Obama" after "Mr. Obama" or "Barack Obama", "Bill
    Clinton" after "Hillary Clinton" (an initial or a shortened given name still agrees)."""
    tokens = _without_suffix(tokens)
    if len(tokens) > 1:
        gender = gender or first_name_gender(tokens[0])
        if gender and entity.gender and gender != entity.gender:
            return True
        given = tokens[0].rstrip(".")
        for other in entity.names:
            o_tokens = _without_suffix(_name_tokens(other))
            if len(o_tokens) > 1 and o_tokens[-1] == tokens[-1] and tokens[0] not in o_tokens and o_tokens[0] not in tokens:
                o_given = o_tokens[0].rstrip(".")  # (not a longer family name: "Guajardo Villarreal")
                if not (given.startswith(o_given) or o_given.startswith(given)):
                    return True
    return False


def _name_tokens(name: Sequence[str]) -> list[str]:  # lower-cased, punctuation left out
    return [t.lower() for t in name if t not in _NAME_PUNCT]


def _without_suffix(tokens: list[str]) -> list[str]:
    """A lower-cased name without a generation suffix ("joseph r. biden jr." -> "joseph r. biden")."""
    return tokens[:-1] if len(tokens) > 1 and tokens[-1] in _SUFFIXES else tokens


@rule("coref.name_part", stage="coref", priority=60, off=False,
      examples=["Secretary of State John Kerry arrived on Sunday. Kerry said the talks would resume."])
def name_part(tokens: list[str], o_tokens: list[str], entity: Entity) -> bool:
    """A shorter name is a later mention of a fuller one it ends or starts ("Kerry" ~ "John
    Kerry", "Yang" ~ "Yang Jiechi", family name first); but a fuller new name is no later
    mention of a one-word one it merely starts with ("Muhammad Babar" is not the "Muhammad"
    of "Muhammad Ali")."""
    tokens, o_tokens = _without_suffix(tokens), _without_suffix(o_tokens)
    short, full = (tokens, o_tokens) if len(tokens) <= len(o_tokens) else (o_tokens, tokens)
    if len(short) == 1:
        if short is o_tokens and len(tokens) > 1 and short[0] != full[-1] \
                and not any(tokens[-1] in (x.lower() for x in n) for n in entity.names):
            return False
        return short[0] in (full[-1], full[0]) and len(short[0]) > 1
    return all(t in full for t in short) and short[-1] == full[-1]
