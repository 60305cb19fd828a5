"""Writes the Facebook "Download Your Information" zip (2023+ layout, JSON, mojibake)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from datagen.world import TODAY, World


def mojibake(text: str) -> str:
    """What Facebook does: every UTF-8 byte becomes its own \\u00XX character."""
    return text.encode("utf-8").decode("latin-1")


def _json(key: str, entries: list[dict]) -> bytes:
    items = [{"name": mojibake(e["name"]), "timestamp": e["timestamp"]} for e in entries]
    return json.dumps({key: items}, indent=2, ensure_ascii=True).encode("ascii")


def write(world: World, folder: Path) -> Path:
    path = folder / "facebook-samrivera.zip"
    files = {
        "connections/friends/your_friends.json": _json("friends_v2", world.fb_friends),
        "connections/friends/removed_friends.json": _json("deleted_friends_v2", world.fb_removed),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(TODAY.year, TODAY.month, TODAY.day, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path
