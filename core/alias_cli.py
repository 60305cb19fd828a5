"""`whoknows alias`: the user's own company aliases, domains and divisions."""

from __future__ import annotations

import re
from pathlib import Path

import click
from whoknows.errors import WhoknowsError
from whoknows.options import db_option

_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


def _open(ctx: click.Context, db: Path | None):
    from whoknows.store import Store

    return Store.open(db or (ctx.obj or {}).get("db"), create=True)


def _save(ctx: click.Context, db: Path | None, change) -> int:
    """Run `change(conn)` and refresh the alias tables, in one transaction."""
    from whoknows import aliases

    store = _open(ctx, db)
    try:
        with store.transaction() as conn:
            count = change(conn)
            aliases.refresh(conn)
    finally:
        store.close()
    return count


@click.group()
def alias() -> None:
    """Your own company aliases: other names, email domains and divisions.

    \b
    whoknows alias add "Big Blue" IBM
    whoknows alias add --domain acme-corp.io Acme
    whoknows alias add --division "Acme Labs" Acme
    """


@alias.command(name="add")
@click.argument("alias_name", metavar="ALIAS")
@click.argument("company")
@click.option("--domain", "kind", flag_value="domain", help="ALIAS is an email domain of COMPANY.")
@click.option("--division", "kind", flag_value="division", help="ALIAS is a division of COMPANY.")
@db_option
@click.pass_context
def add(
    ctx: click.Context, alias_name: str, company: str, kind: str | None, db: Path | None
) -> None:
    """Say that ALIAS is another name (or domain, or division) of COMPANY."""
    from whoknows.companies import company_key

    kind = kind or "name"
    alias_name, company = alias_name.strip(), company.strip()
    if not company_key(company):
        raise click.UsageError(f"{company!r} is not a usable company name")
    if kind == "domain":
        alias_name = alias_name.lower().lstrip("@")
        if not _DOMAIN.match(alias_name):
            raise click.UsageError(f"{alias_name!r} is not an email domain (like acme.com)")
    elif not company_key(alias_name):
        raise click.UsageError(f"{alias_name!r} is not a usable name")
    elif company_key(alias_name) == company_key(company):
        raise click.UsageError(f"{alias_name!r} and {company!r} are already the same name")

    def change(conn) -> int:
        return conn.execute(
            "INSERT OR IGNORE INTO user_aliases (kind, alias, company) VALUES (?, ?, ?)",
            (kind, alias_name, company),
        ).rowcount

    _save(ctx, db, change)
    what = {"name": "another name for", "domain": "an email domain of", "division": "a division of"}
    click.echo(f"{alias_name} is now {what[kind]} {company}.")


@alias.command(name="remove")
@click.argument("alias_name", metavar="ALIAS")
@db_option
@click.pass_context
def remove(ctx: click.Context, alias_name: str, db: Path | None) -> None:
    """Remove your aliases called ALIAS (any kind)."""
    from whoknows.companies import company_key

    wanted = company_key(alias_name)

    def change(conn) -> int:
        rows = conn.execute("SELECT rowid, kind, alias FROM user_aliases").fetchall()
        gone = [
            rowid
            for rowid, kind, name in rows
            if (name.lower() == alias_name.strip().lower().lstrip("@") if kind == "domain"
                else company_key(name) == wanted)
        ]  # fmt: skip
        conn.executemany("DELETE FROM user_aliases WHERE rowid = ?", [(r,) for r in gone])
        return len(gone)

    removed = _save(ctx, db, change)
    if not removed:
        click.echo(f"You have no alias called {alias_name}.", err=True)
        ctx.exit(1)
    click.echo(f"Removed {removed} alias{'es' * (removed > 1)} called {alias_name}.")


@alias.command(name="list")
@click.option("--all", "everything", is_flag=True, help="Also the shipped and plugin alias data.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]), default="table"
)
@db_option
@click.pass_context
def list_(ctx: click.Context, everything: bool, fmt: str, db: Path | None) -> None:
    """List your aliases (with --all, every alias whoknows knows)."""
    from whoknows import output

    store = _open(ctx, db)
    try:
        conn = store.conn
        if everything:
            from whoknows import aliases

            aliases.ensure_fresh(conn)
            rows = [
                {"alias": name, "kind": "name", "company": canonical, "origin": origin}
                for name, canonical, origin in conn.execute(
                    "SELECT a.name, (SELECT b.name FROM alias_names b WHERE b.key = a.company "
                    "AND b.company = a.company LIMIT 1), a.origin FROM alias_names a "
                    "WHERE a.key != a.company ORDER BY a.company, a.name"
                )
            ]
            rows += [
                {"alias": domain, "kind": "domain", "company": company, "origin": origin}
                for domain, company, origin in conn.execute(
                    "SELECT domain, company, origin FROM alias_domains ORDER BY company, domain"
                )
            ]
        else:
            rows = [
                {"alias": name, "kind": kind, "company": company, "origin": "user"}
                for kind, name, company in conn.execute(
                    "SELECT kind, alias, company FROM user_aliases ORDER BY company, alias"
                )
            ]
    finally:
        store.close()
    if not rows:
        if fmt == "json":
            click.echo("[]")
        click.echo("No aliases of your own yet (see `whoknows alias add --help`).", err=True)
        ctx.exit(1)
    columns = [("alias", "Alias"), ("kind", "Kind"), ("company", "Company"), ("origin", "From")]
    if fmt == "table":
        output.print_table(rows, columns)
    else:
        click.echo(output.render(rows, fmt, columns))


@alias.command(name="import")
@click.argument("path", type=click.Path(path_type=Path))
@db_option
@click.pass_context
def import_(ctx: click.Context, path: Path, db: Path | None) -> None:
    """Add aliases from a JSON file in the format of whoknows' own companies.json."""
    from whoknows.aliases import read_alias_file

    if not path.exists():
        raise WhoknowsError(f"{path}: no such file")
    entries = read_alias_file(path)
    rows = []
    for entry in entries:
        rows += [("name", a, entry["name"]) for a in entry.get("aliases") or []]
        rows += [("domain", d.lower(), entry["name"]) for d in entry.get("domains") or []]
        if entry.get("parent"):
            rows.append(("division", entry["name"], entry["parent"]))

    def change(conn) -> int:
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO user_aliases (kind, alias, company) VALUES (?, ?, ?)", rows
        )
        return conn.total_changes - before

    added = _save(ctx, db, change)
    click.echo(f"Added {added} aliases for {len(entries)} companies from {path}.")
