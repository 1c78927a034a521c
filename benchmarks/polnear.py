"""Read PolNeAR (BRAT standoff attribution annotations) into gold quotes.

Layout expected under the PolNeAR directory::

    metadata.tsv                      compartment, filename, ..., annotators (pipe-separated)
    <split>/text/<filename>.txt       article text
    <split>/attributions/<filename>_<annotator>.ann

Each attribution is an ``E`` event line (``E3  Attribution:T12 Source:T11
Cue:T10 Content:T9``); its roles point to ``T`` text-bound lines whose offsets
may be discontinuous (``315 448;463 553``). A role may repeat with a number
(``Content2:T22``): its spans join the role's spans. Every event with a
Content becomes one gold quote (``Attribution-no-source`` events included,
with an empty source). ``Discard`` and ``Discuss`` annotations, notes and
other lines are ignored. Offsets are character offsets into the text file
read as UTF-8.

Annotator choice: a few articles were annotated by several annotators (to
measure agreement). The benchmark uses exactly one annotation per article: the
file of the lexicographically first annotator id among the article's
``.ann`` files (e.g. ``4b22`` before ``ef2d``). The rule is fixed, so results
are reproducible.

Where the directory is: ``--polnear DIR``, else the environment variable
``KORA_POLNEAR``, else ``../shared/benchmarks/polnear`` relative to the
repository root (see :func:`default_dir`).
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path
from typing import Any, Iterator, Optional

from .metrics import gold_quote

__all__ = ["default_dir", "parse_ann", "load_split", "choose_annotation", "PolnearDoc"]

REPO_ROOT = Path(__file__).resolve().parent.parent
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_ROLE = re.compile(r"^([A-Za-z-]+?)(\d*)$")
ROLES = ("Source", "Cue", "Content")


def default_dir() -> Path:
    """``$KORA_POLNEAR`` or ``<repo>/../shared/benchmarks/polnear``."""
    env = os.environ.get("KORA_POLNEAR")
    if env:
        return Path(env)
    return (REPO_ROOT / ".." / "shared" / "benchmarks" / "polnear").resolve()


def parse_ann(ann_text: str) -> list[dict[str, Any]]:
    """The attributions of one ``.ann`` file, as gold quotes in document order.

    Each is a :func:`benchmarks.metrics.gold_quote` dict with an extra ``id``
    (the event id).
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann_text.splitlines():
        m = _T_LINE.match(line)
        if m:
            spans[m.group(1)] = [
                (int(a), int(b)) for a, b in (part.split() for part in m.group(3).split(";"))
            ]
            continue
        m = _E_LINE.match(line)
        if m:
            args = []
            for item in m.group(2).split():
                if ":" not in item:
                    continue
                role, ref = item.split(":", 1)
                rm = _ROLE.match(role)
                args.append((rm.group(1) if rm else role, ref))
            events.append((m.group(1), args))
    quotes = []
    for eid, args in events:
        parts: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
        for role, ref in args:
            if role in parts and ref in spans:
                parts[role].extend(spans[ref])
        if not parts["Content"]:
            continue
        quotes.append(gold_quote(parts["Content"], parts["Source"], parts["Cue"], id=eid))
    quotes.sort(key=lambda q: q["content"][0])
    return quotes


class PolnearDoc:
    """One article: id, text, chosen annotator and gold quotes."""

    __slots__ = ("doc_id", "text", "annotator", "quotes")

    def __init__(self, doc_id: str, text: str, annotator: str, quotes: list[dict[str, Any]]) -> None:
        self.doc_id = doc_id
        self.text = text
        self.annotator = annotator
        self.quotes = quotes

    def __repr__(self) -> str:
        return f"PolnearDoc({self.doc_id!r}, annotator={self.annotator!r}, {len(self.quotes)} quotes)"


def choose_annotation(ann_dir: Path, filename: str) -> Optional[tuple[str, Path]]:
    """``(annotator, path)`` of the lexicographically first annotator's file, or None."""
    found = []
    prefix = filename + "_"
    for p in ann_dir.glob(f"{glob_escape(filename)}_*.ann"):
        annot = p.name[len(prefix) : -len(".ann")]
        if "_" not in annot:
            found.append((annot, p))
    return min(found) if found else None


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _filenames(root: Path, split: str) -> list[str]:
    meta = root / "metadata.tsv"
    if meta.exists():
        with meta.open(encoding="utf-8", newline="") as f:
            rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            names = [r["filename"] for r in rows if r.get("compartment") == split]
        if names:
            return sorted(set(names))
    return sorted(p.stem for p in (root / split / "text").glob("*.txt"))


def load_split(root: Path | str, split: str = "dev", limit: Optional[int] = None) -> Iterator[PolnearDoc]:
    """The articles of ``split`` that have a text and an annotation, sorted by filename."""
    root = Path(root)
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"no PolNeAR split {split!r} under {root} (expected {text_dir} and {ann_dir})")
    n = 0
    for name in _filenames(root, split):
        if limit is not None and n >= limit:
            return
        txt = text_dir / f"{name}.txt"
        chosen = choose_annotation(ann_dir, name)
        if not txt.exists() or chosen is None:
            continue
        annot, path = chosen
        text = txt.read_text(encoding="utf-8")
        yield PolnearDoc(name, text, annot, parse_ann(path.read_text(encoding="utf-8")))
        n += 1
