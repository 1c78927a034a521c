"""The lexicons in kora_quotes/data, read once with importlib.resources."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Callable


def _lines(name: str) -> list[str]:
    text = resources.files("kora_quotes").joinpath("data", name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _lines(name)]


def _flag(flag: str, doc: str) -> Callable[[], frozenset[str]]:
    """A cached reader of the cue verbs that carry ``flag`` in cue_verbs.tsv's third column."""
    def read() -> frozenset[str]:
        return frozenset(row[0] for row in _rows("cue_verbs.tsv") if len(row) > 2 and flag in row[2].split(","))

    read.__doc__ = doc
    return functools.cache(read)


def _word_list(name: str, doc: str) -> Callable[[], frozenset[str]]:
    """A cached reader of the one-entry-a-line lexicon data/<name>."""
    def read() -> frozenset[str]:
        return frozenset(_lines(name))

    read.__doc__ = doc
    return functools.cache(read)


@functools.cache
def cue_verbs() -> dict[str, str]:
    """Reporting verb lemma -> class ("speech", "thought", "stance" or "topic")."""
    return {row[0]: row[1] for row in _rows("cue_verbs.tsv")}


@functools.cache
def attribution_types() -> dict[str, str]:
    """Cue lemma -> what it attributes when that is no speech ("thought", "intention", "finding", "perception")."""
    return {row[0]: row[1] for row in _rows("attribution_types.tsv")}


infinitive_cues = _flag("to", """Speech verbs whose "to" clause is what was said ("vowed to repeal it", "urged Congress to act").""")


object_cues = _flag("obj", """Speech verbs whose object is what was said ("denied the report", "mentioned Machado").""")


finding_sources = _word_list("finding_sources.txt", """Nouns of sources whose finding is a report ("the study found 31 incidents").""")


topic_cues = _flag("about", """Speech verbs whose "about" phrase is what was said ("complained about his microphone").""")




never_inverted = _flag("never-inverted", """Speech verbs whose object is the one spoken to, never an inverted speaker ("told X").""")


addressee_verbs = _flag("addressee", """Speech verbs whose object is the addressee ("told reporters", "urged Congress").""")


to_addressee_verbs = _flag("to-addressee", """Speech verbs whose "to" phrase is the addressee ("said to reporters").""")


object_not_enough = _flag("object-not-enough", """Stance verbs whose bare object is no position ("called them", "thanked him").""")
headline_cues = _flag("headline", """The reporting verbs a headline's guessed parse does not put in doubt ("..., Graham Says").""")


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


role_nouns = _word_list("role_nouns.txt", """The entries of data/role_nouns.txt.""")


group_words = _word_list("group_words.txt", """The entries of data/group_words.txt.""")


org_suffixes = _word_list("org_suffixes.txt", """The entries of data/org_suffixes.txt.""")


places = _word_list("places.txt", """The entries of data/places.txt.""")


@functools.cache
def time_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("time_words.txt"))


@functools.cache
def venue_nouns() -> dict[str, str]:
    return {noun: kind for noun, kind in _rows("venues.tsv")}


platforms = _word_list("platforms.txt", """The entries of data/platforms.txt.""")


media = _word_list("media.txt", """The entries of data/media.txt.""")


contractions = _word_list("contractions.txt", """Apostrophe-less tokens that may be split into two words ("gonna", "cannot").""")


@functools.cache
def _word_classes() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(row[1].split()) for row in _rows("word_classes.tsv")}


def word_class(name: str) -> frozenset[str]:
    """The words of the class ``name`` in data/word_classes.tsv ("stance-cases", "definite", ...)."""
    try:
        return _word_classes()[name]
    except KeyError:
        raise KeyError(f"data/word_classes.tsv has no class {name!r}; it has {', '.join(sorted(_word_classes()))}") from None
