"""The `whoknows crossref TARGETS` command: a list of companies against the store.

pandas is imported only when the command runs (through `whoknows.crossref`), never when the
command line is loaded.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from whoknows import forked
from whoknows.errors import WhoknowsError
from whoknows.options import db_option, quiet_library_logs
from whoknows.store import gc_paused

FORMATS = ("table", "json", "csv", "markdown", "xlsx")
SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".md": "markdown", ".xlsx": "xlsx"}

PERSON_COLUMNS = [
    ("first", ""),
    ("name", "Name"),
    ("title", "Title"),
    ("status", "Status"),
    ("ask", "Ask"),
    ("score", "Score"),
    ("match", "Match"),
    ("reasons", "Why"),
]
"""The table and Markdown: people under each target; → marks the one to contact first."""
FLAT_COLUMNS = [
    ("name", "Name"),
    ("title", "Title"),
    ("status", "Current/former"),
    ("ask", "Ask"),
    ("score", "Score"),
    ("match", "Match"),
    ("reasons", "Why"),
    ("first", "Contact first"),
    ("company", "Company as listed"),
    ("sources", "Sources"),
    ("emails", "Emails"),
    ("phones", "Phones"),
    ("profile_url", "Profile"),
]
"""CSV and the xlsx People sheet: one row per (target, person), the carried columns repeated."""
SUGGESTIONS = ("suggestions", "Did you mean")


@click.command()
@click.argument("targets", metavar="TARGETS")
@click.option("--column", metavar="NAME", help="The company column (default: found by name).")
@click.option("--current", is_flag=True, help="Only people who work there now.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: from --output's extension, else table).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of the screen (needed for xlsx).",
)
@db_option
@click.pass_context
def crossref(
    ctx: click.Context,
    targets: str,
    column: str | None,
    current: bool,
    fmt: str | None,
    output: Path | None,
    db: Path | None,
) -> None:
    """Who you know at each company of a list: a job-tracker CSV, a spreadsheet or a text file.

    TARGETS is a CSV or TSV (the company column is found by name, or use --column), an .xlsx
    workbook, or plain text with one company a line; `-` reads standard input. The other
    columns (role, date applied, status, ...) are carried through to the results.

    \b
    whoknows crossref applications.csv
    whoknows crossref applications.xlsx --column Employer -o results.xlsx
    """
    quiet_library_logs(ctx)
    fmt = fmt or SUFFIX_FORMATS.get(output.suffix.lower() if output else "", "table")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs --output FILE")
    with gc_paused():  # pandas' import and tens of thousands of people hold no cycles
        _crossref(ctx, targets, column, current, fmt, output, db)


def _crossref(
    ctx: click.Context,
    targets: str,
    column: str | None,
    current: bool,
    fmt: str,
    output: Path | None,
    db: Path | None,
) -> None:
    from whoknows import crossref as xref
    from whoknows.cli import open_store

    table = xref.read_targets(targets, column)
    carried = [c for c in table.columns if c != "target"]
    bounds = _shared_pieces(ctx, len(table), fmt)
    if bounds and _crossref_in_two(
        ctx, table, carried, bounds, current, fmt, output, open_store(ctx, db)
    ):
        return
    store = open_store(ctx, db)
    try:
        results = _results(store, table, current)
    finally:
        store.close()
    summary = xref.summary([xref.path_of(r) for r in results])
    if fmt == "xlsx":
        assert output is not None
        _write_xlsx(results, carried, output)
    else:
        pieces = _render(results, carried, fmt, summary if output is None else None)
        _write(pieces, output)
    _finish(ctx, summary, output, fmt, any(r["people"] for r in results))


def _results(store: Any, table: Any, current: bool, tables: Any = None) -> list[dict[str, Any]]:
    """The results for the rows of `table` (a frame from `read_targets`); `tables`: what the
    join reads of the store (`crossref.read_tables`), if read beforehand."""
    from whoknows import crossref as xref

    results = xref.crossref(store, table, tables=tables)
    if current:
        for r in results:
            r["people"] = [p for p in r["people"] if p["status"] == "current"]
            r["best"] = xref.best_person(r["people"])
    return results


def _finish(ctx: click.Context, summary: str, output: Path | None, fmt: str, matched: bool) -> None:
    """The summary line on standard error (when the output is a file or for scripts), and exit
    code 1 when no target has anyone."""
    if output is not None or fmt in ("json", "csv"):
        where = f"Wrote {output}. " if output else ""
        click.echo(where + summary, err=True)
    if not matched:
        ctx.exit(1)


# Two processes -----------------------------------------------------------------------------

PARALLEL_FROM = 500
"""From this many targets on, JSON and CSV are made in two processes where that is safe and
useful (Linux, two cores or more); below it the second process would cost more than it saves."""
PARALLEL_FORMATS = ("json", "csv")
"""The formats made target by target: the second process's text follows the first's as it is.
The table aligns all targets at once; Markdown and xlsx are for people, not 5,000 targets."""
SHARES = (0.3, 0.3, 0.12, 0.12, 0.05, 0.05, 0.03, 0.03)
"""How a long list is cut into pieces for two processes, each taking the next piece when it is
free: big pieces first, small ones last, so that the two finish close together even when one
is slower (another program on its core, harder targets). Each piece costs some fixed work (a
pandas join, about 10 ms), so not many."""
SMALLEST_PIECE = 125
"""The fewest targets in a piece (but the last)."""


def _shared_pieces(ctx: click.Context, n: int, fmt: str) -> list[int]:
    """Where the list of `n` targets is cut into pieces for two processes (`piece_bounds`);
    [] for one process."""
    if (
        n < max(2, PARALLEL_FROM)
        or fmt not in PARALLEL_FORMATS
        or sys.platform != "linux"  # fork is the default and safe there; elsewhere: serial
        or not hasattr(os, "memfd_create")
        or not forked.two_cores()
        or ctx.find_root().params.get("debug")  # a traceback needs the one process
    ):
        return []
    return piece_bounds(n, SMALLEST_PIECE)


def piece_bounds(n: int, smallest: int) -> list[int]:
    """Where `n` targets are cut into pieces of `SHARES` of the list, none but the last
    smaller than `smallest` targets (or 1): fewer pieces for a shorter list."""
    bounds = [0]
    for share in SHARES[:-1]:
        end = bounds[-1] + max(round(n * share), smallest, 1)
        if end >= n:
            break
        bounds.append(end)
    return [*bounds, n]


def _crossref_in_two(
    ctx: click.Context,
    table: Any,
    carried: list[str],
    bounds: list[int],
    current: bool,
    fmt: str,
    output: Path | None,
    store: Any,
) -> bool:
    """`_crossref` with the pieces of the list (cut at `bounds`) shared with a forked process
    working at the same time; False, with nothing done, when no second process can be had (a
    process limit, no memfd): then one process does it all.

    What the join reads of the store (alias tables, company keys, work domains) is read once,
    before the fork. Then each process opens the store itself (no SQLite connection is carried
    across the fork) and takes pieces in turn until none is left: it resolves and joins their
    targets, describes their people and renders them. This one then writes every piece's text
    in the list's order, so the output is the same text as one process makes. An error in
    either is reported as one process reports it, before anything is written.
    """
    from whoknows import crossref as xref
    from whoknows.store import Store

    try:  # what the join reads of the store (alias tables brought up to date): once, for both
        tables = xref.read_tables(store)
    finally:
        store.close()
    path = store.path
    opened: list[Store] = []  # each process's own connection, opened on its first piece

    def piece(i: int) -> forked.Piece:
        """(each target's path, whether anyone matched, the text) for piece `i`."""
        if not opened:
            opened.append(Store.open(path, create=False))
        rows = table.iloc[bounds[i] : bounds[i + 1]]
        results = _results(opened[0], rows, current, tables)
        text = list(_part(results, carried, fmt, first=i == 0, last=False))
        return [xref.path_of(r) for r in results], any(r["people"] for r in results), text

    try:
        worker = forked.Worker(piece, len(bounds) - 1, ctx.obj.get("store", path))
    except OSError:
        return False
    try:
        pieces = {i: piece(i) for i in worker.take()}
        answer = worker.answer()
        if "error" in answer:
            click.echo(answer["error"], err=True)
            ctx.exit(answer["code"])
        pieces.update(answer["pieces"])
        ordered = [pieces[i] for i in range(len(bounds) - 1)]
        tail = ["\n]\n"] if fmt == "json" else []
        _write(itertools.chain(*(text for _, _, text in ordered), tail), output)
    finally:
        worker.stop()  # after the writing: the copy's exit overlaps it
        for own in opened:
            own.close()
    summary = xref.summary([p for paths, _, _ in ordered for p in paths])
    _finish(ctx, summary, output, fmt, any(matched for _, matched, _ in ordered))
    return True


def _part(
    results: list[dict[str, Any]], carried: list[str], fmt: str, first: bool, last: bool
) -> Iterable[str]:
    """The JSON or CSV text of some of the targets: with the list's start (or the CSV's
    heading) if `first`, with its end if `last`."""
    from whoknows import output

    if fmt == "json":
        return to_json(results, first=first, last=last)
    rows = (row for r in results for row in flat_rows([r], carried))
    records = output.csv_records(rows, flat_columns(carried))
    return records if first else itertools.islice(records, 1, None)


def flat_rows(results: list[dict[str, Any]], carried: list[str]) -> list[dict[str, Any]]:
    """One row per (target, person), and one row for a target with nobody.

    Carried columns are keyed ("column", name) so that a column called "title" or "name"
    never mixes with the person's.
    """
    rows = []
    for r in results:
        base = {"target": r["target"], **{("column", c): r[c] for c in carried}}
        if not r["people"]:
            rows.append({**base, "suggestions": r["suggestions"]})
        for person in r["people"]:
            rows.append({**person, **base, "first": "yes" if person is r["best"] else ""})
    return rows


def flat_columns(carried: list[str]) -> list[tuple[Any, str]]:
    return [
        ("target", "Target"),
        *[(("column", c), c) for c in carried],
        *FLAT_COLUMNS,
        SUGGESTIONS,
    ]


def _render(
    results: list[dict[str, Any]], carried: list[str], fmt: str, summary: str | None
) -> Iterable[str]:
    """The output as pieces of text, ending in a newline: JSON and CSV as they are rendered;
    the table and Markdown (made whole to align them) in one piece."""
    if fmt in PARALLEL_FORMATS:
        return _part(results, carried, fmt, first=True, last=True)
    lines = _markdown(results, carried) if fmt == "markdown" else _table(results, carried)
    if summary:
        lines += ["", summary]
    return ["\n".join(lines).strip("\n") + "\n"]


def _write(pieces: Iterable[str], path: Path | None) -> None:
    """The text in `pieces` on the screen (a megabyte at a time as it is rendered) or in the
    file at `path`."""
    if path is None:
        from whoknows import output

        for chunk in output.chunks(pieces):
            click.echo(chunk, nl=False)
        return
    with _written_whole(path) as partial:
        mode = "a" if _system_file(partial) else "w"  # `-o /dev/stdout >> log` keeps the log
        with partial.open(mode, encoding="utf-8") as file:
            file.writelines(pieces)


def _system_file(path: Path) -> bool:
    """Whether `path` is one of the system's files (``/dev/stdout``, ``/proc/...``)."""
    as_given = os.path.abspath(path)
    return as_given.startswith(("/dev/", "/proc/")) or os.path.realpath(path).startswith("/proc/")


@contextmanager
def _written_whole(path: Path) -> Iterator[Path]:
    """A new file beside `path` to write into, put in its place once written whole: a file
    already at `path` stays as it was if writing fails midway (a full disk, Ctrl-C). Written
    directly instead: what is not a regular file or is one of the system's (``/dev/stdout``,
    a named pipe, ``/proc/...``), and a file in a folder you may not add files to. A new file
    is readable by its owner only, like the store; one replaced keeps its permissions."""
    target = Path(os.path.realpath(path))  # through a symbolic link, not over it
    if _system_file(path) or (target.exists() and not target.is_file()):
        with _cannot_write(path):
            yield path
        return
    try:
        fd, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.stem}.", suffix=target.suffix
        )
    except PermissionError:  # the folder is not yours to add to; the file may be
        with _cannot_write(path):
            yield path
        return
    except OSError as e:
        raise WhoknowsError(f"{path}: cannot write it ({e.strerror or e})") from None
    os.close(fd)
    partial = Path(name)
    try:
        with _cannot_write(path):
            yield partial
            if target.exists():
                shutil.copymode(target, partial)
            os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def _cannot_write(path: Path) -> Iterator[None]:
    """An OSError as the one line naming `path`."""
    try:
        yield
    except BrokenPipeError:  # `-o /dev/stdout | head`: the reader is done, as on the screen
        raise
    except OSError as e:
        raise WhoknowsError(f"{path}: cannot write it ({e.strerror or e})") from None


def _people_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**p, "first": "→" if p is result["best"] else ""} for p in result["people"]]


def _heading(result: dict[str, Any], carried: list[str]) -> tuple[str, str]:
    """The target, and its carried values joined by " · "."""
    return result["target"], " · ".join(str(result[c]) for c in carried if result[c])


def _nobody(result: dict[str, Any]) -> str:
    hint = ", ".join(result["suggestions"])
    return result["target"] + (f" (did you mean {hint}?)" if hint else "")


def _table(results: list[dict[str, Any]], carried: list[str]) -> list[str]:
    """People grouped under each target, aligned across the whole list; then who has nobody."""
    from whoknows import output

    matched = [r for r in results if r["people"]]
    rows = [row for r in matched for row in _people_rows(r)]
    lines = output.render(rows, "table", PERSON_COLUMNS).splitlines() if rows else []
    out = ["  " + lines[0]] if lines else []
    body = iter(lines[1:])
    for r in matched:
        target, details = _heading(r, carried)
        out += ["", f"{target} — {details}" if details else target]
        out += ["  " + next(body) for _ in r["people"]]
    nobody = [_nobody(r) for r in results if not r["people"]]
    if nobody:
        out += ["", f"Nobody yet at {len(nobody)}:", *("  " + n for n in nobody)]
    return out


def _markdown(results: list[dict[str, Any]], carried: list[str]) -> list[str]:
    """A section per target with a table of its people; then a list of who has nobody."""
    from whoknows import output

    out = []
    for r in results:
        if not r["people"]:
            continue
        target, details = _heading(r, carried)
        out += [f"## {target}", ""]
        if details:
            out += [details, ""]
        out += [output.render(_people_rows(r), "markdown", PERSON_COLUMNS), ""]
    nobody = [_nobody(r) for r in results if not r["people"]]
    if nobody:
        out += ["## Nobody yet", "", *(f"- {n}" for n in nobody)]
    return out


def to_json(results: list[dict[str, Any]], first: bool = True, last: bool = True) -> Iterator[str]:
    """A JSON list with one target a line, in pieces, target by target (without the list's
    start unless `first`, without its end unless `last`: a part of a longer list).

    A result's keys are in the order they are written, so each line is one call of the fast
    C encoder (``indent`` would switch to the pure-Python one).
    """
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    if not results and first and last:
        yield "[]\n"
        return
    separator = "[\n  " if first else ",\n  "
    for result in results:
        yield separator + encode(result)
        separator = ",\n  "
    if last:
        yield "\n]\n"


def _write_xlsx(results: list[dict[str, Any]], carried: list[str], path: Path) -> None:
    """Two sheets: Targets (one row per target, with the best person) and People."""
    import pandas as pd
    from whoknows import output
    from whoknows.crossref import path_of

    def frame(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> pd.DataFrame:
        data = {heading: [output.cell(row.get(key)) for row in rows] for key, heading in columns}
        return pd.DataFrame(data, columns=[h for _, h in columns])

    overview = []
    for r in results:
        best = r["best"] or {}
        overview.append(
            {
                **r,
                "path": path_of(r),
                "best_name": best.get("name"),
                "best_title": best.get("title"),
                "best_status": best.get("status"),
                "best_ask": best.get("ask"),
                "current": sum(p["status"] == "current" for p in r["people"]),
                "former": sum(p["status"] == "former" for p in r["people"]),
            }
        )
    overview_columns = [
        ("target", "Target"),
        *[(c, c) for c in carried],
        ("path", "Path"),
        ("best_name", "Contact first"),
        ("best_title", "Their title"),
        ("best_status", "Status"),
        ("best_ask", "Ask"),
        ("current", "People there now"),
        ("former", "People who left"),
        SUGGESTIONS,
    ]
    people_columns = [c for c in flat_columns(carried) if c != SUGGESTIONS]
    people_rows = [row for row in flat_rows(results, carried) if row.get("name")]
    with _written_whole(path) as partial, pd.ExcelWriter(partial, engine="openpyxl") as writer:
        frame(overview, overview_columns).to_excel(writer, sheet_name="Targets", index=False)
        frame(people_rows, people_columns).to_excel(writer, sheet_name="People", index=False)
