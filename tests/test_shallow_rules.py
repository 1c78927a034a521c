"""Rules that read attributions off word shapes when the parse ties no clause to the cue.

Small parsing models get long news sentences wrong; these tests give the
attribution a deliberately useless parse (every word hangs on the first verb
with the relation "dep") and check that the common shapes still come out.
"""

from kora_quotes.parsing.doc import ParsedDoc
from kora_quotes.attribution import attribute

# (token, UPOS, XPOS, lemma) rows; the head of every word is the first VERB
def flat(tokens, space_after_no=()):
    root = next(i for i, (_, upos, _, _) in enumerate(tokens) if upos == "VERB")
    rows = []
    for i, (text, upos, xpos, lemma) in enumerate(tokens):
        head, rel = (0, "root") if i == root else (root + 1, "punct" if upos == "PUNCT" else "dep")
        misc = "SpaceAfter=No" if i in space_after_no else "_"
        rows.append(f"{i + 1}\t{text}\t{lemma}\t{upos}\t{xpos}\t_\t{head}\t{rel}\t_\t{misc}")
    return ParsedDoc.from_conllu("\n".join(rows) + "\n")


def T(text, upos, xpos=None, lemma=None):
    return (text, upos, xpos or "_", lemma or text.lower())


def test_leading_attribution():
    doc = flat([T("Figueroa", "PROPN"), T("said", "VERB", "VBD", "say"), T("the", "DET"), T("campaign", "NOUN"),
                T("planned", "VERB", "VBD", "plan"), T("to", "PART"), T("bus", "VERB"), T("in", "ADP"),
                T("supporters", "NOUN", "NNS"), T(".", "PUNCT")], space_after_no={8})
    (q,) = attribute(doc, scope="attributions", learned=False)
    assert q.kind == "indirect"
    assert q.text == "the campaign planned to bus in supporters"
    assert q.speaker.text == "Figueroa" and q.cue.text == "said"


def test_trailing_attribution():
    doc = flat([T("The", "DET"), T("van", "NOUN"), T("was", "AUX", "VBD", "be"), T("escorted", "VERB", "VBN", "escort"),
                T("by", "ADP"), T("police", "NOUN"), T(",", "PUNCT"), T("a", "DET"), T("source", "NOUN"),
                T("said", "VERB", "VBD", "say"), T(".", "PUNCT")], space_after_no={5, 9})
    (q,) = attribute(doc, scope="attributions", learned=False)
    assert q.text == "The van was escorted by police"
    assert q.speaker.text == "a source" and q.speaker.kind == "anonymous"


def test_inserted_attribution():
    doc = flat([T("Too", "ADV"), T("often", "ADV"), T(",", "PUNCT"), T("Clarke", "PROPN"), T("said", "VERB", "VBD", "say"),
                T(",", "PUNCT"), T("the", "DET"), T("debate", "NOUN"), T("is", "AUX", "VBZ", "be"), T("infected", "VERB", "VBN", "infect"),
                T(".", "PUNCT")], space_after_no={1, 4, 9})
    (q,) = attribute(doc, scope="attributions", learned=False)
    assert len(q.spans) == 2 and q.text == "Too often the debate is infected"
    assert q.speaker.text == "Clarke"


def test_first_person_outside_quotes_is_the_writer_not_a_source():
    doc = flat([T("I", "PRON"), T("said", "VERB", "VBD", "say"), T("the", "DET"), T("plan", "NOUN"), T("would", "AUX", "MD"),
                T("fail", "VERB"), T(".", "PUNCT")], space_after_no={5})
    assert attribute(doc, scope="attributions", learned=False) == []


def test_dash_byline_after_a_quote():
    doc = flat([T("\u201c", "PUNCT"), T("Trump", "PROPN"), T("must", "AUX", "MD"), T("stop", "VERB"), T("portraying", "VERB"),
                T("Latinos", "PROPN"), T("as", "ADP"), T("gangsters", "NOUN"), T(".", "PUNCT"), T("\u201d", "PUNCT"),
                T("\u2015", "PUNCT"), T("Carla", "PROPN"), T("Sanchez", "PROPN")], space_after_no={0, 7, 8, 9})
    (q,) = attribute(doc, scope="attributions", learned=False)
    assert q.kind == "direct" and q.text == "Trump must stop portraying Latinos as gangsters."
    assert q.speaker.name == "Carla Sanchez"


def test_leading_attribution_whose_verb_the_tagger_read_as_a_participle():
    # "raised" tagged VBN (as the embedded tagger does here): after "the two" it is a past tense
    doc = flat([T("Officials", "NOUN", "NNS", "official"), T("said", "VERB", "VBD", "say"), T("the", "DET"),
                T("two", "NUM", "CD"), T("raised", "VERB", "VBN", "raise"), T("$", "SYM"), T("350", "NUM"),
                T("million", "NUM"), T(".", "PUNCT")], space_after_no={5, 7})
    (q,) = attribute(doc, scope="attributions", learned=False)
    assert q.text == "the two raised $350 million" and q.speaker.text == "Officials"


def test_participle_after_a_cue_without_a_noun_before_it_is_not_a_report():
    doc = flat([T("Officials", "NOUN", "NNS", "official"), T("said", "VERB", "VBD", "say"),
                T("reluctantly", "ADV", "RB"), T("united", "VERB", "VBN", "unite"), T("in", "ADP"),
                T("grief", "NOUN"), T(".", "PUNCT")], space_after_no={5})
    assert attribute(doc, scope="attributions", learned=False) == []
