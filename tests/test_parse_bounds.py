"""Long inputs are parsed in bounded pieces, with offsets kept absolute (no model needed)."""

from kora_quotes.parsing import load as _parse
from kora_quotes.parsing import repairs
from kora_quotes.text.paragraphs import split_paragraphs


class FakeDoc:
    def __init__(self, text):
        self.text = text
        self.sentences = []


class FakeNLP:
    """Records what stanza would be asked to parse."""

    def __init__(self):
        self.calls = []

    def bulk_process(self, docs):
        self.calls.append([d.text for d in docs])
        return [FakeDoc(d.text) for d in docs]


def test_paragraphs_by_blank_lines_or_by_lines():
    assert split_paragraphs("A b.\nC d.\n\n  E f.  \n") == [(0, 9), (13, 17)]
    assert split_paragraphs("A b.\nC d.\n") == [(0, 4), (5, 9)]
    assert split_paragraphs("   \n\n ") == []


def test_a_megabyte_goes_to_stanza_in_bounded_calls():
    sentence = "The minister said the talks would resume next week in Geneva. "
    one_paragraph = sentence * 20_000  # 1.2 MB, no line breaks at all
    nlp = FakeNLP()
    _parse.parse_texts(nlp, [one_paragraph])
    pieces = [p for call in nlp.calls for p in call]
    assert max(len(p) for p in pieces) <= _parse.MAX_PIECE_CHARS
    assert max(sum(len(p) for p in call) for call in nlp.calls) <= _parse.MAX_CALL_CHARS + _parse.MAX_PIECE_CHARS
    # nothing lost: the pieces cover the text but for the whitespace at the cuts
    assert sum(len(p.strip()) for p in pieces) >= len(one_paragraph.strip()) - len(pieces)
    # cuts fall at sentence ends
    assert all(p.rstrip().endswith(".") for p in pieces)


def test_dateline_is_hidden_from_the_parser_with_offsets_kept():
    text = "TOKYO\u2014Secretary of State John Kerry said he would be willing to talk."
    nlp = FakeNLP()
    _parse.parse_texts(nlp, [text])
    (piece,) = nlp.calls[0]
    assert len(piece) == len(text)
    assert piece.startswith(" " * 6 + "Secretary")
    assert repairs.mask_dateline("U.S. officials said so.") == "U.S. officials said so."


def test_each_sentence_finds_its_paragraph_in_a_text_of_100000_paragraphs():
    # "a\n" * 100,000: as many one-word paragraphs and sentences (a linear search per sentence
    # took minutes here)
    import time

    from kora_quotes.parsing.doc import ParsedDoc

    n = 100_000
    text = "a\n" * n
    rows = [[("a", "a", "X", "X", 0, "root", 2 * k, 2 * k + 1, "_")] for k in range(n)]
    started = time.perf_counter()
    doc = ParsedDoc.from_rows(text, rows, split_paragraphs(text), repair=False)
    assert time.perf_counter() - started < 20
    assert [s.paragraph for s in doc.sentences] == list(range(n))
    beyond = ParsedDoc.from_rows("a\n\nb c", [[("c", "c", "X", "X", 0, "root", 5, 6, "_")]], [(0, 1)], repair=False)
    assert beyond.sentences[0].paragraph == 0  # (after the last paragraph: the last)
