"""kora_quotes: find the quotes in news text and say who said them.

>>> from kora_quotes import extract
>>> for q in extract(article_text):                                # doctest: +SKIP
...     print(q.kind, q.speaker.name, q.speaker.role, q.cue, q.venue, q.text)
"""

from .attribution import attribute
from .errors import ExtractionError, ModelNotFoundError
from .extractor import Extractor, extract
from .output.quote import AttributionType, Quote, QuoteKind, Span, Speaker, SpeakerKind, Step, Venue, VenueKind
from .rules.registry import RULES, switched_off
from .parsing.load import download
from .output.render import render_html
from .parsing.doc import ParsedDoc

__all__ = [
    "extract",
    "Extractor",
    "attribute",
    "ParsedDoc",
    "RULES",
    "switched_off",
    "Step",
    "Quote",
    "QuoteKind",
    "AttributionType",
    "Speaker",
    "SpeakerKind",
    "Venue",
    "VenueKind",
    "Span",
    "ExtractionError",
    "ModelNotFoundError",
    "download",
    "render_html",
]
__version__ = "0.1.0"
