"""HTML rendering of an article with its quotes highlighted (placeholder, being written)."""

from __future__ import annotations


def render_html(text, quotes, **options):  # pragma: no cover - replaced by the real renderer
    raise NotImplementedError
