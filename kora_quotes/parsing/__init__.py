"""From text to a :class:`~.doc.ParsedDoc`: loading stanza (:mod:`.load`, embedded or official
models), parsing in bounded pieces, the parse repairs, each a named rule (:mod:`.repairs`),
and the stanza fast paths (:mod:`.fastpath`, :mod:`.fastdecode`, :mod:`.bf16`), which check
what they replace before they install (:mod:`.patch`).

Internal: the public API is in :mod:`kora_quotes`.
"""
