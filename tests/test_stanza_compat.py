"""The stanza fast paths install only on the stanza they were written for; elsewhere plain stanza runs."""

import json
import os
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import pytest

from kora_quotes.parsing import fastdecode, fastpath, patch

REPO = Path(__file__).resolve().parent.parent
FAST_MODULES = (fastpath.__name__, fastdecode.__name__)


def _subprocess(code: str) -> str:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def test_pyproject_pins_the_tested_stanza_range():
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    low, below = patch.STANZA_TESTED
    assert [d for d in dependencies if d.startswith("stanza")] == [f"stanza>={low},<{below}"]


def test_installed_stanza_is_in_the_tested_range():
    assert patch.version_problem() is None


def test_every_replacement_records_a_signature():
    recorded = {(module, attr) for m in FAST_MODULES for module, attr, _, _ in patch.replaced(m)}
    assert ("stanza.models.depparse.model", "GraphParser.predict") in recorded
    assert ("stanza.models.common.char_model", "CharacterModel.forward") in recorded
    assert len(recorded) == 17


def test_stanzas_replaced_functions_keep_their_recorded_signatures():
    """Fails when a stanza release changes a function the fast paths replace (checked in a fresh
    process, where none is replaced yet)."""
    found = json.loads(_subprocess(
        "import json, inspect\n"
        "from kora_quotes.parsing import fastdecode, fastpath, patch\n"
        "out = {}\n"
        "for m in (fastpath.__name__, fastdecode.__name__):\n"
        "    for module, attr, expected, new in patch.replaced(m):\n"
        "        current = patch.lookup(module, attr)\n"
        "        assert current is not new\n"
        "        out[module + '.' + attr] = [str(inspect.signature(current)), expected]\n"
        "print(json.dumps(out))\n"))
    assert len(found) == 17
    assert {name: got for name, (got, _) in found.items()} == {name: want for name, (_, want) in found.items()}


def test_a_changed_signature_keeps_stanzas_function_with_one_warning(monkeypatch):
    from stanza.models.depparse import model

    def changed(self, batch):  # a stanza whose predict takes other arguments
        return []

    monkeypatch.setattr(model.GraphParser, "predict", changed)
    monkeypatch.setattr(patch, "_warned", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert fastdecode.install() is False
        assert fastdecode.install() is False  # a second pipeline load: no second warning
    assert model.GraphParser.predict is changed
    (warning,) = caught
    message = str(warning.message)
    assert warning.category is RuntimeWarning
    assert "GraphParser.predict has signature (self, batch)" in message
    assert fastdecode.__name__ in message and fastpath.__name__ not in message and "plain stanza" in message
    assert patch.stanza_ready(fastpath.__name__) is True  # the other fast path is unaffected


def test_another_stanza_version_installs_nothing_and_parses_the_same():
    """stanza reporting a version outside the tested range: one warning over two pipeline loads,
    stanza's own functions left in place, and the parse is the one the fast paths give."""
    out = json.loads(_subprocess(
        "import json, warnings, stanza\n"
        "from kora_quotes.parsing import fastdecode, fastpath, patch\n"
        "from kora_quotes.parsing.load import load_pipeline\n"
        "before = {(m, a): patch.lookup(m, a) for f in (fastpath.__name__, fastdecode.__name__)\n"
        "          for m, a, _, _ in patch.replaced(f)}\n"
        "real, stanza.__version__ = stanza.__version__, '1.16.0'\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    nlp = load_pipeline('embedded')\n"
        "    load_pipeline('embedded')\n"
        "mine = [str(w.message) for w in caught if 'kora_quotes' in str(w.message)]\n"
        "untouched = all(patch.lookup(m, a) is f for (m, a), f in before.items())\n"
        "text = 'The plan will fail, the senator said. \"We will not accept that,\" an aide said.'\n"
        "parse = lambda: [(w.text, w.upos, w.head, w.deprel) for s in nlp(text).sentences for w in s.words]\n"
        "plain = parse()\n"
        "stanza.__version__ = real\n"
        "installed = fastpath.install() and fastdecode.install()\n"
        "print(json.dumps({'warnings': mine, 'untouched': untouched, 'installed': installed,\n"
        "                  'same': parse() == plain, 'words': len(plain)}))\n"))
    (message,) = out["warnings"]
    assert "stanza 1.16.0 is outside the tested range" in message and "plain stanza" in message
    assert out["untouched"] and out["installed"] and out["same"] and out["words"] > 15


@pytest.mark.parametrize("version, ok", [("1.15.0", True), ("1.15.3.post1", True), ("1.14.0", False),
                                         ("1.16.0", False), ("1.16.0rc1", False), ("2.0", False)])
def test_version_range(monkeypatch, version, ok):
    import stanza

    monkeypatch.setattr(stanza, "__version__", version)
    assert (patch.version_problem() is None) is ok
