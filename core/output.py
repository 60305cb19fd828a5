"""Printing listings: a table on a terminal, or JSON, CSV or Markdown for scripts."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv", "markdown")


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[tuple[str, str]]) -> str:
    """`rows` as text in format `fmt`. `columns` are (key, heading) pairs for the flat formats.

    JSON keeps every key of every row; the other formats show `columns` only, with lists
    joined by "; ".
    """
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([heading for _, heading in columns])
        for row in rows:
            writer.writerow([cell(row.get(key)) for key, _ in columns])
        return buffer.getvalue().rstrip("\n")
    if fmt == "markdown":
        lines = [
            "| " + " | ".join(h for _, h in columns) + " |",
            "|" + "|".join("---" for _ in columns) + "|",
        ]
        for row in rows:
            cells = [
                cell(row.get(key)).replace("|", "\\|").replace("\n", " ") for key, _ in columns
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
    if fmt == "table":
        return _plain_table(rows, columns)
    raise ValueError(f"unknown format {fmt!r}")


def cell(value: Any) -> str:
    """One value as flat text."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    return str(value)


def print_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], title: str | None = None
) -> None:
    """A rich table on a terminal; plain aligned text when stdout is not a terminal."""
    if not sys.stdout.isatty():
        if title:
            print(title)
        print(_plain_table(rows, columns))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for _, heading in columns:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*[cell(row.get(key)) for key, _ in columns])
    Console().print(table)


def _plain_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    grid = [[h for _, h in columns]] + [[cell(r.get(k)) for k, _ in columns] for r in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(columns))]
    return "\n".join(
        "  ".join(value.ljust(width) for value, width in zip(line, widths, strict=True)).rstrip()
        for line in grid
    )
