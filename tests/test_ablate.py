"""The rule ablation (benchmarks/ablate.py) on hand-checked parses: no model needed."""

from pathlib import Path

from kora_quotes.parsing.doc import ParsedDoc

from benchmarks import ablate

FIXTURES = Path(__file__).parent / "fixtures"

KERRY = """# text = Mr. Kerry said that the talks would resume.
1	Mr.	Mr.	PROPN	NNP	_	2	compound	_	_
2	Kerry	Kerry	PROPN	NNP	_	3	nsubj	_	_
3	said	say	VERB	VBD	_	0	root	_	_
4	that	that	SCONJ	IN	_	8	mark	_	_
5	the	the	DET	DT	_	6	det	_	_
6	talks	talk	NOUN	NNS	_	8	nsubj	_	_
7	would	would	AUX	MD	_	8	aux	_	_
8	resume	resume	VERB	VB	_	3	ccomp	_	SpaceAfter=No
9	.	.	PUNCT	.	_	3	punct	_	_
"""


def _item(conllu: str, doc_id: str = "doc") -> ablate.Item:
    raw = ParsedDoc.from_conllu(conllu)
    return ablate.Item(doc_id, raw.text, {"quotes": []}, raw)


def _senator() -> ablate.Item:
    # "The plan will fail," Sen. John McCain said on CNN.  "It is a crafty trick," he added.
    return _item((FIXTURES / "senator.conllu").read_text(encoding="utf-8"), "senator")


def test_rule_that_matters_changes_the_result():
    item = _senator()
    base = ablate.predict(item.doc)
    assert base[0]["venue"]["kind"] == "media" and "CNN" in base[0]["venue"]["text"]
    (off,) = ablate.ablate([item], "venue.media")
    assert off != base
    assert not off[0]["venue"]  # without the rule, CNN is no venue
    assert [q["text"] for q in off] == [q["text"] for q in base]


def test_irrelevant_rule_changes_nothing():
    item = _senator()
    base = ablate.predict(item.doc)
    for name in ("guard.headline_cue", "venue.document", "venue.platform"):
        assert ablate.ablate([item], name) == [base], name


def test_reported_clause_found_and_tracked():
    item = _item(KERRY, "kerry")
    with ablate.Tracker() as tracker:
        (q,) = ablate.predict(item.doc)
    assert q["text"] == "that the talks would resume" and q["speaker"]["name"] == "Kerry"
    assert "reported.ccomp" in tracker.fired  # the rule that found it
    assert "guard.headline_cue" not in tracker.fired
    # switched off, the tracker no longer sees it fire
    with ablate.Tracker() as tracker:
        ablate.predict(item.doc, ["reported.ccomp"])
    assert "reported.ccomp" not in tracker.fired


def test_fast_run_agrees_with_exact_run():
    items = {"seed": [_senator()]}
    names = ("venue.media", "role.title", "reported.ccomp", "guard.headline_cue", "repair.masked_dateline")
    rules = [r for r in ablate.RULES if r.name in names]
    fast = ablate.run(items, rules)
    exact = ablate.run(items, rules, exact=True)
    assert fast["rules"] == exact["rules"]
    assert fast["rules"]["venue.media"]["docs_changed"] == 1
    assert fast["rules"]["guard.headline_cue"]["docs_changed"] == 0
    assert not fast["rules"]["repair.masked_dateline"]["measured"]


def test_a_rule_that_earns_only_on_the_roleset_earns_something():
    from benchmarks.ablate import earns_nothing
    from benchmarks.ablate_roleset import worth_text

    zero = {"quotes": 0, "ggt30_f1": 0.0}
    entry = {"measured": True, "train": zero, "dev": zero, "seed": {"found": 0}, "roleset": {"test_affiliation": 0}}
    assert earns_nothing(entry)
    entry["roleset"] = {"tune_affiliation": -22, "test_affiliation": -47}
    assert not earns_nothing(entry)
    assert "Δaffiliation -22/-47" in worth_text(entry["roleset"]) and "Δrole +0/+0" in worth_text(entry["roleset"])
