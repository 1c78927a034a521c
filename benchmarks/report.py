"""Tables for stdout and docs/benchmarks.md, built from the results dict.

The same rows serve both outputs: :func:`text_report` aligns them in plain
text, :func:`markdown_report` writes Markdown with the machine, the date and
the command that produced the numbers.
"""

from __future__ import annotations

import os
import platform
from typing import Any, Optional, Sequence

from . import scopes

__all__ = ["REFERENCE", "machine_info", "text_report", "markdown_report"]

# Measured elsewhere on PolNeAR dev with the same definitions (see benchmarks/metrics.py).
REFERENCE = [
    {
        "system": "Citron (shipped models, cue classifier retrained on PolNeAR train)",
        "content_overlap_f1": 0.63,
        "quote_f1": 0.64,
        "quote_p": 0.95,
        "quote_r": 0.48,
        "speaker_mention_acc": 0.84,
    },
    {
        "system": "Citron retrained entirely on PolNeAR train",
        "content_overlap_f1": 0.72,
        "quote_f1": 0.75,
        "quote_p": None,
        "quote_r": None,
        "speaker_mention_acc": 0.88,
    },
]


def machine_info() -> dict[str, Any]:
    """CPU model, core count, OS and Python version."""
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count()
    return {
        "cpu": cpu or "unknown",
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


# --------------------------------------------------------------------------- formatting
def _f(x: Optional[float], digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _prf(d: dict[str, Any]) -> str:
    return f"{_f(d['p'])} / {_f(d['r'])} / {_f(d['f1'])}"


def _frac(a: int, b: int) -> str:
    return f"{a}/{b}"


def _share(k: Optional[int], n: Optional[int]) -> str:
    """``k/n (0.xx)``, or ``–`` when there is nothing to count (or an older results file)."""
    if k is None or not n:
        return "–"
    return f"{k}/{n} ({k / n:.2f})"


def _yn(v: Optional[bool]) -> str:
    return "–" if v is None else ("yes" if v else "no")


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    if markdown:
        out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
        return "\n".join(out)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


# --------------------------------------------------------------------------- sections
def _polnear_tables(res: dict[str, Any], md: bool) -> list[tuple[str, str]]:
    systems = {k: v for k, v in res["systems"].items() if v.get("polnear")}
    split = res["meta"].get("split", "dev")
    out = []
    if not systems:
        return out
    rows = []
    for name, sysres in systems.items():
        for kind in ("all", "direct", "indirect"):
            r = sysres["polnear"][kind]
            rows.append(
                [
                    name,
                    kind,
                    str(r["n_gold"]),
                    str(r["n_pred"]),
                    _prf(r["ggt30"]),
                    _prf(r["ggt80"]),
                    _prf(r["q50"]),
                    _prf(r["overlap"]["content"]),
                    _f(r["q50"]["speaker_mention_acc"]),
                    _f(r["ggt30"]["speaker_mention_acc"]),
                    _f(r["ggt30"]["speaker_name_acc"]),
                    _f(r["ggt30"].get("speaker_name_acc_no_coref")),
                ]
            )
    if split == "dev":
        for ref in REFERENCE:
            q = (
                f"{_f(ref['quote_p'])} / {_f(ref['quote_r'])} / {_f(ref['quote_f1'])}"
                if ref["quote_p"] is not None
                else f"– / – / {_f(ref['quote_f1'])}"
            )
            rows.append(
                [ref["system"] + " (reference, full dev)", "all", "", "", "", "", q, f"– / – / {_f(ref['content_overlap_f1'])}",
                 _f(ref["speaker_mention_acc"]), "", "", ""]
            )
    headers = ["system", "kind", "gold", "pred", "GGT >=30% P/R/F1", "GGT >=80% P/R/F1",
               "quote F1 (>=50% of shorter) P/R/F1", "content token overlap P/R/F1",
               "speaker mention acc (quote F1 matches)", "speaker mention acc (GGT 30%)", "speaker name acc (GGT 30%)",
               "speaker name acc without coreference (GGT 30%)"]
    out.append((f"PolNeAR {split}: quotes found and speakers", _table(headers, rows, md)))

    rows = []
    for name, sysres in systems.items():
        for kind in ("all", "direct", "indirect"):
            r = sysres["polnear"][kind]["ggt30"]
            rows.append([
                name,
                kind,
                _share(r.get("n_speaker_who_right"), r.get("n_speaker_who")),
                _share(r.get("n_speaker_who_right_no_coref"), r.get("n_speaker_who")),
                _share(r.get("n_speaker_name_right"), r.get("n_speaker_name")),
                _share(r.get("n_speaker_name_right_no_coref"), r.get("n_speaker_name")),
                _share(r.get("n_pronoun_resolved"), r.get("n_pronoun")),
                _share(r.get("n_pronoun_resolved_right"), r.get("n_pronoun_with_antecedent")),
            ])
    headers = ["system", "kind", "who said it, pronoun sources included (canonical name)",
               "who said it, pronoun sources included, without coreference (mention as written)",
               "speaker name right (canonical name)",
               "speaker name right without coreference (mention as written)",
               "pronoun sources resolved to a name", "pronoun sources resolved to the right name"]
    note = (
        "On gold quotes found at GGT >= 30%. Who said it: the speaker-name test below with gold pronoun sources "
        "included, right when the name shares a content word with the pronoun's antecedent (the 'right' test "
        "below); this is where coreference shows. Speaker name: gold source head word in the predicted canonical "
        "name vs in the predicted mention as written (gold pronoun sources left out); the difference is what "
        "coreference and canonical naming add. Pronoun sources: gold source is he, she, they, it, we, i, him, "
        "her or them; resolved = the predicted canonical name is not a pronoun; right = it shares a content "
        "word with a non-pronoun gold source among the 3 gold quotes before, over those that have one."
    )
    out.append((f"PolNeAR {split}: what coreference adds (speaker names, pronoun sources)",
                _table(headers, rows, md) + "\n\n" + note))

    rows = []
    for name, sysres in systems.items():
        for kind in ("all", "direct", "indirect"):
            r = sysres["polnear"][kind]
            rows.append([name, kind] + [_prf(r["exact"][w]) for w in ("cue", "source", "content", "quote")]
                        + [_prf(r["overlap"][w]) for w in ("cue", "source", "content", "quote")])
    headers = ["system", "kind", "exact cue", "exact source", "exact content", "exact quote",
               "overlap cue", "overlap source", "overlap content", "overlap quote (all spans)"]
    out.append((f"PolNeAR {split}: Citron's exact-match and token-overlap P/R/F1", _table(headers, rows, md)))
    return out


def _seed_tables(res: dict[str, Any], md: bool) -> list[tuple[str, str]]:
    systems = {k: v for k, v in res["systems"].items() if v.get("seed")}
    if not systems:
        return []
    out = []
    rows = []
    for name, sysres in systems.items():
        s = sysres["seed"]["summary"]
        rows.append([
            name,
            _frac(s["content_found"], s["required"]),
            _frac(s["speaker_mention_right"], s["with_mention"]),
            _frac(s["speaker_right"], s["required"]),
            _frac(s["role_right"], s["with_role"]),
            _frac(s["venue_right"], s["with_venue"]),
            _frac(s["no_venue_invented"], s["without_venue"]),
            str(s["predicted"]),
            str(s["false_positives"]),
        ])
    headers = ["system", "required quotes found (>=80%)", "speaker mention right", "canonical speaker right",
               "role right (gold role)", "venue right (gold venue)", "no venue invented (found, gold none)",
               "predicted", "false positives"]
    out.append(("Seed article (kerry-north-korea): summary", _table(headers, rows, md)))

    names = list(systems)
    headers = ["id", "kind", "optional"]
    for n in names:
        headers += [f"{n}: found", "mention", "speaker", "role", "venue"]
    rows = []
    first = systems[names[0]]["seed"]["rows"]
    for i, base in enumerate(first):
        row = [str(base["id"]), base["kind"], "yes" if base["optional"] else ""]
        for n in names:
            r = systems[n]["seed"]["rows"][i]
            venue = _yn(r["venue_right"]) if r["venue_right"] is not None else ("invented" if r.get("venue_invented") else "–")
            row += [_yn(r["found"]), _yn(r["mention_right"]), _yn(r["speaker_right"]), _yn(r["role_right"]), venue]
        rows.append(row)
    out.append(("Seed article: per gold quote (venue '–' = gold has none and none predicted)", _table(headers, rows, md)))

    rows = []
    for n in names:
        for fp in systems[n]["seed"]["false_positives"]:
            t = fp["text"].replace("\n", " ").replace("|", "\\|")
            rows.append([n, f"{fp['start']}-{fp['end']}", (t[:80] + "…") if len(t) > 80 else t])
    out.append(("Seed article: false positives (predictions matching no gold quote)",
                _table(["system", "offsets", "text"], rows, md) if rows else "none"))
    return out


def _speed_table(res: dict[str, Any], md: bool) -> list[tuple[str, str]]:
    rows = []
    for name, sysres in res["systems"].items():
        s = sysres.get("speed")
        if not s:
            continue
        rows.append([
            name, str(s["documents"]), str(s["tokens"]), _f(s["docs_per_s"]), f"{s['tokens_per_s']:.0f}" if s["tokens_per_s"] else "–",
            _f(s["parse_s"], 1), _f(s["attribute_s"], 1),
            f"{100 * s['parse_share']:.0f}%" if s["parse_share"] is not None else "–",
            _f(s["load_s"], 1), f"{s['peak_rss_mb']:.0f}",
        ])
    if not rows:
        return []
    headers = ["system", "documents", "tokens", "docs/s", "tokens/s", "parse s", "attribution s", "parse share",
               "load s", "peak RSS MiB"]
    split = res["meta"].get("split", "dev")
    kept = next((sr["speed"]["kept_from"] for sr in res["systems"].values() if (sr.get("speed") or {}).get("kept_from")), None)
    return [(f"Speed on PolNeAR {split} (end to end, pipeline loaded once; load time apart)",
             _kept_note(kept) + _table(headers, rows, md))]


def _kept_note(date: Optional[str]) -> str:
    """The note on a table this run did not measure, kept from an earlier run's results."""
    return _KEPT.format(date=date) + "\n\n" if date else ""


_MODE_NAMES = {
    "one_at_a_time": "one at a time",
    "pipe": "pipe, 1 process",
    "pipe_parallel": "pipe, {n} processes",
}


def _roleset_table(res: dict[str, Any], md: bool) -> list[tuple[str, str]]:
    if not res.get("roleset"):
        return []
    from .roleset import report as roleset_report

    kept = _kept_note(res["roleset"].get("kept_from"))
    title = ("Roles, affiliations, venues and addressees: benchmarks/roleset (42 PolNeAR train articles, "
             "hand-labeled; accuracy on the speech attributions found, 95% bootstrap interval over articles; "
             "rules were written from the tune half, the test half is the number to read)")
    return [(title, kept + roleset_report(res["roleset"]))]


def _throughput_table(res: dict[str, Any], md: bool) -> list[tuple[str, str]]:
    tp = res.get("throughput")
    if not tp or tp.get("error"):
        return []
    rows = []
    for mode, r in tp["modes"].items():
        name = _MODE_NAMES.get(mode, mode).format(n=r["n_process"])
        call = f"`{r['call']}`" if md else r["call"]
        rows.append([
            name, call, f"{r['wall_s']:.1f}", _f(r["docs_per_s"]),
            f"{r['tokens_per_s']:.0f}" if r["tokens_per_s"] else "–",
            f"{r['speedup']:.2f}x" if r["speedup"] is not None else "–",
            _f(r.get("startup_s"), 1) if mode != "one_at_a_time" else "",
            f"{r['speedup_after_startup']:.2f}x" if r.get("speedup_after_startup") else "",
            "(reference)" if mode == "one_at_a_time" else _yn(r["identical"]),
            str(r["errors"]),
        ])
    headers = ["mode", "call", "wall s", "docs/s", "tokens/s", "speed-up", "worker start-up s",
               "speed-up after start-up", "identical quotes", "failed docs"]
    mach = res["meta"].get("machine", {})
    par = tp["modes"].get("pipe_parallel", {})
    verdict = _yn(tp.get("meets_goal"))
    note = (
        f"{tp['documents']} documents, {tp['tokens']} tokens; one extractor (model {tp.get('model', '?')}) "
        f"loaded once, load time apart; wall clock, worker start-up included in the {par.get('n_process', 2)}-process "
        f"row (its own column: from the call to the first text read). Torch threads in this process: "
        f"{tp.get('torch_threads') if tp.get('torch_threads') is not None else '?'}; workers use 1 each. "
        f"Usable cores: {mach.get('usable_cores', '?')}. "
        f"Goal: >= {tp['goal_speedup']:.1f}x over one at a time with {par.get('n_process', 2)} processes on a "
        f"2-core machine; met: {verdict}."
    )
    batches = tp.get("batches")
    if batches is not None and batches < par.get("n_process", 2):
        note += (f" Only {batches} batch(es) of {tp['batch_size']} for {par.get('n_process', 2)} processes: "
                 "some workers had nothing to do; use more documents or a smaller --throughput-batch-size.")
    differing = {m: r["differing_docs"] for m, r in tp["modes"].items() if r.get("differing_docs")}
    if differing:
        note += " Documents whose quotes differ from one at a time: " + "; ".join(
            f"{_MODE_NAMES.get(m, m).format(n=tp['modes'][m]['n_process'])}: {', '.join(map(str, d))}"
            for m, d in differing.items()
        ) + "."
    split = res["meta"].get("split", "dev")
    title = f"Throughput on PolNeAR {split}: one at a time vs Extractor.pipe (batch_size={tp['batch_size']})"
    return [(title, _kept_note(tp.get("kept_from")) + _table(headers, rows, md) + "\n\n" + note)]


def _errors(res: dict[str, Any]) -> list[str]:
    errs = [f"{n}: {v['error']}" for n, v in res["systems"].items() if v.get("error")]
    tp = res.get("throughput")
    if tp and tp.get("error"):
        errs.append(f"throughput: {tp['error']}")
    return errs


def text_report(res: dict[str, Any]) -> str:
    parts = []
    for title, table in (_seed_tables(res, False) + _polnear_tables(res, False) + scopes.tables(res, False)
                         + _roleset_table(res, False)
                         + _speed_table(res, False) + _throughput_table(res, False)):
        parts.append(f"== {title} ==\n{table}\n")
    for e in _errors(res):
        parts.append(f"!! {e}")
    return "\n".join(parts)


CITRON_NOTE = (
    "The two Citron rows are reference numbers for BBC R&D's Citron on PolNeAR dev, measured",
    "elsewhere with the same definitions (not rerun here).",
)


def markdown_report(res: dict[str, Any]) -> str:
    m = res["meta"]
    mach = m["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Generated by `python -m benchmarks --docs`; do not edit by hand, rerun instead.",
        "",
        f"- Date: {m['date']}",
        f"- Command: `{m['command']}`",
        f"- Machine: {mach['cpu']}, {mach['cores']} cores ({mach['usable_cores']} usable), "
        f"{mach['os']}, Python {mach['python']}",
        f"- PolNeAR split: {m.get('split')}, {m.get('n_docs', 0)} documents, {m.get('n_gold', 0)} gold attributions"
        + (f" (first {m['limit']} documents only)" if m.get("limit") is not None else ""),
        f"- Annotator rule: {m.get('annotator_rule', '')}",
        "",
        "Definitions are in `benchmarks/metrics.py` (PolNeAR) and `benchmarks/seed.py` (seed article).",
        "In short: *GGT* counts a gold quote found when one predicted content covers >= 30% (or 80%) of its",
        "characters; *quote F1* matches when >= 50% of the shorter content overlaps; token overlap",
        "precision is over predicted tokens and recall over gold tokens; *speaker mention acc* is the share",
        "of found quotes whose predicted speaker mention overlaps the gold source; *speaker name acc* the",
        "share whose gold source head word is in the predicted canonical name (*without coreference*: in",
        "the predicted mention as written instead); *pronoun sources resolved* the share of found quotes",
        "whose gold source is a personal pronoun that get a predicted canonical name that is not a pronoun",
        "(*right*: one sharing a word with a non-pronoun gold source of the 3 gold quotes before). Kinds: *direct* when the",
        "content holds or is enclosed by quotation marks, else *indirect*. P / R / F1 in each cell.",
        "",
    ]
    if any(v.get("polnear") for v in res["systems"].values()) and m.get("split") == "dev":
        lines += [*CITRON_NOTE, ""]
    for title, table in (_seed_tables(res, True) + _polnear_tables(res, True) + scopes.tables(res, True)
                         + _roleset_table(res, True)
                         + _speed_table(res, True) + _throughput_table(res, True)):
        lines += [f"## {title}", "", table, ""]
    errs = _errors(res)
    if errs:
        lines += ["## Not measured", ""] + [f"- {e}" for e in errs] + [""]
    return "\n".join(lines)


# -- a run that cannot measure everything keeps what it could not rerun ----------

_KEPT = "*Kept from the run of {date}: this run did not measure it (no PolNeAR data, or its step was off).*"
_UNMEASURED_KEYS = ("polnear", "speed")
# Sections written by a mode of their own (``--speed``), dated in their own text: kept as they are.
OWN_RUN_SECTIONS = ("Speed against spaCy",)


def _sections(md: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first ``## `` heading, and ``(title, body)`` for each section."""
    head, *rest = md.split("\n## ")
    sections = []
    for part in rest:
        title, _, body = part.partition("\n")
        sections.append((title.strip(), body.strip("\n")))
    return head, sections


def keep_unmeasured_markdown(new_md: str, old_md: str, old_date: str) -> str:
    """``new_md`` with every section of ``old_md`` that it lacks put back, in its old place
    and marked as kept, so that a run without PolNeAR never deletes measured tables. Sections
    of :data:`OWN_RUN_SECTIONS` come back unmarked: another mode wrote them, with their date."""
    head, new = _sections(new_md)
    _, old = _sections(old_md)
    titles = {t for t, _ in new}
    note = _KEPT.format(date=old_date)
    merged, i = [], 0
    for title, body in old:
        if title in titles:
            while i < len(new) and new[i][0] != title:
                merged.append(new[i])
                i += 1
            if i < len(new):
                merged.append(new[i])
                i += 1
        elif title.startswith(OWN_RUN_SECTIONS):
            merged.append((title, body))
        else:
            merged.append((title, body if body.startswith(note[:20]) else f"{note}\n\n{body}"))
    merged += new[i:]
    if any(t.startswith("PolNeAR dev") for t, _ in merged) and CITRON_NOTE[0] not in head:
        head = head.rstrip("\n") + "\n\n" + "\n".join(CITRON_NOTE) + "\n"
    return head.rstrip("\n") + "\n" + "".join(f"\n## {t}\n\n{b}\n" for t, b in merged)


def keep_unmeasured_json(new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """``new`` with the PolNeAR, speed and throughput results of ``old`` that it lacks, each
    marked ``"kept_from"`` with the old run's date."""
    date = old.get("meta", {}).get("date", "an earlier run")
    for name, entry in new.get("systems", {}).items():
        before = old.get("systems", {}).get(name, {})
        for key in _UNMEASURED_KEYS:
            if key not in entry and key in before:
                entry[key] = {**before[key], "kept_from": before[key].get("kept_from", date)}
    for key in ("throughput", "roleset", "scopes"):
        if key not in new and key in old:
            new[key] = {**old[key], "kept_from": old[key].get("kept_from", date)}
    return new
