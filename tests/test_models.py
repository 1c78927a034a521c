"""The embedded stanza models: they load offline from the package and parse news sentences."""

import pytest

from kora_quotes import Extractor, ModelNotFoundError
from kora_quotes.parsing.load import embedded_dir


@pytest.fixture(scope="module")
def extractor():
    return Extractor("embedded")


def test_models_ship_in_the_package_and_stay_compact():
    sizes = {p.name: p.stat().st_size for p in embedded_dir().glob("*.pt")}
    assert set(sizes) == {"tokenize.pt", "mwt.pt", "pos.pt", "lemma.pt", "depparse.pt", "vectors.pt"}
    assert sum(sizes.values()) <= 60 * 1024 * 1024


def test_tagger_and_parser_share_the_shipped_word_vectors_in_float16(extractor):
    import torch

    nlp = extractor._nlp
    tagger, parser = nlp.processors["pos"], nlp.processors["depparse"]
    assert tagger.pretrain is parser.pretrain and tagger.pretrain.emb.dtype == torch.float16
    tagger_emb, parser_emb = tagger._trainer.model.pretrained_emb, parser._trainer.model.pretrained_emb
    assert tagger_emb is parser_emb and tagger_emb.weight.dtype == torch.float16
    # a word the treebanks never show the tagger still has a vector ("spokeswoman" is not in EWT or GUM train)
    assert tagger.pretrain.vocab.map(["spokeswoman"]) != tagger.pretrain.vocab.map(["<unk-word-xyz>"])


def test_speech_verb_governs_the_reported_clause(extractor):
    doc = extractor.parse("The plan will fail, the senator said.")
    words = {w.text: w for w in doc.words}
    said, fail = words["said"], words["fail"]
    # UD allows either analysis: "said" heads a ccomp, or hangs on the clause as parataxis
    assert (fail.head == said.i and fail.rel == "ccomp") or (said.head == fail.i and said.rel == "parataxis")
    subjects = [w for w in doc.words if w.head == said.i and w.rel == "nsubj"]
    assert [w.text for w in subjects] == ["senator"]


def test_quoted_two_sentence_passage_is_split(extractor):
    text = '"We\'re prepared to reach out. But we need the appropriate moment," Mr. Kerry told reporters.'
    doc = extractor.parse(text)
    assert len(doc.sentences) == 2
    first = doc.sent_words(0)
    assert text[first[0].start : first[-1].end].endswith("reach out.")


def test_contractions_are_expanded(extractor):
    doc = extractor.parse("We don't know, he said.")
    assert [w.text for w in doc.words][:4] == ["We", "do", "n't", "know"]


def test_names_ending_like_contractions_stay_whole(extractor):
    doc = extractor.parse("Interim DNC Chairwoman Donna Brazile said the party would win, and Hanna agreed.")
    texts = [w.text for w in doc.words]
    assert "Donna" in texts and "Hanna" in texts and "na" not in texts


def test_contraction_filter_keeps_only_contractions():
    from kora_quotes.parsing.repairs import keep_real_contractions

    sent = [[("Donna", True), "Brazile", ("gonna", True), ("don't", True), ("Cannot", True), "x"]]
    assert keep_real_contractions(sent) == [["Donna", "Brazile", ("gonna", True), ("don't", True), ("Cannot", True), "x"]]


def test_official_models_missing_name_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    import stanza.resources.common as common

    monkeypatch.setattr(common, "DEFAULT_MODEL_DIR", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match=r"kora_quotes\.download\(\)"):
        Extractor("stanza")


def test_unknown_model_name():
    with pytest.raises(ValueError, match="embedded"):
        Extractor("large")


def test_stub_sentence_ending_in_a_title_joins_the_next():
    from kora_quotes.parsing.repairs import join_stub_sentences

    sents = [["President"], ["Xi", "said", "so", "."], ["Yes", "."], ["Thanks"], ["Headline", "here"]]
    assert join_stub_sentences(sents) == [["President", "Xi", "said", "so", "."], ["Yes", "."], ["Thanks"],
                                          ["Headline", "here"]]
    assert join_stub_sentences([["He", "said", ":"], ["No", "."]]) == [["He", "said", ":"], ["No", "."]]


def test_title_whose_full_stop_the_tokenizer_split_off_joins_the_next_sentence():
    from kora_quotes.parsing.repairs import join_stub_sentences, raw_text

    sents = [["The", "vote", "was", "close", "."], ["Sen", "."], ["Bob", "Corker", "said", "no", "."]]
    with raw_text("The vote was close.\n\nSen. Bob Corker said no."):
        assert join_stub_sentences(sents) == [["The", "vote", "was", "close", "."],
                                              ["Sen.", "Bob", "Corker", "said", "no", "."]]
    # without the text, or where it has "Sen ." apart, the tokens stay as they were
    assert join_stub_sentences(sents)[1] == ["Sen", ".", "Bob", "Corker", "said", "no", "."]
    with raw_text("Sen . Bob Corker said no."):
        assert join_stub_sentences(sents)[1] == ["Sen", ".", "Bob", "Corker", "said", "no", "."]


def test_title_split_from_its_full_stop_mid_sentence_joins_the_next_sentence():
    from kora_quotes.parsing.repairs import join_stub_sentences, raw_text

    sents = [["Texas", "Gov.", "Dan", "Patrick", "says", "Sen", "."], ["Ted", "Cruz", "is", "standing", "tall", "."]]
    with raw_text("Texas Gov. Dan Patrick says Sen. Ted Cruz is standing tall."):
        assert join_stub_sentences(sents) == [["Texas", "Gov.", "Dan", "Patrick", "says", "Sen.", "Ted", "Cruz", "is",
                                               "standing", "tall", "."]]
    # "Del." also ends sentences ("Sen. Tom Carper, D-Del."); a lowercase word after is no name
    ends = [["He", "is", "a", "Democrat", "from", "Del", "."], ["He", "spoke", "."]]
    with raw_text("He is a Democrat from Del. He spoke."):
        assert join_stub_sentences(ends) == ends
    lower = [["It", "went", "to", "the", "Sen", "."], ["then", "it", "stopped", "."]]
    with raw_text("It went to the Sen. then it stopped."):
        assert join_stub_sentences(lower) == lower


def test_paragraph_opening_with_a_title_keeps_it_on_the_speaker(extractor):
    quotes = extractor.extract("The vote was close.\n\nSen. Bob Corker said the plan would fail.")
    assert [(q.speaker.name, q.speaker.role, q.text) for q in quotes] == [("Bob Corker", "Senator", "the plan would fail")]


def test_the_ewt_only_models_load_and_find_the_speaker():
    from kora_quotes import Extractor

    (q,) = Extractor("embedded-ewt").extract("Secretary of State John Kerry said the talks would resume on Monday.")
    assert (q.speaker.name, q.speaker.role, q.text) == ("John Kerry", "Secretary of State", "the talks would resume on Monday")


def test_an_unknown_model_name_says_what_each_model_allows():
    import pytest
    from kora_quotes import Extractor

    with pytest.raises(ValueError, match="non-commercial use only.*commercial use allowed"):
        Extractor("ewt")
