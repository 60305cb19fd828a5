"""`whoknows plugin new NAME`: a working, tested importer plugin to start from.

The template lives in ``whoknows/templates/plugin/``. File names and contents may hold
``{{hyphenated}}``, ``{{underscored}}``, ``{{class_name}}``, ``{{title}}`` and
``{{whoknows_version}}``; a ``.tmpl`` suffix is dropped and a ``dot-`` prefix becomes ``.``.
"""

from __future__ import annotations

from pathlib import Path

import click
from whoknows.errors import WhoknowsError

NAME_PATTERN = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
"""What a plugin name looks like: `xing`, `hubspot-crm`."""


def template_values(name: str) -> dict[str, str]:
    """What the template's placeholders become for plugin `name` (e.g. ``xing-crm``)."""
    from importlib.metadata import version

    parts = name.split("-")
    return {
        "hyphenated": name,
        "underscored": "_".join(parts),
        "class_name": "".join(p.capitalize() for p in parts),
        "title": " ".join(p.capitalize() for p in parts),
        "whoknows_version": version("whoknows"),
    }


def fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def render(name: str, parent: Path) -> Path:
    """Write the plugin skeleton for `name` into ``parent/whoknows-NAME`` and return that."""
    from importlib.resources import files

    values = template_values(name)
    target = parent / f"whoknows-{name}"
    if target.exists():
        raise WhoknowsError(f"{target} already exists; choose another name or folder")
    template = files("whoknows") / "templates" / "plugin"
    pending = [(template, Path())]
    while pending:
        folder, relative = pending.pop()
        for entry in folder.iterdir():
            if entry.name == "__pycache__":
                continue
            out_name = fill(entry.name, values).removesuffix(".tmpl")
            if out_name.startswith("dot-"):
                out_name = "." + out_name.removeprefix("dot-")
            if entry.is_dir():
                pending.append((entry, relative / out_name))
                continue
            out = target / relative / out_name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(fill(entry.read_text(encoding="utf-8"), values), encoding="utf-8")
    return target


@click.group(name="plugin")
def plugin_group() -> None:
    """Tools for plugin authors (see docs/plugins.md)."""


@plugin_group.command(name="new")
@click.argument("name")
@click.option(
    "--directory",
    "-d",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    help="Where to create whoknows-NAME/ (default: the current folder).",
)
def new(name: str, directory: Path) -> None:
    """Create whoknows-NAME/: an importer plugin with tests, ready to install and adapt.

    NAME is lower case letters, digits and hyphens, e.g. `xing` or `hubspot-crm`.
    """
    import re

    name = name.removeprefix("whoknows-")
    if not re.fullmatch(NAME_PATTERN, name):
        raise click.BadParameter(
            "use lower case letters, digits and single hyphens, starting with a letter",
            param_hint="NAME",
        )
    target = render(name, directory)
    click.echo(f"Created {target}/ with the importer {name!r}. Next:")
    click.echo(f"  cd {target} && pip install -e '.[test]' && pytest")
