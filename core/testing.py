"""Helpers for testing whoknows plugins: a temporary store, a CLI runner, a registered plugin.

whoknows installs this module as a pytest plugin (entry point group ``pytest11``), so any test
suite in an environment with whoknows and pytest has these fixtures without a conftest.py:

- ``whoknows_db``: the path of a store of its own for this test, also set as ``WHOKNOWS_DB``;
- ``whoknows_cli``: a `Cli` that runs ``whoknows ...`` in-process against that store;
- ``whoknows_plugin``: ``whoknows_plugin(obj)`` registers a plugin object for this test only.

Outside pytest fixtures, use `Cli`, `registered` and `importer_for` directly. See
docs/plugins.md, "Testing a plugin".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

__all__ = ["Cli", "CliResult", "importer_for", "registered"]


@dataclass
class CliResult:
    """What one ``whoknows`` command did."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """The standard output parsed as JSON (for commands run with ``--format json``)."""
        return json.loads(self.stdout)


class Cli:
    """Runs the ``whoknows`` command line in this process, against the store `db`.

    In-process, so plugins registered with `registered` (or ``whoknows_plugin``) take part.
    ``Cli(db)("import", path)`` returns a `CliResult`; an unexpected exception propagates.
    """

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)

    def __call__(self, *args: str | Path, input: str | None = None) -> CliResult:
        from click.testing import CliRunner
        from whoknows.cli import cli

        result = CliRunner().invoke(
            cli,
            [str(a) for a in args],
            input=input,
            env={"WHOKNOWS_DB": str(self.db)},
            catch_exceptions=False,
        )
        return CliResult(result.exit_code, result.stdout, result.stderr)


@contextmanager
def registered(plugin: object, name: str | None = None) -> Iterator[str]:
    """Register `plugin` (a module, class instance or object with ``@hookimpl`` functions)
    for the duration of the ``with`` block; yields the name it was registered under.

    Installed plugins are loaded first, so `plugin` is asked as any third-party plugin is.
    """
    from whoknows import plugin_manager

    pm = plugin_manager.load_plugins()
    plugin_name = pm.register(plugin, name=name)
    if plugin_name is None:
        raise ValueError(f"plugin name {name!r} is blocked")
    try:
        yield plugin_name
    finally:
        pm.unregister(name=plugin_name)


def importer_for(path: str | Path) -> str:
    """The name of the importer ``whoknows import PATH`` would choose for `path`."""
    from whoknows.importers import choose

    return choose(Path(path)).importer.name


@pytest.fixture
def whoknows_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of this test's own (not created yet), also set as ``WHOKNOWS_DB``."""
    path = tmp_path / "whoknows-store" / "whoknows.db"
    monkeypatch.setenv("WHOKNOWS_DB", str(path))
    return path


@pytest.fixture
def whoknows_cli(whoknows_db: Path) -> Cli:
    """Run ``whoknows ...`` against this test's store: ``whoknows_cli("import", path)``."""
    return Cli(whoknows_db)


@pytest.fixture
def whoknows_plugin() -> Iterator[Callable[..., str]]:
    """``whoknows_plugin(obj, name=None)`` registers a plugin until the test ends."""
    with ExitStack() as stack:
        yield lambda plugin, name=None: stack.enter_context(registered(plugin, name))
