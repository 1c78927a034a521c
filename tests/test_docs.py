"""Every generated output in README.md and docs/*.md is what the code gives now
(``python -m docs.build`` rewrites them; this test only compares)."""

from __future__ import annotations

import difflib
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _builder():
    spec = importlib.util.spec_from_file_location("docs_build", ROOT / "docs" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (Path(sys.executable).parent / "kora-quotes").exists(),
                    reason="the kora-quotes command is not installed beside this Python")
def test_docs_show_what_the_code_prints_now(tmp_path):
    pytest.importorskip("dask.dataframe", reason="the docs' Dask example needs the dask extra")
    build = _builder()
    folder = build.scratch(tmp_path)
    stale = []
    for path in build.DOCS:
        text = path.read_text(encoding="utf-8")
        if "<!-- generated" not in text:
            continue
        new = build.build(text, folder)
        if new != text:
            diff = difflib.unified_diff(text.splitlines(), new.splitlines(), str(path.name), "now", lineterm="", n=1)
            stale.append("\n".join(list(diff)[:40]))
    assert not stale, "docs out of date; run python -m docs.build\n" + "\n\n".join(stale)


def test_a_changed_output_is_caught(tmp_path):
    build = _builder()
    text = "<!-- generated: console -->\n```console\n$ echo fresh\nstale\n```\n"
    assert build.build(text, tmp_path) == "<!-- generated: console -->\n```console\n$ echo fresh\nfresh\n```\n"
