"""The query path stays light: `whoknows COMPANY --format json` never imports pandas or numpy,
nor rich (which only the terminal table needs), nor click, typing, inspect or pathlib
(whoknows.quick answers it without them), nor rapidfuzz unless nobody matched ("did you
mean"). Checked in a fresh interpreter running the installed `whoknows` entry point, on a store
filled from the sample exports, by listing sys.modules when the command exits. Not timed: the
speed itself is measured by benchmarks/run.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_exports"
HEAVY = {"pandas", "numpy"}
TERMINAL_ONLY = {"rich"}
QUICK_PATH_NEVER = {"click", "typing", "inspect", "anyascii", "contextlib"} | (
    {"pathlib"} if os.name == "posix" else set()
)
"""Each costs a query milliseconds; whoknows.quick, its modules and their imports need none
(pathlib only where the store's path is written as pathlib would write it without it)."""
DID_YOU_MEAN_ONLY = {"rapidfuzz"}

# Runs the installed console script's function (module:function, as pip's script does), then
# writes the top-level names of every imported module.
PROBE = """
import atexit, json, sys
out = sys.argv[1]
def dump():
    with open(out, "w") as f:
        json.dump(sorted({name.split(".")[0] for name in sys.modules}), f)
atexit.register(dump)
module, _, function = sys.argv[2].partition(":")
sys.argv = ["whoknows", *sys.argv[3:]]
main = getattr(__import__(module, fromlist=[function]), function)
sys.exit(main())
"""
(SCRIPT,) = entry_points(group="console_scripts", name="whoknows")


def run_cli(args: list[str], modules_file: Path) -> tuple[subprocess.CompletedProcess, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(modules_file), SCRIPT.value, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    modules = set(json.loads(modules_file.read_text())) if modules_file.exists() else set()
    return result, modules


@pytest.fixture
def filled_store(temporary_store) -> Path:
    """The store after importing the LinkedIn, vCard and Facebook samples."""
    paths = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".zip", ".vcf"))
    assert len(paths) >= 3, paths
    result = subprocess.run(
        [sys.executable, "-m", "whoknows", "import", *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return temporary_store


def test_a_company_query_imports_nothing_it_does_not_need(filled_store, tmp_path):
    result, modules = run_cli(["Stripe", "--format", "json"], tmp_path / "modules.json")
    assert result.returncode == 0, result.stderr
    people = json.loads(result.stdout)
    assert people and all("name" in p for p in people)  # the query really ran and matched
    assert "whoknows" in modules and "sqlite3" in modules
    unwanted = HEAVY | TERMINAL_ONLY | QUICK_PATH_NEVER | DID_YOU_MEAN_ONLY
    assert not modules & unwanted, sorted(modules & unwanted)


def test_a_query_that_matches_nobody_imports_only_the_fuzzy_matcher_more(filled_store, tmp_path):
    result, modules = run_cli(["Stipe", "--format", "json"], tmp_path / "modules.json")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) == []
    assert "Did you mean Stripe?" in result.stderr  # the suggestions really ran
    assert "sqlite3" in modules and "rapidfuzz" in modules
    unwanted = (
        HEAVY | TERMINAL_ONLY | QUICK_PATH_NEVER - {"typing", "contextlib"}
    )  # rapidfuzz: typing
    assert not modules & unwanted, sorted(modules & unwanted)


def test_an_accented_company_name_needs_no_transliteration_library(filled_store, tmp_path):
    result, modules = run_cli(["Société", "Générale", "--format", "json"], tmp_path / "m.json")
    assert result.returncode in (0, 1), result.stderr
    assert "whoknows" in modules and "anyascii" not in modules  # the name was keyed all the same


def test_a_query_on_the_default_store_does_not_load_platformdirs_on_linux(
    filled_store, tmp_path, monkeypatch
):
    """The default store's folder is worked out without platformdirs (costlier than a query)
    where whoknows knows platformdirs' answer: Linux, with $XDG_DATA_HOME or $HOME."""
    folder = tmp_path / "data" / "whoknows"
    folder.mkdir(parents=True)
    shutil.copy(filled_store, folder / "whoknows.db")
    monkeypatch.delenv("WHOKNOWS_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result, modules = run_cli(["Stripe", "--format", "json"], tmp_path / "modules.json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)
    assert ("platformdirs" in modules) is (sys.platform != "linux")
    assert ("pathlib" in modules) is (sys.platform != "linux")


def test_anything_else_goes_to_click(filled_store, tmp_path):
    """The probe follows the command line as installed: --help is click's."""
    result, modules = run_cli(["Stripe", "--help"], tmp_path / "modules.json")
    assert result.returncode == 0, result.stderr
    assert "Usage: whoknows at [OPTIONS] COMPANY..." in result.stdout
    assert "click" in modules


def test_the_probe_sees_heavy_imports(tmp_path):
    """The check can fail: a module imported before the CLI runs is listed."""
    modules_file = tmp_path / "modules.json"
    probe = PROBE.replace("sys.exit(main())", "import numpy\nsys.exit(main())")
    subprocess.run(
        [sys.executable, "-c", probe, str(modules_file), SCRIPT.value, "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "numpy" in json.loads(modules_file.read_text())
