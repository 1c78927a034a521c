"""Swapping a function into a stanza class or module at pipeline load (the fast paths' one mechanism)."""

from __future__ import annotations

from typing import Any, Callable, Optional


def swap(owner: Any, name: str, new: Callable, original: Optional[Callable]) -> Optional[Callable]:
    """Make ``owner.name`` ``new`` and return what it replaced; when it already is ``new``
    (a second pipeline load), return ``original``, the function replaced the first time."""
    current = getattr(owner, name)
    if current is new:
        return original
    setattr(owner, name, new)
    return current
