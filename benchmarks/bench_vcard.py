"""Benchmark the vCard importer against vobject's own ``readComponents`` (issue 3).

Two checks, on a generated address book built from ``sample_exports/contacts.vcf`` (Apple,
Google, Outlook 2.1 quoted-printable, Android and 4.0 cards, a few with photos):

- speed: over 10,000 cards the importer runs at no less than 0.8x the speed of
  ``vobject.readComponents(text, allowQP=True)`` over the same file (file reading included
  for both; allowQP because the Outlook and Android cards need it);
- memory: the importer's peak traced memory stays flat as the file grows (10x the cards may
  cost at most 1.5x the peak), because cards are streamed, never accumulated.

Usage: ``python benchmarks/bench_vcard.py [--cards 10000] [--json]``. Exit status 1 when a
check fails. ``run(cards)`` returns the figures as a dict for a benchmark runner.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "sample_exports" / "contacts.vcf"
MIN_SPEED_RATIO = 0.8
MAX_MEMORY_GROWTH = 1.5


def make_address_book(path: Path, cards: int) -> Path:
    """Write `cards` cards to `path`, cycling through the sample's, each with its own name."""
    text = SAMPLE.read_bytes().decode("utf-8")
    templates = re.findall(r"BEGIN:VCARD\r\n.*?END:VCARD\r\n", text, re.DOTALL)
    with open(path, "w", encoding="utf-8", newline="") as f:
        for i in range(cards):
            card = templates[i % len(templates)]
            card = re.sub(r"^(FN[^:\r\n]*:)", rf"\g<1>{i} ", card, flags=re.MULTILINE)
            card = re.sub(r"^((?:X-AB)?UID:)", rf"\g<1>{i}-", card, flags=re.MULTILINE)
            f.write(card)
    return path


def time_vobject(path: Path) -> tuple[float, int]:
    import vobject

    started = time.perf_counter()
    text = path.read_bytes().decode("utf-8")
    count = sum(1 for _ in vobject.readComponents(text, allowQP=True))
    return time.perf_counter() - started, count


def time_importer(path: Path) -> tuple[float, int]:
    from whoknows.plugins.vcard import VCardImporter

    started = time.perf_counter()
    count = sum(1 for _ in VCardImporter().read(path))
    return time.perf_counter() - started, count


def peak_memory(path: Path) -> int:
    from whoknows.plugins.vcard import VCardImporter

    importer = VCardImporter()
    next(iter(importer.read(path)))  # import vobject and phonenumbers before tracing
    tracemalloc.start()
    for _ in importer.read(path):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def run(cards: int = 10_000) -> dict:
    """Measure speed and memory; the dict says whether each check passed."""
    with tempfile.TemporaryDirectory() as tmp:
        book = make_address_book(Path(tmp, "book.vcf"), cards)
        time_importer(book)  # warm up: imports and phone metadata
        vobject_seconds, vobject_cards = time_vobject(book)
        importer_seconds, importer_records = time_importer(book)
        small = make_address_book(Path(tmp, "small.vcf"), max(cards // 10, 30))
        small_peak, large_peak = peak_memory(small), peak_memory(book)
    ratio = vobject_seconds / importer_seconds
    growth = large_peak / small_peak
    return {
        "cards": cards,
        "vobject_seconds": round(vobject_seconds, 3),
        "vobject_cards": vobject_cards,
        "importer_seconds": round(importer_seconds, 3),
        "importer_records": importer_records,
        "speed_ratio": round(ratio, 2),
        "speed_ok": ratio >= MIN_SPEED_RATIO and importer_records == vobject_cards,
        "peak_bytes_small": small_peak,
        "peak_bytes_large": large_peak,
        "memory_growth": round(growth, 2),
        "memory_ok": growth <= MAX_MEMORY_GROWTH,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = run(args.cards)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"vcard: {result['cards']} cards; vobject.readComponents "
            f"{result['vobject_seconds']} s, "
            f"importer {result['importer_seconds']} s: {result['speed_ratio']}x vobject's speed "
            f"(need >= {MIN_SPEED_RATIO}) {'ok' if result['speed_ok'] else 'FAIL'}"
        )
        print(
            f"vcard: peak memory {result['peak_bytes_small'] // 1024} KiB for "
            f"{max(result['cards'] // 10, 30)} cards, {result['peak_bytes_large'] // 1024} KiB for "
            f"{result['cards']}: x{result['memory_growth']} (need <= {MAX_MEMORY_GROWTH}) "
            f"{'ok' if result['memory_ok'] else 'FAIL'}"
        )
    return 0 if result["speed_ok"] and result["memory_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
