"""The query path stays light: `whoknows COMPANY --format json` never imports pandas or numpy,
nor rich (which only the terminal table needs). Checked in a fresh interpreter, on a store
filled from the sample exports, by listing sys.modules when the command exits. Not timed: the
speed itself is measured by benchmarks/run.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_exports"
HEAVY = {"pandas", "numpy"}
TERMINAL_ONLY = {"rich"}

# Runs the real CLI entry point, then writes the top-level names of every imported module.
PROBE = """
import atexit, json, sys
out = sys.argv[1]
def dump():
    with open(out, "w") as f:
        json.dump(sorted({name.split(".")[0] for name in sys.modules}), f)
atexit.register(dump)
sys.argv = ["whoknows", *sys.argv[2:]]
from whoknows.cli import cli
cli()
"""


def run_cli(args: list[str], modules_file: Path) -> tuple[subprocess.CompletedProcess, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(modules_file), *args],
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


def test_a_company_query_imports_no_pandas_numpy_or_rich(filled_store, tmp_path):
    result, modules = run_cli(["Stripe", "--format", "json"], tmp_path / "modules.json")
    assert result.returncode == 0, result.stderr
    people = json.loads(result.stdout)
    assert people and all("name" in p for p in people)  # the query really ran and matched
    assert "whoknows" in modules and "sqlite3" in modules
    assert not modules & (HEAVY | TERMINAL_ONLY), sorted(modules & (HEAVY | TERMINAL_ONLY))


def test_a_query_that_matches_nobody_imports_no_pandas_numpy_or_rich(filled_store, tmp_path):
    result, modules = run_cli(
        ["Quillfeather Orbital Dynamics", "--format", "json"], tmp_path / "modules.json"
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) == []
    assert "sqlite3" in modules
    assert not modules & (HEAVY | TERMINAL_ONLY), sorted(modules & (HEAVY | TERMINAL_ONLY))


def test_the_probe_sees_heavy_imports(tmp_path):
    """The check can fail: a module imported before the CLI runs is listed."""
    modules_file = tmp_path / "modules.json"
    probe = PROBE.replace(
        "from whoknows.cli import cli", "import numpy\nfrom whoknows.cli import cli"
    )
    subprocess.run(
        [sys.executable, "-c", probe, str(modules_file), "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "numpy" in json.loads(modules_file.read_text())
