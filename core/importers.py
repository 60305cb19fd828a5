"""Finding the importer for a path: the importer contract and the order importers are asked in.

An importer is any object with:

- ``name``: short and lower case; ``whoknows import --format NAME`` picks it;
- ``description``: one line;
- ``detect(path: Path) -> bool``: cheap; True when it can read this file, folder or zip;
- ``read(path: Path) -> Iterator[Record]``: yields ``Contact``, ``Profile``, ``Position`` and
  ``Skipped`` records as it goes, and raises ``BadInput`` for a file it cannot read at all;
- optionally ``summary_note``: one line printed after the import summary (what the format
  cannot carry, for example).

Order: importers from third-party plugins are asked before the built-in ones, each group in
alphabetical order of importer name; the first whose ``detect`` says yes reads the path. A
third-party importer registered under a built-in's name replaces the built-in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from whoknows import plugin_manager
from whoknows.errors import BadInput
from whoknows.records import Record


@runtime_checkable
class Importer(Protocol):
    name: str
    description: str

    def detect(self, path: Path) -> bool: ...

    def read(self, path: Path) -> Iterator[Record]: ...


@dataclass
class Registered:
    """An importer and the plugin that registered it."""

    importer: Importer
    plugin: str
    builtin: bool


def all_importers() -> dict[str, Registered]:
    """Every registered importer by name, in the order they are asked to detect a path."""
    pm = plugin_manager.load_plugins()
    found: dict[str, Registered] = {}
    for impl in reversed(pm.hook.register_importers.get_hookimpls()):
        plugin = impl.plugin_name
        builtin = plugin in plugin_manager.builtin_plugins

        def register(importer: Importer, plugin: str = plugin, builtin: bool = builtin) -> None:
            if not isinstance(importer, Importer):
                plugin_manager.warn(
                    f"plugin {plugin!r} registered {importer!r}, which is not an importer"
                )
                return
            old = found.get(importer.name)
            if old is not None and not old.builtin and builtin:
                return  # a third-party importer of the same name wins
            found[importer.name] = Registered(importer, plugin, builtin)

        try:
            impl.function(register=register)
        except Exception as e:
            plugin_manager.warn(
                f"plugin {plugin!r} raised in register_importers and was skipped ({e!r})"
            )
    ordered = sorted(found.values(), key=lambda r: (r.builtin, r.importer.name))
    return {r.importer.name: r for r in ordered}


def choose(path: Path, name: str | None = None) -> Registered:
    """The importer for `path`: the one named, or the first whose detect() says yes."""
    importers = all_importers()
    if name is not None:
        if name not in importers:
            known = ", ".join(importers) or "none"
            raise BadInput(path, f"no importer called {name!r} (installed: {known})")
        return importers[name]
    for registered in importers.values():
        try:
            if registered.importer.detect(path):
                return registered
        except Exception as e:
            plugin_manager.warn(
                f"importer {registered.importer.name!r} (plugin {registered.plugin!r}) "
                f"raised in detect and was skipped ({e!r})"
            )
    known = ", ".join(importers) or "none installed"
    what = "folder" if path.is_dir() else "file"
    raise BadInput(path, f"no importer recognises this {what} (importers: {known})")
