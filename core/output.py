"""Printing listings: a table on a terminal, or JSON, CSV or Markdown for scripts."""

from __future__ import annotations

import codecs
import io
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `whoknows COMPANY`
if TYPE_CHECKING:
    from typing import Any

FORMATS = ("table", "json", "csv", "markdown")


def echo(text: str = "", err: bool = False) -> None:
    """One line on stdout (or stderr), as click.echo writes it: click.echo itself when click is
    loaded, when the line holds an escape sequence (click strips those off a terminal) or when
    the stream is ASCII (click writes UTF-8 there); else a plain write."""
    stream = sys.stderr if err else sys.stdout
    if "\x1b" in text or not _writes_as_click(stream):
        import click

        click.echo(text, err=err)
        return
    stream.write(text + "\n")
    stream.flush()


def _writes_as_click(stream: Any) -> bool:
    """Whether a plain write to `stream` prints what click.echo would (see `echo`)."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    return "click" not in sys.modules and codecs.lookup(encoding).name != "ascii"


def echo_json(rows: list[Any]) -> None:
    """``echo(render(rows, "json", ...))``, written in 64 KB pieces: a large answer is never
    made one string, which is copied again to print it (and holds four bytes a character when
    a single name has an emoji), and takes a few writes even where Python's output is
    unbuffered (``PYTHONUNBUFFERED``)."""
    if not _writes_as_click(sys.stdout):
        echo(dumps_indented(rows))
        return
    out: list[str] = []
    try:
        _indented(list(rows), "\n", out)
    except _NotPlain:
        echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    out.append("\n")
    for text in chunks(out, 1 << 16):
        sys.stdout.write(text)
    sys.stdout.flush()


def chunks(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[str]:
    """`pieces` gathered into strings of about `size` characters."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[tuple[str, str]]) -> str:
    """`rows` as text in format `fmt`. `columns` are (key, heading) pairs for the flat formats.

    JSON keeps every key of every row; the other formats show `columns` only, with lists
    joined by "; ".
    """
    if fmt == "json":
        return dumps_indented(list(rows))
    if fmt == "csv":
        return "".join(csv_records(rows, columns)).rstrip("\n")
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


def csv_records(
    rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]]
) -> Iterator[str]:
    """The CSV of `rows` a record at a time, each ending in a newline: the headings, then a
    record a row, as they are read from `rows`."""
    import csv  # only for CSV: a query writing JSON or a table does without it

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([heading for _, heading in columns])
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([cell(row.get(key)) for key, _ in columns])
        yield buffer.getvalue()


def dumps_indented(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, the same text faster.

    With ``indent`` the standard library switches to its pure-Python encoder; this writes
    the same layout directly. A value JSON cannot encode goes to `json.dumps` for its error.
    """
    out: list[str] = []
    try:
        _indented(value, "\n", out)
    except _NotPlain:
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(out)


class _NotPlain(Exception):
    """A value `_indented` leaves to `json.dumps`."""


def _indented(value: Any, newline: str, out: list[str]) -> None:
    """Append `value` as the standard encoder does at the indentation after `newline`."""
    kind = type(value)
    if kind is dict:
        _object(value, newline, out)
    elif kind is list or kind is tuple:
        _array(value, newline, out)
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(json.dumps(value))
    elif isinstance(value, list | tuple):
        _array(value, newline, out)
    elif isinstance(value, dict):
        _object(value, newline, out)
    else:
        raise _NotPlain


def _array(value: list[Any] | tuple[Any, ...], newline: str, out: list[str]) -> None:
    strings = _strings(value, newline)
    if strings is not None:
        out.append(strings)
        return
    inner = newline + "  "
    separator = "[" + inner
    for item in value:
        out.append(separator)
        _indented(item, inner, out)
        separator = "," + inner
    out.append(newline + "]")


def _object(value: dict[Any, Any], newline: str, out: list[str]) -> None:
    """A dict; its strings, numbers and lists of strings (most of a person) written in place."""
    if not value:
        out.append("{}")
        return
    inner = newline + "  "
    items = []
    for key, item in value.items():
        head = _KEY_TEXTS.get(key)
        if head is None:
            head = _key_text(key)
        kind = type(item)
        if kind is str:
            items.append(head + encode_basestring(item))
        elif kind is int:
            items.append(head + int.__repr__(item))
        elif kind is list and (strings := _strings(item, inner)) is not None:
            items.append(head + strings)
        else:
            parts = [head]
            _indented(item, inner, parts)
            items.append("".join(parts))
    out.append("{" + inner + ("," + inner).join(items) + newline + "}")


_KEY_TEXTS: dict[str, str] = {}
"""A key as written before its value (``"name": ``), for the keys seen most (a person's)."""


def _key_text(key: Any) -> str:
    if type(key) is not str:
        raise _NotPlain
    text = encode_basestring(key) + ": "
    if len(_KEY_TEXTS) < 64:
        _KEY_TEXTS[key] = text
    return text


def _strings(items: list[Any] | tuple[Any, ...], newline: str) -> str | None:
    """A list of strings, indented ("[]" when empty); None when an item is not a string."""
    if not items:
        return "[]"
    inner = newline + "  "
    try:
        return f"[{inner}{(',' + inner).join(map(encode_basestring, items))}{newline}]"
    except TypeError:  # encode_basestring takes strings only
        return None


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
        _print_plain(_plain_table(rows, columns), title)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for _, heading in columns:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*[cell(row.get(key)) for key, _ in columns])
    Console().print(table)


def _print_plain(table: str, title: str | None) -> None:
    """A plain table (and its title) on stdout, as `echo` writes any line: UTF-8 even where
    Python opened stdout as ASCII, as click does."""
    if title:
        echo(title)
    echo(table)


def _plain_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    grid = [[h for _, h in columns]] + [[cell(r.get(k)) for k, _ in columns] for r in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(columns))]
    return "\n".join(
        "  ".join(value.ljust(width) for value, width in zip(line, widths, strict=True)).rstrip()
        for line in grid
    )


def print_people_table(people: Sequence[dict[str, Any]], title: str | None = None) -> None:
    """People on a terminal: who, what to ask, how strong the tie is and why, in few columns."""
    if not sys.stdout.isatty():
        _print_plain(_plain_table(people, PEOPLE_COLUMNS), title)
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold", show_lines=True)
    table.add_column("Person", ratio=3)
    table.add_column("Ask", ratio=1)
    table.add_column("Tie", justify="right", no_wrap=True)
    table.add_column("Why", ratio=4)
    for p in people:
        who = f"[bold]{escape(p['name'])}[/bold]"
        role = " · ".join(escape(x) for x in (p.get("title"), p.get("company")) if x)
        if role:
            who += f"\n{role}"
        why = "\n".join(f"• {escape(r)}" for r in p.get("reasons") or [])
        sources = ", ".join(p.get("sources") or [])
        why += f"\n[dim]from {escape(sources)}[/dim]" if sources else ""
        table.add_row(who, escape(p["ask"]), str(p["score"]), why.strip())
    Console().print(table)


PEOPLE_COLUMNS = [
    ("name", "Name"),
    ("title", "Title"),
    ("company", "Company"),
    ("status", "Status"),
    ("ask", "Ask"),
    ("score", "Score"),
    ("sources", "Sources"),
    ("reasons", "Why"),
    ("match", "Match"),
]
"""The columns of a person in CSV, Markdown and plain tables."""
