"""Quotation marks on real sentences, without a model."""

from kora_quotes.text.marks import find_quotes
from kora_quotes.text.paragraphs import split_paragraphs


def quotes(text):
    return [q.text(text) for q in find_quotes(text, split_paragraphs(text))]


def test_curly_double_marks():
    text = "\u201cWe're prepared to reach out,\u201d Mr. Kerry told reporters."
    assert quotes(text) == ["We're prepared to reach out,"]


def test_straight_marks_split_around_the_cue():
    text = '"We\'re prepared to reach out," Mr. Kerry said, "but we need the moment."'
    assert quotes(text) == ["We're prepared to reach out,", "but we need the moment."]


def test_guillemets_both_directions():
    assert quotes("Il a dit \u00abnous sommes pr\u00eats\u00bb hier.") == ["nous sommes pr\u00eats"]
    assert quotes("Er sagte \u00bbwir sind bereit\u00ab gestern.") == ["wir sind bereit"]


def test_curly_single_marks_told_apart_from_apostrophes():
    text = "He said \u2018we don\u2019t want America\u2019s help\u2019 on Sunday."
    assert quotes(text) == ["we don\u2019t want America\u2019s help"]
    # apostrophes alone make no quote
    assert quotes("Mr. Kim\u2019s father didn\u2019t mention the North\u2019s missiles.") == []


def test_nested_quote_stays_inside_the_outer_one():
    text = '"He called it a \'crafty trick\' and left," she said.'
    assert quotes(text) == ["He called it a 'crafty trick' and left,"]
    text = "\u201cHe called it a \u2018crafty trick\u2019 and left,\u201d she said."
    assert quotes(text) == ["He called it a \u2018crafty trick\u2019 and left,"]


def test_quote_running_over_paragraphs():
    text = (
        "\u201cThe first paragraph of the speech goes on,\n"
        "\u201cAnd the second one ends it,\u201d he said.\n"
        "Then he left."
    )
    found = find_quotes(text, split_paragraphs(text))
    assert [q.text(text) for q in found] == ["The first paragraph of the speech goes on,", "And the second one ends it,"]
    assert found[0].open_end and not found[1].open_end
    assert [q.paragraph for q in found] == [0, 1]


def test_unbalanced_mark_never_swallows_the_document():
    text = 'He said "this never closes\nA second paragraph with "a real quote" in it.\nA third.'
    found = find_quotes(text, split_paragraphs(text))
    assert found[0].text(text) == "this never closes"
    assert found[1].text(text) == "a real quote"
    assert len(found) == 2


def test_no_marks_no_quotes_and_empty_text():
    assert quotes("Nothing quoted here.") == []
    assert quotes("") == []
    assert quotes('"') == []


def test_doubled_apostrophes_as_newswire_marks():
    text = "''This isn't tax reform,'' said Douglas Holtz-Eakin. ''It's more tinkering at the edges,'' he said."
    assert quotes(text) == ["This isn't tax reform,", "It's more tinkering at the edges,"]
    assert quotes("``Fine,'' she said.") == ["Fine,"]


def test_closing_mark_printed_at_both_ends():
    # reader responses as one PolNeAR site prints them
    text = "\u201dFear. I am truly afraid that Donald Trump will win.\u201d \u2015 Edwin G. Monroy\n"
    assert quotes(text) == ["Fear. I am truly afraid that Donald Trump will win."]
    # a closing mark after a space, with a space after it, still opens nothing
    assert quotes("He said, \u201cThis is it. \u201d And then he left.") == ["This is it. "]
