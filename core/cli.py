"""The command line: `whoknows COMPANY` and the commands around it."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import click
from click_default_group import DefaultGroup
from whoknows.errors import WhoknowsError
from whoknows.options import db_option, format_option, quiet_library_logs
from whoknows.quick import answer, failure, printable, reader_gone, show_people
from whoknows.quick import open_store as _open_store

LAZY_COMMANDS = {
    "alias": ("whoknows.alias_cli", "alias"),
    "crossref": ("whoknows.crossref_cli", "crossref"),
    "plugin": ("whoknows.plugin_cli", "plugin_group"),
}
"""Commands defined in modules of their own, imported only when run (keeps start-up quick)."""


class WhoknowsGroup(DefaultGroup):
    """Runs `whoknows COMPANY` by default and turns user errors into one line and exit 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            ctx.exit(reader_gone())
        except Exception as e:
            if ctx.params.get("debug"):
                raise
            line, code = failure(e, (ctx.obj or {}).get("store", "the store"))
            click.echo(line, err=True)
            ctx.exit(code)


@click.group(cls=WhoknowsGroup, default="at", default_if_no_args=False, invoke_without_command=True)
@click.version_option(package_name="whoknows")
@db_option
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, debug: bool) -> None:
    """Find who you know at a company, from the contact exports you already have.

    \b
    whoknows import Complete_LinkedInDataExport_11-20-2026.zip contacts.vcf
    whoknows Stripe
    """
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:  # plain `whoknows`: the help, and success
        click.echo(ctx.get_help())
        ctx.exit(0)
    if debug:
        import logging

        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")


def open_store(ctx: click.Context, db: Path | None, create: bool = False):
    """The store --db (the command's or whoknows') or WHOKNOWS_DB names, else the default."""
    path = store_path(ctx, db)
    return _open_store(path, create=create)


def store_path(ctx: click.Context, db: Path | None) -> Path:
    """The store's path, also kept for error messages."""
    from whoknows.store import default_path

    path = Path(db or ctx.obj.get("db") or default_path())
    ctx.obj["store"] = path
    return path


@cli.command(name="at")
@click.argument("company", nargs=-1, required=True)
@click.option("--current", is_flag=True, help="Only people who work there now.")
@click.option(
    "--possible", is_flag=True, help="Also people at companies whose names only contain COMPANY."
)
@format_option
@db_option
@click.pass_context
def at(
    ctx: click.Context,
    company: tuple[str, ...],
    current: bool,
    possible: bool,
    fmt: str,
    db: Path | None,
) -> None:
    """Who you know at COMPANY (the default command: `whoknows COMPANY`)."""
    code = answer(company, fmt, store_path(ctx, db), current=current, possible=possible)
    if code:
        ctx.exit(code)


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--format", "importer", metavar="NAME", help="Importer to use (default: detected).")
@click.option("--as", "source", metavar="NAME", help="Source name (default: the importer's name).")
@click.option("-v", "--verbose", is_flag=True, help="List every skipped entry.")
@db_option
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[Path, ...],
    importer: str | None,
    source: str | None,
    verbose: bool,
    db: Path | None,
) -> None:
    """Import exports: a LinkedIn zip, vCard files, a Facebook archive, ...

    Importing a source again replaces what it imported before.
    """
    from whoknows.importing import import_plan, plan

    quiet_library_logs(ctx)
    from whoknows.store import default_path

    groups = plan(paths, importer, source)  # bad paths fail before the store is touched
    path = db or ctx.obj.get("db") or default_path()
    existed = Path(path).exists()
    store = open_store(ctx, path, create=True)
    try:
        with _progress() as tick:
            summaries = import_plan(store, groups, source, on_record=tick, on_wait=_say_waiting)
    except BaseException:
        store.close()
        if not existed:
            _remove_store(Path(path))
        raise
    store.close()
    for s in summaries:
        parts = [f"{s.contacts} contacts"]
        if s.profiles:
            parts.append(f"{s.profiles} profile{'s' * (s.profiles > 1)}")
        if s.positions:
            parts.append(f"{s.positions} of your positions")
        click.echo(
            f"Imported {s.source} ({s.importer}) from {', '.join(s.paths)}: "
            f"{', '.join(parts)} in {s.seconds:.2f} s"
            + (f"; replaced {s.replaced} earlier contacts" if s.replaced else "")
        )
        if s.note:
            click.echo(f"  Note: {s.note}")
        _report_skipped(s.skipped, verbose)


def _report_skipped(skipped: list, verbose: bool, limit: int = 10) -> None:
    """Skipped entries on stderr, grouped by file and reason, with where each one is."""
    if not skipped:
        return
    by_file: dict[str, dict[str, list[str]]] = {}
    for path, record in skipped:
        by_file.setdefault(path, {}).setdefault(record.reason, []).append(record.where)
    for path, by_reason in by_file.items():
        count = sum(len(places) for places in by_reason.values())
        click.echo(printable(f"  Skipped {count} in {Path(path).name}:"), err=True)
        for shown, (reason, places) in enumerate(by_reason.items()):
            if not verbose and shown >= limit:
                click.echo(
                    f"    ... {len(by_reason) - shown} more reasons (use --verbose)", err=True
                )
                break
            listed = places if verbose else places[:3]
            more = f" and {len(places) - len(listed)} more" if len(places) > len(listed) else ""
            line = f"    {len(places)} × {reason} ({', '.join(listed)}{more})"
            click.echo(printable(line), err=True)


class _progress:
    """A record counter on stderr while importing, only when stderr is a terminal."""

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("Importing: {task.completed} contacts"),
            TimeElapsedColumn(),
            transient=True,
        )
        self._bar.start()
        task = self._bar.add_task("import", total=None)
        return lambda n: self._bar.update(task, completed=n) if n % 500 == 0 else None

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "_bar"):
            self._bar.stop()


def _say_waiting() -> None:
    click.echo("Another whoknows command is writing to the store; waiting for it...", err=True)


def _remove_store(path: Path) -> None:
    """Delete the store's file and those SQLite keeps beside it; one line if it cannot (a
    read-only disk, a folder without permission)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError as e:
            raise WhoknowsError(f"{path}: cannot delete the store ({e.strerror or e})") from None


@cli.command()
@click.option("--source", metavar="NAME", help="Only people with a record from this source.")
@format_option
@db_option
@click.pass_context
def people(ctx: click.Context, source: str | None, fmt: str, db: Path | None) -> None:
    """Everyone in the store, each person once with all their sources."""
    from whoknows.query import all_people

    store = open_store(ctx, db)
    try:
        if source is not None and source not in {s.name for s in store.sources()}:
            raise WhoknowsError(f"no source called {source!r} (see `whoknows sources`)")
        found = all_people(store, source)
    finally:
        store.close()
    if not found:
        if fmt == "json":
            click.echo("[]")
        click.echo("Nobody in the store yet.", err=True)
        ctx.exit(1)
    show_people(found, fmt)


@cli.command()
@format_option
@db_option
@click.pass_context
def sources(ctx: click.Context, fmt: str, db: Path | None) -> None:
    """Each import: when, from what, how many contacts."""
    from whoknows import output

    store = open_store(ctx, db)
    try:
        rows = [s._asdict() for s in store.sources()]
    finally:
        store.close()
    columns = [
        ("name", "Source"),
        ("importer", "Importer"),
        ("imported_at", "Imported"),
        ("contacts", "Contacts"),
        ("skipped", "Skipped"),
        ("paths", "From"),
    ]
    if not rows:
        if fmt == "json":
            click.echo("[]")
        click.echo("No sources imported yet.", err=True)
        ctx.exit(1)
    if fmt == "table":
        output.print_table(rows, columns)
    else:
        click.echo(output.render(rows, fmt, columns))


@cli.command()
@click.argument("source", required=False)
@click.option("--all", "everything", is_flag=True, help="Delete the whole store.")
@db_option
@click.pass_context
def forget(ctx: click.Context, source: str | None, everything: bool, db: Path | None) -> None:
    """Delete one imported source, or with --all everything whoknows stored."""
    from whoknows import importing
    from whoknows.store import default_path

    if everything == bool(source):
        raise click.UsageError("name one SOURCE, or use --all")
    path = Path(db or ctx.obj.get("db") or default_path())
    if everything:
        if not path.exists():
            click.echo(f"Nothing to forget: no store at {path}.")
            return
        open_store(ctx, path).close()  # refuse to delete a file that is not a store
        _remove_store(path)
        click.echo(f"Deleted the store {path}.")
        return
    store = open_store(ctx, path)
    try:
        deleted = importing.forget(store, source, _say_waiting)
        store.vacuum()
    finally:
        store.close()
    click.echo(f"Forgot {source}: {deleted} contacts deleted.")


@cli.command(name="plugins")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def plugins_(fmt: str) -> None:
    """The installed plugins: version, hooks, importers; built-ins marked, failures named."""
    import json

    from whoknows import output, plugin_manager
    from whoknows.importers import all_importers

    pm = plugin_manager.load_plugins()
    importers = all_importers()
    rows = []
    for name, plugin in sorted(pm.list_name_plugin()):
        rows.append(
            {
                "name": name,
                "version": plugin_manager.plugin_versions.get(name),
                "builtin": name in plugin_manager.builtin_plugins,
                "hooks": sorted(h.name for h in pm.get_hookcallers(plugin) or []),
                "importers": [n for n, r in importers.items() if r.plugin == name],
                "error": None,
            }
        )
    for name, error in sorted(plugin_manager.failed_plugins.items()):
        rows.append(
            {
                "name": name,
                "version": plugin_manager.plugin_versions.get(name),
                "builtin": name in plugin_manager.builtin_plugins,
                "hooks": [],
                "importers": [],
                "error": f"failed to load: {error}",
            }
        )
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    columns = [
        ("name", "Plugin"),
        ("version", "Version"),
        ("builtin", "Built-in"),
        ("hooks", "Hooks"),
        ("importers", "Importers"),
    ]
    if any(row["error"] for row in rows):
        columns.append(("error", "Problem"))
    output.print_table(rows, columns)
