"""Exceptions of kora_quotes; each subclasses the builtin it refines and says what to do next."""

from __future__ import annotations

__all__ = ["ModelNotFoundError", "ExtractionError"]


class ModelNotFoundError(FileNotFoundError):
    """A stanza model that the chosen ``model=`` needs is not on disk."""


class ExtractionError(RuntimeError):
    """Extraction failed for one document of a batch.

    ``Extractor.pipe`` yields an instance of this in that document's place
    (with ``index``, the document's position, and ``cause``, the original
    exception) and goes on with the other documents.
    """

    def __init__(self, index: int, cause: BaseException) -> None:
        super().__init__(
            f"document {index} failed: {type(cause).__name__}: {cause}. "
            "The other documents were processed; inspect this document's text "
            "(or report it with the text attached)."
        )
        self.index = index
        self.cause = cause

    def __reduce__(self):  # picklable across worker processes
        return (type(self), (self.index, self.cause))


def not_text(value: object) -> TypeError:
    """The error for an input that is not a ``str``, with what to do about it."""
    if isinstance(value, (bytes, bytearray)):
        hint = "decode bytes first (text = data.decode('utf-8'))"
    elif value is None:
        hint = "a document is missing (None): pass '' for an empty one, or leave it out"
    else:
        hint = "pass the article's text as a string"
    return TypeError(f"kora_quotes extracts from str, got {type(value).__name__}; {hint}")
