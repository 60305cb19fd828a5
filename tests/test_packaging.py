"""The installed layout: one import name, no stray top-level `core` or `plugins`."""

from __future__ import annotations

import subprocess
import sys


def test_no_top_level_core_or_plugins_module_is_importable(tmp_path):
    code = (
        "import importlib.util as u, whoknows, whoknows.plugins;"
        "print(u.find_spec('core'), u.find_spec('plugins'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["None", "None"]


def test_builtin_importers_are_registered_through_the_entry_point_group():
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="whoknows")}
    assert names.get("linkedin") == "whoknows.plugins.linkedin"


def test_console_script_runs(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "whoknows", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "Find who you know at a company" in out
