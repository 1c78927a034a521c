"""The typed results of extraction: quotes, speakers, venues and plain spans.

Every class is frozen and slotted; every offset is a character offset into the
text that was given to :func:`kora_quotes.extract`. ``to_dict`` returns plain
JSON-ready data (the contract the benchmark and the command line rely on) and
``from_dict`` reads it back.
"""

from __future__ import annotations

import enum
from typing import Any, Mapping, Optional, Sequence

import attrs
import regex

__all__ = ["QuoteKind", "AttributionType", "SpeakerKind", "VenueKind", "Span", "Speaker", "Venue", "Step", "Quote"]


class QuoteKind(str, enum.Enum):
    """How the words of a quote reach the reader."""

    DIRECT = "direct"  # inside quotation marks
    INDIRECT = "indirect"  # reported speech, no marks
    MIXED = "mixed"  # reported speech holding a quoted fragment

    def __str__(self) -> str:
        return self.value


class AttributionType(str, enum.Enum):
    """What a quote attributes to its source. ``extract(text)`` gives speech only;
    ``extract(text, scope="attributions")`` gives every type."""

    SPEECH = "speech"  # said or written: "said", "told", "tweeted", "according to", a quotation
    THOUGHT = "thought"  # a belief, judgement or feeling: "believes", "thinks", "fears"
    INTENTION = "intention"  # a plan, wish or decision: "wants to", "plans to", "decided to"
    FINDING = "finding"  # what a study, poll or count shows: "the poll shows", "found that"
    PERCEPTION = "perception"  # what was seen or heard: "saw", "heard", "noticed"
    OTHER = "other"  # a cue of none of these, kept by the learned scorer

    def __str__(self) -> str:
        return self.value


class SpeakerKind(str, enum.Enum):
    """What sort of source a speaker is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"  # "U.S. officials", "Republican lawmakers"
    PLACE = "place"  # a country or capital speaking: "China said"
    ANONYMOUS = "anonymous"  # "an aide to Mr. Kerry", "a spokesman"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


class VenueKind(str, enum.Enum):
    """What sort of setting a quote was given in."""

    EVENT = "event"  # news conference, speech, interview, hearing ...
    MEDIA = "media"  # "on CNN's 'State of the Union'", "told the BBC"
    DOCUMENT = "document"  # "in a statement", "in a letter"
    PLATFORM = "platform"  # "on X", "on Facebook"
    PLACE = "place"  # "in Tokyo"

    def __str__(self) -> str:
        return self.value


# A high surrogate right before a low one: JSON cannot keep the two code points apart (a
# reader joins them into one character), so text fields give them as two U+FFFD instead.
_SURROGATE_PAIR = regex.compile("[\ud800-\udbff][\udc00-\udfff]")


def _json_safe(value: Optional[str]) -> Optional[str]:
    """``value`` with each surrogate pair given as two U+FFFD (one for one: lengths, and so
    offsets, are unchanged); such a pair comes from text decoded with ``surrogateescape``
    or ``surrogatepass``, never from well-formed Unicode."""
    if value is None or not _SURROGATE_PAIR.search(value):
        return value
    return _SURROGATE_PAIR.sub("\ufffd\ufffd", value)


def _check_offsets(instance: Any, attribute: Any, value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be a non-negative character offset, got {value}")


@attrs.frozen(slots=True)
class Span:
    """A stretch of the input text: its words and where they stand."""

    text: str = attrs.field(converter=_json_safe)
    start: int = attrs.field(validator=_check_offsets)
    end: int = attrs.field(validator=_check_offsets)

    @classmethod
    def from_text(cls, text: str, start: int, end: int) -> "Span":
        """The span of ``text[start:end]``."""
        return cls(text[start:end], start, end)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    def __str__(self) -> str:
        """The words as written, so that ``print(q.cue)`` shows "said" (``repr`` keeps the offsets)."""
        return self.text

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Span":
        return cls(data["text"], int(data["start"]), int(data["end"]))


@attrs.frozen(slots=True)
class Speaker:
    """Who said a quote.

    ``text``/``start``/``end`` locate the mention in the attribution ("Mr.
    Kerry", "he"); for a continuation quote with no cue they locate the mention
    of the quote it continues. ``name`` is the canonical name ("John Kerry"),
    or the mention as written for anonymous and group speakers. ``role`` is
    the role given at this mention, else the one the document gives the person
    elsewhere; ``roles`` holds every role the document gives them, as written,
    with their offsets ("Secretary of State", "the top U.S. diplomat"): each wording once,
    where it is first given.
    """

    name: str = attrs.field(converter=_json_safe)
    text: str = attrs.field(converter=_json_safe)
    start: int = attrs.field(validator=_check_offsets)
    end: int = attrs.field(validator=_check_offsets)
    role: Optional[str] = attrs.field(default=None, converter=_json_safe)
    kind: SpeakerKind = attrs.field(default=SpeakerKind.UNKNOWN, converter=SpeakerKind)
    gender: Optional[str] = None
    affiliation: Optional[str] = attrs.field(default=None, converter=_json_safe)
    roles: tuple[Span, ...] = attrs.field(default=(), converter=tuple)

    @classmethod
    def from_mention(
        cls,
        text: str,
        start: int,
        end: int,
        *,
        name: Optional[str] = None,
        role: Optional[str] = None,
        kind: SpeakerKind | str = SpeakerKind.UNKNOWN,
        gender: Optional[str] = None,
        affiliation: Optional[str] = None,
    ) -> "Speaker":
        """A speaker read from ``text[start:end]``, named by its mention unless ``name`` is given."""
        mention = text[start:end]
        return cls(name or mention, mention, start, end, role, kind, gender, affiliation)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "kind": self.kind.value,
            "gender": self.gender,
            "affiliation": self.affiliation,
            "roles": [r.to_dict() for r in self.roles],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Speaker":
        return cls(
            data["name"],
            data["text"],
            int(data["start"]),
            int(data["end"]),
            data.get("role"),
            data.get("kind", "unknown"),
            data.get("gender"),
            data.get("affiliation"),
            tuple(Span.from_dict(r) for r in data.get("roles") or ()),
        )


@attrs.frozen(slots=True)
class Venue:
    """Where a quote was given: "a news conference", "CNN's 'State of the Union'".

    ``scope`` is ``"local"`` when the words are in the quote's own sentence, ``"context"``
    when they were stated for the same speaker earlier in the scene and carry to this quote
    (the offsets are then those of the earlier words)."""

    text: str = attrs.field(converter=_json_safe)
    start: int = attrs.field(validator=_check_offsets)
    end: int = attrs.field(validator=_check_offsets)
    kind: VenueKind = attrs.field(converter=VenueKind)
    scope: str = attrs.field(default="local", validator=attrs.validators.in_(("local", "context")))

    @classmethod
    def from_text(cls, text: str, start: int, end: int, kind: VenueKind | str) -> "Venue":
        return cls(text[start:end], start, end, kind)

    def __str__(self) -> str:
        """The words as written ("at a news conference")."""
        return self.text

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind.value,
                "scope": self.scope}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Venue":
        return cls(data["text"], int(data["start"]), int(data["end"]), data["kind"], data.get("scope", "local"))


def _spans(value: Sequence[Sequence[int]]) -> tuple[tuple[int, int], ...]:
    spans = tuple((int(s), int(e)) for s, e in value)
    if not spans:
        raise ValueError("a quote needs at least one content span")
    for s, e in spans:
        if not 0 <= s < e:
            raise ValueError(f"content span ({s}, {e}) is empty or negative")
    return spans


def _speakers(value: Sequence[Speaker]) -> tuple[Speaker, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Step:
    """One rule that shaped a quote, and the words it matched (see :meth:`Quote.explain`)."""

    rule: str  # its name in kora_quotes.rules.RULES ("reported.that_clause", "speaker.cue_subject")
    matched: str = attrs.field(default="", converter=_json_safe)  # the words it matched, as written

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "matched": self.matched}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Step":
        return cls(data["rule"], data.get("matched", ""))


def _steps(value: Sequence[Any]) -> tuple[Step, ...]:
    return tuple(s if isinstance(s, Step) else Step.from_dict(s) for s in value)


class Spanned:
    """``start`` and ``end`` of a class with ``spans`` (character ranges in order)."""

    __slots__ = ()
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@attrs.frozen(slots=True)
class Quote(Spanned):
    """One quote: what was said, by whom, with which cue, where.

    ``spans`` holds the content's character ranges in the input text: one for
    most quotes, several for a quote split by its attribution ("A," he said,
    "B."). ``text`` joins them with a space.
    """

    kind: QuoteKind = attrs.field(converter=QuoteKind)
    text: str = attrs.field(converter=_json_safe)
    spans: tuple[tuple[int, int], ...] = attrs.field(converter=_spans)
    cue: Optional[Span] = None
    speakers: tuple[Speaker, ...] = attrs.field(default=(), converter=_speakers)
    venue: Optional[Venue] = None
    addressee: Optional[Span] = None
    continues: Optional[int] = None  # index of the quote this one continues (no cue of its own)
    attribution: AttributionType = attrs.field(default=AttributionType.SPEECH, converter=AttributionType)
    # the rules that found the quote and picked its speaker, role and venue (not compared)
    trace: tuple[Step, ...] = attrs.field(default=(), converter=_steps, eq=False, repr=False)

    @classmethod
    def from_spans(
        cls,
        text: str,
        kind: QuoteKind | str,
        spans: Sequence[Sequence[int]],
        *,
        cue: Optional[Span] = None,
        speakers: Sequence[Speaker] = (),
        venue: Optional[Venue] = None,
        addressee: Optional[Span] = None,
        continues: Optional[int] = None,
        attribution: AttributionType | str = AttributionType.SPEECH,
        trace: Sequence[Step] = (),
    ) -> "Quote":
        """A quote whose content is ``text`` cut at ``spans``."""
        ordered = sorted((int(s), int(e)) for s, e in spans)
        content = " ".join(text[s:e] for s, e in ordered)
        return cls(kind, content, ordered, cue, speakers, venue, addressee, continues, attribution, trace)

    @property
    def speaker(self) -> Optional[Speaker]:
        """The first speaker (the only one, but for joint statements)."""
        return self.speakers[0] if self.speakers else None

    def shifted(self, by: int, continues_by: int = 0) -> "Quote":
        """The quote with every offset moved by ``by`` characters and ``continues`` by
        ``continues_by`` (a quote found in a section of a longer text, placed in that text)."""
        def move(span: Any) -> Any:
            return None if span is None else attrs.evolve(span, start=span.start + by, end=span.end + by)

        return attrs.evolve(self, spans=[(s + by, e + by) for s, e in self.spans], cue=move(self.cue),
                            speakers=[attrs.evolve(move(sp), roles=tuple(move(r) for r in sp.roles)) for sp in self.speakers],
                            venue=move(self.venue),
                            addressee=move(self.addressee),
                            continues=None if self.continues is None else self.continues + continues_by)

    def explain(self) -> str:
        """One line: the rules behind this quote, each with the words it matched
        (``direct.cue_linked "said" | speaker.cue_subject "Mr. Kerry" | ...``)."""
        return " | ".join(f'{s.rule} "{s.matched}"' if s.matched else s.rule for s in self.trace)

    def to_dict(self, *, trace: bool = False) -> dict[str, Any]:
        """Plain JSON-ready data; ``trace=True`` adds the rules behind the quote."""
        out = {
            "kind": self.kind.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "spans": [list(s) for s in self.spans],
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speakers": [s.to_dict() for s in self.speakers],
            "venue": self.venue.to_dict() if self.venue else None,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "continues": self.continues,
            "attribution": self.attribution.value,
        }
        if trace:
            out["trace"] = [s.to_dict() for s in self.trace]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Quote":
        speakers = [Speaker.from_dict(s) for s in data.get("speakers") or ()]
        if not speakers and data.get("speaker"):
            speakers = [Speaker.from_dict(data["speaker"])]
        spans = data.get("spans") or [[data["start"], data["end"]]]
        return cls(
            data["kind"],
            data["text"],
            spans,
            Span.from_dict(data["cue"]) if data.get("cue") else None,
            speakers,
            Venue.from_dict(data["venue"]) if data.get("venue") else None,
            Span.from_dict(data["addressee"]) if data.get("addressee") else None,
            data.get("continues"),
            data.get("attribution") or AttributionType.SPEECH,
            data.get("trace") or (),
        )
