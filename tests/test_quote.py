"""The data classes: frozen, typed, and round-tripping through plain dicts."""

import json

import attrs
import pytest

from kora_quotes import Quote, QuoteKind, Span, Speaker, SpeakerKind, Venue, VenueKind

TEXT = '"We\'re prepared to reach out," Mr. Kerry told reporters at a news conference. "There are standards."'


def _quote():
    speaker = Speaker.from_mention(TEXT, 31, 40, name="John Kerry", role="Secretary of State", kind="person", gender="male")
    return Quote.from_spans(
        TEXT,
        "direct",
        [(1, 29)],
        cue=Span.from_text(TEXT, 41, 45),
        speakers=[speaker],
        venue=Venue.from_text(TEXT, 56, 76, "event"),
        addressee=Span.from_text(TEXT, 46, 55),
    )


def test_offsets_point_into_the_text():
    q = _quote()
    assert q.text == "We're prepared to reach out,"
    assert q.speaker.text == "Mr. Kerry" and q.cue.text == "told"
    assert q.venue.text == "at a news conference" and q.addressee.text == "reporters"
    assert (q.start, q.end) == (1, 29)


def test_round_trip_through_json():
    q = _quote()
    data = json.loads(json.dumps(q.to_dict()))
    assert Quote.from_dict(data) == q
    assert data["kind"] == "direct" and data["speaker"]["kind"] == "person" and data["venue"]["kind"] == "event"
    assert set(data) >= {"kind", "text", "start", "end", "spans", "cue", "speaker", "speakers", "venue", "addressee"}


def test_surrogates_survive_json_one_character_for_one():
    # "\ud83d\udc80" as two code points (text decoded with surrogatepass): JSON would read the
    # pair back as one character, so text fields give it as two U+FFFD; a lone one is kept
    text = '"Re\ud83d\udc80ady at\ud800 once," Mr. Al\ud83d\udc80varez said.'
    q = Quote.from_spans(text, "direct", [(1, 18)],
                         speakers=[Speaker.from_mention(text, 20, 33, name="Al\ud83d\udc80varez")])
    assert q.text == "Re\ufffd\ufffdady at\ud800 once," and len(q.text) == q.end - q.start
    assert q.speaker.text == "Mr. Al\ufffd\ufffdvarez" and q.speaker.name == "Al\ufffd\ufffdvarez"
    assert Quote.from_dict(json.loads(json.dumps(q.to_dict()))) == q


def test_split_quote_joins_its_spans():
    q = Quote.from_spans(TEXT, QuoteKind.DIRECT, [(79, 99), (1, 29)])
    assert q.spans == ((1, 29), (79, 99))
    assert q.text == "We're prepared to reach out, There are standards."
    assert q.speaker is None


def test_frozen_and_validated():
    q = _quote()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        q.text = "x"
    with pytest.raises(ValueError):
        Quote.from_spans(TEXT, "direct", [])
    with pytest.raises(ValueError):
        Quote.from_spans(TEXT, "sarcastic", [(1, 5)])
    with pytest.raises(ValueError):
        Span("x", -1, 0)


def test_enums_read_as_strings():
    assert str(QuoteKind.MIXED) == "mixed" and SpeakerKind("place") is SpeakerKind.PLACE
    assert VenueKind.PLATFORM == "platform"


def test_printing_a_quote_field_shows_its_words():
    text = 'Kerry said "we are ready" at a news conference.'
    q = Quote.from_spans(text, "direct", [(12, 24)], cue=Span.from_text(text, 6, 10),
                         venue=Venue.from_text(text, 26, 46, "event"))
    assert f"{q.kind} {q.cue} {q.venue}" == "direct said at a news conference"
    assert "start=6" in repr(q.cue)


def test_speaker_roles_round_trip_and_move_with_the_quote():
    text = "Secretary of State John Kerry, the top U.S. diplomat, said it."
    sp = Speaker.from_mention(text, 19, 29, name="John Kerry", role="Secretary of State")
    sp = attrs.evolve(sp, roles=(Span.from_text(text, 0, 18), Span.from_text(text, 31, 52)))
    q = Quote.from_spans(text, "indirect", [(58, 60)], speakers=[sp])
    assert Quote.from_dict(json.loads(json.dumps(q.to_dict()))) == q
    assert [r.text for r in q.speaker.roles] == ["Secretary of State", "the top U.S. diplomat"]
    assert q.shifted(5).speaker.roles[1].start == 36
