"""Shared fixtures: every test runs on its own temporary store."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoknows import BadInput, Contact, Position, Skipped, hookimpl, plugin_manager

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def temporary_store(tmp_path, monkeypatch) -> Path:
    """Point WHOKNOWS_DB at a store in this test's temporary folder."""
    path = tmp_path / "store" / "whoknows.db"
    monkeypatch.setenv("WHOKNOWS_DB", str(path))
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


class RosterImporter:
    """A tiny importer for tests: a `.roster` CSV with name,company,title,email,since columns."""

    name = "roster"
    description = "Test rosters (.roster CSV files)"

    def detect(self, path: Path) -> bool:
        return path.suffix == ".roster"

    def read(self, path: Path):
        with open(path, newline="", encoding="utf-8") as f:
            for n, row in enumerate(csv.DictReader(f), start=2):
                if row.get("name") == "BOOM":
                    raise RuntimeError("the roster importer broke halfway")
                if not row.get("name"):
                    yield Skipped(f"line {n}", "no name")
                    continue
                if row["name"] == "ME":
                    yield Position(company=row["company"], title=row["title"])
                    continue
                yield Contact(
                    source_key=row["name"],
                    full_name=row["name"],
                    company=row["company"],
                    title=row["title"],
                    emails=[row["email"]] if row.get("email") else [],
                    since=date.fromisoformat(row["since"]) if row.get("since") else None,
                )
        if path.stat().st_size == 0:
            raise BadInput(path, "empty roster")


class RosterPlugin:
    @hookimpl
    def register_importers(self, register):
        register(RosterImporter())


@pytest.fixture
def roster_plugin():
    """Register the test roster importer for one test."""
    pm = plugin_manager.load_plugins()
    plugin = RosterPlugin()
    pm.register(plugin, name="roster-test")
    try:
        yield plugin
    finally:
        pm.unregister(plugin)


def write_roster(path: Path, rows: list[str]) -> Path:
    path.write_text("name,company,title,email,since\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def build_store(path: Path, sources: dict[str, list], importers: dict[str, str] | None = None):
    """A store holding `sources` (source name -> records), imported as one import would.

    The importer of each source is its name unless `importers` says otherwise, so a source
    called "linkedin" counts as LinkedIn data. Returns the open Store.
    """
    import json as _json

    from whoknows import identity, importing, rekey
    from whoknows.store import Store

    store = Store.open(path)
    with store.transaction() as conn:
        rekey.bring_current(conn)
        for name, records in sources.items():
            source_id = conn.execute(
                "INSERT INTO sources (name, importer, paths, imported_at, contacts, skipped) "
                "VALUES (?, ?, ?, '2026-01-01T00:00:00+00:00', ?, 0)",
                (name, (importers or {}).get(name, name), _json.dumps([]), len(records)),
            ).lastrowid
            importing._write_contacts(
                conn, source_id, [r for r in records if isinstance(r, Contact)]
            )
            for r in records:
                if isinstance(r, Position):
                    importing._write_position(conn, source_id, r)
        identity.relink(conn)
    return store


@pytest.fixture(scope="session")
def plugin_venv(tmp_path_factory):
    """A fresh virtual environment with whoknows and pytest installed (made once per session)."""
    from plugin_venv import make_venv

    return make_venv(tmp_path_factory.mktemp("plugin-venv"))
