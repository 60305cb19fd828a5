"""A store made by an older whoknows (an older schema) is brought to this schema when it is
next opened, by a query too: what was imported is kept, and the answers are those of a store
made by this version."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from whoknows import store as store_module
from whoknows.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
EXPORTS = [SAMPLES / "Complete_LinkedInDataExport_11-20-2026.zip", SAMPLES / "contacts.vcf"]
COMPANIES = ("Stripe", "Shopify", "Google")


def indexes(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")
        }


def contacts(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM contacts ORDER BY id").fetchall()


def schema(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def make_schema_2(db: Path) -> None:
    """The store as whoknows with schema 2 left it: contacts indexed by company key alone."""
    with sqlite3.connect(db) as conn:
        conn.execute("DROP INDEX contacts_company_person")
        conn.execute("CREATE INDEX contacts_company_key ON contacts(company_key)")
        conn.execute("PRAGMA user_version = 2")


def make_schema_1(db: Path) -> None:
    """The store as whoknows with schema 1 left it: no matching tables at all."""
    make_schema_2(db)
    with sqlite3.connect(db) as conn:
        for (table,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
            "('sources', 'contacts', 'contact_keys', 'profiles', 'positions')"
        ).fetchall():
            conn.execute(f'DROP TABLE "{table}"')
        conn.execute("PRAGMA user_version = 1")


@pytest.fixture
def imported(runner, temporary_store) -> dict:
    result = runner.invoke(cli, ["import", *map(str, EXPORTS)])
    assert result.exit_code == 0, result.output
    answers = {c: runner.invoke(cli, [c, "--format", "json"]).output for c in COMPANIES}
    assert all(json.loads(a) for a in answers.values())  # the samples know people at each
    return {"answers": answers, "contacts": contacts(temporary_store)}


def test_a_new_store_has_this_schema_and_the_covering_company_index(imported, temporary_store):
    assert schema(temporary_store) == store_module.SCHEMA_VERSION == 3
    assert "contacts_company_person" in indexes(temporary_store)
    assert "contacts_company_key" not in indexes(temporary_store)


@pytest.mark.parametrize("make_old", [make_schema_2, make_schema_1])
def test_an_older_store_is_upgraded_by_a_query_and_answers_as_a_new_one(
    imported, runner, temporary_store, make_old
):
    make_old(temporary_store)
    assert schema(temporary_store) < store_module.SCHEMA_VERSION
    for company, answer in imported["answers"].items():
        assert runner.invoke(cli, [company, "--format", "json"]).output == answer
    assert schema(temporary_store) == store_module.SCHEMA_VERSION
    assert "contacts_company_person" in indexes(temporary_store)
    assert "contacts_company_key" not in indexes(temporary_store)
    assert contacts(temporary_store) == imported["contacts"]


def test_an_upgraded_store_takes_imports_and_crossref(imported, runner, temporary_store, tmp_path):
    make_schema_2(temporary_store)
    targets = tmp_path / "targets.txt"
    targets.write_text("\n".join(COMPANIES) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["crossref", str(targets), "--format", "json"])
    assert result.exit_code == 0, result.output
    by_target = {r["target"]: r["people"] for r in json.loads(result.stdout)}
    for company, answer in imported["answers"].items():
        assert by_target[company] == json.loads(answer)
    result = runner.invoke(cli, ["import", str(EXPORTS[1]), "--as", "again"])
    assert result.exit_code == 0, result.output
    assert "contacts_company_person" in indexes(temporary_store)
