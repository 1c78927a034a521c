"""Gender evidence from first names, read from the nomquamgender data package (MIT).

nomquamgender ships, for each given name, the share of women among people
holding it across many public sources. A name counts as evidence only when
that share is decisive (<= 0.1 or >= 0.9, the package's own default
threshold); otherwise, and for unknown names, no gender is given.
The data (22 MB of JSON) is read once per machine and kept as a compact
cache in the user's cache folder; the package module itself (which imports
pandas) is never imported.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import threading
import unicodedata
from pathlib import Path
from typing import Optional

# nomquamgender's default decision threshold on 0.5 - |0.5 - p(female)|
_THRESHOLD = 0.1

# Names listed by fewer sources than this are left out (too little evidence
# either way); it keeps 107k of nomquamgender 0.1.4's 722k names.
_MIN_EVIDENCE_SOURCES = 3

# A token counts as a given name when this many of nomquamgender's sources
# list it (of about 30); rarer entries are mostly noise. Set by eye on the
# seed article and UD GUM names, not tuned on a benchmark.
_MIN_SOURCES = 10

_data: Optional[dict] = None
_lock = threading.Lock()


def _source() -> Optional[Path]:
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "name_data.json"
    return path if path.exists() else None


def _cache_path(source: Path) -> Path:
    stat = source.stat()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "kora_quotes" / f"names-v2-{stat.st_size}-{int(stat.st_mtime)}.pickle"


# What a name's entry says, as bits of one small int (a dict of tuples of an int and a float
# held 17.5 MiB for 107k names; small ints are shared objects, and names that say nothing go).
_FEMALE, _MALE, _GIVEN = 1, 2, 4


def _code(sources: int, p_female: float) -> int:
    code = _GIVEN if sources >= _MIN_SOURCES else 0
    if 0.5 - abs(0.5 - p_female) <= _THRESHOLD:
        code |= _FEMALE if p_female >= 0.5 else _MALE
    return code


def _load() -> dict:
    """name -> its :func:`_code`, for names that are given names or decisive about gender; read
    from a compact cache when there is one (reading the package's 22 MB JSON takes seconds, the
    cache a few milliseconds)."""
    global _data
    with _lock:
        if _data is not None:
            return _data
        source = _source()
        if source is None:
            _data = {}
            return _data
        cache = _cache_path(source)
        try:
            _data = pickle.loads(cache.read_bytes())
            return _data
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            pass
        raw = json.loads(source.read_text(encoding="utf-8"))
        # entries are [sources, counts, p(female), ...]
        codes = ((name, _code(int(v[0]), float(v[2]))) for name, v in raw.items() if int(v[0]) >= _MIN_EVIDENCE_SOURCES)
        _data = {name: code for name, code in codes if code}
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(_data, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only home: keep it in memory only
        return _data


def warm() -> threading.Thread:
    """Start reading the name data in the background."""
    thread = threading.Thread(target=_load, name="kora_quotes-names", daemon=True)
    thread.start()
    return thread


def _normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip(".")


def first_name_gender(name: str) -> Optional[str]:
    """ "female", "male", or None when the name gives no decisive evidence."""
    if len(name) < 2 or name.endswith("."):
        return None
    code = _load().get(_normalise(name), 0)
    if code & _FEMALE:
        return "female"
    return "male" if code & _MALE else None



def is_given_name(name: str) -> bool:
    """Whether ``name`` is a common given name (any gender) in the name data."""
    if len(name) < 2 or not name[:1].isupper():
        return False
    return bool(_load().get(_normalise(name), 0) & _GIVEN)
