"""scope="quotes" (speech and writing) against scope="attributions" (beliefs, intentions,
findings and perception too), with and without the learned scorer, on real sentences."""

import pytest

from kora_quotes import AttributionType, Extractor, Quote, extract
from kora_quotes.output import cli

TEXT = (
    "Most Republicans believe the economy is getting worse. "
    "A new Gallup poll shows that Clinton leads by five points in Ohio. "
    "Clinton plans to raise taxes on the wealthy, her campaign said on Tuesday. "
    "\u201cWe will win this state,\u201d Mr. Kaine told reporters."
)


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def _by_cue(quotes):
    return {q.cue.text if q.cue else None: q for q in quotes}


def test_quotes_scope_gives_speech_and_writing_only(ex):
    quotes = ex.extract(TEXT)
    assert {q.attribution for q in quotes} == {AttributionType.SPEECH}
    assert set(_by_cue(quotes)) == {"said", "told"}


def test_attributions_scope_types_beliefs_and_findings(ex):
    found = _by_cue(ex.extract(TEXT, scope="attributions"))
    believe, shows = found["believe"], found["shows"]
    assert believe.attribution == "thought" and believe.text == "the economy is getting worse"
    assert believe.speaker.text == "Most Republicans"
    assert shows.attribution == "finding" and shows.text.startswith("that Clinton leads")
    assert found["said"].attribution == found["told"].attribution == "speech"


def test_the_learned_scorer_adds_open_class_cues_the_rules_do_not_know(ex):
    text = "Trump wants to build a wall along the southern border. The weather was cold."
    assert ex.extract(text, scope="attributions", learned=False) == []
    (q,) = ex.extract(text, scope="attributions")
    assert (q.cue.text, q.speaker.name, q.attribution) == ("wants", "Trump", AttributionType.INTENTION)
    assert q.text == "to build a wall along the southern border"


def test_the_scorer_drops_verbs_that_attribute_nothing(ex):
    assert ex.extract("The company built a factory in Ohio last year.", scope="attributions") == []


def test_extractor_settings_and_per_call_overrides():
    with pytest.raises(ValueError, match="attributions"):
        Extractor.__new__(Extractor)._settings("beliefs", None)
    with pytest.raises(ValueError, match="scope must be one of"):
        extract("He said so.", scope="everything")


def test_the_attribution_round_trips_through_dicts(ex):
    for q in ex.extract(TEXT, scope="attributions"):
        d = q.to_dict()
        assert d["attribution"] == q.attribution.value
        assert Quote.from_dict(d) == q
    assert Quote.from_dict({k: v for k, v in d.items() if k != "attribution"}).attribution == "speech"


def test_cli_scope_and_rules_only(monkeypatch, tmp_path, capsys):
    seen = {}

    class Recorder(Extractor):
        def __init__(self):  # no model: only the settings the command gives it
            self.model, self.threads, self.max_chars, self.max_sentence_tokens = "fake", 1, None, 8

        def parse_many(self, texts):
            seen.update(scope=self.scope, learned=self.learned)
            return []

    monkeypatch.setattr(cli, "_load_extractor", lambda model: Recorder())
    path = tmp_path / "a.txt"
    path.write_text("He said so.", encoding="utf-8")
    cli.main([str(path), "--scope", "attributions", "--rules-only", "-q"])
    assert seen == {"scope": "attributions", "learned": False}


def test_an_attribution_holds_its_quotation_going_on_in_the_same_paragraph(ex):
    text = '"We are ready," Kerry said. "We have always been ready."\n\n"Nothing changed," he added.'
    first, second, third = ex.extract(text)
    assert second.continues == 0 and second.cue is None
    joined, other = ex.extract(text, scope="attributions")
    assert joined.spans == (first.spans[0], second.spans[0]) and joined.cue.text == "said"
    assert joined.text == "We are ready, We have always been ready."
    assert other.text == third.text and other.continues is None


def test_in_the_default_scope_a_cue_the_rules_turned_down_stays_down(ex):
    assert ex.extract("Trump called them on Sunday.") == []
    assert ex.extract("Trump called them on Sunday.", learned=False) == []
