"""docs/usage.md shows real `kora-quotes --explain` lines: each block marked
``<!-- explain: FILE N ... -->`` must equal those lines of the command's output now."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"<!-- explain: (\S+) ([\d ]+) -->\n```text\n(.*?)```", re.S)


def _explain(path: Path) -> list[str]:
    from kora_quotes.output import cli

    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status = cli.main(["--explain", str(path)])
    finally:
        sys.stdout, sys.stderr = old
    assert status == 0, err.getvalue()
    return out.getvalue().splitlines()


def test_explain_lines_in_the_docs_are_the_real_output():
    try:
        import stanza  # noqa: F401
    except ImportError:  # pragma: no cover
        pytest.skip("stanza is not installed")
    blocks = BLOCK.findall((ROOT / "docs" / "usage.md").read_text(encoding="utf-8"))
    assert blocks, "docs/usage.md has no explain block"
    for name, numbers, shown in blocks:
        lines = _explain(ROOT / name)
        wanted = [lines[int(n) - 1] for n in numbers.split()]
        assert shown.strip().splitlines() == wanted
