"""Nothing lost, nothing leaked: crashes, concurrent writers, sockets, deleting everything."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import write_roster
from whoknows import store as store_module
from whoknows.cli import cli
from whoknows.store import Store

TESTS = Path(__file__).parent


def roster_cli(*args: str) -> list[str]:
    return [sys.executable, str(TESTS / "roster_cli.py"), *args]


def env_with_tests_on_path() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(TESTS))


def people_names(runner) -> list[str]:
    listed = json.loads(runner.invoke(cli, ["people", "--format", "json"]).output)
    return sorted(p["name"] for p in listed)


def import_roster(runner, tmp_path, rows, source=None):
    """Import a roster of `rows` (as source `source`) and return click's result."""
    path = write_roster(tmp_path / f"{source or 'roster'}-{len(rows)}.roster", rows)
    return runner.invoke(cli, ["import", *(["--as", source] if source else []), str(path)])


def test_sigkill_midway_through_an_import_loses_nothing(
    runner, roster_plugin, tmp_path, temporary_store
):
    import_roster(runner, tmp_path, ["Ada,Stripe,Eng,,"], "first")
    before = people_names(runner)
    big = write_roster(
        tmp_path / "big.roster", [f"Person {i},Company {i % 97},Eng,," for i in range(300_000)]
    )
    process = subprocess.Popen(
        roster_cli("import", str(big)),
        env=env_with_tests_on_path(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(f"{temporary_store}-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 200_000):
        time.sleep(0.02)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert sqlite3.connect(temporary_store).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert people_names(runner) == before
    result = import_roster(runner, tmp_path, ["Bob,Stripe,PM,,"])
    assert result.exit_code == 0, result.output
    assert people_names(runner) == ["Ada", "Bob"]


def test_a_second_writer_waits_with_a_message_then_succeeds(
    runner, roster_plugin, tmp_path, temporary_store
):
    import_roster(runner, tmp_path, ["Ada,Stripe,Eng,,"], "first")
    locked = threading.Event()

    def hold_the_write_lock_briefly():
        conn = sqlite3.connect(temporary_store, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(0.5)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=hold_the_write_lock_briefly)
    holder.start()
    locked.wait()
    result = import_roster(runner, tmp_path, ["Bob,Stripe,PM,,"])
    holder.join()
    assert result.exit_code == 0, result.output
    assert "waiting for it" in result.stderr
    assert people_names(runner) == ["Ada", "Bob"]


def test_a_second_writer_gives_up_cleanly(
    runner, roster_plugin, tmp_path, temporary_store, monkeypatch
):
    import_roster(runner, tmp_path, ["Ada,Stripe,Eng,,"], "first")
    monkeypatch.setattr(store_module, "WAIT_SECONDS", 0.2)
    holder = Store.open(temporary_store)
    holder.conn.execute("BEGIN IMMEDIATE")
    try:
        result = import_roster(runner, tmp_path, ["Bob,Stripe,PM,,"])
    finally:
        holder.conn.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2
    assert "the store is busy" in result.stderr
    assert "Traceback" not in result.output


def test_a_query_during_an_import_sees_the_last_finished_import(
    runner, roster_plugin, tmp_path, temporary_store
):
    import_roster(runner, tmp_path, ["Ada,Stripe,Eng,,"], "first")
    writer = Store.open(temporary_store)
    writer.conn.execute("BEGIN IMMEDIATE")
    writer.conn.execute("DELETE FROM contacts")
    try:
        result = runner.invoke(cli, ["Stripe", "--format", "json"])
    finally:
        writer.conn.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 0
    assert [p["name"] for p in json.loads(result.output)] == ["Ada"]


def test_import_and_query_never_open_a_socket(runner, roster_plugin, tmp_path, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = import_roster(runner, tmp_path, ["Ada,Stripe,Eng,ada@stripe.com,"])
    assert result.exit_code == 0
    assert runner.invoke(cli, ["Stripe", "--format", "json"]).exit_code == 0
    assert runner.invoke(cli, ["people"]).exit_code == 0
    assert attempts == []


def test_store_and_its_journal_are_owner_only(runner, roster_plugin, tmp_path, temporary_store):
    import_roster(runner, tmp_path, ["Ada,Stripe,Eng,,"])
    holder = Store.open(temporary_store)  # keeps the -wal and -shm files open
    try:
        for path in temporary_store.parent.iterdir():
            assert path.stat().st_mode & 0o077 == 0, path
    finally:
        holder.close()


def test_forget_leaves_no_trace_of_the_source_in_the_files(
    runner, roster_plugin, tmp_path, temporary_store
):
    import_roster(runner, tmp_path, ["Ada Keepme,Stripe,Eng,,"], "keep")
    import_roster(runner, tmp_path, ["Zed Dropme,Stripe,PM,zed@secret.example,"], "drop")
    assert runner.invoke(cli, ["forget", "drop"]).exit_code == 0
    files = b"".join(p.read_bytes() for p in temporary_store.parent.iterdir())
    assert b"Dropme" not in files and b"zed@secret" not in files
    assert b"Keepme" in files
    assert people_names(runner) == ["Ada Keepme"]
