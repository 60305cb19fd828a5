"""A store on a read-only disk (a mounted backup, a read-only share): SQLite cannot open a WAL
database there as usual, so whoknows opens it as an unchanging file, answers from it, and
refuses changes with one line. (Mounting a read-only disk needs privileges a test does not
have: SQLite's refusal and the disk's flag are stood in for; the reading itself is SQLite's.)"""

from __future__ import annotations

import errno
import hashlib
import sqlite3
from pathlib import Path

import pytest
from conftest import REPO
from whoknows import store as store_module
from whoknows.cli import cli

SAMPLES = REPO / "sample_exports"
EXPORTS = [
    SAMPLES / "Complete_LinkedInDataExport_11-20-2026.zip",
    SAMPLES / "contacts.vcf",
    SAMPLES / "facebook-alexmorgan.zip",
]


def fingerprint(path) -> list[str]:
    """The store's file and the files SQLite keeps beside it, as they are."""
    found = sorted(path.parent.glob(path.name + "*"))
    return [f"{p.name}:{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in found]


@pytest.fixture
def read_only_disk(runner, temporary_store, monkeypatch):
    """The sample exports imported, then the store's disk made read-only: SQLite's ordinary
    open fails as it does there; the file system says it is mounted read-only. The alias
    data's signature is made stale first, so that a query would like to rebuild them."""
    result = runner.invoke(cli, ["import", *map(str, EXPORTS)])
    assert result.exit_code == 0, result.output
    answers = {
        args: runner.invoke(cli, [*args, "--format", "json"]).stdout
        for args in [("Stripe",), ("people",)]
    }
    conn = sqlite3.connect(temporary_store)
    conn.execute("UPDATE meta SET value = 'an older whoknows' WHERE name = 'alias_data'")
    conn.commit()
    conn.close()

    def unopenable(path):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(store_module, "_connect", unopenable)
    monkeypatch.setattr(store_module, "on_read_only_disk", lambda path: True)
    return answers


def test_a_store_on_a_read_only_disk_still_answers(runner, temporary_store, read_only_disk):
    before = fingerprint(temporary_store)
    for args, expected in read_only_disk.items():
        result = runner.invoke(cli, [*args, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert result.stdout == expected and '"name": "Sam Okafor"' in expected
    nobody = runner.invoke(cli, ["Nestlé"])
    assert nobody.exit_code == 1
    assert fingerprint(temporary_store) == before


@pytest.mark.parametrize(
    "args",
    [["import", str(SAMPLES / "contacts.vcf"), "--as", "phone"], ["forget", "vcard"]],
)
def test_a_store_on_a_read_only_disk_is_never_changed(
    runner, temporary_store, read_only_disk, args
):
    before = fingerprint(temporary_store)
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"whoknows: error: {temporary_store}: the store is on a read-only disk: whoknows can "
        "answer from it but not change it\n"
    )
    assert fingerprint(temporary_store) == before


def test_a_store_sqlite_cannot_open_elsewhere_is_one_line(runner, temporary_store, monkeypatch):
    """Not a read-only disk (a folder without permission, say): no "not a whoknows store"."""
    assert runner.invoke(cli, ["import", str(EXPORTS[1])]).exit_code == 0

    def unopenable(path):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(store_module, "_connect", unopenable)
    result = runner.invoke(cli, ["Stripe"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"whoknows: error: {temporary_store}: cannot open the store (unable to open database "
        "file; check the permissions of it and its folder)\n"
    )


def test_a_normal_disk_is_not_read_only(tmp_path):
    assert store_module.on_read_only_disk(tmp_path) is False
    assert store_module.on_read_only_disk(tmp_path / "no such file") is False


def test_forgetting_everything_on_a_read_only_disk_is_one_line(
    runner, temporary_store, monkeypatch
):
    """`forget --all` where the file cannot be deleted: one line, exit 2, the store kept."""
    assert runner.invoke(cli, ["import", str(EXPORTS[1])]).exit_code == 0
    before = fingerprint(temporary_store)

    def read_only(self, missing_ok=False):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "unlink", read_only)
    result = runner.invoke(cli, ["forget", "--all"], input="y\n")
    assert result.exit_code == 2
    assert result.stderr == (
        f"whoknows: error: {temporary_store}: cannot delete the store (Read-only file system)\n"
    )
    assert fingerprint(temporary_store) == before
