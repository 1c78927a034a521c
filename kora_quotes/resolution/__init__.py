"""Who the speakers are and how candidates combine: entities and their names, roles and
genders (:mod:`.entities`, :mod:`.names`), who a speaker phrase is, pronouns, titles and
descriptions included (:mod:`.speakers`), continuations and overlaps (:mod:`.merging`).

Internal: the public API is in :mod:`kora_quotes`.
"""
