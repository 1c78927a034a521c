"""The rule registry: registration is checked, switching off is scoped, priority decides."""

from __future__ import annotations

import pytest

from kora_quotes.rules import patterns
from kora_quotes.rules.registry import RULES, STAGES, Registry, Rule, first, is_on, rule, switched_off


def _rule(name="x.y", stage="direct", examples=("He said so.",), description="does x"):
    return Rule(name, stage, 50, tuple(examples), description, lambda: None)


def test_every_rule_is_complete():
    names = RULES.names()
    assert len(names) == len(set(names)) > 40
    for r in RULES:
        assert r.stage in STAGES and r.examples and r.description, r.name
        assert r.name.split(".")[0] in {"repair", "direct", "reported", "complement", "shallow", "open", "guard", "merge",
                                        "speaker", "coref", "role", "affiliation", "venue"}, r.name


@pytest.mark.parametrize("bad, message", [
    (dict(stage="nowhere"), "unknown stage"),
    (dict(examples=()), "no example"),
    (dict(description=""), "no docstring"),
])
def test_registration_is_checked(bad, message):
    reg = Registry()
    with pytest.raises(ValueError, match=message):
        reg.register(_rule(**bad))


def test_a_name_is_registered_once():
    reg = Registry()
    reg.register(_rule())
    with pytest.raises(ValueError, match="already registered"):
        reg.register(_rule())


def test_switched_off_is_scoped_and_checks_names():
    assert is_on("reported.ccomp")
    with switched_off(["reported.ccomp"]):
        assert not is_on("reported.ccomp")
    assert is_on("reported.ccomp")
    with pytest.raises(ValueError, match="no rule named 'reported.nothing'"):
        with switched_off(["reported.nothing"]):
            pass


def test_first_follows_priority_not_order():
    calls = []

    def make(name, priority, result):
        def f():
            calls.append(name)
            return result
        f.rule_name, f.priority = name, priority
        return f

    low, high = make("low", 10, "L"), make("high", 90, "H")
    assert first([low, high]) == ("H", "high")
    assert first([make("none", 99, None), make("empty", 98, []), make("false", 97, False), low]) == ("L", "low")
    assert first([make("zero", 50, 0)]) == (0, "zero")  # a word index 0 is a result


def test_a_rule_switched_off_gives_its_off_value():
    @rule("merge.test_only_rule", stage="merge", examples=["x"], off="OFF")
    def f():
        """A rule for this test."""
        return "ON"

    try:
        assert f() == "ON"
        with switched_off(["merge.test_only_rule"]):
            assert f() == "OFF"
    finally:
        RULES._rules.pop("merge.test_only_rule")


def test_patterns_are_checked_when_they_load():
    good = ["p", "quote", "cue", "ccomp", "-", "-", "50", "He said: \"Yes.\""]
    assert patterns.Pattern.from_row(good).rels == {"ccomp"}
    with pytest.raises(ValueError, match="not UD relations: complement"):
        patterns.Pattern.from_row(good[:3] + ["complement"] + good[4:])
    with pytest.raises(ValueError, match="from/to"):
        patterns.Pattern.from_row(good[:1] + ["cue", "cue"] + good[3:])
    with pytest.raises(ValueError, match="8 tab-separated"):
        patterns.Pattern.from_row(good[:5])
    assert {p.rule_name for p in patterns.patterns()} <= set(RULES.names())
