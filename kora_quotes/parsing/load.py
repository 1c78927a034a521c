"""Loading stanza pipelines (embedded or official) and parsing texts in bounded pieces."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any, Optional

import regex

from .doc import ParsedDoc, Row, stanza_rows
from .repairs import MAX_SENTENCE_TOKENS, raw_text, repair_text, sentence_bound
from ..errors import ModelNotFoundError
from ..text.paragraphs import split_paragraphs

__all__ = ["load_pipeline", "parse_texts", "download", "MODELS"]

MODELS = ("embedded", "embedded-ewt", "stanza")
# The embedded models trained on UD English EWT alone (CC BY-SA 4.0: commercial use allowed),
# beside the default ones in the same folder; they read the same word vectors.
EWT_FOLDER = "ewt"
PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
_EMBEDDED_FILES = {"tokenize": "tokenize.pt", "mwt": "mwt.pt", "pos": "pos.pt", "lemma": "lemma.pt", "depparse": "depparse.pt"}
VECTORS_FILE = "vectors.pt"  # word vectors the tagger and the parser share, when their models read them

# Bounds on what one stanza call sees, so that memory stays flat on huge inputs
# (stanza's tokenizer and batching grow with the piece they are given).
MAX_PIECE_CHARS = 8_000  # a paragraph longer than this is cut at sentence ends
MAX_CALL_CHARS = 60_000  # pieces handed to one stanza bulk call
# Batch sizes (in words) for the tagger and the parser on CPU: small batches pad less.
# Measured on the first 60,000 characters of EWT test on the 2-core development
# machine: stanza's defaults 1,170 tokens/s, these 1,320 (a batch of 20,000: 267).
CPU_BATCH = {"pos_batch_size": 300, "depparse_batch_size": 400}

_SENTENCE_END = regex.compile(r"(?<=[.!?][\"'\p{Pf}\)]?)\s+(?=[\"'\p{Pi}\(]?\p{Lu})")


def embedded_dir() -> Path:
    return Path(str(resources.files("kora_quotes") / "models"))


# oneDNN keeps a compiled kernel for every matrix shape it meets (its "primitive cache", 1,024
# by default), and news sentences come in every length: over 300 short varied texts one after
# another, a process grew from 515 to 779 MiB resident (3,990 MiB virtual, where a 4 GB address
# space cap made every later call fail with "could not create a primitive"); with 16 or 64 it
# stayed at 580 MiB, at the same speed (30 PolNeAR dev articles: 30.8 s with 16 or 64, 31.5 s
# with the default; this project's 2-core machine). Set only where the user has not; oneDNN
# reads it when it first compiles a kernel.
PRIMITIVE_CACHE = ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "64")


def _quiet_stanza() -> None:
    logging.getLogger("stanza").setLevel(logging.WARNING)


def load_pipeline(model: str = "embedded", *, use_gpu: bool = False, folder: Optional[Path] = None,
                  fast_paths: bool = True) -> Any:
    """A stanza Pipeline for ``model`` ("embedded", "embedded-ewt" or "stanza"), with no download attempt, set up
    as the library runs it. ``folder`` holds other embedded models (the evaluator's).
    ``fast_paths=False`` leaves stanza's code alone (benchmarks.fastpath; the fast paths, once
    installed, stay for the whole process)."""
    if model not in MODELS:
        raise ValueError(
            f"model must be one of {', '.join(map(repr, MODELS))}, got {model!r}: 'embedded' (the default; "
            "trained on UD English EWT and GUM, whose CC BY-NC-SA 4.0 licence allows non-commercial use "
            "only), 'embedded-ewt' (UD English EWT alone, CC BY-SA 4.0: commercial use allowed) or 'stanza' "
            "(stanza's official English models, after kora_quotes.download()); see docs/model-card.md")
    import stanza

    from . import fastdecode as _fastdecode
    from . import fastpath as _fastpath
    from .lean import inference_only

    _quiet_stanza()
    os.environ.setdefault(*PRIMITIVE_CACHE)
    if fast_paths:
        _fastpath.install()
        _fastdecode.install()
    from .repairs import retokenize

    options: dict[str, Any] = {"tokenize_postprocessor": retokenize, **({} if use_gpu else CPU_BATCH)}
    if model.startswith("embedded"):
        default = embedded_dir() / EWT_FOLDER if model == "embedded-ewt" else embedded_dir()
        nlp = embedded_pipeline(folder or default, use_gpu=use_gpu, **options)
    else:
        try:
            with inference_only():
                nlp = stanza.Pipeline(lang="en", processors=PROCESSORS, download_method=None, use_gpu=use_gpu,
                                      logging_level="ERROR", **options)
        except (FileNotFoundError, OSError, ValueError) as exc:
            raise ModelNotFoundError(
                f"stanza's official English models are not in the stanza resources directory ({exc}); "
                "fetch them once with `kora_quotes.download()` (needs a network), or use model='embedded'"
            ) from exc
    return nlp


def embedded_pipeline(folder: Path, *, use_gpu: bool = False, **options: Any) -> Any:
    """A stanza Pipeline on the embedded models in ``folder`` (extra stanza ``options`` pass through).
    With ``KORA_QUOTES_BF16=1`` (read here; see :mod:`._bf16`) their LSTMs run in bfloat16 on a CPU
    that has it, on the CPU only."""
    import stanza

    from . import bf16 as _bf16
    from .lean import inference_only, share_half_vectors

    paths = {name: folder / fname for name, fname in _EMBEDDED_FILES.items()}
    missing = [str(p) for p in paths.values() if not p.exists()]
    if missing:
        raise ModelNotFoundError(
            f"the embedded models are missing ({', '.join(missing)}); reinstall kora-quotes "
            "(pip install --force-reinstall kora-quotes) or train them in a checkout of its repository with "
            "`python -m training --ud UD_DIR --out build/train --install`"
        )
    kwargs = {f"{name}_model_path": str(path) for name, path in paths.items()}
    kwargs.update(options)
    vectors = folder / VECTORS_FILE
    if not vectors.exists() and (folder.parent / VECTORS_FILE).exists():
        vectors = folder.parent / VECTORS_FILE  # (the EWT-only models share the default ones' vectors)
    cache = _vector_cache(vectors) if vectors.exists() else None
    # stanza insists on a resources.json in its dir even with explicit model paths
    with inference_only():
        nlp = stanza.Pipeline(
            lang="en",
            dir=str(_embedded_resources_dir()),
            processors=kwargs.pop("processors", PROCESSORS),
            download_method=None,
            use_gpu=use_gpu,
            logging_level="ERROR",
            pos_pretrain_path=str(vectors) if cache else None,
            depparse_pretrain_path=str(vectors) if cache else None,
            foundation_cache=cache,
            **kwargs,
        )
    share_half_vectors(nlp)  # the float16 vectors stay float16, widened per lookup
    if not use_gpu and _bf16.wanted():
        _bf16.convert_pipeline(nlp)  # measured on the embedded models only (docs/model-card.md)
    return nlp


def _vector_cache(path: Path) -> Any:
    """A stanza FoundationCache holding the word vectors at ``path``, read once for both models.
    They ship as float16 and stay so in memory; :func:`.lean.share_half_vectors` widens the rows
    each batch reads to the float32 that stanza's models compute in."""
    from stanza.models.common.foundation_cache import FoundationCache
    from stanza.models.common.pretrain import Pretrain

    vectors = Pretrain(str(path))
    vectors.load()
    cache = FoundationCache(local_files_only=True)
    cache.pretrains[str(path)] = vectors
    return cache


_resources_dir: Optional[Path] = None


def _embedded_resources_dir() -> Path:
    global _resources_dir
    if _resources_dir is None:
        shipped = embedded_dir() / "resources.json"
        if shipped.exists():
            _resources_dir = shipped.parent
        else:  # pragma: no cover - the wheel ships it; a source tree without it still loads
            tmp = Path(tempfile.mkdtemp(prefix="kora_quotes_res_"))
            (tmp / "resources.json").write_text(json.dumps({"en": {"lang_name": "English", "packages": {}, "tokenize": {}, "default_processors": {}}}))
            _resources_dir = tmp
    return _resources_dir


def download(*, resources_dir: Optional[str] = None) -> None:
    """Fetch stanza's official English models (needs a network) for ``model="stanza"``."""
    import stanza

    try:
        stanza.download("en", processors=PROCESSORS, model_dir=resources_dir or stanza.resources.common.DEFAULT_MODEL_DIR)
    except Exception as exc:  # network errors come in many types
        raise ConnectionError(
            f"could not download stanza's English models ({type(exc).__name__}: {exc}); "
            "check the network, or keep using model='embedded', which needs none"
        ) from exc


# -- parsing ------------------------------------------------------------------


def _pieces(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges to hand to stanza: paragraphs, long ones cut at sentence ends."""
    out: list[tuple[int, int]] = []
    for start, end in paragraphs:
        while end - start > MAX_PIECE_CHARS:
            cut = _cut_point(text, start, start + MAX_PIECE_CHARS)
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            out.append((start, end))
    return out


def _cut_point(text: str, start: int, limit: int) -> int:
    window = text[start:limit]
    ends = [m.start() for m in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] > len(window) // 4:
        return start + ends[-1]
    space = window.rfind(" ")
    return start + space if space > len(window) // 4 else limit


def parse_texts(nlp: Any, texts: list[str], *, max_sentence_tokens: int = MAX_SENTENCE_TOKENS,
                layouts: Optional[list[list[tuple[int, int]]]] = None) -> list[ParsedDoc]:
    """Parse several texts with one pipeline, in bounded stanza calls of one text each, keeping
    offsets absolute;
    no sentence the tagger and parser see has more than ``max_sentence_tokens`` tokens.
    ``layouts`` gives each text's paragraphs where the caller knows them better (a section of
    a longer text keeps that text's paragraphs); by default they are read off each text."""
    import stanza

    jobs: list[tuple[int, int, str]] = []  # (text index, offset, piece text)
    layout: list[list[tuple[int, int]]] = []
    for t, text in enumerate(texts):
        paragraphs = layouts[t] if layouts is not None else split_paragraphs(text)
        layout.append(paragraphs)
        for s, e in _pieces(text, paragraphs):
            jobs.append((t, s, repair_text(text[s:e])))  # a dateline blanked (repairs)
    rows: list[list[list[Row]]] = [[] for _ in texts]  # per text, its sentences so far
    batch: list[tuple[int, int, str]] = []
    size = 0

    def flush() -> None:
        nonlocal batch, size
        if not batch:
            return
        with raw_text("\n\n".join(piece for _, _, piece in batch)), sentence_bound(max_sentence_tokens):
            docs = nlp.bulk_process([stanza.Document([], text=piece) for _, _, piece in batch])
        for (t, offset, _), sdoc in zip(batch, docs):
            rows[t].extend(stanza_rows(offset, sdoc))  # the Document itself is let go
        batch, size = [], 0

    for k, job in enumerate(jobs):
        # A call never mixes documents: a parse must not depend on what else was in the batch
        # (a near-tie in the parser's scores falls either way with the batch's shape).
        if size + len(job[2]) > MAX_CALL_CHARS or (k and jobs[k - 1][0] != job[0]):
            flush()
        batch.append(job)
        size += len(job[2])
    flush()
    return [ParsedDoc.from_rows(text, rows[t], layout[t]) for t, text in enumerate(texts)]

