"""Options that several commands share."""

from __future__ import annotations

from pathlib import Path

import click

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "markdown"]),
    default="table",
    show_default=True,
    help="Output format.",
)
db_option = click.option(
    "--db",
    type=click.Path(path_type=Path, readable=False),
    help="The store to use (default: WHOKNOWS_DB, else your user data folder).",
)
