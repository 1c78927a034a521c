"""Swapping a function into a stanza class or module at pipeline load (the fast paths' one
mechanism), and the check that the installed stanza is one they were written for.

Each replacement names what it replaces, with the signature (``inspect.signature``) of the
stanza function it was written against (:func:`replaces`). A fast-path module installs only when
stanza's version is in :data:`STANZA_TESTED` and every function it replaces has that signature
(:func:`stanza_ready`); otherwise stanza's own code runs, with the same results, and one warning
per process says why.
"""

from __future__ import annotations

import importlib
import inspect
import re
import warnings
from typing import Any, Callable, Optional

# The stanza releases the fast paths were tested on: at least the first, below the second.
# pyproject.toml pins the same range (tests/test_stanza_compat.py checks that).
STANZA_TESTED = ("1.15", "1.16")

# fast-path module -> (stanza module, attribute inside it, recorded signature, replacement)
_REPLACED: dict[str, list[tuple[str, str, str, Callable]]] = {}
_warned = False


def replaces(modules: str | tuple[str, ...], attr: str, signature: str) -> Callable[[Callable], Callable]:
    """Record that the decorated function replaces ``attr`` (``"Class.method"`` or a function name)
    in each of ``modules``, written for stanza's ``signature``."""
    names = (modules,) if isinstance(modules, str) else modules

    def record(fn: Callable) -> Callable:
        for module in names:
            _REPLACED.setdefault(fn.__module__, []).append((module, attr, signature, fn))
        return fn

    return record


def replaced(fast_module: str) -> list[tuple[str, str, str, Callable]]:
    """What ``fast_module`` replaces: (stanza module, attribute, recorded signature, replacement)."""
    return list(_REPLACED.get(fast_module, ()))


def _release(version: str) -> tuple[int, ...]:
    match = re.match(r"\d+(?:\.\d+)*", version)
    return tuple(int(part) for part in match.group().split(".")) if match else ()


def version_problem() -> Optional[str]:
    """Why the installed stanza is outside :data:`STANZA_TESTED`, or None."""
    import stanza

    low, below = STANZA_TESTED
    version = getattr(stanza, "__version__", "unknown")
    if _release(low) <= _release(version) < _release(below):
        return None
    return f"stanza {version} is outside the tested range >={low},<{below}"


def lookup(module: str, attr: str) -> Any:
    """``module.attr`` (``attr`` may be ``"Class.method"``); AttributeError or ImportError if absent."""
    owner: Any = importlib.import_module(module)
    for part in attr.split("."):
        owner = getattr(owner, part)
    return owner


def signature_problems(fast_module: str) -> list[str]:
    """The functions ``fast_module`` replaces that are missing or whose signature differs from
    the recorded one (a function already replaced was checked when it was)."""
    problems = []
    for module, attr, expected, replacement in replaced(fast_module):
        try:
            current = lookup(module, attr)
        except (ImportError, AttributeError):
            problems.append(f"{module}.{attr} is missing")
            continue
        if current is replacement:
            continue
        try:
            found = str(inspect.signature(current))
        except (TypeError, ValueError):
            found = "(unknown)"
        if found != expected:
            problems.append(f"{module}.{attr} has signature {found}, the fast path was written for {expected}")
    return problems


def stanza_ready(fast_module: str) -> bool:
    """Whether ``fast_module`` may install its replacements. When a fast path may not, one
    warning per process names the version or the functions that differ."""
    global _warned
    version = version_problem()
    problems = {m: [version] if version else signature_problems(m) for m in _REPLACED}
    if fast_module not in problems:
        problems[fast_module] = [version] if version else []
    held = sorted(m for m, found in problems.items() if found)
    if held and not _warned:
        _warned = True
        found = [version] if version else [p for m in held for p in problems[m]]
        warnings.warn(
            f"kora_quotes: {'; '.join(found)}. Fast paths not installed: {', '.join(held)}; plain stanza runs "
            "there instead (same results, slower).",
            RuntimeWarning,
            stacklevel=2,
        )
    return not problems[fast_module]


def swap(owner: Any, name: str, new: Callable, original: Optional[Callable]) -> Optional[Callable]:
    """Make ``owner.name`` ``new`` and return what it replaced; when it already is ``new``
    (a second pipeline load), return ``original``, the function replaced the first time."""
    current = getattr(owner, name)
    if current is new:
        return original
    setattr(owner, name, new)
    return current
