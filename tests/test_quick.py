"""whoknows.quick: the plain `whoknows COMPANY` without click prints exactly what the click
command prints, with the same exit code; everything else is left to click."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest
from conftest import write_roster
from hypothesis import given
from hypothesis import strategies as st
from whoknows.cli import cli
from whoknows.quick import COMMANDS, failure, plain_query

QUICK = "import sys; from whoknows.quick import main; sys.argv[0] = 'whoknows'; sys.exit(main())"
CLICK = "import sys; from whoknows.cli import cli; sys.argv[0] = 'whoknows'; cli()"


def run(program: str, args: list[str], **env: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        env={**os.environ, **env},
        encoding="utf-8",
        timeout=120,
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def team_store(runner, roster_plugin, tmp_path):
    roster = write_roster(
        tmp_path / "team.roster",
        [
            'Ada Byron,"Stripe, Inc.",Engineer,ada@stripe.com,2020-01-05',
            "Cy Young,Stripe,Recruiter,,",
            "Di Prince,Stripe Robotics,Engineer,,",
            "Ed Stone,Figma,Designer,ed@figma.com,",
            "Zoé Roux,Société Générale,Analyste,,",
        ],
    )
    result = runner.invoke(cli, ["import", str(roster)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["Stripe", "--format", "json"], 0, '"name": "Ada Byron"'),
        (["Stripe"], 0, "At Stripe now"),
        (["Stripe", "--format", "csv"], 0, "Ada Byron,Engineer,"),
        (["Stripe", "--format", "markdown"], 0, "| Ada Byron |"),
        (["Stripe", "Robotics", "--format", "json"], 0, "Di Prince"),
        (["Stipe", "--format", "json"], 1, "Did you mean Stripe, Inc.?"),
        (["Oracle"], 1, "Nobody found at Oracle."),
        (["Acme\x1b[31m", "Red"], 1, "Nobody found at Acme Red."),  # click strips escapes
        (["Stripe", "--format", "JSON"], 2, "Invalid value for '--format'"),
    ],
)
def test_the_quick_path_prints_what_click_prints(team_store, args, code, says):
    quick = run(QUICK, args)
    assert quick == run(CLICK, args)
    assert quick[0] == code
    assert says in quick[1] + quick[2]


@pytest.mark.parametrize("encoding", ["ascii", "utf-8"])
def test_non_ascii_names_print_as_click_prints_them(team_store, encoding):
    """click writes UTF-8 to a stream Python opened as ASCII; so does the quick path."""
    found = ["Societe Generale", "--format", "json"]
    assert run(QUICK, found, PYTHONIOENCODING=encoding) == run(
        CLICK, found, PYTHONIOENCODING=encoding
    )
    assert '"name": "Zoé Roux"' in run(QUICK, found, PYTHONIOENCODING=encoding)[1]
    nobody = ["Socéte Génerale"]
    assert run(QUICK, nobody, PYTHONIOENCODING=encoding) == run(
        CLICK, nobody, PYTHONIOENCODING=encoding
    )
    assert "Did you mean Société Générale?" in run(QUICK, nobody, PYTHONIOENCODING=encoding)[2]


def test_errors_are_the_same_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("WHOKNOWS_DB", str(tmp_path / "none.db"))
    assert run(QUICK, ["Stripe"]) == run(CLICK, ["Stripe"])
    assert run(QUICK, ["Stripe"])[0] == 2
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    monkeypatch.setenv("WHOKNOWS_DB", str(damaged))
    code, out, err = run(QUICK, ["Stripe", "--format", "json"])
    assert (code, out, err) == run(CLICK, ["Stripe", "--format", "json"])
    assert code == 2 and err.startswith(f"whoknows: error: {damaged}") and err.count("\n") == 1


def test_a_store_path_with_an_unknown_home_folder_is_the_users_error(monkeypatch):
    where = "~no-such-user-here/whoknows.db"
    monkeypatch.setenv("WHOKNOWS_DB", where)
    for args in (["Stripe"], ["sources"], ["import", "sample_exports/contacts.vcf"]):
        code, out, err = run(QUICK, args)
        assert (code, out) == (2, "")
        assert err == f"whoknows: error: WHOKNOWS_DB={where}: no home folder for its ~\n"
        assert run(CLICK, args) == (code, out, err)


def test_an_internal_error_is_one_printable_line():
    forged = ValueError("bad\nwhoknows: error: forged \x1b[31mred")
    line, code = failure(forged, "the store")
    assert code == 3 and line.isprintable()
    assert line.startswith("whoknows: internal error: ValueError: bad")


@pytest.mark.parametrize(
    ("args", "query"),
    [
        (["Stripe"], (["Stripe"], "table")),
        (["Lorenz", "Materials", "--format", "json"], (["Lorenz", "Materials"], "json")),
        (["Lorenz", "--format", "csv", "Materials"], (["Lorenz", "Materials"], "csv")),
        (["Ernst & Young"], (["Ernst & Young"], "table")),
        ([], None),
        (["--help"], None),
        (["Stripe", "--help"], None),
        (["Stripe", "--current"], None),
        (["Stripe", "--db", "x.db"], None),
        (["Stripe", "--format=json"], None),
        (["Stripe", "--format"], None),
        (["Stripe", "--format", "xlsx"], None),
        (["Stripe", "--format", "json", "--format", "csv"], None),
        (["import", "contacts.vcf"], None),
        (["at", "people"], None),
        (["--debug", "Stripe"], None),
    ],
)
def test_only_a_company_name_and_a_format_take_the_quick_path(args, query, monkeypatch):
    monkeypatch.delenv("_WHOKNOWS_COMPLETE", raising=False)
    assert plain_query(args) == query


def test_on_windows_click_expands_wildcards_and_variables(monkeypatch):
    monkeypatch.setattr(os, "name", "nt")
    assert plain_query(["AT&T"]) == (["AT&T"], "table")
    for company in ("Acme*", "~acme", "%USERNAME%", "$HOME"):
        assert plain_query([company]) is None


def test_shell_completion_is_left_to_click(monkeypatch):
    monkeypatch.setenv("_WHOKNOWS_COMPLETE", "bash_complete")
    assert plain_query(["Stripe"]) is None


def test_the_quick_path_knows_every_command_name():
    assert set(cli.list_commands(click.Context(cli))) == COMMANDS


def test_a_company_named_like_a_command_still_runs_the_command(team_store):
    code, out, _ = run(QUICK, ["sources", "--format", "json"])
    assert code == 0 and json.loads(out)[0]["name"] == "roster"


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_DATA_HOME": "/srv/data/"},
        {"XDG_DATA_HOME": "relative/data"},
        {"XDG_DATA_HOME": "  "},
        {"XDG_DATA_HOME": ""},
        {"HOME": "/home/ada/"},
        {"HOME": "/"},
        {"HOME": "relative"},
        {"ANDROID_DATA": "/data", "ANDROID_ROOT": "/system"},
    ],
)
def test_the_default_store_is_where_platformdirs_puts_it(env, monkeypatch):
    """default_path works the usual Linux cases out without importing platformdirs."""
    from platformdirs import user_data_path
    from whoknows import store

    monkeypatch.delenv("WHOKNOWS_DB")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    expected = user_data_path("whoknows", appauthor=False) / "whoknows.db"
    assert store.default_path() == expected


@given(st.text(alphabet="/.ab~", max_size=12))
def test_the_store_path_is_written_as_pathlib_writes_it(text):
    """Error messages name the store as str(Path(...)) does, without importing pathlib."""
    from pathlib import Path

    from whoknows.store import as_written

    assert as_written(text) == str(Path(text))


@pytest.mark.parametrize("program", [QUICK, CLICK])
@pytest.mark.parametrize("args", [["Stripe", "--format", "json"], ["people", "--format", "csv"]])
def test_a_reader_that_went_away_stops_whoknows_quietly(team_store, program, args):
    """`whoknows Stripe | true`: no error line, exit 141 (a closed pipe), on both paths."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before whoknows writes a byte
    try:
        result = subprocess.run(
            [sys.executable, "-c", program, *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.stderr.decode() == ""
    assert result.returncode == 141


@pytest.mark.parametrize("program", [QUICK, CLICK])
@pytest.mark.parametrize("args", [["Société", "Générale"], ["people"]])
def test_a_plain_table_is_written_where_python_opened_stdout_as_ascii(team_store, program, args):
    """PYTHONIOENCODING=ascii (or an old locale): names are written in UTF-8, as click writes
    JSON and CSV there, rather than an internal error."""
    code, out, err = run(program, args, PYTHONIOENCODING="ascii")
    assert (code, err) == (0, "")
    assert "Zoé Roux" in out


def test_the_collector_is_paused_during_a_query_and_back_after_it(team_store):
    """The quick path pauses Python's cycle collector while it answers and freezes what is
    alive at the end; a caller running it in process gets the collector back, and the
    answer is the one click prints."""
    program = (
        "import gc, sys; from whoknows.quick import main; sys.argv[0] = 'whoknows'\n"
        "seen = []\n"
        "gc.callbacks.append(lambda phase, info: seen.append(phase))\n"
        "code = main()\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 0, seen.count('start'), file=sys.stderr)\n"
        "sys.exit(code)"
    )
    code, out, err = run(program, ["Stripe", "--format", "json"])
    assert (code, out) == run(CLICK, ["Stripe", "--format", "json"])[:2]
    assert err.splitlines()[-1] == "True True 0"
