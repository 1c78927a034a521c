"""The lexicons in kora_quotes/data, read once with importlib.resources."""

from __future__ import annotations

import functools
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("kora_quotes").joinpath("data", name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _lines(name)]


@functools.cache
def cue_verbs() -> dict[str, str]:
    """Reporting verb lemma -> class ("speech", "thought", "stance" or "topic")."""
    return {row[0]: row[1] for row in _rows("cue_verbs.tsv")}


@functools.cache
def infinitive_cues() -> frozenset[str]:
    """Speech verbs whose "to" clause is what was said ("vowed to repeal it", "urged Congress to act")."""
    return _flagged("to")


@functools.cache
def object_cues() -> frozenset[str]:
    """Speech verbs whose object is what was said ("denied the report", "mentioned Machado")."""
    return _flagged("obj")


@functools.cache
def finding_sources() -> frozenset[str]:
    """Nouns of sources whose finding is a report ("the study found 31 incidents")."""
    return frozenset(_lines("finding_sources.txt"))


@functools.cache
def topic_cues() -> frozenset[str]:
    """Speech verbs whose "about" phrase is what was said ("complained about his microphone")."""
    return _flagged("about")


def _flagged(flag: str) -> frozenset[str]:
    return frozenset(row[0] for row in _rows("cue_verbs.tsv") if len(row) > 2 and flag in row[2].split(","))


@functools.cache
def never_inverted() -> frozenset[str]:
    """Speech verbs whose object is the one spoken to, never an inverted speaker ("told X")."""
    return _flagged("never-inverted")


@functools.cache
def addressee_verbs() -> frozenset[str]:
    """Speech verbs whose object is the addressee ("told reporters", "urged Congress")."""
    return _flagged("addressee")


@functools.cache
def to_addressee_verbs() -> frozenset[str]:
    """Speech verbs whose "to" phrase is the addressee ("said to reporters")."""
    return _flagged("to-addressee")


@functools.cache
def headline_cues() -> frozenset[str]:
    """The reporting verbs a headline's guessed parse does not put in doubt ("..., Graham Says")."""
    return _flagged("headline")


@functools.cache
def irregular_forms() -> dict[str, str]:
    """Irregular forms of reporting verbs -> lemma ("said" -> "say"), for unseen words."""
    return {form: row[0] for row in _rows("cue_verbs.tsv") if len(row) > 3 and row[3] != "-"
            for form in row[3].split(",")}


@functools.cache
def source_phrases() -> tuple[tuple[str, ...], ...]:
    """Phrases whose object is a source ("according to"), as lower-case word tuples."""
    return tuple(tuple(phrase.lower().split()) for phrase, kind in _rows("cue_nouns.tsv") if kind == "source-phrase")


@functools.cache
def cue_nouns() -> frozenset[str]:
    """Nouns that report speech or belief with a that-clause ("claim", "statement")."""
    return frozenset(noun for noun, kind in _rows("cue_nouns.tsv") if kind == "noun")


@functools.cache
def titles() -> dict[tuple[str, ...], tuple[str | None, str | None]]:
    """Title words as written -> (normalised role or None, gender "male"/"female" or None)."""
    out = {}
    for written, role, gender in _rows("titles.tsv"):
        out[tuple(written.split())] = (None if role == "-" else role, {"m": "male", "f": "female"}.get(gender))
    return out


@functools.cache
def max_title_len() -> int:
    return max(len(k) for k in titles())


@functools.cache
def role_nouns() -> frozenset[str]:
    return frozenset(_lines("role_nouns.txt"))


@functools.cache
def group_words() -> frozenset[str]:
    return frozenset(_lines("group_words.txt"))


@functools.cache
def org_suffixes() -> frozenset[str]:
    return frozenset(_lines("org_suffixes.txt"))


@functools.cache
def places() -> frozenset[str]:
    return frozenset(_lines("places.txt"))


@functools.cache
def time_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("time_words.txt"))


@functools.cache
def venue_nouns() -> dict[str, str]:
    return {noun: kind for noun, kind in _rows("venues.tsv")}


@functools.cache
def platforms() -> frozenset[str]:
    return frozenset(_lines("platforms.txt"))


@functools.cache
def media() -> frozenset[str]:
    return frozenset(_lines("media.txt"))


@functools.cache
def contractions() -> frozenset[str]:
    """Apostrophe-less tokens that may be split into two words ("gonna", "cannot")."""
    return frozenset(_lines("contractions.txt"))
