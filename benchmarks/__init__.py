"""The kora_quotes benchmark harness (not part of the installed package).

Run ``python -m benchmarks --help``. Modules, one job each:

* :mod:`benchmarks.metrics`  -- Citron's and the Gender Gap Tracker's metrics on plain dicts;
* :mod:`benchmarks.polnear`  -- read PolNeAR's BRAT attribution annotations;
* :mod:`benchmarks.seed`     -- score the hand-labelled seed article;
* :mod:`benchmarks.baseline` -- a parser-free baseline (quotation marks + nearest name);
* :mod:`benchmarks.systems`  -- run the systems, timing parsing and attribution;
* :mod:`benchmarks.report`   -- tables for stdout, JSON and docs/benchmarks.md;
* :mod:`benchmarks.speed`    -- speed against spaCy's en_core_web_sm parse (``--speed``).
"""
