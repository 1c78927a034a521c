"""Which tokens stanza's multi-word-token expander may split.

English multi-word tokens are contractions ("don't" -> "do n't", "gonna" ->
"gon na"). A small expander also splits names that end like one ("Donna" ->
"Don na", "Hanna" -> "Han na"), which breaks the name for speaker linking.
This tokenizer postprocessor keeps a split only for tokens with an apostrophe
and for the apostrophe-less contractions listed in ``data/contractions.txt``.
"""

from __future__ import annotations

from typing import Union

from .lexicon import contractions

Token = Union[str, tuple]


def _may_split(text: str) -> bool:
    return any(c in text for c in "'\u2019`") or text.lower() in contractions()


def keep_real_contractions(sentences: list[list[Token]]) -> list[list[Token]]:
    """stanza ``tokenize_postprocessor``: unmark multi-word tokens that are not contractions."""
    out = []
    for sentence in sentences:
        fixed: list[Token] = []
        for token in sentence:
            if isinstance(token, tuple) and token[1] is True and not _may_split(token[0]):
                fixed.append(token[0])
            else:
                fixed.append(token)
        out.append(fixed)
    return out
