"""What extraction gives back and where it goes: the frozen :class:`~.quote.Quote` classes,
the command line (:mod:`.cli`), HTML (:mod:`.render`), batches and processes
(:mod:`.batch`) and Dask (:mod:`.dask`, public as :mod:`kora_quotes.dask`).
"""
