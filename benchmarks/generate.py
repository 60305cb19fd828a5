"""Generate realistic, messy exports at scale, and the truth about them.

    python benchmarks/generate.py                      # full size into benchmarks/out/data
    python benchmarks/generate.py --small --out /tmp/d # a few hundred records, for tests
    python benchmarks/generate.py --contacts 100000 --only linkedin,vcard --no-truth

Writes into the output folder:

- ``Complete_LinkedInDataExport_11-20-2026.zip``: Connections.csv (3-line Notes preamble,
  URL column, ghost rows, a few e-mails, stray spaces, legal-form variants), messages.csv
  (Dec 2024 header), Endorsement_Received_Info.csv, Recommendations_Received.csv,
  Positions.csv, Profile.csv, Invitations.csv, Skills.csv;
- ``contacts.vcf``: Apple 3.0, Google 3.0, Outlook 2.1 (quoted-printable) and 4.0 cards;
- ``facebook-samrivera.zip``: connections/friends/your_friends.json (mojibake names) and
  removed_friends.json;
- ``targets.csv``: Company, Role, Date Applied, Status;
- ``truth.json``: who everyone really is and where they work (see datagen/truth.py).

The same seed and counts give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datagen import facebook, linkedin, targets, truth, vcard
from datagen.world import Builder

FULL = {"linkedin": 30_000, "vcards": 10_000, "facebook": 5_000, "targets": 5_000}
SMALL = {"linkedin": 400, "vcards": 200, "facebook": 150, "targets": 120}
SOURCES = ("linkedin", "vcard", "facebook", "targets")


def generate(
    out: Path,
    *,
    seed: int = 1,
    counts: dict[str, int] | None = None,
    only: tuple[str, ...] = SOURCES,
    with_truth: bool = True,
) -> dict[str, str]:
    """Builds the world and writes the chosen files; returns {source: file name}."""
    counts = dict(counts or FULL)
    out.mkdir(parents=True, exist_ok=True)
    world = Builder(
        seed, counts["linkedin"], counts["vcards"], counts["facebook"], counts["targets"]
    ).build()
    files = {}
    if "linkedin" in only:
        files["linkedin"] = linkedin.write(world, out).name
    if "vcard" in only:
        files["vcard"] = vcard.write(world, out, seed).name
    if "facebook" in only:
        files["facebook"] = facebook.write(world, out).name
    if "targets" in only:
        files["targets"] = targets.write(world, out).name
    if with_truth:
        files["truth"] = truth.write(truth.build(world, dict(files), counts), out).name
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "data")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", action="store_true", help="a few hundred records per source")
    parser.add_argument("--linkedin", type=int, help="LinkedIn connections (30000)")
    parser.add_argument("--vcards", type=int, help="address-book cards (10000)")
    parser.add_argument("--facebook", type=int, help="Facebook friends (5000)")
    parser.add_argument("--targets", type=int, help="target companies (5000)")
    parser.add_argument(
        "--contacts", type=int, help="scale: this many LinkedIn connections AND this many cards"
    )
    parser.add_argument("--only", default=",".join(SOURCES), help="comma-separated sources")
    parser.add_argument("--no-truth", action="store_true", help="skip truth.json")
    args = parser.parse_args(argv)

    counts = dict(SMALL if args.small else FULL)
    if args.contacts:
        counts["linkedin"] = counts["vcards"] = args.contacts
    for key in counts:
        if getattr(args, key, None) is not None:
            counts[key] = getattr(args, key)
    only = tuple(s.strip() for s in args.only.split(",") if s.strip())
    unknown = set(only) - set(SOURCES)
    if unknown:
        parser.error(f"unknown source(s): {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    files = generate(
        args.out, seed=args.seed, counts=counts, only=only, with_truth=not args.no_truth
    )
    took = time.perf_counter() - started
    print(
        json.dumps(
            {"out": str(args.out), "counts": counts, "files": files, "seconds": round(took, 1)}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
