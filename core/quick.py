"""The `whoknows` program: the plain `whoknows COMPANY [--format FMT]` is answered here without
loading click (about a third of a query's time); anything else (options, commands, --help,
mistakes) goes to the click command line in cli.py. Both run `answer`, so what they print and
their exit codes are the same.
"""

from __future__ import annotations

import gc
import os
import sys

from whoknows.errors import WhoknowsError
from whoknows.output import FORMATS, echo

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `whoknows COMPANY`
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

COMMANDS = frozenset(
    {"alias", "at", "crossref", "forget", "import", "people", "plugin", "plugins", "sources"}
)
"""Every command's name: a first word that is one runs that command, not a query
(tests/test_quick.py checks this against cli.py's commands)."""


def main() -> int:
    """The console script: `whoknows ...`."""
    query = plain_query(sys.argv[1:])
    if query is None:
        from whoknows.cli import cli

        try:
            return cli()
        finally:
            gc.freeze()  # the process ends: what is alive (pandas after a crossref) is not walked
    # A query makes many objects and few cycles: the collector would walk them again and again
    # (and walk everything once more as the process ends) to free next to nothing.
    collecting = gc.isenabled()
    gc.disable()
    path = None
    try:
        from whoknows.store import default_file

        path = default_file()
        return answer(query[0], fmt=query[1], path=path)
    except KeyboardInterrupt:  # as click reports it
        echo(err=True)
        echo("Aborted!", err=True)
        return 1
    except BrokenPipeError:
        return reader_gone()
    except Exception as e:
        line, code = failure(e, path or "the store")
        echo(line, err=True)
        return code
    finally:
        gc.freeze()  # the process ends: what is alive is not walked again
        if collecting:
            gc.enable()


def plain_query(args: list[str]) -> tuple[list[str], str] | None:
    """(company words, format) when `args` are a company name and at most `--format FMT`;
    None for anything else, and when click's shell completion is asked for."""
    if not args or args[0] in COMMANDS or args[0].startswith("-"):
        return None
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return None
    if os.name == "nt" and any(c in arg for arg in args for c in "~$%*?["):
        return None  # click expands these on Windows, as a shell would
    words: list[str] = []
    fmt = None
    rest = iter(args)
    for arg in rest:
        if arg == "--format" and fmt is None:
            fmt = next(rest, None)
            if fmt not in FORMATS:
                return None
        elif arg.startswith("-"):
            return None
        else:
            words.append(arg)
    return words, fmt or "table"


def answer(
    company: list[str] | tuple[str, ...],
    fmt: str,
    path: Path | str,
    current: bool = False,
    possible: bool = False,
) -> int:
    """`whoknows COMPANY`: print who the user knows there. The exit code: 0, or 1 for nobody."""
    from whoknows.query import find

    name = " ".join(company).strip()
    store = open_store(path)
    try:
        found = find(store, name)
    finally:
        store.close()
    people = found["people"]
    if current:
        people = [p for p in people if p["status"] == "current"]
    maybe = found["possible"] if possible else []
    if not people and not maybe:
        if fmt == "json":
            echo("[]")
        hint = f" Did you mean {' or '.join(found['suggestions'])}?" if found["suggestions"] else ""
        echo(f"Nobody found at {name}.{hint}", err=True)
        _hint_possible(found["possible"], possible)
        return 1
    show_people(people, fmt, heading=found["company"], possible=maybe)
    _hint_possible(found["possible"], possible)
    return 0


def _hint_possible(maybe: list[dict[str, Any]], shown: bool) -> None:
    if maybe and not shown:
        names = sorted({p["company"] for p in maybe})
        listed = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        echo(
            f"{len(maybe)} more at companies with similar names ({listed}): add --possible.",
            err=True,
        )


def show_people(
    people: list[dict[str, Any]],
    fmt: str,
    heading: str | None = None,
    possible: list[dict[str, Any]] | None = None,
) -> None:
    """Print person objects; a table lists current people first, then former ones apart,
    then "possible" matches (other companies with similar names) under their own heading."""
    from whoknows import output

    if fmt == "json":
        output.echo_json(people + (possible or []))
        return
    if fmt != "table":
        echo(output.render(people + (possible or []), fmt, output.PEOPLE_COLUMNS))
        return
    if heading is None:
        output.print_people_table(people)
        return
    now = [p for p in people if p["status"] != "former"]
    before = [p for p in people if p["status"] == "former"]
    if now:
        output.print_people_table(now, title=f"At {heading} now")
    if before:
        if now:
            echo()
        output.print_people_table(before, title=f"Used to work at {heading}")
    if possible:
        echo()
        output.print_people_table(
            possible, title=f"Possible: at other companies whose names contain {heading!r}"
        )


BROKEN_PIPE = 141
"""The exit code when the reader of the output went away (`whoknows Apple | head`): what a
shell reports for a program stopped by SIGPIPE."""


def reader_gone() -> int:
    """Stop quietly when stdout's reader has closed the pipe: no error line, exit 141."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # the flush at exit must not fail on the closed pipe
    os.close(devnull)
    return BROKEN_PIPE


def open_store(path: Path | str, create: bool = False):
    """The store at `path`; a one-line error when it cannot be opened."""
    from whoknows.store import Store

    try:
        if os.path.isfile(path):
            open(path, "rb").close()  # SQLite would only say "unable to open database file"
        return Store.open(path, create=create)
    except OSError as e:
        raise WhoknowsError(f"{path}: cannot open the store ({e.strerror or e})") from None


def printable(text: str) -> str:
    """`text` with control characters escaped: a file or zip member name can hold a new line
    (a second, forged error line) or a terminal escape sequence."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


STORE_PROBLEMS = {
    "readonly": "the store is read-only (check the permissions of it and its folder)",
    "unable to open": "cannot open the store (check the permissions of it and its folder)",
    "disk I/O": "a disk error while using the store",
    "disk is full": "the disk is full",
}
"""SQLite's operational errors that are the user's to fix, and how to say them."""


def failure(e: Exception, store: object) -> tuple[str, int]:
    """The one line and the exit code for an error a command let through: 2 for the user's
    (a WhoknowsError, a store SQLite cannot use), 3 for whoknows' own."""
    if isinstance(e, WhoknowsError):
        return f"whoknows: error: {printable(str(e))}", 2
    problem = _store_problem(e)
    if problem:
        return f"whoknows: error: {printable(f'{store}: {problem} ({e})')}", 2
    problem = printable(f"{type(e).__name__}: {e}")
    return f"whoknows: internal error: {problem} (run with --debug for details)", 3


def _store_problem(e: Exception) -> str:
    """What is wrong with a store SQLite cannot use (damaged, read-only...), else ""."""
    import sqlite3

    if type(e) is sqlite3.DatabaseError:
        return "the store is damaged; restore a backup, or delete it and import again"
    if isinstance(e, sqlite3.OperationalError):
        found = [text for key, text in STORE_PROBLEMS.items() if key in str(e)]
        return found[0] if found else ""
    return ""
