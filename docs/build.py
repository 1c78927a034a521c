"""Regenerate every output shown in the docs: ``python -m docs.build`` (``--check`` only compares).

Two kinds of generated blocks, in README.md and docs/*.md:

* ``<!-- generated python: NAME -->`` before a fenced block: what the Python blocks marked
  ``<!-- run: NAME -->`` since the previous such block print, the blocks of one NAME run in
  order in one namespace from the repository root.
* ``<!-- generated: console -->`` before a ```` ```console ```` block: every ``$ `` line is
  run with bash in a scratch folder (below), and the lines after it are replaced by what it
  writes, stdout and stderr in the order written, with the terminal 80 columns wide.

The scratch folder holds ``seeds/`` (the seed article), ``latin1.txt`` (Latin-1 bytes) and
``corpus/`` (two small articles, an empty one and a FIFO), so that the examples of failures
are real too. ``tests/test_docs.py`` runs the check: a doc whose output changed fails it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
SEED = ROOT / "seeds" / "kerry-north-korea.txt"
FENCE = r"```(\w*)\n(.*?)```"
MARKERS = re.compile(r"<!-- (run|generated python): (\S+) -->\n```\w*\n(.*?)```", re.S)
GENERATED = re.compile(r"(<!-- generated(?: (python):|: (console)) ?(\S*) -->\n```\w*\n)(.*?)(```)", re.S)


def _python_outputs(doc: str) -> dict[str, list[str]]:
    """For each group, what its ``run`` blocks print between one ``generated`` block and the
    next (a list, one entry per generated block in document order)."""
    outputs: dict[str, list[str]] = {}
    namespaces: dict[str, dict[str, object]] = {}
    printed: dict[str, io.StringIO] = {}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for m in MARKERS.finditer(doc):
            kind, name = m.group(1), m.group(2)
            if kind == "run":
                namespace = namespaces.setdefault(name, {"__name__": "__docs__"})
                with contextlib.redirect_stdout(printed.setdefault(name, io.StringIO())):
                    exec(compile(m.group(3), f"<{name}>", "exec"), namespace)
            elif kind == "generated python":
                outputs.setdefault(name, []).append(printed.pop(name, io.StringIO()).getvalue())
    finally:
        os.chdir(cwd)
    return outputs


def scratch(folder: Path) -> Path:
    """The folder the console examples run in."""
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, folder / "seeds" / SEED.name)
    (folder / "latin1.txt").write_bytes('Café owner said "hi".'.encode("latin-1"))
    corpus = folder / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "a.txt").write_text('"We will win," Mayor Ann Lee said on Monday. "Count on it."\n', encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    if not (corpus / "pipe.txt").exists():
        os.mkfifo(corpus / "pipe.txt")
    return folder


def _console(block: str, folder: Path) -> str:
    env = {**os.environ, "COLUMNS": "80", "PYTHONUNBUFFERED": "1", "OMP_NUM_THREADS": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    lines = []
    for line in block.splitlines():
        if not line.startswith("$ "):
            continue
        lines.append(line)
        done = subprocess.run(["bash", "-c", line[2:]], cwd=folder, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=600)
        lines += done.stdout.splitlines()
    return "\n".join(lines) + "\n"


def build(text: str, folder: Path) -> str:
    """``text`` with every generated block regenerated."""
    outputs = _python_outputs(text) if "<!-- generated python:" in text else {}

    def regenerate(m: re.Match) -> str:
        name = m.group(4)
        if m.group(2):
            body = outputs[name].pop(0)
        else:
            body = _console(m.group(5), folder)
        return m.group(1) + body + m.group(6)

    return GENERATED.sub(regenerate, text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m docs.build", description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 and name the files that differ")
    args = ap.parse_args(argv)
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = scratch(Path(tmp))
        for path in DOCS:
            text = path.read_text(encoding="utf-8")
            if "<!-- generated" not in text:
                continue
            new = build(text, folder)
            if new != text:
                stale.append(path)
                if not args.check:
                    path.write_text(new, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'rewrote'}: {path.relative_to(ROOT)}")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
