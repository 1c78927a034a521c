"""Fuzz suite settings: the ``fuzz_slow`` marker, and the environment knobs.

- ``KORA_FUZZ_SLOW=1`` runs the tests marked ``fuzz_slow`` (a long seeded sweep);
  they are skipped otherwise.
- ``KORA_FUZZ_SEED`` (default 0) and ``KORA_FUZZ_CASES`` (default 120) pick the
  seeded cases of the normal suite.
- ``KORA_FUZZ_RANDOM=1`` lets Hypothesis draw fresh examples on every run (the
  default is derandomized, so the normal suite is reproducible).
"""

from __future__ import annotations

import os

import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "fuzz_slow: a long fuzz sweep, run only with KORA_FUZZ_SLOW=1")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("KORA_FUZZ_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="long fuzz sweep: set KORA_FUZZ_SLOW=1 to run it")
    for item in items:
        if "fuzz_slow" in item.keywords:
            item.add_marker(skip)
