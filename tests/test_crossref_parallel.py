"""`whoknows crossref` in two processes (JSON and CSV of long lists, on Linux): the same
output, summary, exit code and error lines as in one process."""

from __future__ import annotations

import csv
import io
import itertools
import os
import random
import signal
import sys
import time

import pytest
import test_crossref
from test_crossref import COMPANIES, generated_world, import_linkedin, import_people
from whoknows import crossref as xref
from whoknows import crossref_cli, forked
from whoknows.cli import cli
from whoknows.errors import WhoknowsError

people_plugin = test_crossref.people_plugin  # a fixture

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="two processes on Linux only")

UNKNOWN = ["Zylo Robotics", "Strpe", "Gogle", "Quillfeather Orbital", "Procter and Gambel", "ISS"]


@pytest.fixture
def world(runner, people_plugin, tmp_path, temporary_store):
    """A generated LinkedIn export and address book, and a job tracker of 80 applications:
    companies written many ways, some twice, some unknown, with role and status columns."""
    connections, book = generated_world(seed=11, n=400)
    import_linkedin(runner, tmp_path, connections)
    import_people(runner, tmp_path, book=book)
    rng = random.Random(5)
    written = [name for names, _ in COMPANIES for name in names if name]
    names = [rng.choice(written + UNKNOWN) for _ in range(80)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Company", "Role", "Status"])
    for i, name in enumerate(names):
        writer.writerow([name, f"Role {i}", rng.choice(["Applied", "Interviewing", ""])])
    path = tmp_path / "applications.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def forks(monkeypatch):
    """Two processes from 2 targets on, whatever the machine's cores, pieces of any size;
    counts the forks."""
    calls = []
    fork = os.fork

    def counted() -> int:
        calls.append(1)
        return fork()

    monkeypatch.setattr(crossref_cli, "PARALLEL_FROM", 2)
    monkeypatch.setattr(crossref_cli, "SMALLEST_PIECE", 1)
    monkeypatch.setattr(forked, "two_cores", lambda: True)
    monkeypatch.setattr(os, "fork", counted)
    return calls


def run(runner, monkeypatch, parallel: bool, *args: str):
    monkeypatch.setattr(crossref_cli, "PARALLEL_FROM", 2 if parallel else 10**9)
    return runner.invoke(cli, ["crossref", *args])


def one_then_two(runner, monkeypatch, forks, *args: str):
    """`crossref ARGS` in one process, then in two: the same exit code, output and errors."""
    one = run(runner, monkeypatch, False, *args)
    assert forks == []
    two = run(runner, monkeypatch, True, *args)
    assert forks == [1]
    assert two.exit_code == one.exit_code, two.output
    assert (two.stdout, two.stderr) == (one.stdout, one.stderr)
    return one, two


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("extra", [[], ["--current"]])
def test_two_processes_write_what_one_writes(runner, monkeypatch, world, forks, fmt, extra):
    one, _ = one_then_two(runner, monkeypatch, forks, str(world), "--format", fmt, *extra)
    assert one.exit_code == 0, one.output
    assert "80 targets:" in one.stderr and "with nobody yet" in one.stderr


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_two_processes_write_the_same_file(runner, monkeypatch, world, forks, tmp_path, suffix):
    one, two = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
    first = run(runner, monkeypatch, False, str(world), "-o", str(one))
    second = run(runner, monkeypatch, True, str(world), "-o", str(two))
    assert forks == [1]
    assert second.exit_code == first.exit_code == 0
    assert two.read_bytes() == one.read_bytes()
    assert second.stderr == first.stderr.replace(one.name, two.name)


def test_people_only_in_later_pieces_still_exit_0(runner, monkeypatch, world, forks, tmp_path):
    targets = tmp_path / "t.txt"
    targets.write_text("Zylo Robotics\nQuillfeather Orbital\nStripe\nGoogle\n", encoding="utf-8")
    one, _ = one_then_two(runner, monkeypatch, forks, str(targets), "--format", "json")
    assert one.exit_code == 0
    assert "2 with nobody yet" in one.stderr


def test_nobody_in_any_piece_exits_1(runner, monkeypatch, world, forks, tmp_path):
    targets = tmp_path / "t.txt"
    targets.write_text("Zylo Robotics\nQuillfeather Orbital\nOracle\n", encoding="utf-8")
    two = run(runner, monkeypatch, True, str(targets), "--format", "csv")
    assert forks == [1]
    assert two.exit_code == 1
    assert "3 with nobody yet" in two.stderr


def test_an_error_in_either_process_is_one_line_as_in_one(
    runner, monkeypatch, world, forks, tmp_path
):
    """A piece fails (in whichever process takes it): nothing is written, one line, exit
    code 2, as in one process."""
    suggest = xref.suggest_companies

    def failing(store, targets, **options):
        if "Quillfeather Orbital" in targets:
            raise WhoknowsError("the list names Quillfeather Orbital")
        return suggest(store, targets, **options)

    monkeypatch.setattr(xref, "suggest_companies", failing)
    targets = tmp_path / "t.txt"
    targets.write_text("Stripe\nGogle\nZylo Robotics\nQuillfeather Orbital\n", encoding="utf-8")
    one, _ = one_then_two(runner, monkeypatch, forks, str(targets), "--format", "json")
    assert one.exit_code == 2
    assert one.stdout == ""
    assert one.stderr == "whoknows: error: the list names Quillfeather Orbital\n"


def test_short_lists_and_the_table_stay_in_one_process(runner, monkeypatch, world, forks):
    monkeypatch.setattr(crossref_cli, "PARALLEL_FROM", 500)
    assert runner.invoke(cli, ["crossref", str(world), "--format", "json"]).exit_code == 0
    monkeypatch.setattr(crossref_cli, "PARALLEL_FROM", 2)
    for fmt in ("table", "markdown"):
        assert runner.invoke(cli, ["crossref", str(world), "--format", fmt]).exit_code == 0
    assert runner.invoke(cli, ["--debug", "crossref", str(world), "--format", "csv"]).exit_code == 0
    assert forks == []


def test_one_core_means_one_process(runner, monkeypatch, world, forks):
    monkeypatch.setattr(forked, "two_cores", lambda: False)
    result = runner.invoke(cli, ["crossref", str(world), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert forks == []


def test_two_cores_reads_the_cores_this_process_may_use(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not forked.two_cores()
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3})
    assert forked.two_cores()


@pytest.mark.parametrize("missing", ["memfd_create", "fork"])
def test_no_second_process_to_be_had_means_one_process(runner, monkeypatch, world, forks, missing):
    """A process limit (fork fails) or a sandbox without memfd: the list is done in one
    process, with the same output, never an internal error."""
    one = run(runner, monkeypatch, False, str(world), "--format", "json")

    def unavailable(*args):
        raise OSError(11 if missing == "fork" else 38, f"no {missing} here")

    monkeypatch.setattr(os, missing, unavailable)
    fallback = run(runner, monkeypatch, True, str(world), "--format", "json")
    assert fallback.exit_code == one.exit_code == 0, fallback.output
    assert (fallback.stdout, fallback.stderr) == (one.stdout, one.stderr)


@pytest.mark.parametrize("n", [2, 3, 80, 499, 500, 5000, 100_000])
def test_pieces_cover_the_list_big_ones_first(n):
    smallest = 1 if n < 500 else crossref_cli.SMALLEST_PIECE
    bounds = crossref_cli.piece_bounds(n, smallest)
    sizes = [b - a for a, b in itertools.pairwise(bounds)]
    assert bounds[0] == 0 and bounds[-1] == n
    assert all(size > 0 for size in sizes)
    assert 2 <= len(sizes) <= len(crossref_cli.SHARES)
    assert all(size >= smallest for size in sizes[:-1])
    assert sizes[0] == max(sizes) and sizes[-1] == min(sizes)


def test_a_long_list_is_cut_into_the_shares():
    bounds = crossref_cli.piece_bounds(5000, crossref_cli.SMALLEST_PIECE)
    assert bounds == [0, 1500, 3000, 3600, 4200, 4450, 4700, 4850, 5000]
    assert crossref_cli.piece_bounds(500, 125) == [0, 150, 300, 425, 500]


def test_the_copy_takes_the_pieces_this_process_is_too_busy_for():
    """Pieces are taken by whichever process is free: here this one holds its first piece
    until the copy has taken two, so both do some; each piece is done once, and its text and
    paths come back whole (the copy's across megabytes of text)."""
    parent, waited = os.getpid(), []
    started, signal_start = os.pipe()

    def work(i: int) -> forked.Piece:
        if os.getpid() != parent:
            os.write(signal_start, b"x")
        elif not waited:  # until the copy has taken two pieces
            waited.extend([os.read(started, 1), os.read(started, 1)])
        text = [f"piece {i} é " * 50_000, f"end {i}\n"]  # 0.5 MB each: pieces span reads
        return [f"path {i}"], i % 2 == 0, text

    worker = forked.Worker(work, 6, "store")
    try:
        mine = {i: work(i) for i in worker.take()}
        theirs = {
            i: (paths, matched, "".join(text))  # read before `stop` closes the file
            for i, (paths, matched, text) in worker.answer()["pieces"].items()
        }
    finally:
        worker.stop()
        os.close(started)
        os.close(signal_start)
    assert mine and len(theirs) >= 2
    assert sorted([*mine, *theirs]) == list(range(6))
    for i, (paths, matched, text) in theirs.items():
        assert (paths, matched) == ([f"path {i}"], i % 2 == 0)
        assert text == f"piece {i} é " * 50_000 + f"end {i}\n"


def test_an_error_in_the_copy_comes_back_as_one_line():
    parent, waited = os.getpid(), []
    started, signal_start = os.pipe()

    def work(i: int) -> forked.Piece:
        if os.getpid() == parent:
            if not waited:
                waited.append(os.read(started, 1))  # until the copy has taken a piece
            return [], False, []
        os.write(signal_start, b"x")
        raise WhoknowsError(f"piece {i} cannot be done")

    worker = forked.Worker(work, 3, "store")
    try:
        for i in worker.take():
            work(i)
        answer = worker.answer()
    finally:
        worker.stop()
        os.close(started)
        os.close(signal_start)
    assert answer["code"] == 2
    assert answer["error"].startswith("whoknows: error: piece ")
    assert answer["error"].endswith(" cannot be done")


def test_a_worker_takes_one_to_255_pieces():
    with pytest.raises(ValueError, match="1 to 255"):
        forked.Worker(lambda i: ([], False, []), 256, "store")


def test_an_interrupted_list_leaves_no_process_behind():
    """Ctrl-C while the copy is busy: this process stops the copy and reaps it."""
    parent = os.getpid()

    def work(i: int) -> forked.Piece:
        if os.getpid() != parent:
            time.sleep(60)  # busy when this process is interrupted
        raise KeyboardInterrupt

    worker = forked.Worker(work, 4, "store")
    copy = worker.pid
    with pytest.raises(KeyboardInterrupt):
        try:
            for i in worker.take():
                work(i)
        finally:
            worker.stop()
    with pytest.raises(ProcessLookupError):  # ended and reaped: no zombie left either
        os.kill(copy, 0)


def test_ctrl_c_reaching_the_copy_first_is_reported_as_ctrl_c():
    parent = os.getpid()
    started, signal_start = os.pipe()

    def work(i: int) -> forked.Piece:
        if os.getpid() == parent:
            os.read(started, 1)  # until the copy has taken its piece
            return [], False, []
        os.write(signal_start, b"x")
        os.kill(os.getpid(), signal.SIGINT)  # as a terminal's Ctrl-C reaches it
        return [], False, []

    worker = forked.Worker(work, 2, "store")
    try:
        for i in worker.take():
            work(i)
        with pytest.raises(KeyboardInterrupt):
            worker.answer()
    finally:
        worker.stop()
        os.close(started)
        os.close(signal_start)
