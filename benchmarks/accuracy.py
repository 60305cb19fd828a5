"""How right `whoknows COMPANY` is, measured on generated exports with a known truth.

    python benchmarks/accuracy.py                  # medium world, seed 1
    python benchmarks/accuracy.py --scale full --seed 7
    python benchmarks/accuracy.py --data DIR       # exports + truth.json made by generate.py
    python benchmarks/accuracy.py --errors 20      # also show 20 wrong or missed people

It imports the LinkedIn, vCard and Facebook exports with the real command line into a fresh
store, then asks ``whoknows TEXT --current --format json`` for every way the truth says a user
may name each company (display name, legal name, aliases, unique initialism) and for every row
of targets.csv, and prints:

- precision and recall of the current employees listed (micro-averaged over all queries; a
  listed person the truth cannot identify counts as wrong);
- people listed twice in one answer, and in ``whoknows people``;
- the share of people with records in several sources (and linkable by the data) that
  ``whoknows people`` shows as one person with all those sources.

Targets (issue 5): precision and recall >= 0.98, nobody listed twice, >= 95% merged.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SCALES = {
    "small": {"linkedin": 400, "vcards": 200, "facebook": 150, "targets": 120},
    "medium": {"linkedin": 3000, "vcards": 1200, "facebook": 600, "targets": 600},
    "full": {"linkedin": 30_000, "vcards": 10_000, "facebook": 5_000, "targets": 5_000},
}


def whoknows(*args: str, db: Path) -> tuple[int, str]:
    """Run the whoknows command line in this process; (exit code, stdout)."""
    from click.testing import CliRunner
    from whoknows.cli import cli

    result = CliRunner().invoke(cli, list(args), env={"WHOKNOWS_DB": str(db)})
    if result.exit_code not in (0, 1):
        raise SystemExit(f"whoknows {' '.join(args)} failed: {result.output}")
    return result.exit_code, result.stdout


def queries(truth: dict) -> list[tuple[str, str]]:
    """(text, company id) for every name of every company, and every target row."""
    found = []
    for cid, company in truth["companies"].items():
        if company["current"] or company["lookalikes"] or company["lookalike_of"]:
            found += [(text, cid) for text in company["queries"]]
    found += [(t["text"], t["company"]) for t in truth["targets"]]
    return list(dict.fromkeys(found))


def score(data: Path, db: Path, show_errors: int = 0, exclude: tuple[str, ...] = ()) -> dict:
    from datagen.truth import TruthIndex

    truth = json.loads((data / "truth.json").read_text(encoding="utf-8"))
    index = TruthIndex(truth)
    files = [data / truth["files"][s] for s in ("linkedin", "vcard", "facebook")]
    started = time.perf_counter()
    whoknows("import", *map(str, files), db=db)
    import_seconds = time.perf_counter() - started

    tp = fp = fn = twice = 0
    by_kind: Counter[str] = Counter()
    wrong_kind: Counter[str] = Counter()
    errors: list[str] = []
    asked = [(t, c) for t, c in queries(truth) if truth["companies"][c]["name"] not in exclude]
    costs: Counter[str] = Counter()
    started = time.perf_counter()
    for text, cid in asked:
        expected = set(truth["companies"][cid]["current"])
        _, out = whoknows(text, "--current", "--format", "json", db=db)
        listed = json.loads(out or "[]")
        seen: Counter[str] = Counter()
        hits: set[str] = set()
        for person in listed:
            ids = index.identify(person)
            seen.update(ids)
            by_kind[person["match"]] += 1
            if ids & expected:
                hits |= ids & expected
            else:
                fp += 1
                wrong_kind[person["match"]] += 1
                costs[truth["companies"][cid]["name"]] += 1
                if len(errors) < show_errors:
                    real = [truth["people"][i]["current"] for i in ids]
                    where = [truth["companies"][c]["name"] if c else None for c in real]
                    errors.append(
                        f"wrong  {text!r}: {person['name']} ({person['company']!r}, "
                        f"{person['match']}) really at {where or 'unknown'}"
                    )
        doubled = [pid for pid, n in seen.items() if n > 1]
        twice += len(doubled)
        for pid in doubled[: max(0, show_errors - len(errors))]:
            shown = [(p["name"], p["sources"]) for p in listed if pid in index.identify(p)]
            errors.append(f"twice  {text!r}: {shown}")
        tp += len(hits)
        missed = expected - hits
        fn += len(missed)
        costs[truth["companies"][cid]["name"]] += len(missed)
        for pid in sorted(missed)[: max(0, show_errors - len(errors))]:
            p = truth["people"][pid]
            texts = sorted({r.get("company_text") or "" for r in p["records"]} - {""})
            errors.append(f"missed {text!r}: {p['name']} (written {texts}, {p['sources']})")
    query_seconds = time.perf_counter() - started

    _, out = whoknows("people", "--format", "json", db=db)
    people = json.loads(out)
    owners: dict[str, list[dict]] = {}
    for person in people:
        for pid in index.identify(person):
            owners.setdefault(pid, []).append(person)
    twice_people = sum(1 for found in owners.values() if len(found) > 1)
    multi = [pid for pid, p in truth["people"].items() if p["multi_source"] and p["linkable"]]
    merged = 0
    for pid in multi:
        found = owners.get(pid, [])
        wanted = set(truth["people"][pid]["sources"])
        if len(found) == 1 and wanted <= set(found[0]["sources"]):
            merged += 1
    return {
        "queries": len(asked),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "true_positives": tp,
        "false_positives": fp,
        "missed": fn,
        "listed_twice_in_answers": twice,
        "listed_twice_in_people": twice_people,
        "multi_source_people": len(multi),
        "multi_source_merged": merged / len(multi) if multi else 1.0,
        "listed_by_match": dict(by_kind),
        "wrong_by_match": dict(wrong_kind),
        "mistakes_by_company": dict(costs.most_common(8)),
        "import_seconds": round(import_seconds, 2),
        "ms_per_query_in_process": round(1000 * query_seconds / max(1, len(asked)), 1),
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="medium")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, help="a folder made by generate.py (with truth)")
    parser.add_argument("--errors", type=int, default=0, help="show this many mistakes")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="COMPANY",
        help="leave out queries for this company (by its name in truth.json); repeatable",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            from generate import generate

            data = Path(tmp) / "data"
            generate(data, seed=args.seed, counts=SCALES[args.scale])
        os.environ.pop("WHOKNOWS_DB", None)
        result = score(data, Path(tmp) / "store.db", args.errors, tuple(args.exclude))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for line in result.pop("errors"):
        print(line)
    width = max(map(len, result))
    for key, value in result.items():
        shown = f"{value:.4f}" if isinstance(value, float) else value
        print(f"{key.ljust(width)}  {shown}")
    ok = (
        result["precision"] >= 0.98
        and result["recall"] >= 0.98
        and result["listed_twice_in_answers"] == 0
        and result["multi_source_merged"] >= 0.95
    )
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
