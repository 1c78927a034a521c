"""Reading plain text before any parse: quotation marks (:mod:`.marks`), paragraphs
(:mod:`.paragraphs`) and transcript labels such as "PENCE:" (:mod:`.labels`).

Internal: the public API is in :mod:`kora_quotes`.
"""
