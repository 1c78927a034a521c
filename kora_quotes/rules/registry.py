"""The rule registry: every way of repairing a parse, finding a quote, and picking its speaker,
role or venue is a named rule with a stage, a priority and example sentences.

A rule is a plain function registered with :func:`rule`::

    @rule("reported.according_to", stage="reported", priority=60,
          examples=["The deal is off, according to two officials."])
    def according_to(att, hit): ...

Rules of one stage that compete for the same job are tried by :func:`first`, in order of
priority (highest first): which rule wins is data, not the order of ``if`` statements.
:func:`switched_off` turns rules off for a block of code (the ablation benchmark runs each
rule's stage without it); a rule that is off gives its ``off`` value (by default ``None``:
nothing found, or "no objection" for a guard).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

import attrs

__all__ = ["Rule", "Registry", "RULES", "STAGES", "rule", "switch", "first", "switched_off", "is_on"]

# The stages, in the order data flows through them.
STAGES = (
    "repair",  # a parse fixed before any rule reads it
    "direct",  # a quotation tied to its cue
    "reported",  # a reported clause, "according to X", a noun cue
    "guard",  # a reason a candidate is not a quote
    "merge",  # split quotes joined, overlaps settled, continuations linked
    "speaker",  # the source phrase of a cue
    "coref",  # who a pronoun, title or description is
    "role",  # the role a speaker is given
    "affiliation",  # the party, place or organisation the role ties them to
    "venue",  # where it was said, and to whom
)


@attrs.frozen
class Rule:
    """One named rule: what it does (its docstring's first line), where it runs, its examples."""

    name: str
    stage: str
    priority: int
    examples: tuple[str, ...]
    description: str
    func: Callable[..., Any] = attrs.field(repr=False, eq=False)
    off: Any = attrs.field(default=None, repr=False)


class Registry:
    """The named rules, checked as they register (in the manner of spaCy's registries)."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(self, item: Rule) -> Rule:
        if item.name in self._rules:
            raise ValueError(f"a rule named {item.name!r} is already registered; give the new one another name")
        if item.stage not in STAGES:
            raise ValueError(f"rule {item.name!r}: unknown stage {item.stage!r}; use one of {', '.join(STAGES)}")
        if not item.examples:
            raise ValueError(f"rule {item.name!r} has no example sentence; every rule needs at least one")
        if not item.description:
            raise ValueError(f"rule {item.name!r} has no docstring; say in one line what it does")
        self._rules[item.name] = item
        return item

    def __getitem__(self, name: str) -> Rule:
        try:
            return self._rules[name]
        except KeyError:
            raise KeyError(f"no rule named {name!r}; kora_quotes.rules.RULES.names() lists them") from None

    def __contains__(self, name: object) -> bool:
        return name in self._rules

    def __iter__(self) -> Iterator[Rule]:
        """Every rule, by stage (in :data:`STAGES` order), then by priority, highest first."""
        load_all()
        return iter(sorted(self._rules.values(), key=lambda r: (STAGES.index(r.stage), -r.priority, r.name)))

    def __len__(self) -> int:
        load_all()
        return len(self._rules)

    def names(self) -> list[str]:
        return [r.name for r in self]

    def stage(self, stage: str) -> list[Rule]:
        return [r for r in self if r.stage == stage]


RULES = Registry()
_OFF: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("kora_quotes_rules_off", default=frozenset())


def rule(name: str, *, stage: str, priority: int = 50, examples: Sequence[str], off: Any = None) -> Callable:
    """Register the decorated function as the rule ``name``."""

    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            if name in _OFF.get():
                return off
            return func(*args, **kwargs)

        doc = (func.__doc__ or "").strip().split("\n\n")[0]
        RULES.register(Rule(name, stage, priority, tuple(examples), " ".join(doc.split()), run, off))
        run.rule_name = name  # type: ignore[attr-defined]
        run.priority = priority  # type: ignore[attr-defined]
        return run

    return wrap


def switch(name: str, *, stage: str, priority: int = 50, examples: Sequence[str], doc: str) -> Callable[[], bool]:
    """Register a rule that is a step of a procedure: calling it tells whether the step may run
    (True unless switched off)."""

    def on() -> bool:
        return True

    on.__doc__ = doc
    return rule(name, stage=stage, priority=priority, examples=examples, off=False)(on)


def is_on(name: str) -> bool:
    """Is the rule ``name`` switched on (the default)?"""
    return name not in _OFF.get()


@contextlib.contextmanager
def switched_off(names: Iterable[str]) -> Iterator[None]:
    """Run a block with the rules ``names`` switched off (for ablation and debugging)."""
    wanted = frozenset(names)
    load_all()
    unknown = sorted(n for n in wanted if n not in RULES)
    if unknown:
        raise ValueError(f"no rule named {', '.join(map(repr, unknown))}; kora_quotes.rules.RULES.names() lists them")
    token = _OFF.set(_OFF.get() | wanted)
    try:
        yield
    finally:
        _OFF.reset(token)


def first(rules: Sequence[Callable[..., Any]], *args: Any, **kwargs: Any) -> tuple[Any, Optional[str]]:
    """Try competing rules by priority, highest first: the first result that is not None, False
    or empty (a word index 0 counts), with its rule's name; ``(None, None)`` when none applies."""
    for func in sorted(rules, key=lambda f: -f.priority):  # type: ignore[attr-defined]
        result = func(*args, **kwargs)
        if not (result is None or result is False or (isinstance(result, (list, tuple)) and not result)):
            return result, func.rule_name  # type: ignore[attr-defined]
    return None, None


# The modules that register rules; importing them fills the registry.
_RULE_MODULES = (
    "kora_quotes.parsing.repairs",
    "kora_quotes.rules.direct",
    "kora_quotes.rules.reported",
    "kora_quotes.rules.venues",
    "kora_quotes.resolution.speakers",
    "kora_quotes.attribution",
    "kora_quotes.resolution.merging",
    "kora_quotes.resolution.entities",
    "kora_quotes.rules.complements",
    "kora_quotes.rules.shallow",
)


@functools.cache
def load_all() -> None:
    import importlib

    for module in _RULE_MODULES:
        importlib.import_module(module)
    importlib.import_module("kora_quotes.rules.patterns").patterns()
