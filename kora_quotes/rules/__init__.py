"""The named rules that find quotes and their speakers' phrases, and their registry.

Every rule is registered in :data:`.registry.RULES` with a name, a stage, a priority and
example sentences; :func:`.registry.switched_off` runs code without some of them. The
modules: :mod:`.direct` (quotations and their cues; dependency patterns as data in
``data/patterns.tsv``, read by :mod:`.patterns`), :mod:`.reported` (reported clauses,
"according to X", noun cues), :mod:`.complements` (reports in a cue's arguments),
:mod:`.shallow` (word-shape rules), :mod:`.speakers` (the subject phrase of a cue) and
:mod:`.venues` (where it was said, to whom). :mod:`.candidates` holds the frozen candidate
and the per-document context the rules read; :mod:`.content` turns words into content spans.

Internal, but for :data:`~.registry.RULES` and :func:`~.registry.switched_off`, which
:mod:`kora_quotes` exports.
"""
