"""python -m benchmarks --docs without PolNeAR keeps the sections it cannot rerun."""

from __future__ import annotations

from benchmarks import report

OLD = """# Benchmarks

- Date: 2026-11-28

The two Citron rows are reference numbers for BBC R&D's Citron on PolNeAR dev, measured
elsewhere with the same definitions (not rerun here).

## Seed article: summary

old seed table

## PolNeAR dev: quotes found and speakers

| system | GGT-30 |
|---|---|
| kora_quotes | 0.73 |

## Speed on PolNeAR dev

2.9 docs/s
"""

NEW = """# Benchmarks

- Date: 2026-12-03

## Seed article: summary

new seed table
"""


def test_sections_a_run_could_not_measure_are_kept_and_marked():
    merged = report.keep_unmeasured_markdown(NEW, OLD, "2026-11-28")
    assert "new seed table" in merged and "old seed table" not in merged
    assert "| kora_quotes | 0.73 |" in merged and "2.9 docs/s" in merged
    titles = [line for line in merged.splitlines() if line.startswith("## ")]
    assert titles == ["## Seed article: summary", "## PolNeAR dev: quotes found and speakers",
                      "## Speed on PolNeAR dev"]
    assert merged.count("*Kept from the run of 2026-11-28") == 2
    assert report.CITRON_NOTE[0] in merged
    # a second run without PolNeAR keeps the first date and adds no second note
    again = report.keep_unmeasured_markdown(NEW, merged, "2026-12-03")
    assert again == merged


def test_a_full_run_replaces_everything():
    assert report.keep_unmeasured_markdown(OLD, OLD, "x") == OLD


def test_json_keeps_polnear_and_speed_with_their_date():
    old = {"meta": {"date": "2026-11-28"}, "systems": {"kora_quotes": {"seed": 1, "polnear": {"f1": 0.73},
                                                                         "speed": {"docs_s": 2.9}}},
           "throughput": {"x": 1}}
    new = {"meta": {"date": "2026-12-03"}, "systems": {"kora_quotes": {"seed": 2}}}
    merged = report.keep_unmeasured_json(new, old)
    entry = merged["systems"]["kora_quotes"]
    assert entry["seed"] == 2 and entry["polnear"] == {"f1": 0.73, "kept_from": "2026-11-28"}
    assert entry["speed"]["kept_from"] == "2026-11-28" and merged["throughput"]["kept_from"] == "2026-11-28"
