"""Profile one whoknows command in process with cProfile, to see what a missed target costs.

    python benchmarks/profile_cli.py import benchmarks/out/data/contacts.vcf
    python benchmarks/profile_cli.py --db /tmp/full.db Apple --format json
    python benchmarks/profile_cli.py --imports Apple --format json   # import times only

Without --db the command runs on a new temporary store. Prints the functions with the most
cumulative and the most own time. --imports runs the command in a fresh interpreter under
``python -X importtime`` instead and lists the slowest imports.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path


def profile(args: list[str], top: int) -> None:
    from whoknows.quick import main  # what the `whoknows` script runs: quick path, else click

    sys.argv = ["whoknows", *args]
    profiler = cProfile.Profile()
    # A UTF-8 buffer, as a terminal or pipe is: a StringIO has no encoding, which would make
    # output.echo fall back to click.echo and put click's import into a quick query's profile.
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    profiler.enable()
    try:
        with contextlib.redirect_stdout(out):
            main()
    except SystemExit:
        pass
    finally:
        profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def import_times(args: list[str], top: int) -> None:
    cmd = [sys.executable, "-X", "importtime", "-m", "whoknows", *args]
    result = subprocess.run(cmd, capture_output=True, text=True)
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, own, cumulative, name = (part.strip() for part in line.replace(":", "|", 1).split("|"))
        rows.append((int(cumulative), int(own), name))
    print(f"{'cumulative ms':>14} {'own ms':>8}  module")
    for cumulative, own, name in sorted(rows, reverse=True)[:top]:
        print(f"{cumulative / 1000:14.1f} {own / 1000:8.1f}  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to use (default: a new temporary one)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--imports", action="store_true", help="import times, not a profile")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="whoknows arguments")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WHOKNOWS_DB"] = str(opts.db or Path(tmp, "profile.db"))
        if opts.imports:
            import_times(opts.command, opts.top)
        else:
            profile(opts.command, opts.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
