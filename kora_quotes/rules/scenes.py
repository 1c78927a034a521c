"""Context venues: a venue stated for a speaker carries to that speaker's later quotes in the
same scene ("During a Tuesday speech in Florida, Trump said ... He also said ...").

A scene ends at a new venue for that speaker, at a venue stated for another speaker (another
setting), or after a run of paragraphs that holds none of the speaker's quotes. The carried
venue keeps the words and offsets where it was stated, with ``scope="context"``.
"""

from __future__ import annotations

from typing import Optional

import attrs

from ..parsing.doc import ParsedDoc
from ..output.quote import Quote, Step, Venue
from .registry import rule

# How many paragraphs may separate a quote from the speaker's previous quote in the scene
# (1: the next paragraph). Tuned on the tune half of benchmarks/roleset (PolNeAR train).
MAX_PARAGRAPH_GAP = 2


def _key(quote: Quote) -> Optional[str]:
    return quote.speaker.name.lower() if quote.speaker is not None and quote.speaker.name else None


@rule("venue.context", stage="venue", priority=20,
      examples=['"We will win," Hillary Clinton said at a rally in Ohio.\n\n"We have the votes," she said.'])
def carried(scene: tuple[Venue, int], paragraph: int) -> Optional[Venue]:
    """The scene's venue for a quote of its speaker in ``paragraph``, while the scene lasts."""
    venue, last = scene
    return attrs.evolve(venue, scope="context") if paragraph - last <= MAX_PARAGRAPH_GAP else None


def context_venues(doc: ParsedDoc, quotes: list[Quote]) -> list[Quote]:
    """The quotes, each without a venue of its own given its speaker's venue of the scene."""
    scenes: dict[str, tuple[Venue, int]] = {}  # speaker -> (venue, paragraph of their last quote)
    out = []
    for q in quotes:
        key, para = _key(q), doc.paragraph_of(q.start)
        if key is None:
            out.append(q)
            continue
        if q.venue is not None and q.venue.scope == "local":
            # a new setting: other speakers' scenes end, this speaker's starts over
            scenes = {key: (q.venue, para)}
        elif q.venue is not None:  # (an uncued continuation: it carries its quote's venue)
            if key in scenes:
                scenes[key] = (scenes[key][0], para)
        elif key in scenes:
            venue = carried(scenes[key], para)
            if venue is not None:
                q = attrs.evolve(q, venue=venue, trace=q.trace + (Step("venue.context", venue.text),))
                scenes[key] = (scenes[key][0], para)
        out.append(q)
    return out
