"""Score predictions on the hand-labelled seed article (``benchmarks/*.gold.json``).

Gold format: ``/work/shared/benchmarks/seed/README.md`` (copied into the gold
file's ``notes``). Predictions are ``Quote.to_dict()`` dicts.

Rules, per gold quote, using the prediction that covers most of its content:

* **content found**: one prediction covers >= 80% of the gold content's
  characters (letters and digits);
* **speaker mention right**: the predicted speaker mention span overlaps the
  gold ``speaker_mention_span`` (only gold quotes with a mention count);
* **speaker right** (canonical): every gold speaker is matched by a predicted
  speaker: names equal ignoring case and a leading "the"; for anonymous or
  group gold speakers (a name that starts lower-case or holds its role word,
  "U.S. officials") the predicted speaker's text or name must contain the gold
  role word;
* **role right** (gold quotes with a role): the matched predicted speaker's role
  equals the gold role ignoring case, punctuation and abbreviations ("Sen." =
  "Senator"); for group speakers the role word inside the predicted role also
  counts;
* **venue right** (gold quotes with ``venue_any_of``): the predicted venue text
  overlaps (contains, is contained in) any of the strings, or its span
  overlaps an occurrence of one of them within 600 characters of the quote;
* **no venue invented** (gold quotes whose venue is null): the quote is found
  and its prediction has no venue (a quote not found does not count as right).

A prediction is a **false positive** when it matches no gold quote, a match
being contents sharing >= 50% of the characters of the shorter one; matches to
``optional`` gold quotes are not false positives, and optional gold quotes
count in no total.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence

from .metrics import Doc, pred_quote

__all__ = ["load_gold", "score_seed", "SEED_TEXT", "SEED_GOLD", "normalise_role", "speaker_right"]

HERE = Path(__file__).resolve().parent
SEED_TEXT = HERE.parent / "seeds" / "kerry-north-korea.txt"
SEED_GOLD = HERE / "kerry-north-korea.gold.json"
VENUE_WINDOW = 600
FOUND_AT = 0.8

ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "pres": "president",
    "sec": "secretary",
    "secy": "secretary",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "adm": "admiral",
    "amb": "ambassador",
    "atty": "attorney",
    "dr": "doctor",
    "prof": "professor",
    "supt": "superintendent",
    "rev": "reverend",
    "sgt": "sergeant",
    "capt": "captain",
    "cmdr": "commander",
}


def load_gold(path: Path | str = SEED_GOLD) -> tuple[str, dict[str, Any]]:
    """``(text, gold)`` for a seed gold file; the text file sits in ``seeds/``."""
    path = Path(path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    text_path = path.parent.parent / "seeds" / gold.get("text_file", SEED_TEXT.name)
    return text_path.read_text(encoding="utf-8"), gold


def _norm_name(name: Optional[str]) -> str:
    s = re.sub(r"\s+", " ", (name or "").strip().lower())
    return re.sub(r"^the\s+", "", s)


def normalise_role(role: Optional[str]) -> str:
    """Lower-case words, abbreviations expanded, "the" and punctuation dropped."""
    words = re.findall(r"[a-z0-9]+", (role or "").lower())
    return " ".join(ABBREVIATIONS.get(w, w) for w in words if w != "the")


def _is_group(gold_speaker: Mapping[str, Any]) -> bool:
    name, role = gold_speaker.get("name") or "", gold_speaker.get("role") or ""
    if not name:
        return False
    if name[0].islower():
        return True
    return bool(role) and role.lower() in name.lower()


def _speaker_matches(gold_speaker: Mapping[str, Any], pred_speaker: Mapping[str, Any]) -> bool:
    if _is_group(gold_speaker):
        word = (gold_speaker.get("role") or "").lower()
        hay = f"{pred_speaker.get('text') or ''} {pred_speaker.get('name') or ''}".lower()
        return bool(word) and re.search(rf"\b{re.escape(word)}\b", hay) is not None
    return _norm_name(gold_speaker.get("name")) == _norm_name(pred_speaker.get("name"))


def _pred_speakers(pred: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    speakers = list(pred.get("speakers") or ())
    if not speakers and pred.get("speaker"):
        speakers = [pred["speaker"]]
    return speakers


def speaker_right(gold_speakers: Sequence[Mapping[str, Any]], pred: Mapping[str, Any]) -> bool:
    """Every gold speaker matched by some predicted speaker."""
    ps = _pred_speakers(pred)
    return bool(gold_speakers) and all(any(_speaker_matches(g, p) for p in ps) for g in gold_speakers)


def _role_right(gold_speakers: Sequence[Mapping[str, Any]], pred: Mapping[str, Any]) -> bool:
    ps = _pred_speakers(pred)
    for g in gold_speakers:
        if not g.get("role"):
            continue
        cands = [p for p in ps if _speaker_matches(g, p)] or ps[:1]
        want = normalise_role(g["role"])
        ok = False
        for p in cands:
            got = normalise_role(p.get("role"))
            if got == want or (_is_group(g) and re.search(rf"\b{re.escape(want)}\b", got)):
                ok = True
        if not ok:
            return False
    return True


def _venue_right(text: str, gold_q: Mapping[str, Any], venue: Optional[Mapping[str, Any]]) -> bool:
    if not venue:
        return False
    vt = (venue.get("text") or "").lower().strip()
    for s in gold_q["venue_any_of"]:
        sl = s.lower()
        if vt and (vt in sl or sl in vt):
            return True
    lo = max(0, gold_q["content_span"][0] - VENUE_WINDOW)
    hi = gold_q["content_span"][1] + VENUE_WINDOW
    vs, ve = int(venue["start"]), int(venue["end"])
    for s in gold_q["venue_any_of"]:
        for m in re.finditer(re.escape(s), text[lo:hi]):
            if vs < lo + m.end() and lo + m.start() < ve:
                return True
    return False


def score_seed(text: str, gold: Mapping[str, Any], preds: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Per-quote rows, false positives and summary counts for one system's predictions."""
    doc = Doc(text)
    P = [pred_quote(p) for p in preds]
    pch = [doc.chars(p["content"]) for p in P]
    rows = []
    matched_preds: set[int] = set()
    summary = {
        "required": 0,
        "content_found": 0,
        "with_mention": 0,
        "speaker_mention_right": 0,
        "speaker_right": 0,
        "with_role": 0,
        "role_right": 0,
        "with_venue": 0,
        "venue_right": 0,
        "without_venue": 0,
        "no_venue_invented": 0,
    }
    for g in gold["quotes"]:
        gch = doc.chars([g["content_span"]])
        inter = [len(gch & c) for c in pch]
        for j, n in enumerate(inter):
            if n and n >= 0.5 * min(len(gch), len(pch[j])):
                matched_preds.add(j)
        best = max(range(len(P)), key=lambda j: inter[j]) if P else None
        coverage = inter[best] / len(gch) if best is not None and gch else 0.0
        found = coverage >= FOUND_AT
        pred = preds[best] if found else None
        row: dict[str, Any] = {
            "id": g["id"],
            "kind": g["kind"],
            "optional": bool(g.get("optional")),
            "found": found,
            "coverage": round(coverage, 3),
            "pred_speaker": (_pred_speakers(pred)[0].get("name") if pred and _pred_speakers(pred) else None),
        }
        mention = g.get("speaker_mention_span")
        if mention:
            row["mention_right"] = bool(
                pred
                and any(s < mention[1] and mention[0] < e for s, e in P[best]["source"])
            )
        else:
            row["mention_right"] = None
        row["speaker_right"] = bool(pred and speaker_right(g["speakers"], pred))
        has_role = any(s.get("role") for s in g["speakers"])
        row["role_right"] = bool(pred and _role_right(g["speakers"], pred)) if has_role else None
        venue = pred.get("venue") if pred else None
        if g.get("venue_any_of"):
            row["venue_right"] = _venue_right(text, g, venue)
        else:
            row["venue_right"] = None
            row["venue_invented"] = bool(venue)
        rows.append(row)
        if row["optional"]:
            continue
        summary["required"] += 1
        summary["content_found"] += found
        if mention:
            summary["with_mention"] += 1
            summary["speaker_mention_right"] += row["mention_right"]
        summary["speaker_right"] += row["speaker_right"]
        if has_role:
            summary["with_role"] += 1
            summary["role_right"] += row["role_right"]
        if g.get("venue_any_of"):
            summary["with_venue"] += 1
            summary["venue_right"] += row["venue_right"]
        else:
            summary["without_venue"] += 1
            summary["no_venue_invented"] += found and not row["venue_invented"]
    false_pos = [
        {"start": P[j]["content"][0][0], "end": P[j]["content"][-1][1], "text": preds[j].get("text", "")}
        for j in range(len(P))
        if j not in matched_preds
    ]
    summary["predicted"] = len(P)
    summary["false_positives"] = len(false_pos)
    return {"rows": rows, "false_positives": false_pos, "summary": summary}
