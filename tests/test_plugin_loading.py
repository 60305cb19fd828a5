"""Loading plugins: WHOKNOWS_LOAD_PLUGINS, broken plugins, hooks that raise."""

from __future__ import annotations

import json
import subprocess
import sys

from whoknows import hookimpl, plugin_manager
from whoknows.cli import cli
from whoknows.importers import all_importers


def run_cli(*args, env_extra=None, tmp_path=None):
    import os

    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "whoknows", *args], capture_output=True, text=True, env=env
    )


def test_load_plugins_env_restricts_loading(tmp_path):
    result = run_cli("plugins", "--format", "json", env_extra={"WHOKNOWS_LOAD_PLUGINS": ""})
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    result = run_cli("plugins", "--format", "json", env_extra={"WHOKNOWS_LOAD_PLUGINS": "linkedin"})
    assert [p["name"] for p in json.loads(result.stdout)] == ["linkedin"]


def test_plugins_command_marks_builtins(runner):
    result = runner.invoke(cli, ["plugins", "--format", "json"])
    assert result.exit_code == 0
    linkedin = next(p for p in json.loads(result.output) if p["name"] == "linkedin")
    assert linkedin["builtin"] is True
    assert linkedin["version"]


def test_a_plugin_that_raises_in_register_importers_is_named_and_skipped(capsys, roster_plugin):
    class Broken:
        @hookimpl
        def register_importers(self, register):
            raise ValueError("kaboom")

    pm = plugin_manager.load_plugins()
    broken = Broken()
    pm.register(broken, name="broken-test")
    try:
        importers = all_importers()
    finally:
        pm.unregister(broken)
    assert "roster" in importers
    err = capsys.readouterr().err
    assert "plugin 'broken-test' raised in register_importers" in err and "kaboom" in err
