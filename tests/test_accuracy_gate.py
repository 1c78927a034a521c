"""Accuracy gate on the seed article: kora_quotes must not fall below FLOOR.

The model runs inside the test, not at import, so collection stays cheap.
Maintainers raise FLOOR as the extractor improves; the keys are the summary
counts of :func:`benchmarks.seed.score_seed`.
"""

import pytest

# Set on 2026-11-28 (second session) one below the counts reached then where a parse
# can tip one quote (20/20/16/20/20/9/9 reached); the issue targets where higher.
FLOOR = {
    "content_found": 19,  # required gold quotes found (>= 80% of their characters), of 20
    "speaker_mention_right": 15,  # predicted mention overlaps the gold mention, of 16
    "speaker_right": 19,  # canonical speaker right, of 20
    "role_right": 19,  # role right, among gold quotes with a role
    "venue_right": 10,  # venue right, among gold quotes with a venue (11: quote 4, an uncued
    # continuation, carries the venue of the quote it continues)
    "no_venue_invented": 8,  # found quotes whose gold venue is null and none was predicted (9)
}
MAX_FALSE_POSITIVES = 0  # predictions that match no gold quote

HEADER_LINES = 5  # headline and reader comments: they hold no quotes
FORBIDDEN_CONTENT = "State of the Union"  # a show's name in quotation marks, not a quote


@pytest.fixture(scope="module")
def seed_run():
    from benchmarks import seed
    from kora_quotes import extract

    text, gold = seed.load_gold()
    quotes = extract(text)  # the models ship in the package: a missing model is a failure
    preds = [q.to_dict() for q in quotes]
    return text, gold, preds, seed.score_seed(text, gold, preds)


def test_floor(seed_run):
    *_, result = seed_run
    summary = result["summary"]
    low = {k: (summary[k], v) for k, v in FLOOR.items() if summary[k] < v}
    assert not low, f"below the floor (got, floor): {low}"
    if MAX_FALSE_POSITIVES is not None:
        assert summary["false_positives"] <= MAX_FALSE_POSITIVES, result["false_positives"]


def test_no_quote_in_headline_or_comments(seed_run):
    text, _, preds, _ = seed_run
    end_of_header = 0
    for _ in range(HEADER_LINES):
        end_of_header = text.index("\n", end_of_header) + 1
    bad = [p["text"] for p in preds if any(s < end_of_header for s, _ in p["spans"])]
    assert not bad, f"quotes found in the headline or reader comments: {bad}"


def test_show_name_is_not_a_quote(seed_run):
    text, _, preds, _ = seed_run
    start = text.index(FORBIDDEN_CONTENT)
    end = start + len(FORBIDDEN_CONTENT)
    bad = [p["text"] for p in preds if any(s < end and start < e for s, e in p["spans"])]
    assert not bad, f"{FORBIDDEN_CONTENT!r} taken as quote content: {bad}"
