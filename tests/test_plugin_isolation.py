"""Deliberately broken and competing plugins, installed as distributions next to whoknows.

Each plugin here is a module plus a ``*.dist-info`` folder with its ``whoknows`` entry point,
the layout pip installs, in a folder put on PYTHONPATH; whoknows runs as a separate process, so
it discovers them exactly as it discovers installed plugins.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from whoknows import Contact, hookimpl, plugin_manager
from whoknows.importers import all_importers
from whoknows.testing import importer_for, registered

ROSTER = """
from pathlib import Path
from whoknows import Contact, hookimpl

class Importer:
    name = "{importer}"
    description = "{importer} test files"

    def detect(self, path):
        return path.suffix == "{suffix}"

    def read(self, path):
        for n, line in enumerate(Path(path).read_text().splitlines(), start=1):
            if line == "RAISE":
                raise ValueError(f"line {{n}} is corrupt")
            name, company = line.split(",")
            yield Contact(source_key=name, full_name=name, company=company + "{company_suffix}")

@hookimpl
def register_importers(register):
    register(Importer())
"""

DETECT_RAISES = """
from whoknows import hookimpl

class Importer:
    name = "aaa-detect-raises"
    description = "raises in detect"

    def detect(self, path):
        raise KeyError("detect exploded")

    def read(self, path):
        yield from ()

@hookimpl
def register_importers(register):
    register(Importer())
"""


class Site:
    """A folder of installed plugin distributions, and whoknows run with it on the path."""

    def __init__(self, root: Path) -> None:
        self.root = root / "site"
        self.root.mkdir()
        self.db = root / "store.db"

    def install(self, entry_point: str, code: str, version: str = "1.0") -> None:
        module = "whoknows_test_" + entry_point.replace("-", "_")
        (self.root / f"{module}.py").write_text(textwrap.dedent(code), encoding="utf-8")
        info = self.root / f"{module}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: {version}\n",
            encoding="utf-8",
        )
        (info / "entry_points.txt").write_text(
            f"[whoknows]\n{entry_point} = {module}\n", encoding="utf-8"
        )

    def roster(self, entry_point: str, importer: str, suffix: str, company_suffix: str = ""):
        self.install(
            entry_point,
            ROSTER.format(importer=importer, suffix=suffix, company_suffix=company_suffix),
        )

    def whoknows(self, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if k != "WHOKNOWS_LOAD_PLUGINS"}
        full_env.update(PYTHONPATH=str(self.root), WHOKNOWS_DB=str(self.db), **env)
        return subprocess.run(
            [sys.executable, "-m", "whoknows", *map(str, args)],
            env=full_env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def plugins(self, **env: str) -> dict[str, dict]:
        result = self.whoknows("plugins", "--format", "json", **env)
        assert result.returncode == 0, result.stderr
        return {p["name"]: p for p in json.loads(result.stdout)}


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_plugin_that_fails_to_import_is_named_in_one_line_and_the_rest_works(site, tmp_path):
    site.install("broken-import", "import whoknows_test_not_installed_dependency\n")
    site.roster("team", "team", ".team")
    plugins = site.plugins()
    assert plugins["broken-import"]["error"] == (
        "failed to load: ModuleNotFoundError: No module named "
        "'whoknows_test_not_installed_dependency'"
    )
    assert plugins["broken-import"]["importers"] == []
    assert plugins["broken-import"]["version"] == "1.0"
    assert plugins["team"]["importers"] == ["team"] and plugins["team"]["error"] is None

    imported = site.whoknows("import", write(tmp_path / "a.team", "Ada,Stripe"))
    assert imported.returncode == 0
    assert imported.stderr.splitlines() == [
        "whoknows: plugin 'broken-import' failed to load and was skipped "
        "(ModuleNotFoundError: No module named 'whoknows_test_not_installed_dependency')"
    ]
    found = site.whoknows("Stripe", "--format", "json")
    assert [p["name"] for p in json.loads(found.stdout)] == ["Ada"]


def test_an_importer_that_raises_in_detect_is_named_and_the_next_one_reads(site, tmp_path):
    site.install("detect-raises", DETECT_RAISES)
    site.roster("team", "team", ".team")
    imported = site.whoknows("import", write(tmp_path / "a.team", "Ada,Stripe"))
    assert imported.returncode == 0, imported.stderr
    assert "Imported team (team)" in imported.stdout
    assert imported.stderr.splitlines() == [
        "whoknows: importer 'aaa-detect-raises' (plugin 'detect-raises') raised in detect "
        "and was skipped (KeyError('detect exploded'))"
    ]


def test_a_read_that_raises_halfway_is_one_line_and_rolls_the_whole_import_back(site, tmp_path):
    site.roster("team", "team", ".team")
    site.roster("halfway", "halfway", ".half")
    first = site.whoknows("import", write(tmp_path / "a.team", "Ada,Stripe"))
    assert first.returncode == 0, first.stderr
    before = site.db.read_bytes()

    good = write(tmp_path / "b.team", "Bea,Stripe")
    bad = write(tmp_path / "c.half", "Cy,Stripe", "Di,Stripe", "RAISE", "Ed,Stripe")
    failed = site.whoknows("import", good, bad)
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert failed.stderr.splitlines() == [
        f"whoknows: error: {bad}: importer 'halfway' (plugin 'halfway') failed: "
        "ValueError: line 3 is corrupt; nothing was imported"
    ]
    assert site.db.read_bytes() == before
    people = site.whoknows("people", "--format", "json")
    assert [p["name"] for p in json.loads(people.stdout)] == ["Ada"]

    # The broken plugin breaks nothing else: the good file imports on its own.
    again = site.whoknows("import", good)
    assert again.returncode == 0, again.stderr
    assert site.whoknows("plugins").returncode == 0


def test_a_misspelt_hook_is_named(site, tmp_path):
    site.install(
        "typo",
        """
        from whoknows import hookimpl

        @hookimpl
        def register_importer(register):
            pass
        """,
    )
    result = site.whoknows("plugins", "--format", "json")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "whoknows: plugin 'typo' implements 'register_importer', which is not a whoknows hook"
    ]
    assert next(p for p in json.loads(result.stdout) if p["name"] == "typo")["hooks"] == [
        "register_importer"
    ]


def test_a_third_party_importer_replaces_the_builtin_of_the_same_name(site, tmp_path):
    site.roster("better-linkedin", "linkedin", ".csv", company_suffix=" (via better-linkedin)")
    plugins = site.plugins()
    assert plugins["linkedin"]["builtin"] is True
    assert plugins["linkedin"]["importers"] == []
    assert plugins["better-linkedin"]["builtin"] is False
    assert plugins["better-linkedin"]["importers"] == ["linkedin"]

    connections = write(tmp_path / "Connections.csv", "Ada,Stripe")
    for args in (["import", connections], ["import", "--format", "linkedin", connections]):
        imported = site.whoknows(*args)
        assert imported.returncode == 0, imported.stderr
        people = json.loads(site.whoknows("people", "--format", "json").stdout)
        assert [p["company"] for p in people] == ["Stripe (via better-linkedin)"]


def test_detection_order_is_alphabetical_and_format_overrides_it(site, tmp_path):
    site.roster("zeta", "zeta", ".team", company_suffix=" (zeta)")
    site.roster("alpha", "alpha", ".team", company_suffix=" (alpha)")
    team = write(tmp_path / "a.team", "Ada,Stripe")

    detected = site.whoknows("import", team)
    assert "Imported alpha (alpha)" in detected.stdout
    forced = site.whoknows("import", "--format", "zeta", team)
    assert "Imported zeta (zeta)" in forced.stdout
    people = json.loads(site.whoknows("people", "--format", "json").stdout)
    assert {p["company"] for p in people} == {"Stripe (alpha)", "Stripe (zeta)"}


def test_same_importer_name_in_two_plugins_goes_to_the_first_plugin_name(site, tmp_path):
    site.roster("dup-b", "dup", ".dup", company_suffix=" (b)")
    site.roster("dup-a", "dup", ".dup", company_suffix=" (a)")
    plugins = site.plugins()
    assert (plugins["dup-a"]["importers"], plugins["dup-b"]["importers"]) == (["dup"], [])
    site.whoknows("import", write(tmp_path / "x.dup", "Ada,Stripe"))
    people = json.loads(site.whoknows("people", "--format", "json").stdout)
    assert [p["company"] for p in people] == ["Stripe (a)"]


def test_whoknows_load_plugins_loads_only_the_plugins_named(site, tmp_path):
    site.install("broken-import", "import whoknows_test_not_installed_dependency\n")
    site.roster("team", "team", ".team")
    site.roster("other", "other", ".other")

    only_team = site.whoknows("plugins", "--format", "json", WHOKNOWS_LOAD_PLUGINS="team")
    assert [p["name"] for p in json.loads(only_team.stdout)] == ["team"]
    assert only_team.stderr == ""  # the broken plugin was never imported

    both = site.plugins(WHOKNOWS_LOAD_PLUGINS=" team , linkedin ")
    assert sorted(both) == ["linkedin", "team"]

    assert site.plugins(WHOKNOWS_LOAD_PLUGINS="") == {}
    team = write(tmp_path / "a.team", "Ada,Stripe")
    nothing = site.whoknows("import", team, WHOKNOWS_LOAD_PLUGINS="")
    assert nothing.returncode == 2
    assert nothing.stderr.splitlines() == [
        f"whoknows: error: {team}: no importer recognises this file (importers: none installed)"
    ]
    assert site.whoknows("import", team, WHOKNOWS_LOAD_PLUGINS="team").returncode == 0


# The same rules in-process, through whoknows.testing, with a simulated built-in plugin.


class Claims:
    """A plugin whose importer `name` claims every .csv file."""

    def __init__(self, name: str) -> None:
        self.importer = type(
            "Importer",
            (),
            {
                "name": name,
                "description": f"{name} test importer",
                "detect": lambda self, path: path.suffix == ".csv",
                "read": lambda self, path: iter([Contact(source_key="x", company=name)]),
            },
        )()

    @hookimpl
    def register_importers(self, register):
        register(self.importer)


def test_third_party_importers_are_asked_before_builtins(whoknows_plugin, monkeypatch, tmp_path):
    path = write(tmp_path / "export.csv", "anything")
    whoknows_plugin(Claims("aaa-builtin"), name="fake-builtin")
    monkeypatch.setattr(plugin_manager, "builtin_plugins", {"fake-builtin"})
    assert importer_for(path) == "aaa-builtin"
    whoknows_plugin(Claims("zzz-third-party"), name="third-party")
    assert importer_for(path) == "zzz-third-party"


def test_registered_lasts_for_the_with_block_only(tmp_path):
    path = write(tmp_path / "export.csv", "anything")
    pm = plugin_manager.load_plugins()
    with registered(Claims("mine"), name="mine-plugin") as name:
        assert name == "mine-plugin" and importer_for(path) == "mine"
    assert pm.get_plugin("mine-plugin") is None
    assert "mine" not in all_importers()
