"""A store whose keys an older whoknows made (other company-name or identity rules) is brought
up to date by the next query, import or forget: every key made again, the store re-linked, and
the answers those of a store made by this version."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from whoknows import rekey
from whoknows.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
EXPORTS = [
    SAMPLES / "Complete_LinkedInDataExport_11-20-2026.zip",
    SAMPLES / "contacts.vcf",
    SAMPLES / "facebook-alexmorgan.zip",
]
"""Every sample: rekeying must rebuild, from stored columns, the keys each importer made."""


def derived(db: Path) -> dict[str, list]:
    """Everything the rules derive: company keys, identity keys, persons, links."""
    with sqlite3.connect(db) as conn:
        return {
            "contacts": conn.execute(
                "SELECT id, company_key, person_id FROM contacts ORDER BY id"
            ).fetchall(),
            "positions": conn.execute(
                "SELECT company, company_key FROM positions ORDER BY rowid"
            ).fetchall(),
            "keys": conn.execute("SELECT * FROM contact_keys ORDER BY 1, 2, 3").fetchall(),
            "links": conn.execute("SELECT * FROM links ORDER BY 1, 2, 3, 4").fetchall(),
        }


def age(db: Path) -> None:
    """Make the store look as if an older whoknows with other rules had written it."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE contacts SET company_key = 'old' || company_key, person_id = id")
        conn.execute("UPDATE positions SET company_key = 'old' || company_key")
        conn.execute("DELETE FROM contact_keys")
        conn.execute("DELETE FROM links")
        conn.execute("UPDATE meta SET value = '0' WHERE name = 'keys_version'")


@pytest.fixture
def imported(runner, temporary_store) -> dict:
    result = runner.invoke(cli, ["import", *map(str, EXPORTS)])
    assert result.exit_code == 0, result.output
    answers = {
        company: runner.invoke(cli, [company, "--format", "json"]).output
        for company in ("Stripe", "Shopify", "Acme Analytics")
    }
    assert all(json.loads(a) for a in answers.values())  # the sample knows people at each
    return {"derived": derived(temporary_store), "answers": answers}


def test_a_new_store_is_marked_with_these_rules(imported, temporary_store):
    with sqlite3.connect(temporary_store) as conn:
        assert rekey.is_current(conn)
        value = conn.execute("SELECT value FROM meta WHERE name = 'keys_version'").fetchone()
    assert value == (rekey.KEYS_VERSION,)


def test_a_query_on_an_old_store_answers_as_on_a_new_one(imported, runner, temporary_store):
    age(temporary_store)
    assert derived(temporary_store) != imported["derived"]
    for company, answer in imported["answers"].items():
        assert runner.invoke(cli, [company, "--format", "json"]).output == answer
    assert derived(temporary_store) == imported["derived"]


def test_an_import_into_an_old_store_makes_the_old_keys_again(imported, runner, tmp_path):
    age(tmp_path / "store" / "whoknows.db")
    roster = tmp_path / "extra" / "Connections.csv"
    roster.parent.mkdir()
    roster.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Nia,Okafor,,nia@example.org,Globex,Engineer,01 Jan 2024\n"
    )
    result = runner.invoke(cli, ["import", str(roster), "--as", "extra"])
    assert result.exit_code == 0, result.output
    for company, answer in imported["answers"].items():
        assert runner.invoke(cli, [company, "--format", "json"]).output == answer


def test_forget_on_an_old_store_makes_the_keys_again(imported, runner, temporary_store):
    result = runner.invoke(cli, ["import", str(EXPORTS[1]), "--as", "copy"])
    assert result.exit_code == 0, result.output
    age(temporary_store)
    result = runner.invoke(cli, ["forget", "copy"])
    assert result.exit_code == 0, result.output
    assert derived(temporary_store) == imported["derived"]


def test_a_store_from_before_keys_were_versioned_counts_as_old(imported, temporary_store):
    with sqlite3.connect(temporary_store) as conn:
        conn.execute("DELETE FROM meta WHERE name = 'keys_version'")
        assert not rekey.is_current(conn)
