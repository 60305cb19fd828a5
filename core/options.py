"""Options and set-up that several commands share."""

from __future__ import annotations

from pathlib import Path

import click
from whoknows.output import FORMATS

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
db_option = click.option(
    "--db",
    type=click.Path(path_type=Path, readable=False),
    help="The store to use (default: WHOKNOWS_DB, else your user data folder).",
)


def quiet_library_logs(ctx: click.Context) -> None:
    """Libraries' log lines (vobject's, for one) may quote the user's contacts: keep them off
    the screen unless --debug. Commands that run such libraries call this first."""
    root = ctx.find_root()
    if not root.params.get("debug"):
        import logging

        logging.getLogger().addHandler(logging.NullHandler())
