"""Metrics on small hand-made cases with known answers (no model needed)."""

import pytest

from benchmarks.metrics import Doc, evaluate, gold_quote, quote_kind
from benchmarks.seed import normalise_role, score_seed, speaker_right

approx = pytest.approx


def at(text, s, nth=0):
    """(start, end) of the ``nth`` occurrence of ``s`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return [i, i + len(s)]


def pred(text, content, speaker=None, cue=None, name=None, role=None, venue=None):
    s, e = at(text, content)
    d = {"kind": "direct", "text": content, "start": s, "end": e, "spans": [[s, e]],
         "cue": None, "speaker": None, "speakers": [], "venue": None, "addressee": None}
    if cue:
        cs, ce = at(text, cue) if isinstance(cue, str) else cue
        d["cue"] = {"text": text[cs:ce], "start": cs, "end": ce}
    if speaker:
        ss, se = at(text, speaker) if isinstance(speaker, str) else speaker
        d["speaker"] = {"name": name or text[ss:se], "text": text[ss:se], "start": ss, "end": se,
                        "role": role, "kind": "person"}
        d["speakers"] = [d["speaker"]]
    if venue:
        vs, ve = at(text, venue)
        d["venue"] = {"text": venue, "start": vs, "end": ve, "kind": "event"}
    return d


TEXT = 'Alice Smith said "one two three four five" on Monday.\nBob Jones said that six seven eight nine.\n'
G1 = gold_quote([at(TEXT, '"one two three four five"')], [at(TEXT, "Alice Smith")], [at(TEXT, "said")])
G2 = gold_quote([at(TEXT, "six seven eight nine")], [at(TEXT, "Bob Jones")], [at(TEXT, "said", 1)])


# ---------------------------------------------------------------- tokens and kinds
def test_doc_tokens_ignore_punctuation():
    doc = Doc(TEXT)
    assert len(doc.tokens([at(TEXT, '"one two three four five"')])) == 5
    assert doc.tokens([at(TEXT, "one two three four five")]) == doc.tokens([at(TEXT, '"one two three four five"')])
    assert doc.head_word([at(TEXT, "Alice Smith")]) == "smith"


def test_quote_kind():
    assert quote_kind(TEXT, [at(TEXT, "one two three four five")]) == "direct"  # enclosed by marks
    assert quote_kind(TEXT, [at(TEXT, '"one two three four five"')]) == "direct"  # holds marks
    assert quote_kind(TEXT, [at(TEXT, "six seven eight nine")]) == "indirect"
    t = "“We are ready,” he said."
    assert quote_kind(t, [at(t, "We are ready")]) == "direct"  # mark after trailing comma


# ---------------------------------------------------------------- Citron exact match
def test_exact_all_right():
    p = pred(TEXT, "one two three four five", "Alice Smith", "said")
    res = evaluate([(TEXT, [G1], [p])])["all"]
    for what in ("cue", "source", "content", "quote"):
        assert (res["exact"][what]["p"], res["exact"][what]["r"], res["exact"][what]["f1"]) == (1.0, 1.0, 1.0)


def test_exact_one_of_two_gold():
    p = pred(TEXT, "one two three four five", "Alice", "said")  # source too short
    res = evaluate([(TEXT, [G1, G2], [p])])["all"]
    c = res["exact"]["content"]
    assert (c["p"], c["r"], c["f1"]) == (1.0, 0.5, approx(2 / 3))
    assert res["exact"]["cue"]["f1"] == approx(2 / 3)
    s = res["exact"]["source"]
    assert (s["p"], s["r"], s["f1"]) == (0.0, 0.0, 0.0)
    assert res["exact"]["quote"]["f1"] == 0.0


def test_exact_source_needs_same_quote():
    # right speaker span, but attached to a content that is not that speaker's quote
    p = pred(TEXT, "six seven eight nine", "Alice Smith", "said")
    res = evaluate([(TEXT, [G1, G2], [p])])["all"]
    assert res["exact"]["source"]["p"] == 0.0
    assert res["exact"]["content"]["p"] == 1.0


# ---------------------------------------------------------------- token overlap
def test_token_overlap_precision_is_over_predicted_tokens():
    # predicted content: 10 tokens, 5 of them gold -> P = 0.5, R = 1.0 (a P/R swap gives 1.0/0.5)
    p = pred(TEXT, 'Alice Smith said "one two three four five" on Monday')
    res = evaluate([(TEXT, [G1], [p])])["all"]
    c = res["overlap"]["content"]
    assert c["p"] == 0.5
    assert c["r"] == 1.0
    assert c["f1"] == approx(2 / 3)


def test_token_overlap_all_spans_not_swapped():
    # content 3 of 5 gold tokens; source 2 predicted tokens of which 1 gold; cue exact
    p = pred(TEXT, "three four five", speaker=at(TEXT, "Smith said"), cue="said", name="Smith")
    res = evaluate([(TEXT, [G1], [p])])["all"]
    o = res["overlap"]
    assert (o["content"]["p"], o["content"]["r"]) == (1.0, 0.6)
    assert (o["source"]["p"], o["source"]["r"]) == (0.5, 0.5)
    assert (o["cue"]["p"], o["cue"]["r"]) == (1.0, 1.0)
    # quote: predicted 3 + 2 + 1 = 6 tokens, 3 + 1 + 1 = 5 hit; gold 5 + 2 + 1 = 8 tokens, 3 + 1 + 1 = 5 hit
    assert o["quote"]["p"] == approx(5 / 6)
    assert o["quote"]["r"] == approx(5 / 8)
    assert o["quote"]["f1"] == approx(2 * (5 / 6) * (5 / 8) / (5 / 6 + 5 / 8))


def test_token_overlap_source_only_counts_within_same_quote():
    # the speaker "Bob Jones" is predicted for Alice's quote: no source credit
    p = pred(TEXT, "one two three four five", "Bob Jones", "said")
    res = evaluate([(TEXT, [G1, G2], [p])])["all"]
    assert res["overlap"]["source"]["p"] == 0.0
    assert res["overlap"]["source"]["r"] == 0.0


# ---------------------------------------------------------------- GGT and quote F1
T2 = 'Pat Caddell said "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj" and "kkkk llll".\n'
G3 = gold_quote([at(T2, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj")], [at(T2, "Pat Caddell")], [at(T2, "said")])


def test_ggt_thresholds_and_precision():
    p40 = pred(T2, "aaaa bbbb cccc dddd", "Caddell", name="Pat Caddell")  # 16 of 40 characters
    fp = pred(T2, "kkkk llll")
    res = evaluate([(T2, [G3], [p40, fp])])["all"]
    g30, g80 = res["ggt30"], res["ggt80"]
    assert (g30["p"], g30["r"], g30["f1"]) == (0.5, 1.0, approx(2 / 3))
    assert (g80["p"], g80["r"], g80["f1"]) == (0.0, 0.0, 0.0)
    assert g30["speaker_mention_acc"] == 1.0
    assert g30["speaker_name_acc"] == 1.0
    assert g80["speaker_mention_acc"] is None  # nothing found
    # Citron's quote F1: 16 shared characters = 100% of the shorter (the prediction)
    q = res["q50"]
    assert (q["p"], q["r"], q["f1"]) == (0.5, 1.0, approx(2 / 3))


def test_ggt_80_found_and_wrong_speaker():
    p = pred(T2, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii", "kkkk", name="Hillary Clinton")  # 36/40
    res = evaluate([(T2, [G3], [p])])["all"]
    g80 = res["ggt80"]
    assert (g80["p"], g80["r"], g80["f1"]) == (1.0, 1.0, 1.0)
    assert g80["speaker_mention_acc"] == 0.0
    assert g80["speaker_name_acc"] == 0.0


def test_speaker_name_right_but_mention_elsewhere():
    # canonical name right (head word "caddell"), mention span is not the gold source
    p = pred(T2, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj", "kkkk", name="Pat Caddell")
    res = evaluate([(T2, [G3], [p])])["all"]
    assert res["ggt80"]["speaker_mention_acc"] == 0.0
    assert res["ggt80"]["speaker_name_acc"] == 1.0


def test_quote_f1_half_of_shorter():
    # prediction holds the gold quote plus more: 40 shared chars of a 40-char gold -> match;
    # a prediction sharing 8 of 40 gold chars and 8 of its own 8 chars also matches
    p = pred(T2, "aaaa bbbb")
    res = evaluate([(T2, [G3], [p])])["all"]
    assert res["q50"]["r"] == 1.0
    assert res["ggt30"]["r"] == 0.0  # 8/40 = 20% < 30%


def test_split_by_kind():
    p = pred(TEXT, "one two three four five", "Alice Smith", "said")
    res = evaluate([(TEXT, [G1, G2], [p])])
    d, i = res["direct"], res["indirect"]
    assert (d["n_gold"], d["n_pred"], i["n_gold"], i["n_pred"]) == (1, 1, 1, 0)
    assert (d["ggt80"]["p"], d["ggt80"]["r"], d["ggt80"]["f1"]) == (1.0, 1.0, 1.0)
    assert (i["ggt80"]["p"], i["ggt80"]["r"], i["ggt80"]["f1"]) == (0.0, 0.0, 0.0)
    assert (res["all"]["ggt80"]["p"], res["all"]["ggt80"]["r"]) == (1.0, 0.5)


# ---------------------------------------------------------------- coreference: names and pronoun sources
T3 = ('Pat Caddell said "aaaa bbbb cccc". He added "dddd eeee ffff". Kim Lee said "gggg hhhh iiii". '
      'Officials said "jjjj kkkk llll".\n')
G3S = [gold_quote([at(T3, c)], [at(T3, s)]) for c, s in [
    ("aaaa bbbb cccc", "Pat Caddell"), ("dddd eeee ffff", "He"), ("gggg hhhh iiii", "Kim Lee"),
    ("jjjj kkkk llll", "Officials")]]


def test_speaker_name_without_coreference():
    preds = [
        pred(T3, "aaaa bbbb cccc", "Pat Caddell", name="Pat Caddell"),  # name right, mention right
        pred(T3, "dddd eeee ffff", "He", name="Pat Caddell"),  # pronoun source: left out of both
        pred(T3, "gggg hhhh iiii", "Kim", name="Kim Lee"),  # head "lee": in the name, not in the mention
        pred(T3, "jjjj kkkk llll", "Officials", name="Officials"),
    ]
    res = evaluate([(T3, G3S, preds)])
    g = res["all"]["ggt30"]
    assert g["n_speaker_name"] == 3
    assert (g["n_speaker_name_right"], g["n_speaker_name_right_no_coref"]) == (3, 2)
    assert g["speaker_name_acc"] == 1.0
    assert g["speaker_name_acc_no_coref"] == approx(2 / 3)
    # the other way round: a mention with the head word, but a wrong canonical name
    preds[3] = pred(T3, "jjjj kkkk llll", "Officials", name="Kim Lee")
    g = evaluate([(T3, G3S, preds)])["direct"]["ggt30"]
    assert (g["n_speaker_name_right"], g["n_speaker_name_right_no_coref"], g["n_speaker_name"]) == (2, 2, 3)
    assert evaluate([(T3, G3S, preds)])["indirect"]["ggt30"]["speaker_name_acc_no_coref"] is None


def test_who_said_it_counts_pronoun_sources_by_their_antecedent():
    preds = [
        pred(T3, "aaaa bbbb cccc", "Pat Caddell", name="Pat Caddell"),
        pred(T3, "dddd eeee ffff", "He", name="Pat Caddell"),  # pronoun: right only through coreference
        pred(T3, "gggg hhhh iiii", "Kim", name="Kim Lee"),
        pred(T3, "jjjj kkkk llll", "Officials", name="Kim Lee"),  # wrong name
    ]
    g = evaluate([(T3, G3S, preds)])["all"]["ggt30"]
    assert g["n_speaker_who"] == 4
    assert (g["n_speaker_who_right"], g["n_speaker_who_right_no_coref"]) == (3, 2)
    assert g["speaker_who_acc"] == approx(3 / 4)


T4 = ('She said "aaaa bbbb". Pat Caddell said "cccc dddd". He added "eeee ffff". They said "gggg hhhh". '
      'The Times said "iiii jjjj". It said "kkkk llll". It noted "mmmm nnnn". We said "oooo pppp". '
      'You said "qqqq rrrr". His aide said "ssss tttt".\n')


def t4_gold():
    sources = ["She", "Pat Caddell", "He", "They", "The Times", "It", ("It", 1), "We", "You", "His aide"]
    contents = ["aaaa bbbb", "cccc dddd", "eeee ffff", "gggg hhhh", "iiii jjjj", "kkkk llll", "mmmm nnnn",
                "oooo pppp", "qqqq rrrr", "ssss tttt"]
    return [gold_quote([at(T4, c)], [at(T4, *s) if isinstance(s, tuple) else at(T4, s)]) for c, s in zip(contents, sources)]


def test_pronoun_sources_resolved():
    preds = [
        pred(T4, "aaaa bbbb", "She", name="Ann Moe"),  # resolved; no antecedent before it: not judged
        pred(T4, "eeee ffff", "He", name="Pat Caddell"),  # resolved right (Caddell one quote back)
        pred(T4, "gggg hhhh", "They", name="they"),  # not resolved (judged: Caddell two quotes back)
        pred(T4, "kkkk llll", "It", name="Pat Caddell"),  # resolved, wrong: Caddell is 4 quotes back
        pred(T4, "mmmm nnnn", at(T4, "It", 1), name="The Post"),  # resolved, wrong: only "the" is shared
        pred(T4, "oooo pppp"),  # no speaker: not resolved (antecedent: The Times)
        pred(T4, "qqqq rrrr", "You", name="Pat Caddell"),  # "you" is not a personal pronoun source here
        pred(T4, "ssss tttt", "His aide", name="His aide"),  # not a pronoun source (two words)
    ]
    # "Pat Caddell", "The Times" not predicted: their quotes are not found, but are antecedents
    res = evaluate([(T4, t4_gold(), preds)])
    g = res["all"]["ggt30"]
    assert g["r"] == 0.8
    assert (g["n_pronoun_resolved"], g["n_pronoun"]) == (4, 6)
    assert g["pronoun_resolved_acc"] == approx(4 / 6)
    assert (g["n_pronoun_resolved_right"], g["n_pronoun_with_antecedent"]) == (1, 5)
    assert g["pronoun_resolved_right_acc"] == approx(1 / 5)
    assert res["direct"]["ggt30"]["n_pronoun"] == 6
    assert res["indirect"]["ggt30"]["n_pronoun"] == 0
    assert res["indirect"]["ggt30"]["pronoun_resolved_acc"] is None
    # speaker names leave pronoun head words out: "You", and "His aide" (head: its last capitalised word)
    assert (g["n_speaker_name_right"], g["n_speaker_name"], g["speaker_name_acc_no_coref"]) == (0, 0, None)


def test_pronoun_resolved_right_within_three_quotes_only():
    # the same "It" quote, Caddell now 3 quotes back (a "The Times" quote left out)
    golds = [q for k, q in enumerate(t4_gold()) if k != 4]
    p = pred(T4, "kkkk llll", "It", name="Pat Caddell")
    g = evaluate([(T4, golds, [p])])["all"]["ggt30"]
    assert (g["n_pronoun_resolved_right"], g["n_pronoun_with_antecedent"], g["n_pronoun"]) == (1, 1, 1)
    # gold order is by content, not by list order
    g = evaluate([(T4, golds[::-1], [p])])["all"]["ggt30"]
    assert (g["n_pronoun_resolved_right"], g["n_pronoun_with_antecedent"]) == (1, 1)


def test_report_shows_coreference_numbers():
    from benchmarks import report

    preds = [pred(T4, "eeee ffff", "He", name="Pat Caddell"), pred(T4, "gggg hhhh", "They", name="they")]
    res = {"meta": {"split": "dev", "date": "today", "command": "python -m benchmarks",
                    "machine": {"cpu": "x", "cores": 2, "usable_cores": 2, "os": "y", "python": "3"}},
           "systems": {"kora_quotes": {"polnear": evaluate([(T4, t4_gold(), preds)])}}}
    text = report.text_report(res)
    assert "speaker name acc without coreference (GGT 30%)" in text
    assert "pronoun sources resolved to a name" in text
    row = [line for line in text.splitlines() if line.startswith("kora_quotes  all") and "1/2 (0.50)" in line]
    # who said it 1/2 (0/2 as written), resolved 1/2, right 1/2
    assert len(row) == 1 and row[0].count("1/2 (0.50)") == 3 and "0/2 (0.00)" in row[0]
    md = report.markdown_report(res)
    assert "| kora_quotes | all | 1/2 (0.50) | 0/2 (0.00) | – | – | 1/2 (0.50) | 1/2 (0.50) |" in md


def test_empty_inputs():
    res = evaluate([(TEXT, [], [])])["all"]
    assert res["ggt30"]["f1"] == 0.0 and res["n_gold"] == 0


# ---------------------------------------------------------------- seed scorer
SEED = 'Intro line.\n"We will win the vote," Sen. Bob Dole told reporters in Tokyo. U.S. officials said the deal was dead.\nA "scare quote" here.\n'


def seed_gold():
    return {
        "quotes": [
            {"id": 1, "kind": "direct", "content_span": at(SEED, "We will win the vote,"),
             "speakers": [{"name": "Bob Dole", "role": "Senator"}], "speaker_mention_span": at(SEED, "Sen. Bob Dole"),
             "venue_any_of": ["in Tokyo", "reporters"], "optional": False},
            {"id": 2, "kind": "indirect", "content_span": at(SEED, "the deal was dead"),
             "speakers": [{"name": "U.S. officials", "role": "officials"}], "speaker_mention_span": at(SEED, "U.S. officials"),
             "venue_any_of": None, "optional": False},
            {"id": 3, "kind": "direct", "content_span": at(SEED, "scare quote"),
             "speakers": [{"name": "the Times", "role": None}], "speaker_mention_span": None,
             "venue_any_of": None, "optional": True},
        ]
    }


def test_role_and_speaker_rules():
    assert normalise_role("Sen.") == normalise_role("senator") == "senator"
    assert normalise_role("the Secretary of State") == "secretary of state"
    p = {"speakers": [{"name": "The Bob Dole", "text": "Dole"}]}
    assert speaker_right([{"name": "Bob Dole"}], p)
    assert speaker_right([{"name": "senior officials", "role": "officials"}], {"speaker": {"name": "x", "text": "U.S. officials"}})
    assert not speaker_right([{"name": "senior officials", "role": "officials"}], {"speaker": {"name": "x", "text": "aide"}})


def test_seed_scorer_counts():
    preds = [
        pred(SEED, "We will win the vote,", "Sen. Bob Dole", "told", name="Bob Dole", role="Sen.", venue="reporters in Tokyo"),
        pred(SEED, "the deal was dead", "U.S. officials", "said", name="U.S. officials", role="officials", venue="Intro line"),
        pred(SEED, "scare quote"),  # matches an optional quote: not a false positive
        pred(SEED, "Intro line"),  # false positive
    ]
    preds[1]["kind"] = "indirect"
    res = score_seed(SEED, seed_gold(), preds)
    s = res["summary"]
    assert s["required"] == 2 and s["content_found"] == 2
    assert (s["with_mention"], s["speaker_mention_right"], s["speaker_right"]) == (2, 2, 2)
    assert (s["with_role"], s["role_right"]) == (2, 2)
    assert (s["with_venue"], s["venue_right"]) == (1, 1)
    assert (s["without_venue"], s["no_venue_invented"]) == (1, 0)  # a venue was invented for quote 2
    assert s["false_positives"] == 1
    assert res["false_positives"][0]["text"] == "Intro line"
    assert [r["found"] for r in res["rows"]] == [True, True, True]


def test_seed_scorer_misses():
    preds = [pred(SEED, "We will win", "reporters", name="Reporters", role="Governor")]  # 10/17 chars
    s = score_seed(SEED, seed_gold(), preds)["summary"]
    assert s["content_found"] == 0 and s["speaker_right"] == 0 and s["role_right"] == 0
    assert s["false_positives"] == 0  # 10 shared chars = 100% of the shorter: it matches quote 1


@pytest.mark.parametrize("source, head", [
    ("Sen. David Perdue (R-Ga.)", "perdue"),
    ("Rep. G.K. Butterfield (D-N.C.), head of the Congressional Black Caucus", "butterfield"),
    ("Representative Charles B. Rangel of New York", "rangel"),
    ("The commission", "commission"),
    ("the Roper Center for Public Opinion Research", "center"),
    ("a spokesman", "spokesman"),
])
def test_head_word_of_a_source_phrase(source, head):
    assert Doc(source).head_word([(0, len(source))]) == head
