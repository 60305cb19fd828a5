"""Writes the job seeker's target list: a CSV with a Company column and the usual tracking
columns, as people keep it in a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

from datagen.world import World

HEADER = ["Company", "Role", "Date Applied", "Status"]


def write(world: World, folder: Path) -> Path:
    path = folder / "targets.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        for t in world.targets:
            applied = f"{t['applied']:%Y-%m-%d}" if t["applied"] else ""
            writer.writerow([t["text"], t["role"], applied, t["status"]])
    return path
